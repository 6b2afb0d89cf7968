// Browser end-to-end accessibility test (issue 14, point 5): axe-core on every screen of the web
// UI, on the demo council, with zero violations as the bar. On the build screen it also checks
// what a keyboard or screen-reader user meets: the one status region holds "Built: N pages, S"
// after the build and has the focus; the outline shows the items with their headings collapsed
// (aria-expanded="false") and fewer Tab stops than entries; the skip link lands on the page view;
// find-in-pack lists pages with counts and highlights the matches on the page shown.
//
//   node tests/e2e/a11y.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { checkAxe, fail, until, harness } from './harness.mjs';

const { step, startServer, openPage, checkPage, shot, run } = harness('a11y');

async function main() {
  const base = await startServer({ initDemo: true });
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'list', sameOrigin: base });
  const h1 = (name) => page.getByRole('heading', { level: 1, name }).waitFor();

  /** Opens a hash route, waits for what shows it is loaded, and runs axe on it. */
  async function screen(name, hash, ready) {
    await page.goto(`${base}${hash}`);
    await ready();
    const passes = await checkAxe(page, name);
    step(`${name}: no axe violations (${passes} rules passed)`);
  }

  await screen('Meetings', '#/meetings', async () => { await h1('Meetings'); await page.locator('tr[data-meeting-id]').first().waitFor(); });
  await screen('Agenda', '#/meetings/1', async () => { await page.getByRole('link', { name: 'Edit report' }).first().waitFor(); });
  await screen('Report editor', '#/meetings/1', async () => {
    await page.getByRole('link', { name: 'Edit report' }).first().click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    await page.getByTestId('preview').locator('*').first().waitFor();
  });
  await screen('Minutes (not started)', '#/meetings/1/minutes', async () => { await page.getByRole('button', { name: 'Start minutes' }).waitFor(); });
  await screen('Minutes', '#/meetings/1/minutes', async () => {
    await page.getByRole('button', { name: 'Start minutes' }).click();
    await page.getByTestId('attendance-summary').waitFor();
    await page.locator('section.pane').first().waitFor();
  });
  await screen('Minutes and actions', '#/actions', async () => { await h1(/./); await page.locator('main').getByRole('heading', { level: 2 }).first().waitFor(); });
  await screen('Deadlines', '#/deadlines', async () => { await h1('Deadlines'); await page.getByRole('heading', { name: 'Deadline rules' }).waitFor(); });
  await screen('Work programme', '#/programme', async () => { await h1(/./); await until('the board', async () => (await page.locator('main').innerText()).length > 200); });
  await screen('Forward plan', '#/forward-plan', async () => { await h1(/./); await until('the plan', async () => !(await page.locator('main').innerText()).includes('Loading')); });
  await screen('Trackers', '#/trackers', async () => { await h1(/./); await until('the trackers', async () => !(await page.locator('main').innerText()).includes('Loading')); });
  await screen('Committees', '#/committees', async () => { await h1(/./); await until('the committees', async () => !(await page.locator('main').innerText()).includes('Loading')); });
  await screen('Council settings', '#/council', async () => { await h1(/./); await until('the settings', async () => !(await page.locator('main').innerText()).includes('Loading')); });

  // The build screen, after the build: status announced and focused, viewer loaded.
  await screen('Build pack', '#/meetings/1/build', async () => {
    await page.getByTestId('build-result').waitFor({ timeout: 120_000 });
    await page.locator('.textLayer span').first().waitFor({ timeout: 60_000 });
    await until('the outline', async () => (await page.locator('nav.outline li').count()) > 3, 30_000);
  });
  const status = page.getByTestId('build-status');
  const said = (await status.innerText()).trim();
  if (!/^Built: \d+ pages, [\d.]+ (KB|MB)$/.test(said)) fail(`the status region should hold the result, it says "${said}"`);
  if ((await status.getAttribute('aria-live')) !== 'polite' || (await status.getAttribute('role')) !== 'status') fail('the result is in a polite live status region');
  if (!(await status.evaluate((el) => el === document.activeElement))) fail('the build result should have the focus after the build');
  step(`build announced and focused: "${said}"`);
  await shot(page, 'build-status.png');

  const entries = await page.locator('nav.outline li').count();
  const shown = await page.locator('nav.outline li:visible').count();
  const collapsed = await page.locator('nav.outline button[aria-expanded="false"]').count();
  if (collapsed === 0 || shown >= entries) fail(`the outline should collapse deeper headings: ${shown} of ${entries} entries shown, ${collapsed} collapsed`);
  const controls = await page.locator('nav.outline button[aria-expanded="false"]').first().getAttribute('aria-controls');
  const toggle = page.locator(`nav.outline button[aria-controls="${controls}"]`);
  await toggle.click();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true' || !(await page.locator(`#${controls}`).isVisible())) fail('a disclosure opens its headings');
  step(`outline: ${shown} of ${entries} entries shown, ${collapsed} disclosures`);

  await page.getByRole('link', { name: 'Skip to the page view' }).focus();
  await page.keyboard.press('Enter');
  if ((await page.evaluate(() => document.activeElement?.id)) !== 'pdf-page-view') fail('the skip link should move the focus to the page view');

  await page.getByRole('searchbox', { name: 'Find in pack' }).fill('Scrutiny');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const found = await until('the search result', async () => {
    const t = (await page.getByTestId('find-result').innerText()).trim();
    return /matches? on \d+ pages?\.$/.test(t) && t;
  }, 60_000);
  await page.locator('.find ul.hits button').first().click();
  await until('a highlighted match on the page', async () => (await page.locator('.textLayer span.hit').count()) > 0, 30_000);
  await shot(page, 'build-accessible.png');
  await checkAxe(page, 'Build pack with the outline open and a search');
  step(`find in pack: ${found}`);

  checkPage();
}

await run(main);
