// Who is at the desk when the UI runs against a team server (`agendapack server`, issue 18).
// The desktop app and the loopback `serve` have no accounts: there `mode` is 'single' and the
// UI is as it always was. At start the UI asks GET /api/whoami, which the team server answers
// `{team: true, account}` (account null before sign-in) and `serve` answers `{team: false}`;
// a command answered `sign_in_required` later (the session ran out, or the account was
// disabled) clears the account, and the app shows the sign-in form over the screen, so nothing
// on it is thrown away.
//
// Deliberately not here: the sign-in form (components/SignIn.svelte), what a role may do (the
// server decides; the UI shows the server's 403 sentence like any other error).
import { detectTransport, whenSignInRequired } from './api';

export type SignedIn = { name: string; display: string; role: string };

export const session = $state<{ mode: 'unknown' | 'single' | 'team'; account: SignedIn | null; wasSignedIn: boolean }>({
  mode: 'unknown',
  account: null,
  wasSignedIn: false,
});

whenSignInRequired(() => {
  if (session.mode === 'team') session.account = null;
});

type Fetch = typeof fetch;

/** Finds out which kind of server this is and who is signed in. */
export async function detectSession(opts: { fetchImpl?: Fetch; win?: unknown } = {}): Promise<void> {
  if (detectTransport(opts.win ?? globalThis) === 'tauri') {
    session.mode = 'single';
    return;
  }
  try {
    const res = await (opts.fetchImpl ?? fetch)('/api/whoami');
    const body = res.ok ? await res.json() : null;
    if (body && body.team === true) {
      session.mode = 'team';
      session.account = body.account ?? null;
      session.wasSignedIn = session.account !== null;
    } else {
      session.mode = 'single';
    }
  } catch {
    session.mode = 'single';
  }
}

/** Signs in; answers null, or the server's sentence saying why not. */
export async function signIn(name: string, password: string, opts: { fetchImpl?: Fetch } = {}): Promise<string | null> {
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    return 'The AgendaPack server could not be reached.';
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) return typeof body?.message === 'string' ? body.message : `The server answered ${res.status}.`;
  session.account = body as SignedIn;
  session.wasSignedIn = true;
  return null;
}

export async function signOut(opts: { fetchImpl?: Fetch } = {}): Promise<void> {
  await (opts.fetchImpl ?? fetch)('/api/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
  session.account = null;
  session.wasSignedIn = false;
}
