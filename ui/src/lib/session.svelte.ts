// Who is at the desk when the UI runs against a team server (`agendapack server`, issue 18).
// In a browser, the UI asks GET /api/whoami at start, which the team server answers
// `{team: true, account, sso}` (account null before sign-in; sso true when the council's single
// sign-on is set up, so the sign-in form offers it) and the loopback `serve` answers
// `{team: false}`. In the desktop app, it asks the `team_status` command: the window works on
// the file on this computer ('single', as it always did) or, once the person has connected it to
// a team server, on that server (desktop/remote.rs forwards the commands, holding the session
// cookie in Rust); sign-in and sign-out then go through the `team_sign_in`/`team_sign_out`
// commands instead of /api/login. A command answered `sign_in_required` later (the session ran
// out, or the account was disabled) clears the account, and the app shows the sign-in form over
// the screen, so nothing on it is thrown away.
//
// Deliberately not here: the sign-in form (components/SignIn.svelte), the connect dialog
// (components/ConnectServer.svelte), what a role may do (the server decides; the UI shows the
// server's 403 sentence like any other error).
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { detectTransport, toApiError, whenSignInRequired } from './api';

export type SignedIn = { name: string; display: string; role: string };

/** The desktop's answer to `team_status`. */
export type DesktopStatus =
  | { mode: 'file' }
  | { mode: 'team'; address: string; fingerprint: string | null; account: SignedIn | null };

export const session = $state<{
  mode: 'unknown' | 'single' | 'team';
  account: SignedIn | null;
  wasSignedIn: boolean;
  /** Inside the desktop app, which can switch between its file and a team server. */
  desktop: boolean;
  /** The team server the desktop window works on (null: the file, or a browser). */
  server: { address: string; fingerprint: string | null } | null;
  /** The team server offers single sign-on with the council's account (a browser only). */
  sso: boolean;
}>({
  mode: 'unknown',
  account: null,
  wasSignedIn: false,
  desktop: false,
  server: null,
  sso: false,
});

function sessionEnded() {
  if (session.mode === 'team') session.account = null;
}
whenSignInRequired(sessionEnded);

type Fetch = typeof fetch;
type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

/** Sets the session from the desktop's `team_status` (or `team_connect`) answer. */
export function applyDesktopStatus(status: DesktopStatus): void {
  session.desktop = true;
  if (status.mode === 'team') {
    session.mode = 'team';
    session.server = { address: status.address, fingerprint: status.fingerprint };
    session.account = status.account ?? null;
    session.wasSignedIn = session.account !== null;
  } else {
    session.mode = 'single';
    session.server = null;
    session.account = null;
    session.wasSignedIn = false;
  }
}

let listening = false;

/** Finds out which kind of server this is and who is signed in. */
export async function detectSession(opts: { fetchImpl?: Fetch; win?: unknown; invokeImpl?: Invoke } = {}): Promise<void> {
  if (detectTransport(opts.win ?? globalThis) === 'tauri') {
    try {
      applyDesktopStatus(await (opts.invokeImpl ?? invoke)<DesktopStatus>('team_status'));
    } catch {
      session.desktop = true;
      session.mode = 'single';
    }
    if (!opts.invokeImpl && !listening) {
      listening = true;
      // The desktop's forwarder says when the server answered that no one is signed in.
      listen('team-session-ended', sessionEnded).catch(() => (listening = false));
    }
    return;
  }
  session.desktop = false;
  try {
    const res = await (opts.fetchImpl ?? fetch)('/api/whoami');
    const body = res.ok ? await res.json() : null;
    if (body && body.team === true) {
      session.mode = 'team';
      session.account = body.account ?? null;
      session.wasSignedIn = session.account !== null;
      session.sso = body.sso === true;
    } else {
      session.mode = 'single';
    }
  } catch {
    session.mode = 'single';
  }
}

/** Signs in; answers null, or the server's sentence saying why not. */
export async function signIn(name: string, password: string, opts: { fetchImpl?: Fetch; invokeImpl?: Invoke } = {}): Promise<string | null> {
  if (session.desktop) {
    try {
      session.account = await (opts.invokeImpl ?? invoke)<SignedIn>('team_sign_in', { request: { name, password } });
      session.wasSignedIn = true;
      return null;
    } catch (e) {
      return toApiError(e).message;
    }
  }
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

export async function signOut(opts: { fetchImpl?: Fetch; invokeImpl?: Invoke } = {}): Promise<void> {
  if (session.desktop) {
    await (opts.invokeImpl ?? invoke)('team_sign_out').catch(() => null);
  } else {
    await (opts.fetchImpl ?? fetch)('/api/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
  }
  session.account = null;
  session.wasSignedIn = false;
}
