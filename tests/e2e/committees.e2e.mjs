// Browser end-to-end test of issue 14, point 4, against the real backend and a real SQLite file:
// on the Committees screen a committee is renamed and retired, and the retired one is not
// offered when scheduling a meeting; deleting a committee that has met is refused with the
// store's sentence (retire it instead); a report title with a character the pack's fonts cannot
// print shows the warning beside the field. Every wait is bounded and says what it waits for.
//
//   node tests/e2e/committees.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { api, checkAxe, fail, until, harness } from './harness.mjs';

const { step, startServer, openPage, checkPage, run } = harness('committees');

async function main() {
  const base = await startServer({ initDemo: true, external: true });
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'list', sameOrigin: base });
  page.on('dialog', (d) => d.accept());
  await page.goto(base);
  await page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
  await api(page, 'committee_save', { name: 'Shadow Committee' });

  // Rename and retire through the screen.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
  await page.getByRole('button', { name: 'Shadow Committee', exact: true }).click();
  await page.getByRole('heading', { name: 'Shadow Committee: members' }).waitFor();
  await page.getByLabel('Committee name', { exact: true }).fill('Shadow Board');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('button', { name: 'Shadow Board', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Retire', exact: true }).click();
  await page.getByRole('button', { name: 'Bring back into use', exact: true }).waitFor();
  const rows = await api(page, 'committees_list', {});
  if (!rows.find((c) => c.name === 'Shadow Board')?.retired) fail(`the renamed committee is stored as retired: ${JSON.stringify(rows.map((c) => [c.name, c.retired]))}`);
  await checkAxe(page, 'Committees with a retired committee');
  step('renamed to Shadow Board and retired on the Committees screen');

  // Scheduling a meeting does not offer the retired committee.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  const options = await page.locator('#m-committee option').allInnerTexts();
  if (options.includes('Shadow Board')) fail(`a retired committee must not be offered: ${JSON.stringify(options)}`);
  if (!options.includes('Overview and Scrutiny Committee')) fail(`committees in use are offered: ${JSON.stringify(options)}`);
  step(`new-meeting picker offers ${JSON.stringify(options)}`);

  // A title with a character the fonts cannot print is warned about beside the field.
  const meetings = await api(page, 'meetings_list', {});
  const detail = await api(page, 'meeting_get', { id: meetings[0].id });
  const report = detail.items.find((i) => i.kind === 'report');
  await page.goto(`${base}#/reports/${report.id}`);
  const title = page.locator('#r-title');
  await title.waitFor();
  const original = await title.inputValue();
  await title.fill(`${original} \u{1F980}`);
  await until('the print warning beside the title', async () => (await page.locator('#r-title-print').innerText().catch(() => '')).includes('U+1F980'));
  await title.fill(original);
  await until('the warning to clear with the character gone', async () => (await page.locator('#r-title-print').innerText().catch(() => 'x')) === '');
  step('the report title warns about U+1F980 and clears when it is removed');

  // Last, since its 409 answer is the one failed response expected: the page is checked for
  // every other error first. The demo committee has met: deleting it is refused with the
  // store's sentence.
  checkPage();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
  await page.getByRole('button', { name: 'Overview and Scrutiny Committee', exact: true }).click();
  await page.getByRole('heading', { name: 'Overview and Scrutiny Committee: members' }).waitFor();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await until('the refusal beside the buttons', async () => /cannot be deleted; retire it instead/.test(await page.getByRole('alert').innerText().catch(() => '')));
  step('deleting a committee that has met is refused');
}

run(main);
