// What the team server's browser tests share (team, team_work, clearance, accounts; issues 18
// and 19): accounts made with `agendapack user add` (the password `NAME-demo-pass` on standard
// input, as scripts/team-demo.sh does), the real `agendapack server` over HTTPS on the test's
// database (its self-signed certificate accepted with ignoreHTTPSErrors, as a person accepts it
// after comparing the printed fingerprint), one browser context per person (their own cookies),
// sign-in through the form, the frame's "signed in as", and every person's script errors.
//
// Deliberately not here: any screen's steps (each test keeps its own), and what the harness
// already does for every test (bounded waits, commands from a page, screenshots, the run).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BIN, fail, launchChromium, root, startAgendapack, until } from './harness.mjs';

/** The password `user add` is given for account `name` (the demo's rule). */
export const demoPassword = (name) => `${name}-demo-pass`;

/**
 * The team on database `db`: `addUser` makes an account; `start()` starts the server and the
 * browser and answers the base URL; `atSignIn` and `person` open a person's browser; `people`
 * lists everyone opened; `checkScriptErrors()` fails naming whose page had any; `stop()` ends
 * the browser and the server.
 */
export function teamServer(db) {
  let server = null;
  let browser = null;
  const people = [];

  /** `agendapack user add NAME --role ROLE --display DISPLAY`, password `NAME-demo-pass`. */
  function addUser(name, role, display) {
    execFileSync(BIN, ['--db', db, 'user', 'add', name, '--role', role, '--display', display], { input: `${demoPassword(name)}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /**
   * Starts `agendapack server` (with `extra` flags, such as single sign-on's) on a free port and
   * the browser; answers the base URL once the server has printed its fingerprint.
   */
  async function start(extra = []) {
    const started = startAgendapack(['--db', db, 'server', '--listen', '127.0.0.1:0', '--ui', path.join(root, 'ui/dist'), ...extra], 'the team server to print its address and fingerprint',
      (output) => /fingerprint: [0-9A-F:]{95}/.test(output) && /https:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    server = started.child;
    const port = await started.ready;
    browser = await launchChromium();
    return `https://127.0.0.1:${port}/`;
  }

  /**
   * A person at their own browser (a context of its own), at the sign-in form, not yet signed
   * in; `who` names them in failures. Script errors on the page are collected in `errors`.
   */
  async function atSignIn(base, who) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1300, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in to AgendaPack' }).waitFor();
    const p = { context, page, errors, who };
    people.push(p);
    return p;
  }

  /** A person at their own browser, signed in as `name` and named `display` in the frame. */
  async function person(base, name, display, password = demoPassword(name)) {
    const p = await atSignIn(base, display);
    await signIn(p.page, name, password);
    await signedInAs(p.page, display);
    return Object.assign(p, { name, display });
  }

  function checkScriptErrors() {
    for (const p of people) if (p.errors.length) fail(`${p.who}'s page had script errors: ${p.errors.join(' | ')}`);
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

  return { addUser, start, atSignIn, person, people, checkScriptErrors, stop };
}

/** Fills and sends the sign-in form in `scope` (the page, or the "Sign in again" dialog over it). */
export async function signIn(scope, name, password) {
  await scope.getByLabel('Name').fill(name);
  // Exactly "Password": a screen beneath the dialog may have other password fields.
  await scope.getByLabel('Password', { exact: true }).fill(password);
  await scope.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the frame names `display` as signed in. */
export async function signedInAs(page, display) {
  await until(`${display} to be named as signed in`, async () => (await page.getByTestId('signed-in-as').innerText().catch(() => '')).includes(display));
}
