// A local OpenID Connect provider for the single sign-on test (issue 18): panva's
// `oidc-provider` (pinned in ui/package.json) with its development sign-in form, which accepts
// any name with any password and signs that person in with `sub` and `preferred_username` both
// the name typed. It stands in for the council's identity provider (Entra ID, usually).
//
// It listens on 127.0.0.1 over plain HTTP: a test-only issuer, which `agendapack server`
// accepts only because the address is a loopback one (team/sso.rs). Its signing key is an RSA
// key made afresh at each start, so nothing secret is kept in the repository.
//
// The listening socket is opened first (`listen`), so the issuer's address can be given to
// the team server before the provider, which needs the team server's callback address for its
// one client, is made (`serve`).
//
// Deliberately not here: any browser step (oidc.e2e.mjs).
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './harness.mjs';

/**
 * Opens the provider's socket on a free loopback port; answers `{issuer, serve, close}`.
 * `serve({clientId, secret, redirectUri})` makes the provider with one confidential client
 * (code flow, PKCE required, secret by HTTP Basic) and answers every request from then on.
 */
export async function localProvider() {
  let handler = (_req, res) => {
    res.statusCode = 503;
    res.end('not ready');
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;

  async function serve({ clientId, secret, redirectUri }) {
    const { default: Provider } = await import(pathToFileURL(path.join(root, 'ui/node_modules/oidc-provider/lib/index.js')).href);
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: secret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
      jwks: { keys: [{ ...key, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      // The development form's name is the person: their subject and their user name.
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, preferred_username: id }) }),
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      // The profile claims go into the ID token itself, as Entra ID puts preferred_username there.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      cookies: { keys: [key.d.slice(0, 32)] },
    });
    handler = provider.callback();
  }

  function close() {
    server.closeAllConnections?.();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  return { issuer, serve, close };
}
