// Browser end-to-end test of the AgendaPack UI against the real backend and a real SQLite file:
// headless Debian Chromium driven by playwright-core. It starts `agendapack serve` (the same
// commands as the desktop IPC) on a free port with a fresh database holding the demo council,
// then: builds the demo pack from the start screen in two clicks; creates a committee and a
// meeting; adds two reports, reorders them from the keyboard and by drag and drop; writes a
// report with a table (autosaved); builds the public pack and finds "(Pages a - b)" in the
// build result and in the viewer's text layer. Screenshots of the main screens go to
// docs/screenshots/. Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/agenda.e2e.mjs            (after `npm run build` in ui/ and `cargo build -p agendapack`)
//   AGENDAPACK_URL=http://127.0.0.1:8787/ node tests/e2e/agenda.e2e.mjs   (against a server you started)
import { fail, until, harness } from './harness.mjs';

const { step, startServer, openPage, checkPage, shot, run } = harness();

async function agendaTitles(page) {
  return page.$$eval('ol.agenda > li[data-item-id] .title', (els) => els.map((e) => e.childNodes[0]?.textContent?.trim() ?? ''));
}

async function main() {
  const base = await startServer({ initDemo: true, external: true });
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, responses: 'list', sameOrigin: base });

  // 1. The demo pack in two clicks: start screen -> "Build pack" on the demo meeting -> viewer.
  await page.goto(base);
  await page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
  const firstRow = page.locator('tr[data-meeting-id]').first();
  await firstRow.waitFor();
  const firstCommittee = (await firstRow.locator('td').nth(1).innerText()).trim();
  if (!/Overview and Scrutiny Committee/.test(firstCommittee)) fail(`the demo meeting should be listed first, found "${firstCommittee}"`);
  await shot(page, 'meetings.png');
  await firstRow.getByRole('link', { name: /Build pack/ }).click(); // click 1 (the build starts by itself)
  await page.getByTestId('build-result').waitFor({ timeout: 120_000 });
  await page.locator('.textLayer span').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Next', exact: true }).click(); // page 2: the agenda
  await until('"(Pages" in the demo agenda page text layer', async () => (await page.locator('.textLayer').innerText()).includes('(Pages'), 30_000);
  await until('the outline to be listed', async () => (await page.locator('nav.outline li').count()) > 3, 30_000);
  await shot(page, 'pack-viewer.png');
  step('demo pack built and shown with its outline');

  // 2. A committee with a chair.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
  await page.getByLabel('New committee').fill('Licensing Committee');
  await page.getByRole('button', { name: 'Add committee' }).click();
  await page.getByRole('heading', { name: 'Licensing Committee: members' }).waitFor();
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByText('Enter the member’s name.').waitFor(); // validation in words next to the field
  await page.getByLabel('Name', { exact: true }).fill('Councillor Ann Example');
  await page.getByLabel('Role').selectOption('chair');
  await page.getByLabel('Member from').fill('2020-05-20');
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.locator('table.list td', { hasText: 'Councillor Ann Example' }).waitFor();
  step('committee and member saved');

  // 3. A meeting of that committee.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  await page.getByLabel('Committee', { exact: true }).selectOption({ label: 'Licensing Committee' });
  await page.getByLabel('Date', { exact: true }).fill('2021-03-10');
  await page.getByLabel('Start time').fill('19:00');
  await page.getByLabel('Venue').fill('Town Hall, Main Road, Romford');
  await page.getByLabel('Contact officer').fill('Richard Cursons');
  await page.getByLabel('Contact email').fill('richard.cursons@example.gov.uk');
  await page.getByRole('button', { name: 'Create meeting' }).click();
  await page.getByRole('heading', { name: /Licensing Committee: Wednesday 10 March 2021/ }).waitFor();
  const standard = await agendaTitles(page);
  if (!standard.some((t) => /Apologies/.test(t))) fail(`standard items should be inserted automatically, found ${JSON.stringify(standard)}`);
  step(`meeting created with ${standard.length} standard items`);

  // 4. Two reports, then reorder: keyboard (Alt+ArrowUp) and drag and drop.
  for (const title of ['Licensing fees 2021/22', 'Street trading policy review']) {
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Kind').selectOption('report');
    await page.getByRole('button', { name: 'Add item' }).click();
    await until(`item "${title}" on the agenda`, async () => (await agendaTitles(page)).includes(title));
  }
  let titles = await agendaTitles(page);
  const feesAt = titles.indexOf('Licensing fees 2021/22');
  if (titles.indexOf('Street trading policy review') !== feesAt + 1) fail(`new reports should be added in order before the work programme: ${JSON.stringify(titles)}`);
  await page.locator('li[data-item-id]', { hasText: 'Street trading policy review' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await until('the keyboard move to be saved and announced', async () => /moved to position .* Saved\./.test(await page.locator('#agenda-live').innerText()));
  titles = await agendaTitles(page);
  if (titles.indexOf('Street trading policy review') !== feesAt) fail(`Alt+ArrowUp should move the item up one place: ${JSON.stringify(titles)}`);
  await page.reload(); // the order must come back from the database, not just the screen
  await page.locator('ol.agenda li[data-item-id]').first().waitFor();
  titles = await agendaTitles(page);
  if (titles.indexOf('Street trading policy review') !== feesAt) fail(`the new order should be stored: ${JSON.stringify(titles)}`);
  const numberOf = async (t) => (await page.locator('li[data-item-id]', { hasText: t }).locator('.num').innerText()).trim();
  if (Number(await numberOf('Licensing fees 2021/22')) !== Number(await numberOf('Street trading policy review')) + 1) fail('items should be renumbered in their new order');
  await page.locator('li[data-item-id]', { hasText: 'Licensing fees 2021/22' }).dragTo(page.locator('li[data-item-id]', { hasText: 'Street trading policy review' }));
  await until('drag and drop to put "Licensing fees" first', async () => {
    const t = await agendaTitles(page);
    return t.indexOf('Licensing fees 2021/22') === feesAt && t.indexOf('Street trading policy review') === feesAt + 1;
  });
  step('reordered by keyboard and by drag and drop');

  // 5. The report: cover sheet and a Markdown body with a table, autosaved.
  await page.locator('li[data-item-id]', { hasText: 'Licensing fees 2021/22' }).getByRole('link', { name: 'Edit report' }).click();
  await page.getByRole('heading', { name: 'Cover sheet' }).waitFor();
  await page.getByLabel('Report of the').fill('Cabinet Member for Environment');
  await page.getByLabel('Wards affected').fill('All');
  await page.getByLabel('Accountable director').fill('Barry Francis, Director of Neighbourhoods');
  await page.getByLabel('Summary').fill('This report sets the licensing fees for 2021/22.');
  await page.getByLabel('Recommendation(s)').fill('That the fees in Table 1 be agreed.');
  await page.getByRole('button', { name: 'Add an author' }).click();
  await page.getByLabel('Author 1 name').fill('Paul Jones');
  await page.getByLabel('Email').fill('not an email');
  await page.getByText('Enter an email address like name@council.gov.uk.').waitFor();
  await page.getByLabel('Email').fill('paul.jones@example.gov.uk');
  // This test types Markdown: the body's Markdown view is one toggle away from the formatted one.
  await page.getByRole('group', { name: 'Editing view' }).getByRole('button', { name: 'Markdown' }).click();
  await page.locator('.cm-content').click();
  await page.keyboard.insertText('# Background\n\nFees are set each year.\n\n| Licence | 2020/21 | 2021/22 |\n|---|---|---|\n| Premises | £190 | £195 |\n| Street trading | £540 | £555 |\n');
  await page.locator('[data-testid=preview] table td', { hasText: 'Street trading' }).waitFor();
  await until('the autosave indicator to say "Saved"', async () => (await page.getByTestId('save-state').innerText()) === 'Saved', 20_000);
  await page.reload();
  await page.locator('[data-testid=preview] table td', { hasText: '£555' }).waitFor(); // the body came back from the database
  await shot(page, 'report-editor.png');
  step('report with a table saved');

  // 6. Back to the agenda, then build the public pack and find the page ranges.
  await page.getByRole('button', { name: 'Agenda' }).click();
  await page.locator('ol.agenda li[data-item-id]').first().waitFor();
  await shot(page, 'agenda-builder.png');
  await page.getByRole('link', { name: 'Build pack' }).click();
  const result = page.getByTestId('build-result');
  await result.waitFor({ timeout: 120_000 });
  await result.locator('summary').click();
  await until('"(Pages" for the new report in the build result', async () => /Licensing fees 2021\/22\s*\(Pages? \d+( - \d+)?\)/.test((await result.innerText()).replace(/\t/g, ' ')), 10_000);
  await page.locator('.textLayer span').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // A one-page paper is listed as "(Page 5)", a longer one as "(Pages 5 - 7)".
  await until('"(Page" in the viewer text layer of the new pack', async () => /\(Pages? \d+/.test(await page.locator('.textLayer').innerText()), 30_000);
  step('public pack built; page ranges shown in the result and in the viewer');

  checkPage();
}


await run(main);
