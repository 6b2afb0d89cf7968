// People at the team server (issue 18) for the browser end-to-end tests: start the real
// `agendapack server` over HTTPS on a test database (its self-signed certificate is accepted as a
// person accepts it after comparing the printed fingerprint), add accounts with `user add` (the
// password `NAME-demo-pass` on standard input, as scripts/team-demo.sh does), and open a browser
// context of a person's own (their own cookies) signed in.
//
// Deliberately not here: any screen's steps (each test keeps its own).
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BIN, fail, root, until } from './harness.mjs';

const require = createRequire(path.join(root, 'ui/package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** `agendapack user add NAME --role ROLE --display DISPLAY`, password `NAME-demo-pass`. */
export function addUser(db, name, role, display) {
  execFileSync(BIN, ['--db', db, 'user', 'add', name, '--role', role, '--display', display], { input: `${name}-demo-pass\n`, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The team server and a browser: `start()` answers the base URL; `person(name)` a signed-in page; `stop()` ends both. */
export function teamServer(db) {
  let server = null;
  let browser = null;

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

  /**
   * A person at their own browser, signed in as `name` (password `NAME-demo-pass`); `display`
   * is checked in the frame. Script errors on the page are collected in `errors`.
   */
  async function person(base, name, display) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1300, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in to AgendaPack' }).waitFor();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Password').fill(`${name}-demo-pass`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(`${display} to be named as signed in`, async () => (await page.getByTestId('signed-in-as').innerText().catch(() => '')).includes(display));
    return { page, errors, name, display };
  }

  /** Ends the browser and the server (once: a second call finds them gone). */
  async function stop() {
    await browser?.close().catch(() => {});
    browser = null;
    // A process ended by a signal has no exit code but a signal code: both mean it is gone.
    if (server && server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    }
    server = null;
  }

  return { start, person, stop };
}
