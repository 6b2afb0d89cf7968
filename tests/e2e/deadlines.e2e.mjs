// Browser end-to-end test of the Deadlines screen and the report editor's deadlines, against
// the real backend (`agendapack serve`) and a fresh demo database. The backend's clock is the
// real one, so the test makes its own meeting a week from today through the API: a report by
// "Erin Example" whose final-report deadline has passed (red, late) and one by someone else.
// It checks overdue rows come first and colours run red, amber, green; "My reports only" keeps
// only Erin's rows and the name survives a reload (localStorage); "Save .ics" downloads an
// iCalendar file; the report editor shows the late flag; the demo committee's rules are
// listed and a closure day can be added. Every wait is bounded.
//
//   node tests/e2e/deadlines.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agendapack-e2e-'));
let server = null;
let browser = null;
let currentPage = null;
const step = (msg) => console.log(`e2e: ${msg}`);

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

async function startServer() {
  if (process.env.AGENDAPACK_URL) return process.env.AGENDAPACK_URL.replace(/\/?$/, '/');
  if (!fs.existsSync(BIN)) fail(`${BIN} is missing: run \`cargo build -p agendapack\` first`);
  if (!fs.existsSync(path.join(root, 'ui/dist/index.html'))) fail('ui/dist is missing: run `npm run build` in ui/ first');
  const db = path.join(tmp, 'e2e.db');
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe' });
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

function stopServer() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
}

async function frames(page) {
  // A screenshot right after a DOM change can show the previous paint: wait two frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function shot(page, name) {
  await frames(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
  step(`screenshot docs/screenshots/${name}`);
}


async function api(base, command, request = {}) {
  const r = await fetch(`${base}api/${command}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const body = await r.json();
  if (!r.ok) fail(`${command} failed: ${JSON.stringify(body)}`);
  return body;
}

function isoDaysFromNow(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function addReport(base, meetingId, title, author) {
  const detail = await api(base, 'item_add', { meeting_id: meetingId, title, kind: 'report' });
  const item = detail.items.find((i) => i.title === title) ?? fail(`the new item "${title}" is on the agenda`);
  const report = (await api(base, 'report_get', { item_id: item.id })).report;
  report.authors = [{ name: author }];
  await api(base, 'report_save', { item_id: item.id, report });
  return item.id;
}

const RANK = { red: 0, amber: 1, green: 2 };

async function main() {
  const base = await startServer();
  step(`server at ${base}`);
  const committees = await api(base, 'committees_list');
  const committee = committees.find((c) => c.name === 'Overview and Scrutiny Committee') ?? fail('the demo committee exists');
  const meeting = await api(base, 'meeting_create', {
    committee_id: committee.id,
    starts_at: `${isoDaysFromNow(7)}T19:00:00`,
    venue: { kind: 'virtual' },
    contact_officer: { name: 'Masuma Ahmed', email: 'masuma.ahmed@example.org' },
  });
  const erinItem = await addReport(base, meeting.id, 'E2E deadlines report', 'Erin Example');
  await addReport(base, meeting.id, 'Someone else’s report', 'Other Person');
  step(`meeting ${meeting.id} a week from today with two reports`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  currentPage = page;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const failedResponses = [];
  page.on('response', (r) => { if (r.status() >= 400) failedResponses.push(`${r.status()} ${r.url()}`); });

  // 1. The dashboard from the navigation: overdue first, colours in order.
  await page.goto(base);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).click();
  await page.getByRole('heading', { name: 'Deadlines', level: 1 }).waitFor();
  const rows = page.getByTestId('deadline-row');
  await until('deadline rows to be listed', async () => (await rows.count()) > 0);
  const rags = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rag')));
  if (rags[0] !== 'red') fail(`the first row should be red (overdue): ${rags.join(', ')}`);
  for (let i = 1; i < rags.length; i++) {
    if (RANK[rags[i]] < RANK[rags[i - 1]]) fail(`rows must run red, amber, green: ${rags.join(', ')}`);
  }
  if (!rags.includes('green')) fail(`the draft minutes after the meeting should be green: ${rags.join(', ')}`);
  step(`${rags.length} rows, red first`);

  // 2. "My reports": only Erin's rows; the name is remembered across a reload.
  await page.getByTestId('author').fill('erin');
  await page.getByTestId('only-mine').check();
  await until('only Erin’s rows', async () => {
    const texts = await rows.allInnerTexts();
    return texts.length > 0 && texts.every((t) => t.includes('Erin Example'));
  });
  const late = await page.locator('[data-testid="deadline-row"] .tag.late').count();
  if (late === 0) fail('Erin’s final report is past its deadline, so a row is flagged late');
  await shot(page, 'deadlines.png');
  await page.reload();
  await page.getByRole('heading', { name: 'Deadlines', level: 1 }).waitFor();
  await until('the remembered author', async () => (await page.getByTestId('author').inputValue()) === 'erin');
  if (!(await page.getByTestId('only-mine').isChecked())) fail('"My reports only" is on again after a reload');
  step('my-reports filter works and is remembered');

  // 3. The meeting's deadlines as an .ics file.
  const button = page.locator('ul.ics li', { hasText: isoDaysFromNow(7).slice(0, 4) }).last().getByTestId('ics');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(tmp, 'deadlines.ics');
  await download.saveAs(file);
  const ics = fs.readFileSync(file, 'utf8');
  if (!ics.startsWith('BEGIN:VCALENDAR\r\n') || !ics.includes('BEGIN:VEVENT')) fail(`the download is an iCalendar file: ${ics.slice(0, 80)}`);
  step(`.ics downloaded (${download.suggestedFilename()})`);

  // 4. The report editor shows the report's deadlines and the late flag.
  await page.goto(`${base}#/reports/${erinItem}`);
  await page.getByTestId('report-deadlines').waitFor();
  await page.getByTestId('late-flag').waitFor();
  await until('the status history', async () => (await page.getByTestId('status-history').innerText()).includes('draft'));
  step('the report editor flags the report late');

  // 5. Democratic services' rules: the demo committee's rules are listed; a closure day is added.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).click();
  await page.getByRole('heading', { name: 'Deadline rules' }).waitFor();
  await page.locator('section.rules').getByLabel('Committee').selectOption({ label: 'Overview and Scrutiny Committee' });
  await until('the demo committee’s rules', async () => (await page.locator('section.rules').innerText()).includes('CSG Deadline, 14 working days before the meeting'));
  await page.locator('section.rules input[type="date"]').last().fill('2026-12-29');
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await until('the closure day to be listed', async () => (await page.locator('section.rules').innerText()).includes('Tuesday 29 December 2026'));
  step('rules listed and a closure day added');

  if (failedResponses.length) fail(`the UI requested missing resources: ${failedResponses.join(', ')}`);
  if (consoleErrors.length) fail(`the page logged errors: ${consoleErrors.join(' | ')}`);
}

let code = 0;
try {
  await main();
  step('PASS');
} catch (e) {
  console.error(`e2e: FAIL: ${e.message}`);
  code = 1;
  const where = path.join(os.tmpdir(), 'agendapack-e2e-failure.png');
  if (currentPage) await currentPage.screenshot({ path: where }).then(() => console.error(`e2e: the page at the failure: ${where} (${currentPage.url()})`), () => {});
} finally {
  await browser?.close().catch(() => {});
  stopServer();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
