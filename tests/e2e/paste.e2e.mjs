// Browser end-to-end test: the formatted report body editor (issue 17, points 2 to 4). On the
// demo council it opens item 4's report in the formatted view and checks that opening it saves
// nothing (the body in `agendapack export` is byte for byte as before); axe-core finds no
// violation on the editor. It then pastes HTML as Word puts it on the clipboard (a heading, a
// numbered list, a "1.1" numbered paragraph, a table with a merged cell, bold, a link and a
// picture as a data: PNG) through a real paste event, and finds each in the saved body
// (report_get) and in the pack built by the CLI (pdftotext words; one more image in
// `pdfimages -list`). It types a heading, a numbered paragraph, a table and a picture (alt text
// asked for at once) with the toolbar and finds them saved and in the pack too. Last, a Word file
// and a PDF dropped on the appendices become a Markdown and a PDF appendix (point 1), without
// opening the report's own Word import. In between, Markdown typed in the Markdown view gets
// a warning that stays listed when the view is switched back to Formatted. The dropped Word
// appendix is then edited in the same formatted editor.
//
//   node tests/e2e/paste.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import fs from 'node:fs';
import path from 'node:path';
import { api, checkAxe, fail, until, harness, root } from './harness.mjs';

const { tmp, step, exportedReport, builtPack, startServer, openPage, checkPage, shot, run } = harness('paste');

/** Item 4's report in the store, and the demo meeting's full pack (text, images). */
const item4Report = () => exportedReport(1, 4);
const pack = (name) => builtPack(1, name);

/** Word's clipboard HTML (as Word 365 writes it): list paragraphs with typed numbers, Office tags. */
function wordHtml(png) {
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0cm}</style></head><body lang=EN-GB>
<!--StartFragment--><h1>Pasted Housing Delivery<o:p></o:p></h1>
<p class=MsoNormal>The plan is <b>ambitiously funded</b>; see <a href="https://www.lbbd.gov.uk/housing-plan">the housing plan page</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Consult tenants on the design<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Appoint the contractor<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level2 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>3.1<span>&nbsp;&nbsp; </span></span><![endif]>Officers will report back in March.<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0><tr><td colspan=2 valign=top><p class=MsoNormal><b>Ward allocations<o:p></o:p></b></p></td><td valign=top><p class=MsoNormal>Pasted notes<o:p></o:p></p></td></tr>
<tr><td valign=top><p class=MsoNormal>Abbeywood<o:p></o:p></p></td><td valign=top><p class=MsoNormal>4321<o:p></o:p></p></td><td valign=top><p class=MsoNormal>Rising<o:p></o:p></p></td></tr></table>
<p class=MsoNormal><img width=40 height=30 src="${png}" alt="Bar chart of homes by ward"><o:p></o:p></p>
<!--EndFragment--></body></html>`;
}

/** Waits for the keyboard focus to be back in the editor (toolbar commands refocus it). */
async function caretIn(editor) {
  await until('the caret back in the editor', async () => editor.evaluate((el) => el === document.activeElement));
}

async function main() {
  const base = await startServer({ initDemo: true });
  const before = item4Report();
  const packBefore = pack('before.pdf');
  step(`before: "${before.title}", ${packBefore.images} images in the pack`);

  const { page } = await openPage({ viewport: { width: 1500, height: 1000 }, sameOrigin: base });
  await page.goto(`${base}#/meetings/1`);
  await page.getByRole('link', { name: 'Edit report' }).first().click();
  const editor = page.locator('#r-body');
  await editor.waitFor();
  await until('the report body in the formatted editor', async () => (await editor.innerText()).trim().length > 0);
  // Opening is not an edit: nothing is saved, and the stored body is the one it was.
  if ((await page.getByTestId('save-state').innerText()) !== 'Saved') fail('opening the report should save nothing');
  if (item4Report().body !== before.body) fail('opening the report in the formatted editor changed its body');
  await checkAxe(page, 'the formatted report editor');
  await shot(page, 'report-editor-formatted.png');
  step('opened in the formatted view: nothing saved, axe clean');

  // A picture as Word puts it on the clipboard: a data: PNG drawn in the page.
  const png = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 40;
    c.height = 30;
    const g = c.getContext('2d');
    g.fillStyle = '#0b4f8a';
    g.fillRect(0, 0, 40, 30);
    g.fillStyle = '#ffdd00';
    g.fillRect(5, 10, 8, 20);
    g.fillRect(18, 4, 8, 26);
    return c.toDataURL('image/png');
  });
  // Paste into a new empty paragraph after the body, as a person would.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await editor.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'Pasted Housing Delivery');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, wordHtml(png));
  await until('the pasted table in the editor', async () => (await editor.locator('table', { hasText: 'Ward allocations' }).count()) === 1);
  await until('the pasted picture stored and named', async () => (await editor.locator('img[data-src^="media:"]').count()) === 1);
  await until('the autosave to say "Saved"', async () => (await page.getByTestId('save-state').innerText()) === 'Saved' && (await api(page, 'report_get', { item_id: 4 })).report.body.includes('media:'));

  const body = (await api(page, 'report_get', { item_id: 4 })).report.body;
  const expected = {
    heading: '# Pasted Housing Delivery',
    bold: '**ambitiously funded**',
    link: '[the housing plan page](https://www.lbbd.gov.uk/housing-plan)',
    'numbered list': '1. Consult tenants on the design\n2. Appoint the contractor',
    'numbered paragraph': '3.1\tOfficers will report back in March.',
    'merged cell': '| **Ward allocations** | < | Pasted notes |',
    'table row': '| Abbeywood | 4321 | Rising |',
  };
  for (const [what, text] of Object.entries(expected)) {
    if (!body.includes(text)) fail(`the saved body should hold the ${what} as ${JSON.stringify(text)}; body ends: ${JSON.stringify(body.slice(-700))}`);
  }
  const picture = /!\[Bar chart of homes by ward\]\(media:([\w.-]+)\)/.exec(body);
  if (!picture) fail(`the saved body should hold the picture with its alt text; body ends: ${JSON.stringify(body.slice(-300))}`);
  // Every block that was there before is still written as it was.
  if (!body.startsWith(before.body.replace(/\s+$/, ''))) fail('the paste should leave the blocks before it byte for byte as they were');
  step(`saved body: heading, bold, link, numbered list, 3.1 paragraph, merged cell, picture media:${picture[1]}`);

  // Typing with the toolbar: a new heading at the end.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Typed conclusions');
  await page.getByRole('combobox', { name: 'Paragraph style' }).selectOption('h2');
  await until('the typed heading saved', async () => (await page.getByTestId('save-state').innerText()) === 'Saved' && /\n\n## Typed conclusions\s*$/.test((await api(page, 'report_get', { item_id: 4 })).report.body));
  await shot(page, 'report-editor-pasted.png');
  step('typed heading saved as "## Typed conclusions"');

  // A numbered paragraph (the next label after the pasted 3.1), a picture and a table.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Numbered paragraph' }).click();
  await until('the label 3.2 in the editor', async () => (await editor.innerText()).includes('3.2\t'));
  await caretIn(editor);
  await page.keyboard.type('Typed numbered paragraph text.');
  await page.keyboard.press('Enter');
  const typedPng = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 30;
    c.height = 30;
    const g = c.getContext('2d');
    g.fillStyle = '#00703c';
    g.fillRect(0, 0, 30, 30);
    return c.toDataURL('image/png').split(',')[1];
  });
  await page.locator('.rich input[type=file]').first().setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: Buffer.from(typedPng, 'base64') });
  const pictureDialog = page.getByRole('dialog', { name: 'Picture description' });
  const altBox = pictureDialog.getByLabel('What the picture shows');
  await altBox.waitFor();
  await pictureDialog.getByRole('button', { name: 'Insert the picture' }).click();
  await pictureDialog.getByText('Describe the picture, or mark it as decorative.').waitFor(); // asked for at once
  await checkAxe(page, 'the picture description dialog');
  await altBox.fill('Typed picture of a green square');
  await pictureDialog.getByRole('button', { name: 'Insert the picture' }).click();
  await until('the dialog to close', async () => !(await pictureDialog.isVisible()));
  await until('the inserted picture in the editor', async () => (await editor.locator('img[data-src="media:chart.png"]').count()) === 1);
  await caretIn(editor);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Insert table' }).click();
  await until('the new table with the caret in it', async () => editor.evaluate((el) => el.querySelectorAll('table').length === 2 && (() => {
    const at = document.getSelection()?.anchorNode;
    return !!(at && (at.nodeType === 1 ? at : at.parentElement)?.closest('th'));
  })()));
  await caretIn(editor);
  await page.keyboard.type('Typed cell');
  // Every header cell named (axe-core holds the table in the editor to that too).
  await page.keyboard.press('Tab');
  await page.keyboard.type('Second');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Third');
  const typed = await until('the typed blocks saved', async () => {
    if ((await page.getByTestId('save-state').innerText()) !== 'Saved') return null;
    const b = (await api(page, 'report_get', { item_id: 4 })).report.body;
    return b.includes('3.2\tTyped numbered paragraph text.') && b.includes('| Typed cell | Second | Third |') && /!\[Typed picture of a green square\]\(media:chart\.png\)/.test(b) ? b : null;
  });
  if (!typed.includes('\n\n## Typed conclusions\n\n3.2\tTyped numbered paragraph text.\n\n![Typed picture of a green square](media:chart.png)\n\n| Typed cell |')) fail(`the typed blocks should follow each other as written: ${JSON.stringify(typed.slice(-400))}`);
  await shot(page, 'report-editor-typed.png');
  step('typed: numbered paragraph 3.2, a picture with its alt text, a table');

  const packAfter = pack('after.pdf');
  const flat = packAfter.text.replace(/\s+/g, ' ');
  for (const words of ['Pasted Housing Delivery', 'ambitiously funded', 'the housing plan page', 'Consult tenants on the design', 'Appoint the contractor', 'Officers will report back in March.', 'Ward allocations', 'Abbeywood', '4321', 'Pasted notes', 'Typed conclusions', 'Typed numbered paragraph text.', 'Typed cell']) {
    if (!flat.includes(words)) fail(`the pack should hold "${words}"`);
  }
  if (packAfter.images !== packBefore.images + 2) fail(`the pack should hold 2 more images (pasted and inserted): ${packBefore.images} before, ${packAfter.images} after`);
  step(`pack: the pasted and typed words and ${packAfter.images} images (2 more)`);

  // The Markdown view is one toggle away, and the typesetter's diagnostics are listed under the
  // editor in both views: raw HTML typed in Markdown is warned about in the formatted view too.
  const views = page.getByRole('group', { name: 'Editing view' }).first();
  await views.getByRole('button', { name: 'Markdown' }).click();
  await page.locator('.cm-content').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n\nAn <blink>old</blink> tag.');
  const [warning] = await api(page, 'markdown_check', { text: 'An <blink>old</blink> tag.' });
  if (!warning) fail('markdown_check should warn about <blink>');
  await until('the warning listed under the Markdown editor', async () => (await page.locator('#r-body-diags').innerText()).includes(warning.message));
  await views.getByRole('button', { name: 'Formatted' }).click();
  await editor.waitFor();
  await until('the warning listed under the formatted editor', async () => (await page.getByTestId('diagnostics').first().innerText()).includes(warning.message));
  await until('the Markdown typed saved', async () => (await page.getByTestId('save-state').innerText()) === 'Saved' && (await api(page, 'report_get', { item_id: 4 })).report.body.endsWith('An <blink>old</blink> tag.'));
  await checkAxe(page, 'the formatted editor with a diagnostic');
  step(`diagnostics in both views: "${warning.message.slice(0, 60)}"`);

  // A .docx and a .pdf dropped on the appendices list.
  const count = (await api(page, 'report_get', { item_id: 4 })).appendices.length;
  const files = [
    ['Cabinet letter.docx', fs.readFileSync(path.join(root, 'tests/fixtures/docx/council_report.docx')).toString('base64'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['Site plan.pdf', fs.readFileSync(path.join(tmp, 'before.pdf')).toString('base64'), 'application/pdf'],
  ];
  await page.getByTestId('appendices').evaluate((el, list) => {
    const data = new DataTransfer();
    for (const [name, b64, type] of list) data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
  const added = await until('two appendices added by the drop', async () => {
    const list = (await api(page, 'report_get', { item_id: 4 })).appendices;
    return list.length === count + 2 ? list.slice(count) : null;
  });
  if (added[0].kind !== 'markdown' || added[1].kind !== 'pdf' || added[1].title !== 'Site plan') fail(`the drop should add a Markdown appendix then the PDF "Site plan": ${JSON.stringify(added.map((a) => [a.kind, a.title]))}`);
  if (await page.getByTestId('word-dialog').isVisible()) fail('a .docx dropped on the appendices must not open the report\'s Word import');
  await page.getByTestId('appendices').getByRole('cell', { name: 'Site plan', exact: true }).waitFor();
  step(`dropped: appendix "${added[0].title}" (Markdown) and "Site plan" (PDF)`);

  // The Markdown appendix is edited in the same formatted editor: opening it changes nothing,
  // a typed paragraph is saved into the appendix's text.
  await page.getByRole('button', { name: `Edit text of ${added[0].title}` }).click();
  const appendixEditor = page.locator('#app-text-edit');
  await appendixEditor.waitFor();
  await until('the appendix text in its editor', async () => (await appendixEditor.innerText()).includes('forecast overspend'));
  const textOf = async () => (await api(page, 'report_get', { item_id: 4 })).appendices.find((a) => a.id === added[0].id).text;
  if ((await textOf()) !== added[0].text) fail('opening the appendix in the formatted editor changed its text');
  await appendixEditor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Typed into the appendix.');
  await until('the appendix text saved', async () => (await textOf()) === `${added[0].text.replace(/\s+$/, '')}\n\nTyped into the appendix.${/\s+$/.exec(added[0].text)?.[0] ?? ''}`);
  step('appendix text edited in the formatted editor and saved; opening it changed nothing');
  checkPage();
}

await run(main);
