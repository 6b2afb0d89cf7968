// Browser end-to-end test of the Deadlines screen and the report editor's deadlines, against
// the real backend (`agendapack serve`) and a fresh demo database. The backend's clock is the
// real one, so the test makes its own meeting a week from today through the API: a report by
// "Erin Example" whose final-report deadline has passed (red, late) and one by someone else.
// It checks overdue rows come first and colours run red, amber, green; "My reports only" keeps
// only Erin's rows and the name survives a reload (localStorage); "Save .ics" downloads an
// iCalendar file; the report editor shows the late flag; the demo committee's rules are
// listed, a closure day can be added, and a new rule's deadlines are listed without a
// reload. Last (issue 15), the council becomes Welsh: a meeting on Wednesday 8 June 2022 shows
// publication by Tuesday 31 May 2022 (3 clear working days; 2 and 3 June were the Platinum
// Jubilee holidays) and the 7-working-day note of decisions in the app, and the CLI on the same
// database gives the same date; the Council settings screen explains the Welsh rule and saves
// the key-decision day type. Every wait is bounded.
//
//   node tests/e2e/deadlines.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import fs from 'node:fs';
import path from 'node:path';
import { fail, until, harness } from './harness.mjs';

const { tmp, step, cli, startServer, openPage, checkPage, shot, run } = harness();

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
  const base = await startServer({ initDemo: true, external: true });
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

  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, responses: 'list' });

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

  // 6. A new rule's deadlines appear in the list above at once, without a reload (issue 14).
  const rules = page.locator('section.rules');
  await rules.getByLabel('Label').fill('E2E new rule');
  await rules.getByLabel('Working days').fill('2');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await until('the new rule in the rules list', async () => (await rules.innerText()).includes('E2E new rule'));
  await until('the new rule’s deadlines in the list', async () => (await page.locator('table.deadlines').innerText()).includes('E2E new rule'));
  step('a new rule’s deadlines are listed without a reload');

  // 7. Wales (issue 15): the council's nation changes; a meeting on 8 June 2022 is published by
  // 31 May 2022 in the app and in the CLI, and lists the note of decisions.
  const council = await api(base, 'council_get');
  await api(base, 'council_save', { council: { ...council, nation: 'wales' } });
  const welsh = await api(base, 'meeting_create', {
    committee_id: committee.id,
    starts_at: '2022-06-08T10:00:00',
    venue: { kind: 'virtual' },
    contact_officer: { name: 'Masuma Ahmed', email: 'masuma.ahmed@example.org' },
  });
  await page.reload();
  await page.getByRole('heading', { name: 'A meeting’s deadlines' }).waitFor();
  const picker = page.getByTestId('meeting-deadlines-pick');
  await until('the Welsh meeting in the picker', async () => (await picker.locator(`option[value="${welsh.id}"]`).count()) === 1);
  await picker.selectOption(String(welsh.id));
  const table = page.getByTestId('meeting-deadlines');
  const publicationRow = table.locator('tr[data-kind="publication"]');
  await until('the Welsh publication date', async () => (await publicationRow.count()) === 1 && (await publicationRow.innerText()).includes('Tuesday 31 May 2022'));
  const ruleText = await publicationRow.innerText();
  if (!ruleText.includes('3 clear working days (R v Swansea CC ex p Elitestone, 1993)')) fail(`the rule names its basis: ${ruleText}`);
  const noteRow = table.locator('tr[data-kind="decisions-note"]');
  await until('the note of decisions', async () => (await noteRow.count()) === 1 && (await noteRow.innerText()).includes('Friday 17 June 2022'));
  const cliRows = JSON.parse(cli(['deadlines', '--date', '2022-06-08', '--nation', 'wales', '--json']).toString());
  const cliDate = cliRows.find((r) => r.kind === 'publication')?.date;
  if (cliDate !== '2022-05-31') fail(`the CLI gives the app's date for the same meeting: ${JSON.stringify(cliRows)}`);
  step('Wales: 31 May 2022 in the app and the CLI, and the note of decisions by 17 June');

  // 8. The Council settings screen: Wales has no switch for its clear days (the law note says
  // why); the key-decision day type is a setting that saves.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Council settings' }).click();
  await page.getByRole('heading', { name: 'Deadlines', level: 2 }).waitFor();
  const law = await page.getByTestId('clear-days-law').innerText();
  if (!law.includes('3 clear working days (R v Swansea CC ex p Elitestone, 1993)')) fail(`the Welsh rule is explained: ${law}`);
  if ((await page.getByLabel('Scotland: the 3 clear days of s50B count').count()) !== 0) fail('a Welsh council has no Scottish setting');
  await page.getByLabel('Key decisions: the 28 clear days’ notice counts').selectOption('working');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await until('the settings to be saved', async () => (await page.getByRole('status').innerText()).includes('Council settings saved.'));
  const saved = await api(base, 'council_get');
  if (saved.deadline_settings?.key_decision_days !== 'working') fail(`the key-decision day type was saved: ${JSON.stringify(saved.deadline_settings)}`);
  step('Council settings: the Welsh rule explained; key decisions set to working days and saved');

  checkPage();
}


await run(main);
