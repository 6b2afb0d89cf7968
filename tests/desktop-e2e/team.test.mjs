// The desktop app connected to a team server (issue 18, item 6), on the real app (WebKitGTK
// under Xvfb, through tauri-driver). team.sh prepares the two databases and passes:
//   AGENDAPACK_DESKTOP_BIN, AGENDAPACK_CLI, WEBDRIVER_URL
//   SERVER_DB         the team server's database (this script starts and restarts the server)
//   SERVER_MEETINGS   its meeting ids, "1,2,3"; LOCAL_MEETINGS the desktop file's; EXTRA_MEETING
//                     the one only the server has
//   SETTINGS_FILE     where the desktop keeps its choice and trusted fingerprints
//   SCREENSHOTS       the folder for desktop-connect.png and desktop-team.png
// Scenario: the window starts on its own file; "Connect to a team server": a wrong address is one
// sentence beside the field; the server's fingerprint is shown and equals the one the server
// printed; trust, sign in as the officer (a wrong password first); the meetings list is the
// server's; another officer adds an item over HTTPS and the agenda open in the window shows it
// without a reload (live updates); a pack is built on the server and its PDF fetched through the
// window; the app started again asks to sign in to the remembered server; the server is
// restarted with a new certificate and the window refuses it naming both fingerprints; "Use the
// file on this computer" goes back to the local meetings; looking the server up again says the
// certificate has changed, with the one trusted before.
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Session, waitFor } from './webdriver.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`desktop team e2e: ${name} is not set (run tests/desktop-e2e/team.sh)`);
    process.exit(2);
  }
  return value;
};
const BIN = env('AGENDAPACK_DESKTOP_BIN');
const CLI = env('AGENDAPACK_CLI');
const WEBDRIVER = env('WEBDRIVER_URL');
const SERVER_DB = env('SERVER_DB');
const SERVER_MEETINGS = env('SERVER_MEETINGS');
const LOCAL_MEETINGS = env('LOCAL_MEETINGS');
const EXTRA = Number(env('EXTRA_MEETING'));
const SETTINGS_FILE = env('SETTINGS_FILE');
const SCREENSHOTS = env('SCREENSHOTS');

let failures = 0;
function check(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  } else {
    console.log(`ok: ${message}`);
  }
}

/** Starts `agendapack server` on SERVER_DB; resolves with {child, port, fingerprint}. */
function startServer(listen) {
  const child = spawn(CLI, ['--db', SERVER_DB, 'server', '--listen', listen, '--ui', 'ui/dist'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let port = null;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const at = /^AgendaPack team server on https:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (at) port = Number(at[1]);
      const fp = /^Certificate SHA-256 fingerprint: (.+)$/.exec(line);
      if (fp) resolve({ child, port, fingerprint: fp[1] });
    });
    child.on('exit', (code) => reject(new Error(`the team server stopped (${code}) before it printed its fingerprint`)));
  });
}

async function stopServer(server) {
  const gone = new Promise((r) => server.child.once('exit', r));
  server.child.kill();
  await gone;
}

/** POSTs JSON to the team server as another desk would, trusting only its own certificate. */
function post(server, path, body, cookie) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1', port: server.port, path, method: 'POST',
      ca: readFileSync(`${SERVER_DB}.server-cert.pem`),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(cookie ? { cookie } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0], text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function one(s, what, selector, opts) {
  return waitFor(what, async () => (await s.css(selector))[0], opts);
}

async function shownMeetings(s) {
  const ids = await s.execute('return [...document.querySelectorAll("tr[data-meeting-id]")].map((tr) => Number(tr.dataset.meetingId)).sort((a, b) => a - b).join(",")');
  return ids;
}

async function clearAndType(s, element, text) {
  await s.cmd('POST', `/element/${element}/clear`, {});
  await s.type(element, text);
}

async function save(s, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const png = await s.screenshot();
  writeFileSync(join(SCREENSHOTS, name), png);
  console.log(`(screenshot: ${join(SCREENSHOTS, name)})`);
}

async function openConnect(s) {
  await s.click(await one(s, 'the Connect to a team server button', '[data-testid=open-connect]'));
  return one(s, 'the address field', '[data-testid=connect-dialog] input[name=address]');
}

let server = await startServer('127.0.0.1:0');
const address = `127.0.0.1:${server.port}`;
let s = await Session.start(WEBDRIVER, { 'tauri:options': { application: BIN } });
try {
  // 1. The window starts on its own file.
  await waitFor('the local meetings list', async () => (await shownMeetings(s)) === LOCAL_MEETINGS || null);
  check(!LOCAL_MEETINGS.split(',').includes(String(EXTRA)), 'the extra meeting is only on the server');
  check((await s.text(await one(s, 'where the window works', '[data-testid=works-on]'))) === 'The file on this computer', 'the window says it works on the file on this computer');

  // 2. Connect: a wrong address first, then the server's.
  let field = await openConnect(s);
  await clearAndType(s, field, `http://${address}`);
  await s.click(await one(s, 'Look up', '[data-testid=connect-dialog] button[type=submit]'));
  const wrong = await s.text(await one(s, 'the address error', '[data-testid=connect-error]'));
  check(/only HTTPS/.test(wrong), `a plain-HTTP address is one sentence beside the field (${wrong})`);
  await clearAndType(s, field, address);
  await s.click(await one(s, 'Look up', '[data-testid=connect-dialog] button[type=submit]'));
  const shown = await s.text(await one(s, 'the server fingerprint', '[data-testid=connect-fingerprint]', { timeout: 30000 }));
  check(shown === server.fingerprint, `the dialog shows the fingerprint the server printed (${shown})`);
  check((await s.css('[data-testid=connect-changed]')).length === 0, 'a first connection has no "changed" warning');
  await save(s, 'desktop-connect.png');
  await s.click(await one(s, 'Trust and connect', '[data-testid=connect-trust]'));

  // 3. The page reloads onto the sign-in form for that server; a wrong password, then the right one.
  const where = await s.text(await one(s, 'the sign-in form naming the server', '[data-testid=signin-server]', { timeout: 30000 }));
  check(where === `Team server ${address}`, `the sign-in form names the server (${where})`);
  const settings = JSON.parse(readFileSync(SETTINGS_FILE, 'utf8'));
  check(settings.server === address && settings.trusted[address] === server.fingerprint, 'the choice and the trusted fingerprint are kept in the settings file');
  await s.type(await one(s, 'the name field', 'form.signin input[name=name]'), 'officer');
  const password = await one(s, 'the password field', 'form.signin input[name=password]');
  await s.type(password, 'wrong-password');
  await s.click(await one(s, 'Sign in', 'form.signin button[type=submit]'));
  const refused = await s.text(await one(s, 'the sign-in error', 'form.signin .error', { timeout: 30000 }));
  check(refused === 'The name or password is wrong.', `a wrong password is refused by the server (${refused})`);
  await clearAndType(s, password, 'officer-password-1');
  await s.click(await one(s, 'Sign in', 'form.signin button[type=submit]'));

  // 4. The same screens, on the server's database.
  await waitFor('the server\'s meetings list', async () => (await shownMeetings(s)) === SERVER_MEETINGS || null, { timeout: 30000 });
  check(true, `the meetings list is the server's (${SERVER_MEETINGS}), not the file's (${LOCAL_MEETINGS})`);
  check(Boolean((await s.css(`tr[data-meeting-id="${EXTRA}"]`))[0]), 'the meeting only the server has is listed');
  const who = await s.text(await one(s, 'who is signed in', '[data-testid=signed-in-as]'));
  check(who === 'Olive Officer (officer)', `the officer is signed in (${who})`);
  check((await s.text(await one(s, 'where the window works', '[data-testid=works-on]'))) === `Team server ${address}`, 'the window says it works on the team server');
  const cookieSeen = await s.execute('return document.cookie');
  check(cookieSeen === '', 'the page holds no session cookie (it stays in the desktop process)');
  await save(s, 'desktop-team.png');

  // 5. Another officer adds an item from another desk: the agenda open in the window shows it.
  await s.execute(`location.hash = '#/meetings/${EXTRA}'`);
  await waitFor('the agenda of the extra meeting', async () => /Working with residents affected by Capital Works/.test(await s.execute('return document.querySelector("main").innerText')) || null, { timeout: 30000 });
  const other = await post(server, '/api/login', { name: 'other', password: 'other-password-1' });
  check(other.status === 200, 'a second officer signs in at another desk');
  const added = await post(server, '/api/item_add', { meeting_id: EXTRA, title: 'Live item from another desk', kind: 'standard-text' }, other.cookie);
  check(added.status === 200, `the second officer adds an item (${added.status})`);
  await waitFor('the new item in the open agenda', async () => /Live item from another desk/.test(await s.execute('return document.querySelector("main").innerText')) || null, { timeout: 30000 });
  check(true, 'the agenda open in the window shows the other officer\'s item without a reload');
  await save(s, 'desktop-team-live.png');
  await s.execute("location.hash = '#/meetings'");

  // 6. A pack built on the server and its PDF fetched through the window's commands.
  const { job_id } = await s.invoke('pack_build', { meeting_id: EXTRA, edition: 'public', supplement: false, draft: false });
  const job = await waitFor('the pack build on the server', async () => {
    const j = await s.invoke('pack_job', { job_id });
    return j.state === 'running' ? null : j;
  }, { timeout: 180000, every: 250 });
  check(job.state === 'done', `the server built the pack (${job.state})`);
  const { base64 } = await s.invoke('pack_pdf', { job_id });
  check(Buffer.from(base64, 'base64').subarray(0, 5).toString() === '%PDF-', 'the pack PDF comes from the server through the window');

  // 7. The app started again remembers the server: the sign-in form for it, then its meetings.
  await s.end();
  s = await Session.start(WEBDRIVER, { 'tauri:options': { application: BIN } });
  const again = await s.text(await one(s, 'the sign-in form after a restart', '[data-testid=signin-server]', { timeout: 30000 }));
  check(again === `Team server ${address}`, `started again, the app asks to sign in to the remembered server (${again})`);
  await s.type(await one(s, 'the name field', 'form.signin input[name=name]'), 'officer');
  await s.type(await one(s, 'the password field', 'form.signin input[name=password]'), 'officer-password-1');
  await s.click(await one(s, 'Sign in', 'form.signin button[type=submit]'));
  await waitFor('the server\'s meetings list after the restart', async () => (await shownMeetings(s)) === SERVER_MEETINGS || null, { timeout: 30000 });
  check(true, 'signed in again, the window shows the server\'s meetings');

  // 8. The server comes back with another certificate: the window refuses it, naming both.
  const trusted = server.fingerprint;
  await stopServer(server);
  rmSync(`${SERVER_DB}.server-cert.pem`);
  rmSync(`${SERVER_DB}.server-key.pem`);
  server = await startServer(address);
  check(server.fingerprint !== trusted, 'the restarted server has a new certificate');
  const changed = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke('meetings_list', { request: {} }).then(() => done(null), (e) => done(e.message));`,
  );
  check(typeof changed === 'string' && changed.includes('has changed') && changed.includes(trusted) && changed.includes(server.fingerprint),
    `a changed certificate is refused, naming both fingerprints (${changed})`);

  // 9. Back to the file on this computer.
  await openConnect(s);
  await s.click(await one(s, 'Use the file on this computer', '[data-testid=connect-use-file]'));
  await waitFor('the local meetings list again', async () => (await shownMeetings(s)) === LOCAL_MEETINGS || null, { timeout: 30000 });
  check(true, 'the window is back on the file on this computer');
  check(JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')).server === null, 'the settings file says so');

  // 10. Looking the server up again says loudly that its certificate has changed.
  field = await openConnect(s);
  await clearAndType(s, field, address);
  await s.click(await one(s, 'Look up', '[data-testid=connect-dialog] button[type=submit]'));
  const warning = await s.text(await one(s, 'the changed-certificate warning', '[data-testid=connect-changed]', { timeout: 30000 }));
  const now = await s.text(await one(s, 'the new fingerprint', '[data-testid=connect-fingerprint]'));
  check(warning.includes('has changed') && warning.includes(trusted) && now === server.fingerprint, 'the dialog shows the change with the fingerprint trusted before and the new one');
  await save(s, 'desktop-connect-changed.png');
} catch (e) {
  failures++;
  console.error(`FAIL: ${e.message}`);
  try {
    const path = `${process.env.TMPDIR || '/tmp'}/desktop-team-failure.png`;
    writeFileSync(path, await s.screenshot());
    console.error(`(screenshot of the failure: ${path})`);
  } catch {
    // the window may already be gone
  }
} finally {
  await s.end().catch(() => {});
  await stopServer(server).catch(() => {});
}
if (failures) {
  console.error(`desktop team e2e: ${failures} check(s) failed`);
  process.exit(1);
}
console.log('desktop team e2e: all checks passed');
