// End to end on the real desktop app: the Tauri binary (WebKitGTK webview) under Xvfb, driven
// through tauri-driver's WebDriver endpoint. run.sh prepares the database, the display and the
// driver and passes them in the environment:
//   AGENDAPACK_DESKTOP_BIN  the agendapack-desktop binary
//   WEBDRIVER_URL           tauri-driver, e.g. http://127.0.0.1:4444
//   DEMO_MEETING_ID         the demo meeting; LARGE_MEETING_ID the demo with its reports 4x over
//   SCREENSHOT              where to save the screenshot of the built pack
// (AGENDAPACK_DB is inherited by the app through tauri-driver and WebKitWebDriver.)
// Scenario 1: open the demo meeting's agenda, build its pack, check the pack and its page ranges,
// save a screenshot. Scenario 2: start building the large meeting, then navigate and type while it
// builds, and check the UI answered before the build finished. Scenario 3: "Import from Word" on
// a report, the file handed to the file input as WebDriver uploads files (the path the system
// file dialog gives the webview), previewed, applied and found in the store.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Session, waitFor } from './webdriver.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`desktop e2e: ${name} is not set (run tests/desktop.sh)`);
    process.exit(2);
  }
  return value;
};
const BIN = env('AGENDAPACK_DESKTOP_BIN');
const WEBDRIVER = env('WEBDRIVER_URL');
const DEMO = Number(env('DEMO_MEETING_ID'));
const LARGE = Number(env('LARGE_MEETING_ID'));
const SCREENSHOT = env('SCREENSHOT');

let failures = 0;
function check(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  } else {
    console.log(`ok: ${message}`);
  }
}

async function one(s, what, selector) {
  return waitFor(what, async () => (await s.css(selector))[0]);
}

async function xone(s, what, expr) {
  return waitFor(what, async () => (await s.xpath(expr))[0]);
}

/** Page ranges as the build result lists them: [{number, title, first, last}]. */
async function rangesShown(s) {
  return s.execute(`return [...document.querySelectorAll('[data-testid=build-result] table tbody tr')].map((tr) => {
      const cells = [...tr.cells].map((c) => c.textContent.trim());
      const m = /Pages (\\d+) - (\\d+)/.exec(cells[2] || '');
      return { number: cells[0], title: cells[1], first: m ? Number(m[1]) : null, last: m ? Number(m[2]) : null };
    });`);
}

async function demoPack(s) {
  // The start screen is the meetings list.
  const row = await one(s, 'the demo meeting in the meetings list', `tr[data-meeting-id="${DEMO}"]`);
  check((await s.text(row)).includes('Overview and Scrutiny Committee'), 'the demo meeting is listed with its committee');

  // Open the demo meeting's agenda.
  await s.click(await one(s, 'the link to the demo agenda', `tr[data-meeting-id="${DEMO}"] td a[href="#/meetings/${DEMO}"]`));
  await xone(s, 'the demo agenda to show its reports', `//*[contains(normalize-space(.), 'The Reviewed Corporate Plan') and not(*)]`);
  const agendaText = await s.execute('return document.querySelector("main").innerText');
  check(/Working with residents affected by Capital Works/.test(agendaText), 'the agenda lists the demo reports');

  // Build its pack: arriving on the build screen starts a public build.
  await s.click(await one(s, 'the Build pack button on the agenda', `main a.button[href="#/meetings/${DEMO}/build"]`));
  await waitFor('the demo pack build to finish', async () => {
    const failed = await s.css('.banner-error');
    if (failed.length) throw new Error(`the build failed: ${await s.text(failed[0])}`);
    if (!(await s.css('[data-testid=build-result]'))[0]) return null;
    // The build screen's one status region announces the result ("Built: 215 pages, 736 KB").
    const status = (await s.css('[data-testid=build-status]'))[0];
    const text = status && await s.text(status);
    return text && /Built: \d+ pages/.test(text) ? text : null;
  }, { timeout: 180000, every: 250 });
  const heading = await s.text(await one(s, 'the build status', '[data-testid=build-status]'));
  const pages = Number(/Built: (\d+) pages/.exec(heading)?.[1]);
  check(pages > 100, `the demo pack has its ~200 pages (${heading})`);

  const ranges = await rangesShown(s);
  const titled = (re) => ranges.find((r) => re.test(r.title));
  const plan = titled(/Reviewed Corporate Plan/);
  check(ranges.length >= 5, `the agenda lists page ranges for its items (${ranges.length})`);
  check(ranges.every((r) => r.first !== null && r.first >= 1 && r.last >= r.first && r.last <= pages), 'every range is within the pack and runs forwards');
  check(ranges.every((r, i) => i === 0 || r.first > ranges[i - 1].last), 'ranges follow the agenda order without overlapping');
  check(plan && plan.last - plan.first > 100, `the corporate plan item spans its long appendices (${plan && `${plan.first}-${plan.last}`})`);

  // The pack exists: the viewer got its bytes and draws its first page.
  // A fresh canvas is 300x150; a drawn A4 page is portrait.
  const viewer = await waitFor('the viewer to draw the first page', () =>
    s.execute(`const c = document.querySelector('main canvas');
      return c && c.height > c.width ? { width: c.width, height: c.height } : null;`), { timeout: 60000, every: 250 });
  check(viewer.height > viewer.width, `the viewer shows a portrait page (${viewer.width}x${viewer.height})`);
  const outline = await waitFor('the pack outline beside the viewer', () =>
    s.execute(`const nav = document.querySelector('nav[aria-label="Pack outline"]');
      return nav && /Minutes/.test(nav.innerText) ? nav.innerText : null;`), { timeout: 30000, every: 250 });
  check(/Reviewed Corporate Plan/.test(outline), 'the viewer lists the pack outline with the agenda items');

  const png = await s.screenshot();
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  writeFileSync(SCREENSHOT, png);
  check(png.length > 10000 && png.subarray(1, 4).toString() === 'PNG', `saved a screenshot of the built pack to ${SCREENSHOT}`);
  return pages;
}

async function buildDoesNotBlock(s, demoPages) {
  // Record pack-progress events with the time the page saw them (the Tauri event plugin, as
  // @tauri-apps/api's listen() does it).
  await s.executeAsync(`const done = arguments[arguments.length - 1];
    window.__e2eProgress = [];
    const handler = window.__TAURI_INTERNALS__.transformCallback((event) =>
      window.__e2eProgress.push({ at: performance.now(), ...event.payload }));
    window.__TAURI_INTERNALS__.invoke('plugin:event|listen', { event: 'pack-progress', target: { kind: 'Any' }, handler })
      .then(() => done(true), (e) => done(String(e)));`);

  await s.click(await one(s, 'the Meetings link in the navigation', 'nav a[href="#/meetings"]'));
  await s.click(await one(s, 'the Build pack link of the large meeting', `tr[data-meeting-id="${LARGE}"] a[href="#/meetings/${LARGE}/build"]`));
  await one(s, 'the progress bar of the large build', '[data-testid=build-status] progress');
  const startedAt = await s.execute('return performance.now()');

  // Navigate away and type while it builds.
  const t0 = Date.now();
  await s.click(await one(s, 'the Meetings link in the navigation', 'nav a[href="#/meetings"]'));
  await s.click(await one(s, 'the Schedule a meeting button', 'main .toolbar button.primary'));
  const venue = await one(s, 'the Venue field', '#m-venue');
  const typed = 'Council Chamber, Town Hall';
  await s.type(venue, typed);
  const value = await s.property(venue, 'value');
  const answeredAt = await s.execute('return performance.now()');
  const uiMs = Date.now() - t0;
  check(value === typed, `the Venue field took the typed text while the pack built (${JSON.stringify(value)})`);

  const finished = await waitFor('the large build to report done', async () => {
    const events = await s.execute('return window.__e2eProgress');
    return events.find((e) => e.state !== 'running') && events;
  }, { timeout: 600000, every: 500 });
  const end = finished.find((e) => e.state !== 'running');
  check(end.state === 'done', `the large pack built (${end.state}${end.error ? `: ${end.error.message}` : ''})`);
  check(end.result && end.result.pages > demoPages * 2, `the large pack is much longer than the demo (${end.result && end.result.pages} pages)`);
  const running = finished.filter((e) => e.state === 'running');
  check(running.length >= 2 && running.at(-1).progress > running[0].progress, `pack-progress events arrived while it built (${running.length}, up to ${running.at(-1)?.progress})`);
  check(answeredAt < end.at, `the UI answered a navigation and typing (${uiMs} ms) before the build finished (${Math.round(end.at - startedAt)} ms after it started)`);
}

async function wordImport(s) {
  const docx = resolve('tests/fixtures/docx/council_report.docx');
  await s.execute(`location.hash = '#/meetings/${DEMO}'`);
  await s.click(await xone(s, 'an Edit report link on the demo agenda', `//a[normalize-space(.)='Edit report']`));
  const title = await one(s, 'the report editor', 'input#r-title');
  const before = await s.property(title, 'value');
  // WebDriver's Element Send Keys on a file input uploads the file (the input need not be visible).
  await s.type(await one(s, 'the Import from Word file input', '[data-testid=word-file]'), docx);
  const cover = await one(s, 'the Word preview with its cover fields', '[data-testid=word-cover]');
  check((await s.text(cover)).includes('Budget Monitoring Report 2020/21'), 'the preview lists the Word cover sheet\'s title');
  await s.click(await one(s, 'Apply in the Word dialog', '[data-testid=word-dialog] button.primary'));
  const after = await waitFor('the Word title in the editor', async () => {
    const value = await s.property(title, 'value');
    return value !== before && value;
  }, { timeout: 60000, every: 250 });
  check(after === 'Budget Monitoring Report 2020/21', `the editor shows the imported title (${after})`);
  const meeting = await s.invoke('meeting_get', { id: DEMO });
  const item = (meeting.items ?? []).find((i) => i.report_title === 'Budget Monitoring Report 2020/21');
  check(Boolean(item), 'the store holds the imported report on its item');
}

const session = await Session.start(WEBDRIVER, {
  'tauri:options': { application: BIN },
});
try {
  const pages = await demoPack(session);
  await buildDoesNotBlock(session, pages);
  await wordImport(session);
} catch (e) {
  failures++;
  console.error(`FAIL: ${e.message}`);
  try {
    const path = SCREENSHOT.replace(/\.png$/, '-failure.png').replace(/^.*docs\/screenshots\//, `${process.env.TMPDIR || '/tmp'}/`);
    writeFileSync(path, await session.screenshot());
    console.error(`(screenshot of the failure: ${path})`);
  } catch {
    // the window may already be gone
  }
} finally {
  await session.end().catch(() => {});
}
if (failures) {
  console.error(`desktop e2e: ${failures} check(s) failed`);
  process.exit(1);
}
console.log('desktop e2e: all checks passed');
