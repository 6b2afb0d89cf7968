// Browser end-to-end test of single sign-on with the council's identity provider (OpenID
// Connect, issue 18), against the real `agendapack server` over HTTPS started with
// `--oidc-issuer` and `--oidc-client-id` (the secret in AGENDAPACK_OIDC_SECRET) and a local
// provider (oidc_provider.mjs: panva's oidc-provider with its development sign-in form, on
// http://127.0.0.1, which the server allows only because it is a loopback address).
//   1. the sign-in form offers "Sign in with your council account" (zero axe-core violations); the officer follows it,
//      signs in at the provider as `olivia` (a local officer account), and lands on the app
//      signed in as Olivia Officer, an officer (the role from the local account table);
//   2. a person the provider knows but who has no account here (`stranger`) is refused with a
//      sentence, and is not signed in;
//   3. a return to the callback whose state is not the one this browser was given is refused,
//      and so is a return to a browser that never started a sign-in.
// Screenshot: docs/screenshots/team-signin-sso.png. Every wait is bounded and says what for.
//
//   node tests/e2e/oidc.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { checkAxe, fail, until, harness } from './harness.mjs';
import { signedInAs, teamServer } from './team_support.mjs';
import { localProvider } from './oidc_provider.mjs';

const { db, step, initDemo, shot, run } = harness('oidc');
const team = teamServer(db);
let provider = null;

const CLIENT = 'agendapack';
const SECRET = 'oidc-test-secret-not-for-use';

/** At the provider's development form: signs in as `login` (any password) and agrees to share the profile. */
async function atProvider(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Who the page's session is, asked of the server itself (not the screen). */
const whoami = (page) => page.evaluate(async () => (await fetch('/api/whoami')).json());

async function main() {
  initDemo();
  team.addUser('olivia', 'officer', 'Olivia Officer');
  provider = await localProvider();
  // From the environment, as a council would set it: never on the command line.
  process.env.AGENDAPACK_OIDC_SECRET = SECRET;
  const base = await team.start(['--oidc-issuer', provider.issuer, '--oidc-client-id', CLIENT]);
  await provider.serve({ clientId: CLIENT, secret: SECRET, redirectUri: `${base}auth/oidc/callback` });
  step(`team server at ${base}, provider at ${provider.issuer}`);

  // 1. The officer signs in with the council account.
  const officer = await team.atSignIn(base, 'the officer');
  const op = officer.page;
  const sso = op.getByRole('link', { name: 'Sign in with your council account' });
  await sso.waitFor();
  await checkAxe(op, 'the sign-in form offering single sign-on');
  await shot(op, 'team-signin-sso.png');
  await sso.click();
  await until('the provider\'s sign-in form', async () => op.url().startsWith(provider.issuer));
  await atProvider(op, 'olivia');
  await signedInAs(op, 'Olivia Officer');
  const me = await whoami(op);
  if (me.account?.name !== 'olivia' || me.account?.role !== 'officer') fail(`the officer should be signed in as olivia, an officer: ${JSON.stringify(me)}`);
  if (new URL(op.url()).pathname !== '/') fail(`the officer should land on the app at /, not ${op.url()}`);
  const meetings = await op.evaluate(async () => (await fetch('/api/meetings_list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  if (meetings !== 200) fail(`the signed-in officer's session should run commands (meetings_list: ${meetings})`);
  step('the officer signed in at the council\'s provider and landed signed in as Olivia Officer, an officer');

  // 2. Someone with no account here.
  const stranger = await team.atSignIn(base, 'a stranger');
  const sp = stranger.page;
  await sp.getByRole('link', { name: 'Sign in with your council account' }).click();
  await atProvider(sp, 'stranger');
  const refusal = await until('the refusal of a person with no account', async () => sp.locator('#sso-refusal').innerText().catch(() => ''));
  if (!refusal.includes('"stranger" has no AgendaPack account here')) fail(`the refusal should name the missing account: ${refusal}`);
  if ((await whoami(sp)).account !== null) fail('the stranger must not be signed in');
  step(`a person with no account is refused: ${refusal}`);

  // 3. A tampered state, and a return nobody started.
  const tamper = await team.atSignIn(base, 'a tamperer');
  const tp = tamper.page;
  const begun = await tamper.context.request.get(`${base}auth/oidc/start`, { maxRedirects: 0 });
  const location = begun.headers()['location'] ?? '';
  if (begun.status() !== 303 || !location.startsWith(`${provider.issuer}/auth?`)) fail(`start should send the browser to the provider: ${begun.status()} ${location}`);
  const sent = new URL(location).searchParams;
  for (const must of ['state', 'nonce', 'code_challenge']) if (!sent.get(must)) fail(`the authorization request should carry ${must}: ${location}`);
  if (sent.get('code_challenge_method') !== 'S256') fail('PKCE should use S256');
  await tp.goto(`${base}auth/oidc/callback?code=made-up&state=${encodeURIComponent(sent.get('state') + 'x')}`);
  const wrongState = await tp.locator('#sso-refusal').innerText();
  if (!wrongState.includes('does not belong to the sign-in this browser started')) fail(`a wrong state should be refused: ${wrongState}`);
  await tp.goto(`${base}auth/oidc/callback?code=made-up&state=${encodeURIComponent(sent.get('state'))}`);
  const usedUp = await tp.locator('#sso-refusal').innerText();
  if (!usedUp.includes('was not started in this browser')) fail(`a refused sign-in should be used up: ${usedUp}`);
  if ((await whoami(tp)).account !== null) fail('the tamperer must not be signed in');
  step('a callback with a wrong state is refused, and the sign-in it spoiled cannot be finished after');

  team.checkScriptErrors();
}

await run(main, { cleanup: async () => { await team.stop(); await provider?.close(); } });
