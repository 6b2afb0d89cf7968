// Browser end-to-end test: nothing typed in the report editor is lost (issue 14, point 3).
// On the demo council it clears a report's title (invalid: the store refuses a blank title) and
// edits the summary: the title is held back with its message by the field while the summary
// autosaves. Leaving by the sidebar then asks (Stay / Leave); "Stay" keeps the screen and the
// typed text, "Leave" goes. After either answer the new summary is in the store: checked after a
// reload and in `agendapack export`, and the stored title is still the old one.
//
//   node tests/e2e/report.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { checkAxe, fail, until, harness } from './harness.mjs';

const { step, cli, startServer, openPage, checkPage, shot, run } = harness('report');

/** The meeting as `agendapack export` writes it (the store's truth, not the screen's). */
function exported() {
  return JSON.parse(cli(['export', '--meeting', '1']).toString());
}

/** The summary and title of the report whose item title is `title`, from the export. */
function exportedReport(title) {
  const json = exported();
  const items = json.items ?? json.meeting?.items ?? [];
  const item = items.find((i) => i.title === title);
  if (!item?.report) fail(`the export should hold the report of "${title}": ${JSON.stringify(items.map((i) => i.title))}`);
  return item.report;
}

async function main() {
  const base = await startServer({ initDemo: true });
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'list', sameOrigin: base });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByTestId('leave-dialog');
  // A reload with a held-back field raises the browser's own "Leave site?" (beforeunload); the
  // test accepts it (the reload is how it checks the store) and counts it.
  let unloadAsks = 0;
  page.on('dialog', (d) => { if (d.type() === 'beforeunload') unloadAsks++; void d.accept(); });

  // Open the demo meeting's first report.
  await page.goto(`${base}#/meetings/1`);
  const edit = page.getByRole('link', { name: 'Edit report' }).first();
  await edit.waitFor();
  await edit.click();
  const title = page.getByLabel('Title', { exact: true });
  await title.waitFor();
  const oldTitle = await title.inputValue();
  const itemTitle = oldTitle; // the report's title is the item's title in the demo
  step(`editing "${oldTitle}"`);

  for (const [round, answer] of [[1, 'Stay'], [2, 'Leave']]) {
    const summary = `Summary kept after answering ${answer} (round ${round}).`;
    await title.fill('');
    await page.getByLabel('Summary', { exact: true }).fill(summary);
    // The title is held back with its message beside it; the summary is saved.
    await until('the title to be held back by the field', async () => (await page.locator('#r-title-msg').innerText()).includes('Not saved until corrected'));
    await until('the rest to be saved', async () => /^Saved, except the title/.test(await page.getByTestId('save-state').innerText()));
    const stored = exportedReport(itemTitle);
    if (stored.summary !== summary) fail(`the summary should be saved while the title is blank, the store has ${JSON.stringify(stored.summary)}`);
    if (stored.title !== oldTitle) fail(`the blank title must not reach the store, it has ${JSON.stringify(stored.title)}`);
    step(`round ${round}: summary saved, blank title held back`);

    await nav.getByRole('link', { name: 'Deadlines' }).click();
    await dialog.getByRole('heading', { name: 'Leave this screen?' }).waitFor();
    if (!(await dialog.innerText()).includes('The title: Enter the report title.')) fail(`the dialog should name the title: ${await dialog.innerText()}`);
    if (round === 1) {
      await shot(page, 'leave-dialog.png');
      if (!(await dialog.getByRole('button', { name: 'Stay' }).evaluate((b) => b === document.activeElement))) fail('"Stay" should have the focus when the dialog opens');
      await checkAxe(page, 'the leave dialog');
    }
    await dialog.getByRole('button', { name: answer, exact: true }).click();
    await until('the dialog to close', async () => !(await dialog.isVisible()));
    if (answer === 'Stay') {
      if (!page.url().includes('#/reports/')) fail(`"Stay" should keep the report editor, the page is ${page.url()}`);
      if ((await title.inputValue()) !== '') fail('"Stay" should keep the cleared title on screen to correct it');
      if ((await page.getByLabel('Summary', { exact: true }).inputValue()) !== summary) fail('"Stay" should keep the typed summary');
    } else {
      await page.getByRole('heading', { name: 'Deadlines', level: 1 }).waitFor();
      await page.goBack();
      await title.waitFor();
    }
    // Both answers: the summary is in the store, seen after a reload and in the export.
    const asksBefore = unloadAsks;
    await page.reload();
    if (answer === 'Stay' && unloadAsks !== asksBefore + 1) fail('reloading with the title still held back should raise beforeunload');
    await until('the report after the reload', async () => (await title.inputValue()) === oldTitle);
    const shown = await page.getByLabel('Summary', { exact: true }).inputValue();
    if (shown !== summary) fail(`after "${answer}" and a reload the summary should be "${summary}", found "${shown}"`);
    if (exportedReport(itemTitle).summary !== summary) fail(`after "${answer}" the exported summary should be "${summary}"`);
    step(`"${answer}": the summary survives a reload and is in the export`);
  }

  // Nothing pending, nothing asked: a saved report is left without a question.
  await nav.getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
  if (await dialog.isVisible()) fail('leaving a fully saved report should not ask');
  checkPage();
}

await run(main);
