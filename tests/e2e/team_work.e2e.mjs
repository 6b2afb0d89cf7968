// Browser end-to-end test of a working day on the team server (issue 18, "Done when"): the real
// `agendapack server` over HTTPS on the demo council, three people in three browser contexts
// at once, each signed in with their own account:
//   1. the author sees only their own report and its deadlines ("My reports"), edits its
//      summary and submits it;
//   2. the officer, who has the meeting's agenda open all along, sees the report turn
//      "Submitted" WITHOUT reloading (live updates, GET /api/events), then builds the pack,
//      whose PDF holds the author's words;
//   3. the clerk records a minute, which is there after a reload;
//   4. officer and author change the same report: the officer's save, based on the version
//      before the author's, is refused and shows the conflict ("changed by Demo Author at
//      HH:MM"), theirs beside mine; both texts are there (the author's saved, the officer's kept
//      on the server and shown), nothing is lost; "Keep mine" saves the officer's, and the
//      author's open editor shows it with "Changed by Demo Officer" without a reload.
// To make the conflict certain rather than a race with the live update, the officer's browser
// is offline while they type (their save fails and waits, as on a train), and comes back after
// the author has saved. Every wait is bounded (`until`) and waits for the exact state it checks.
// Screenshots go to /tmp/h1/.
//
//   node tests/e2e/team_work.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkAxe, command, fail, until, harness } from './harness.mjs';
import { teamServer } from './team_support.mjs';

const { db, tmp, cli, step, initDemo, run, shot: harnessShot } = harness('team-work');
const team = teamServer(db);
const SHOTS = process.env.TEAM_WORK_SHOTS ?? '/tmp/h1';
const ITEM = 4; // "Progress update on Improving Household Waste", meeting 1
const AUTHOR_TEXT = 'Author edit: recycling rose to 31 per cent after the blue bin trial.';
const OFFICER_TEXT = 'Officer edit: figures to be confirmed by the waste team.';
const CONFLICT_TEXT = 'Author again: the trial is extended to Marks Gate.';

const shot = (page, name) => harnessShot(page, name, { dir: SHOTS });

const text = async (locator) => (await locator.innerText().catch(() => '')).trim();
const saveState = (page) => text(page.getByTestId('save-state'));

async function main() {
  initDemo();
  team.addUser('officer', 'officer', 'Demo Officer');
  team.addUser('author', 'author', 'Demo Author');
  team.addUser('clerk', 'clerk', 'Demo Clerk');
  cli(['user', 'own', 'author', '--item', String(ITEM)]);
  const base = await team.start();
  step(`team server at ${base}`);

  // The officer signs in and sends the demo's published report back to draft, so that its
  // author may work on it; then keeps the meeting's agenda open.
  const officer = await team.person(base, 'officer', 'Demo Officer (officer)');
  const start = await command(officer.page, 'report_get', { item_id: ITEM });
  const draft = await command(officer.page, 'report_save', { item_id: ITEM, report: { ...start.body.report, status: 'draft' } });
  if (draft.status !== 200) fail(`the officer should set the report back to draft, got ${draft.status} ${JSON.stringify(draft.body)}`);
  await officer.page.goto(`${base}#/meetings/1`);
  const status = officer.page.locator(`#agenda-item-${ITEM}`).getByTestId('report-status');
  await until('the agenda to show the report as a draft', async () => (await text(status)) === 'Draft');
  // Anything that reloads the page loses this mark.
  await officer.page.evaluate(() => { window.__stillTheSamePage = true; });
  step('the officer has the agenda open; the report is a draft');

  // 1. The author: only their own report, with its deadlines; edit and submit.
  const author = await team.person(base, 'author', 'Demo Author (author)');
  await author.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
  const mine = author.page.getByTestId('my-report');
  await until('the author to see their report in My reports', async () => (await mine.count()) === 1 && (await text(mine.first())).includes('Improving Household Waste'));
  const deadlines = await mine.first().locator('table.deadlines tbody tr').count();
  if (deadlines < 1) fail('the author should see their report’s deadlines');
  const listed = await command(author.page, 'my_reports', {});
  const ids = (listed.body?.reports ?? []).map((r) => r.item_id);
  if (JSON.stringify(ids) !== JSON.stringify([ITEM])) fail(`the author should be given only their own report, got items ${JSON.stringify(ids)}`);
  const others = await command(author.page, 'deadlines_meeting', { meeting_id: 1 });
  if (others.status !== 403) fail(`the author should not read the meeting's other deadlines, got ${others.status}`);
  await shot(author.page, 'team-work-my-reports.png');
  step(`the author sees only their own report (${deadlines} deadlines)`);

  await mine.first().getByRole('link', { name: /Improving Household Waste/ }).click();
  const summary = author.page.locator('#r-summary');
  await summary.waitFor();
  await summary.fill(AUTHOR_TEXT);
  await until('the author’s summary to be saved', async () => (await saveState(author.page)) === 'Saved');
  await author.page.locator('#r-status').selectOption('submitted');
  await until('the submission to be saved', async () => (await saveState(author.page)) === 'Saved' && (await command(author.page, 'report_get', { item_id: ITEM })).body?.report?.status === 'submitted');
  step('the author edits the summary and submits the report');

  // 2. The officer's agenda, untouched, turns "Submitted"; then the pack is built with the edit.
  await until('the officer’s agenda to show "Submitted" without a reload', async () => (await text(status)) === 'Submitted');
  if (!(await officer.page.evaluate(() => window.__stillTheSamePage === true))) fail('the officer’s page must not have been reloaded');
  await shot(officer.page, 'team-work-agenda-submitted.png');
  step('the officer sees the report submitted without reloading');

  const pdfAnswer = officer.page.waitForResponse((r) => r.url().includes('/api/pack_pdf/') && r.status() === 200, { timeout: 120_000 });
  await officer.page.locator('a', { hasText: 'Build pack' }).first().click();
  const built = officer.page.getByTestId('build-status');
  await until('the officer’s pack to be built', async () => /^Built: \d+ pages/.test(await text(built)), 120_000);
  const pdf = path.join(tmp, 'officer-pack.pdf');
  fs.writeFileSync(pdf, await (await pdfAnswer).body());
  const packText = execFileSync('pdftotext', [pdf, '-'], { maxBuffer: 64 << 20 }).toString().replace(/\s+/g, ' ');
  if (!packText.includes(AUTHOR_TEXT)) fail('the pack the officer built should hold the author’s summary');
  step(`the officer builds the pack (${await text(built)}) and it holds the author’s words`);

  // 3. The clerk records a minute, which is there after a reload.
  const clerk = await team.person(base, 'clerk', 'Demo Clerk (clerk)');
  await clerk.page.goto(`${base}#/meetings/1/minutes`);
  await clerk.page.getByRole('button', { name: 'Start minutes' }).click();
  await clerk.page.getByRole('heading', { name: /^Attendance/ }).waitFor();
  const minute = 'The Committee noted the waste update and thanked the author.';
  await clerk.page.locator('section.pane').first().locator('[data-field=text]').fill(minute);
  await until('the clerk’s minute to be saved', async () => (await saveState(clerk.page)) === 'Saved');
  await clerk.page.reload();
  await clerk.page.getByRole('heading', { name: /^Attendance/ }).waitFor();
  const kept = await clerk.page.locator('section.pane').first().locator('[data-field=text]').inputValue();
  if (kept !== minute) fail(`the clerk's minute should be there after a reload, found "${kept}"`);
  step('the clerk records a minute, there after a reload');

  // 4. Officer and author on the same report. The officer opens it, then loses the network
  //    while typing; the author saves meanwhile; the officer's save, retried, is refused.
  await officer.page.goto(`${base}#/reports/${ITEM}`);
  const officerSummary = officer.page.locator('#r-summary');
  await until('the officer’s editor to show the author’s summary', async () => (await officerSummary.inputValue().catch(() => '')) === AUTHOR_TEXT);
  await officer.context.setOffline(true);
  await officerSummary.fill(OFFICER_TEXT);
  await until('the officer’s offline save to fail and wait', async () => (await saveState(officer.page)) === 'Not saved');
  await summary.fill(CONFLICT_TEXT);
  await until('the author’s second summary to be saved', async () => (await saveState(author.page)) === 'Saved' && (await command(author.page, 'report_get', { item_id: ITEM })).body?.report?.summary === CONFLICT_TEXT);
  await officer.context.setOffline(false);
  await officer.page.getByRole('button', { name: 'Try again' }).click();
  const conflict = officer.page.getByTestId('conflict');
  await conflict.waitFor();
  const message = await text(officer.page.getByTestId('conflict-message'));
  if (!/^This report was changed by Demo Author at \d\d:\d\d after you opened it; your version is kept below theirs\.$/.test(message)) fail(`the conflict should say who and when in one sentence, says "${message}"`);
  const focused = await officer.page.evaluate(() => document.activeElement?.id);
  if (focused !== 'conflict-heading') fail(`focus should move to the conflict, it is on "${focused}"`);
  const theirs = await text(conflict.getByTestId('theirs').first());
  const shownMine = await text(conflict.getByTestId('mine').first());
  if (theirs !== CONFLICT_TEXT || shownMine !== OFFICER_TEXT) fail(`the conflict should show theirs "${CONFLICT_TEXT}" beside mine "${OFFICER_TEXT}", shows "${theirs}" and "${shownMine}"`);
  if ((await officerSummary.inputValue()) !== OFFICER_TEXT) fail('the officer’s text should stay in the editor');
  const stored = await command(officer.page, 'report_get', { item_id: ITEM });
  const keptVersions = await command(officer.page, 'report_kept_versions', { item_id: ITEM });
  if (stored.body?.report?.summary !== CONFLICT_TEXT) fail('the author’s text should be the saved one');
  if (keptVersions.body?.[0]?.report?.summary !== OFFICER_TEXT || keptVersions.body?.[0]?.kept_by !== 'Demo Officer') fail(`the officer’s text should be kept on the server, got ${JSON.stringify(keptVersions.body?.[0] ?? null).slice(0, 200)}`);
  await checkAxe(officer.page, 'the report editor showing a conflict');
  await shot(officer.page, 'team-work-conflict.png');
  step('the conflict is shown with who and when, theirs beside mine; both texts are there');

  // "Keep mine": the officer's text is saved on the author's version, and the author's open
  // editor (with nothing unsaved) shows it, naming who changed it.
  await officer.page.getByRole('button', { name: 'Keep mine' }).click();
  await until('the officer’s text to be saved over', async () => (await saveState(officer.page)) === 'Saved');
  if ((await officer.page.getByTestId('conflict').count()) !== 0) fail('the conflict should be gone after "Keep mine"');
  await until('the author’s editor to show the officer’s text without a reload', async () => (await summary.inputValue().catch(() => '')) === OFFICER_TEXT);
  const changed = await text(author.page.getByTestId('changed-by'));
  if (!changed.startsWith('Changed by Demo Officer')) fail(`the author's editor should say who changed it, says "${changed}"`);
  await author.page.getByTestId('changed-by').scrollIntoViewIfNeeded();
  await shot(author.page, 'team-work-changed-by.png');
  step('"Keep mine" saves the officer’s text; the author’s editor shows it and who changed it');

  team.checkScriptErrors();
}

await run(main, { cleanup: team.stop });
