// What the team server's browser tests share (team.e2e.mjs, team_work.e2e.mjs): accounts made
// with `agendapack user add`, the real `agendapack server` over HTTPS with its self-signed
// certificate (accepted with ignoreHTTPSErrors, as a person accepts it after comparing the
// printed fingerprint), one browser context per person (each with its own cookies), sign-in
// through the form, and a command sent from inside a person's page as the UI sends it.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BIN, fail, root, until } from './harness.mjs';

const require = createRequire(path.join(root, 'ui/package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The team server and the browser for one test on database `db`; `stop()` ends both. */
export function teamServer(db) {
  let server = null;
  let browser = null;

  /** `agendapack user add NAME --role ROLE` with the demo password rule (NAME-demo-pass) on standard input. */
  function addUser(name, role, display) {
    execFileSync(BIN, ['--db', db, 'user', 'add', name, '--role', role, '--display', display], { input: `${name}-demo-pass\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Starts `agendapack server` on a free port; answers its base URL once it has printed its fingerprint. */
  async function start() {
    let output = '';
    server = spawn(BIN, ['--db', db, 'server', '--listen', '127.0.0.1:0', '--ui', path.join(root, 'ui/dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    let exited = null;
    server.on('exit', (code) => (exited = code));
    const port = await until('the team server to print its address and fingerprint', () => {
      if (exited !== null) fail(`agendapack server exited with ${exited}: ${output.trim()}`);
      return /fingerprint: [0-9A-F:]{95}/.test(output) && /https:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    }, 60_000);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    return `https://127.0.0.1:${port}/`;
  }

  /** A person at their own browser: a context of its own, at the sign-in form. */
  async function person(base) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1300, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in to AgendaPack' }).waitFor();
    return { context, page, errors };
  }

  async function stop() {
    await browser?.close().catch(() => {});
    if (server && server.exitCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    }
  }

  return { addUser, start, person, stop };
}

export async function signIn(page, name, password) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A command from inside the page, as the UI sends it: status and body. */
export async function command(page, name, request) {
  return page.evaluate(async ([c, r]) => {
    const res = await fetch(`/api/${c}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, [name, request]);
}
