import { describe, expect, it } from 'vitest';
import { call } from './api';
import { detectSession, session, signIn, signOut } from './session.svelte';

/** A fetch that answers one JSON body with one status, whatever is asked. */
function answering(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}

describe('session', () => {
  it('is single-desk in the desktop app without asking anyone', async () => {
    let asked = false;
    const fetchImpl = (async () => { asked = true; return new Response('{}'); }) as typeof fetch;
    await detectSession({ fetchImpl, win: { __TAURI_INTERNALS__: {} } });
    expect(session.mode).toBe('single');
    expect(asked).toBe(false);
  });

  it('is the desktop window on a team server when team_status says so, signing in through the desktop', async () => {
    const asked: [string, unknown][] = [];
    const account = { name: 'officer', display: 'Demo Officer', role: 'officer' };
    const invokeImpl = (async (cmd: string, args?: unknown) => {
      asked.push([cmd, args]);
      if (cmd === 'team_status') return { mode: 'team', address: 'server:8443', fingerprint: 'AB:CD', account: null };
      if (cmd === 'team_sign_in') {
        const { request } = args as { request: { password: string } };
        if (request.password !== 'right') throw { code: 'sign_in_required', message: 'The name or password is wrong.' };
        return account;
      }
      return {};
    }) as never;
    await detectSession({ win: { __TAURI_INTERNALS__: {} }, invokeImpl });
    expect(session).toMatchObject({ mode: 'team', desktop: true, server: { address: 'server:8443', fingerprint: 'AB:CD' }, account: null });
    expect(await signIn('officer', 'wrong', { invokeImpl })).toBe('The name or password is wrong.');
    expect(await signIn('officer', 'right', { invokeImpl })).toBeNull();
    expect(session).toMatchObject({ account, wasSignedIn: true });
    await signOut({ invokeImpl });
    expect(session.account).toBeNull();
    expect(asked.map(([cmd]) => cmd)).toEqual(['team_status', 'team_sign_in', 'team_sign_in', 'team_sign_out']);
    await detectSession({ win: { __TAURI_INTERNALS__: {} }, invokeImpl: (async () => ({ mode: 'file' })) as never });
    expect(session).toMatchObject({ mode: 'single', server: null });
    session.desktop = false;
  });

  it('is single-desk against the loopback serve, which says team: false', async () => {
    await detectSession({ fetchImpl: answering(200, { team: false, account: null }), win: {} });
    expect(session.mode).toBe('single');
  });

  it('offers the council account only when the team server says it has single sign-on', async () => {
    await detectSession({ fetchImpl: answering(200, { team: true, account: null, sso: true }), win: {} });
    expect(session).toMatchObject({ mode: 'team', sso: true });
    await detectSession({ fetchImpl: answering(200, { team: true, account: null }), win: {} });
    expect(session.sso).toBe(false);
  });

  it('is a team server with no one signed in until sign-in', async () => {
    await detectSession({ fetchImpl: answering(200, { team: true, account: null }), win: {} });
    expect(session).toMatchObject({ mode: 'team', account: null, wasSignedIn: false });
    const refused = await signIn('officer', 'wrong', { fetchImpl: answering(401, { code: 'sign_in_required', message: 'The name or password is wrong.' }) });
    expect(refused).toBe('The name or password is wrong.');
    expect(session.account).toBeNull();
    const account = { name: 'officer', display: 'Demo Officer', role: 'officer' };
    expect(await signIn('officer', 'right', { fetchImpl: answering(200, account) })).toBeNull();
    expect(session).toMatchObject({ account, wasSignedIn: true });
  });

  it('forgets the account when a command says the session has ended, keeping wasSignedIn for the overlay', async () => {
    await detectSession({ fetchImpl: answering(200, { team: true, account: { name: 'clerk', display: 'Demo Clerk', role: 'clerk' } }), win: {} });
    await expect(call('meetings_list', {}, { fetchImpl: answering(401, { code: 'sign_in_required', message: 'Sign in first.' }), win: {} })).rejects.toThrow('Sign in first.');
    expect(session).toMatchObject({ mode: 'team', account: null, wasSignedIn: true });
  });
});
