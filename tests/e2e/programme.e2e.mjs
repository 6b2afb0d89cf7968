// Browser end-to-end test of the planning screens against the real backend and a real SQLite
// file (headless Debian Chromium driven by playwright-core, the harness of minutes.e2e.mjs).
// With the demo council loaded it: opens the work programme board and finds seed 001's
// meetings with their deadlines ("(TBC)" for provisional dates); moves an item to the next
// meeting with Alt+Right and another by dragging, and finds both moves after a reload; views
// seed 000's tracker as at 1 December 2014 and records a progress update; adds a key decision
// to the forward plan and sees it flagged when its notice is late.
// Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/programme.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'ui/package.json'));
const { chromium } = require('playwright-core');

const BIN = process.env.AGENDAPACK_BIN ?? path.join(root, 'target/debug/agendapack');
const SHOTS = path.join(root, 'docs/screenshots');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agendapack-e2e-programme-'));
const db = path.join(tmp, 'e2e.db');
let server = null;
let browser = null;
let currentPage = null;
const step = (msg) => console.log(`e2e programme: ${msg}`);

function fail(msg) {
  throw new Error(msg);
}

async function until(what, fn, timeoutMs = 30_000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/** Starts `agendapack serve` on the test database; returns its base URL. */
async function startServer() {
  if (!fs.existsSync(BIN)) fail(`${BIN} is missing: run \`cargo build -p agendapack\` first`);
  if (!fs.existsSync(path.join(root, 'ui/dist/index.html'))) fail('ui/dist is missing: run `npm run build` in ui/ first');
  let output = '';
  server = spawn(BIN, ['serve', '--port', '0', '--db', db, '--ui', path.join(root, 'ui/dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  let exited = null;
  server.on('exit', (code) => (exited = code));
  const port = await until('the server to print its address', () => {
    if (exited !== null) fail(`agendapack serve exited with ${exited}: ${output.trim()}`);
    return /(?:127\.0\.0\.1|localhost):(\d+)/.exec(output)?.[1];
  }, 60_000);
  const url = `http://127.0.0.1:${port}/`;
  await until(`${url} to answer`, async () => (await fetch(url)).ok, 30_000);
  return url;
}

/** Stops the server and waits until the process has gone (so the next one reads the file fresh). */
async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const gone = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.exitCode === null && server.signalCode === null) fail('agendapack serve did not stop within 10 s');
}


const column = (page, name) => page.locator(`section[aria-label="${name}"]`);

async function main() {
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
  const base = await startServer();
  step(`server at ${base}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  currentPage = page;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // 1. The board: seed 001's meetings with their deadline columns.
  await page.goto(`${base}#/programme`);
  await page.getByTestId('board').waitFor();
  await page.getByTestId('committee').selectOption({ label: 'Overview and Scrutiny Committee' });
  const january = column(page, '6 January 2021');
  await january.waitFor();
  const janText = await january.innerText();
  if (!janText.includes('10am, Friday 18 December')) fail(`6 January should show its final report deadline, shows: ${janText}`);
  const march = await column(page, '3 March 2021').innerText();
  if (!march.includes('(TBC) 11 February')) fail(`a provisional date's deadline should print (TBC): ${march}`);
  step('board shows seed 001 meetings and deadlines');

  // 2. Keyboard move: the second item of 6 January to 26 January (the next column).
  const title = 'Report arising from recommendation 3 of A2020 Scrutiny Review on Best Value.';
  await january.getByRole('button', { name: title }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await until('the keyboard move to reach 26 January', async () =>
    (await column(page, '26 January 2021 (Extraordinary Meeting)').innerText()).includes(title));
  step('Alt+Right moved an item to the next meeting');

  // 3. Drag: the OneView item of 3 February onto 3 March.
  const dragged = 'OneView: Use, Governance, Ethics & Transparency';
  await column(page, '3 February 2021').getByRole('button', { name: dragged }).dragTo(column(page, '3 March 2021'));
  await until('the drag to reach 3 March', async () => (await column(page, '3 March 2021').innerText()).includes(dragged));
  await page.reload();
  await page.getByTestId('board').waitFor();
  await page.getByTestId('committee').selectOption({ label: 'Overview and Scrutiny Committee' });
  await column(page, '3 March 2021').waitFor();
  const after = await column(page, '3 March 2021').innerText();
  if (!after.includes(dragged) || !after.includes('moved 1')) fail(`after a reload the dragged item is still on 3 March with its move recorded: ${after}`);
  if (!(await column(page, '26 January 2021 (Extraordinary Meeting)').innerText()).includes(title)) fail('the keyboard move survives a reload');
  await column(page, '3 March 2021').getByRole('button', { name: 'History' }).first().click();
  const moves = await page.getByTestId('history').innerText();
  if (!moves.includes('3 February 2021 → 3 March 2021')) fail(`the item's history shows its move: ${moves}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'programme-board.png'), fullPage: false });
  step('drag and drop moved an item; both moves survive a reload, with their history');

  // 4. Tracker as at a date, and a progress update.
  await page.goto(`${base}#/trackers`);
  await page.getByTestId('tracker-summary').waitFor();
  await page.getByTestId('as-at').fill('2014-12-01');
  await until('the as-at summary', async () => (await page.getByTestId('tracker-summary').innerText()).includes('30 recommendations, 64 actions, 11 complete'));
  await page.getByRole('button', { name: 'Add progress' }).first().click();
  await page.getByRole('textbox', { name: 'Progress' }).fill('Delivery plan reviewed at CMT');
  await page.getByRole('button', { name: 'Save progress' }).click();
  await until('the recorded progress to show', async () => (await page.locator('table').innerText()).includes('Delivery plan reviewed at CMT'));
  await page.getByTestId('attach-meeting').selectOption({ label: 'Overview and Scrutiny Committee, 2 December 2020' });
  await until('the reports of the meeting to be listed', async () => (await page.getByTestId('attach-report').locator('option').count()) > 1);
  await page.getByTestId('attach-report').selectOption({ index: 1 });
  await page.getByRole('button', { name: /Add to the report as an appendix/ }).click();
  await until('the tracker to be added as an appendix', async () => (await page.locator('main').innerText()).includes('(progress as at 1 December 2014)'));
  step('tracker as at 1 December 2014, a progress update, and the tracker added to a report as an appendix');

  // 5. Forward plan: a decision published too late is flagged.
  await page.goto(`${base}#/forward-plan`);
  await page.getByTestId('fp-summary').waitFor();
  await page.getByLabel('Reference').fill('FP/E2E/1');
  await page.getByLabel('Decision', { exact: true }).fill('Award of the highways maintenance contract');
  await page.getByLabel('Decision date').fill('2030-03-01');
  await page.getByLabel('First published').fill('2030-02-20');
  await page.getByRole('button', { name: 'Save' }).click();
  await until('the late decision to be listed and flagged', async () => {
    const text = await page.getByTestId('forward-plan').innerText();
    return text.includes('FP/E2E/1') && text.includes('LATE');
  });
  step('forward plan flags a late notice');

  if (consoleErrors.length) fail(`the page logged errors: ${consoleErrors.join(' | ')}`);
}

let code = 0;
try {
  await main();
  step('PASS');
} catch (e) {
  console.error(`e2e programme: FAIL: ${e.message}`);
  code = 1;
  const where = path.join(os.tmpdir(), 'agendapack-e2e-programme-failure.png');
  if (currentPage) await currentPage.screenshot({ path: where }).then(() => console.error(`e2e programme: the page at the failure: ${where} (${currentPage.url()})`), () => {});
} finally {
  await browser?.close().catch(() => {});
  await stopServer().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
