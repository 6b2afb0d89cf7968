// The shared harness of the browser end-to-end tests (tests/e2e/*.e2e.mjs): it finds the
// repository, the `agendapack` binary and playwright-core (from ui/node_modules); makes a
// temporary directory with the test database path; loads the demo council with the CLI;
// starts `agendapack serve` on a free port (on a fresh or an existing database file, so a test
// can stop it and start a new server on the same file) and stops it, waiting for the process
// to exit; launches Debian's headless Chromium; records console errors, failed responses and
// requests to other origins; polls with bounded, self-describing waits (`until`); sends a
// command from inside a page as the UI does (`command`, `api`); takes screenshots (into
// docs/screenshots unless told); checks a screen with axe-core (`checkAxe`); and runs a test's
// `main` with its PASS/FAIL line, a screenshot of the page at a failure, and cleanup of what
// the test started itself, the browser, server and temporary files. The team server's tests
// add team_support.mjs (`agendapack server`, accounts, people signed in).
//
// It deliberately does not drive any screen or know about the UI: each test keeps its own steps,
// its own checks and its own choice of which page events count as failures (`checkPage` only
// reports the lists that test asked `openPage` to collect). It never downloads a browser.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'ui/package.json'));
const { chromium } = require('playwright-core');

export const BIN = process.env.AGENDAPACK_BIN ?? path.join(root, 'target/debug/agendapack');
export const SHOTS = path.join(root, 'docs/screenshots');

// Flags for Debian's chromium in a container or CI: no sandbox (often no user namespaces), no
// GPU, and nothing that phones home, so the only traffic is the test's own.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Debian's headless Chromium with CHROMIUM_ARGS (never a downloaded browser). */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Spawns the `agendapack` binary with `args`; `ready` is a bounded wait (saying `what`) until
 * `readyIn(output)`, over standard output and error together, answers something, which it
 * answers. The process is answered at once, so that a caller can end it whatever happens.
 */
export function startAgendapack(args, what, readyIn) {
  let output = '';
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const verb = args.find((a) => a === 'serve' || a === 'server') ?? args.join(' ');
  const ready = until(what, () => {
    if (exited !== null) fail(`agendapack ${verb} exited with ${exited}: ${output.trim()}`);
    return readyIn(output);
  }, 60_000);
  return { child, ready };
}

export function fail(msg) {
  throw new Error(msg);
}

/** Polls `fn` until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function until(what, fn, timeoutMs = 30_000, everyMs = 100) {
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

const AXE_SOURCE = path.join(root, 'ui/node_modules/axe-core/axe.min.js');

/**
 * Runs axe-core (pinned in ui/package.json) on the page as it is and fails naming every
 * violation (rule, and the first elements) on `screenName`. The script is evaluated through the
 * DevTools protocol, which the app's content-security policy does not apply to, so the UI under
 * test keeps its strict CSP. Returns the number of rules that passed, for the log.
 */
export async function checkAxe(page, screenName) {
  await frames(page);
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(fs.readFileSync(AXE_SOURCE, 'utf8'));
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`),
    };
  });
  if (result.violations.length) fail(`axe-core found ${result.violations.length} violation(s) on ${screenName}: ${result.violations.join(' | ')}`);
  return result.passes;
}

/** Waits two animation frames: a screenshot right after a DOM change can show the previous paint. */
export async function frames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** One command from inside the page (same origin, as the UI sends it): its status, its JSON
 *  body (null if it is not JSON) and its text. */
export async function command(page, name, request) {
  const { status, text } = await page.evaluate(async ([c, r]) => {
    const res = await fetch(`/api/${c}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
    return { status: res.status, text: await res.text() };
  }, [name, request]);
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: body stays null, the text says what came
  }
  return { status, body, text };
}

/** Calls one command from inside the page; fails the test unless it answers 200, and returns its JSON. */
export async function api(page, name, request) {
  const { status, text } = await command(page, name, request);
  if (status !== 200) fail(`${name} answered ${status}: ${text}`);
  return JSON.parse(text);
}

/**
 * One test's harness. `name` labels its log lines ("e2e minutes: ...") and names its temporary
 * directory and failure screenshot; without it they are "e2e: ..." and agendapack-e2e-*.
 */
export function harness(name) {
  const label = name ? `e2e ${name}` : 'e2e';
  const slug = name ? `agendapack-e2e-${name}` : 'agendapack-e2e';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${slug}-`));
  const db = path.join(tmp, 'e2e.db');
  let server = null;
  let browser = null;
  let currentPage = null;
  let watched = null;

  const step = (msg) => console.log(`${label}: ${msg}`);

  function requireBuilt() {
    if (!fs.existsSync(BIN)) fail(`${BIN} is missing: run \`cargo build -p agendapack\` first`);
    if (!fs.existsSync(path.join(root, 'ui/dist/index.html'))) fail('ui/dist is missing: run `npm run build` in ui/ first');
  }

  /** Runs the CLI on the test database (`--db` first); `env` replaces the environment if given. */
  function cli(args, env) {
    return execFileSync(BIN, ['--db', db, ...args], { stdio: 'pipe', ...(env ? { env } : {}) });
  }

  /** Item `number`'s report in meeting `meeting` as `agendapack export` writes it (the store's truth, not the screen's). */
  function exportedReport(meeting, number) {
    const json = JSON.parse(cli(['export', '--meeting', String(meeting)]).toString());
    const item = (json.items ?? []).find((i) => i.number === number);
    if (!item?.report) fail(`the export should hold item ${number} with its report`);
    return item.report;
  }

  /** Meeting `meeting`'s full pack built by the CLI into `name`: its text and its number of images. */
  function builtPack(meeting, name) {
    const out = path.join(tmp, name);
    cli(['build', '--meeting', String(meeting), '--edition', 'full', '--out', out]);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { maxBuffer: 64 << 20 }).toString();
    const list = execFileSync('pdfimages', ['-list', out]).toString().trim().split('\n');
    return { text, images: list.length - 2 }; // two header lines
  }

  /** A fresh database holding the demo council (seeds 001 and 002). */
  function initDemo(env) {
    requireBuilt();
    cli(['init', '--demo'], env);
  }

  /**
   * Starts `agendapack serve` on the test database as it is (no init, so a restart sees what the
   * last server wrote) and returns its base URL. `initDemo: true` first loads the demo council;
   * `external: true` lets AGENDAPACK_URL name a server the caller started instead.
   */
  async function startServer({ initDemo: init = false, external = false } = {}) {
    if (external && process.env.AGENDAPACK_URL) return process.env.AGENDAPACK_URL.replace(/\/?$/, '/');
    requireBuilt();
    if (init) initDemo();
    const started = startAgendapack(['serve', '--port', '0', '--db', db, '--ui', path.join(root, 'ui/dist')], 'the server to print its address', (output) => /(?:127\.0\.0\.1|localhost):(\d+)/.exec(output)?.[1]);
    server = started.child;
    const port = await started.ready;
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

  /**
   * Launches Chromium and opens one page (default timeout 20 s, en-GB). It always records console
   * errors and page errors. `responses: 'list'` also lists responses of 400 and over by status and
   * URL; `responses: 'errors'` counts them as console errors with the response body (which names
   * the failing command). `sameOrigin: base` lists requests to anywhere else.
   */
  async function openPage({ viewport, acceptDownloads = false, responses = null, sameOrigin = null }) {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport, ...(acceptDownloads ? { acceptDownloads: true } : {}), locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    currentPage = page;
    watched = { consoleErrors: [], failedResponses: responses === 'list' ? [] : null, offOrigin: sameOrigin ? [] : null };
    const w = watched;
    page.on('console', (m) => { if (m.type() === 'error') w.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => w.consoleErrors.push(e.message));
    // Chromium's "Failed to load resource" console message omits the URL: record failed
    // responses so a failure names what was missing.
    if (responses === 'list') page.on('response', (r) => { if (r.status() >= 400) w.failedResponses.push(`${r.status()} ${r.url()}`); });
    if (responses === 'errors') {
      page.on('response', async (r) => {
        if (r.status() >= 400) w.consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text().catch(() => '')}`);
      });
    }
    if (sameOrigin) {
      page.on('request', (r) => { if (!r.url().startsWith(sameOrigin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) w.offOrigin.push(r.url()); });
    }
    return { page, context };
  }

  /**
   * Fails if the page requested other origins, got missing resources or logged errors (in that
   * order). `expected` lists refusals the test provoked on purpose, as `"400 /api/docx_preview"`:
   * each must have happened, and each also excuses the one console line Chromium logs for it
   * ("Failed to load resource: ... status of 400"), which does not name the URL.
   */
  function checkPage({ expected = [] } = {}) {
    if (!watched) return;
    if (watched.offOrigin?.length) fail(`the UI must load nothing from other origins, but requested ${watched.offOrigin.join(', ')}`);
    let failed = watched.failedResponses ?? [];
    let consoleErrors = watched.consoleErrors;
    for (const want of expected) {
      const [status, suffix] = want.split(' ');
      const at = failed.findIndex((f) => f.startsWith(`${status} `) && f.endsWith(suffix));
      if (at < 0) fail(`the test expected the refusal "${want}", but it did not happen`);
      failed = failed.filter((_, i) => i !== at);
      const line = consoleErrors.findIndex((e) => e.startsWith('Failed to load resource') && e.includes(`status of ${status}`));
      if (line >= 0) consoleErrors = consoleErrors.filter((_, i) => i !== line);
    }
    if (failed.length) fail(`the UI requested missing resources: ${failed.join(', ')}`);
    if (consoleErrors.length) fail(`the page logged errors: ${consoleErrors.join(' | ')}`);
  }

  /**
   * Saves `name` once the page has painted: the viewport into docs/screenshots, or into `dir`;
   * the whole page with `fullPage`; only the element `part` (a locator) if given.
   */
  async function shot(page, name, { dir = SHOTS, fullPage = false, part = null } = {}) {
    await frames(page);
    fs.mkdirSync(dir, { recursive: true });
    const where = path.join(dir, name);
    if (part) await part.screenshot({ path: where });
    else await page.screenshot({ path: where, fullPage });
    step(`screenshot ${dir === SHOTS ? `docs/screenshots/${name}` : where}`);
  }

  /**
   * Runs the test and exits: PASS, or FAIL with a screenshot of the page; always cleans up,
   * first with `cleanup` (what the test started itself, such as a team server), then the
   * harness's own browser, server and temporary files.
   */
  async function run(main, { cleanup = null } = {}) {
    let code = 0;
    try {
      await main();
      step('PASS');
    } catch (e) {
      console.error(`${label}: FAIL: ${e.message}`);
      code = 1;
      const where = path.join(os.tmpdir(), `${slug}-failure.png`);
      if (currentPage) await currentPage.screenshot({ path: where }).then(() => console.error(`${label}: the page at the failure: ${where} (${currentPage.url()})`), () => {});
    } finally {
      if (cleanup) await Promise.resolve().then(cleanup).catch((e) => console.error(`${label}: cleanup: ${e.message}`));
      await browser?.close().catch(() => {});
      await stopServer().catch(() => {});
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    process.exit(code);
  }

  return { tmp, db, step, cli, exportedReport, builtPack, initDemo, startServer, stopServer, openPage, checkPage, shot, run };
}
