// Browser end-to-end test of a meeting's history (issue 10) against the real backend and a real
// SQLite file (the harness of programme.e2e.mjs). With the demo council loaded and a pack built
// by the CLI (which records the publication with its SHA-256), it opens the agenda, opens
// "History of changes", and finds the published pack with the same SHA-256 as the file on disk
// and the import's lines naming the OS user; then it adds an agenda item in the page and finds
// that change at the top of the history. Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/audit.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'ui/package.json'));
const { chromium } = require('playwright-core');

const BIN = process.env.AGENDAPACK_BIN ?? path.join(root, 'target/debug/agendapack');
const SHOTS = path.join(root, 'docs/screenshots');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agendapack-e2e-audit-'));
const db = path.join(tmp, 'e2e.db');
let server = null;
let browser = null;
let currentPage = null;
const step = (msg) => console.log(`e2e audit: ${msg}`);

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



async function openHistory(page) {
  await page.getByRole('button', { name: 'History of changes' }).click();
  return until('the history to load', async () => {
    const text = await page.locator('#audit-body').innerText();
    return text.includes('Loading') ? null : text;
  });
}

async function main() {
  execFileSync(BIN, ['--db', db, 'init', '--demo'], { stdio: 'pipe', env: { ...process.env, USER: 'e2e-clerk' } });
  const pack = path.join(tmp, 'pack.pdf');
  execFileSync(BIN, ['--db', db, 'build', '--meeting', '1', '--out', pack], { stdio: 'pipe', env: { ...process.env, USER: 'e2e-clerk' } });
  const sha = crypto.createHash('sha256').update(fs.readFileSync(pack)).digest('hex');
  const base = await startServer();
  step(`server at ${base}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  currentPage = page;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // 1. The history shows the publication with the file's SHA-256 and who imported the demo.
  await page.goto(`${base}#/meetings/1`);
  const history = await openHistory(page);
  if (!history.includes(sha)) fail(`the history should show the pack's SHA-256 ${sha}; it shows: ${history.slice(0, 600)}`);
  if (!history.includes('e2e-clerk')) fail('the history should name the OS user who imported the meeting');
  if (!history.includes('Agenda item added')) fail('the import of the agenda should be in the history');
  step('history shows the publication and the import');

  // 2. A change made in the page is at the top of the history.
  await page.getByRole('button', { name: 'History of changes' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Audit trail check item');
  await page.getByRole('button', { name: 'Add item' }).click();
  await until('the new item to be on the agenda', async () => (await page.locator('ol.agenda').innerText()).includes('Audit trail check item'));
  await openHistory(page);
  const first = await page.locator('#audit-body tbody tr').first().innerText();
  if (!first.includes('Audit trail check item')) fail(`the newest line should be the added item, is: ${first}`);
  step('a change made in the page is at the top of the history');

  if (consoleErrors.length) fail(`the page logged errors: ${consoleErrors.join(' | ')}`);
}

let code = 0;
try {
  await main();
  step('PASS');
} catch (e) {
  console.error(`e2e audit: FAIL: ${e.message}`);
  code = 1;
  const where = path.join(os.tmpdir(), 'agendapack-e2e-audit-failure.png');
  if (currentPage) await currentPage.screenshot({ path: where }).then(() => console.error(`e2e audit: the page at the failure: ${where} (${currentPage.url()})`), () => {});
} finally {
  await browser?.close().catch(() => {});
  await stopServer().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
