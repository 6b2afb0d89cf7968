// Browser end-to-end test: "Import from Word" on the report editor (issue 17, point 1). On the
// demo council it opens item 4's report, picks tests/fixtures/docx/council_report.docx through the
// file input, checks the dialog (cover fields it will fill, 2 pictures, the reader's warnings,
// axe-core, focus, Escape cancels with nothing stored), refuses the same report marked "Exempt"
// on its cover sheet (item 4 is open: it would be published), applies, and sees the Word title and
// summary on screen. The pack built by the CLI then holds the report's words (pdftotext) and two
// more images than before (pdfimages -list). "Undo import" puts the report back exactly: body,
// title, summary and pictures in `agendapack export` are as before the import.
//
//   node tests/e2e/word.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import path from 'node:path';
import { checkAxe, fail, until, harness, root } from './harness.mjs';

const { step, exportedReport, builtPack, startServer, openPage, checkPage, run } = harness('word');
const DOCX = path.join(root, 'tests/fixtures/docx/council_report.docx');
const EXEMPT_DOCX = path.join(root, 'tests/fixtures/docx/council_report_exempt.docx');
const WORD_TITLE = 'Budget Monitoring Report 2020/21';
const WORD_SUMMARY = 'This report sets out the budget position at the end of September.';

/** Item 4's report in the store, and the demo meeting's full pack (text, images). */
const item4Report = () => exportedReport(1, 4);
const pack = (name) => builtPack(1, name);

async function main() {
  const base = await startServer({ initDemo: true });
  const before = item4Report();
  const packBefore = pack('before.pdf');
  step(`before: "${before.title}", ${packBefore.images} images in the pack`);
  if (packBefore.text.includes('forecast overspend')) fail('the demo pack should not hold the Word report\'s words before the import');

  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'list', sameOrigin: base });
  await page.goto(`${base}#/meetings/1`);
  const edit = page.getByRole('link', { name: 'Edit report' }).first();
  await edit.waitFor();
  await edit.click();
  const title = page.getByLabel('Title', { exact: true });
  const summary = page.getByLabel('Summary', { exact: true });
  await until('item 4\'s report in the editor', async () => (await title.inputValue()) === before.title);

  const dialog = page.getByTestId('word-dialog');
  const fileInput = page.getByTestId('word-file');

  // Escape cancels: nothing is stored.
  await fileInput.setInputFiles(DOCX);
  await dialog.getByTestId('word-cover').waitFor();
  await page.keyboard.press('Escape');
  await until('Escape to close the dialog', async () => !(await dialog.isVisible()));
  if (item4Report().body !== before.body) fail('cancelling must not change the report');
  step('Escape cancels, nothing stored');

  // A file whose cover sheet says "Exempt" is refused for this open item, in the dialog, with
  // the reason; there is nothing to apply and nothing is stored.
  await fileInput.setInputFiles(EXEMPT_DOCX);
  const refusal = dialog.getByRole('alert');
  await until('the refusal of an exempt file', async () => (await refusal.count()) > 0 && (await refusal.innerText()).includes('marks it an exempt report'));
  if (!(await dialog.getByRole('button', { name: 'Apply' }).isDisabled())) fail('a refused file should leave Apply disabled');
  await page.keyboard.press('Escape');
  await until('Escape to close the refused dialog', async () => !(await dialog.isVisible()));
  if (item4Report().body !== before.body) fail('a refused file must not change the report');
  step('a file marked exempt is refused for an open item, nothing stored');

  await fileInput.setInputFiles(DOCX);
  const cover = dialog.getByTestId('word-cover');
  await cover.waitFor();
  const coverText = await cover.innerText();
  for (const want of [WORD_TITLE, WORD_SUMMARY, 'Jane Smith', 'For decision']) {
    if (!coverText.includes(want)) fail(`the dialog should list "${want}" among the cover fields: ${coverText}`);
  }
  const pictures = await dialog.getByTestId('word-pictures').innerText();
  if (pictures !== '2 pictures') fail(`the dialog should say 2 pictures, says "${pictures}"`);
  const warnings = await dialog.getByTestId('word-warnings').innerText();
  if (!warnings.includes('tracked changes') || !warnings.includes('comments')) fail(`the dialog should warn of tracked changes and comments: ${warnings}`);
  const apply = dialog.getByRole('button', { name: 'Apply' });
  await until('Apply to have the focus', async () => apply.evaluate((b) => b === document.activeElement));
  await checkAxe(page, 'the Word import dialog');
  step('dialog: cover fields, 2 pictures, warnings; axe clean');

  await apply.click();
  await until('the dialog to close', async () => !(await dialog.isVisible()));
  await until('the Word title on screen', async () => (await title.inputValue()) === WORD_TITLE);
  if ((await summary.inputValue()) !== WORD_SUMMARY) fail(`the summary should be the Word one, is "${await summary.inputValue()}"`);
  const stored = item4Report();
  if (stored.title !== WORD_TITLE || !stored.body.includes('forecast overspend')) fail('the import should be in the store');
  step('applied: title and summary from Word, in the store');

  const packAfter = pack('after.pdf');
  const flat = packAfter.text.replace(/\s+/g, ' ');
  for (const words of ['Budget Monitoring Report 2020/21', 'The forecast overspend is £1.2 million']) {
    if (!flat.includes(words)) fail(`the pack should hold "${words}"`);
  }
  if (packAfter.images !== packBefore.images + 2) fail(`the pack should hold 2 more images: ${packBefore.images} before, ${packAfter.images} after`);
  step(`pack: the report's words and ${packAfter.images} images (2 more)`);

  await page.getByRole('button', { name: 'Undo import' }).click();
  await until('the old title back on screen', async () => (await title.inputValue()) === before.title);
  await until('the undo to be reported', async () => (await page.getByTestId('import-note').innerText()).includes('undone'));
  const after = item4Report();
  for (const key of ['title', 'summary', 'body', 'recommendations', 'report_of', 'authors', 'pictures']) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) fail(`after undo the report's ${key} should be as before: ${JSON.stringify(after[key])?.slice(0, 80)}`);
  }
  if ((await summary.inputValue()) !== (before.summary ?? '')) fail('after undo the summary on screen should be the old one');
  step('undo: the report is back as before (export)');
  checkPage({ expected: ['400 /api/docx_preview'] });
}

await run(main);
