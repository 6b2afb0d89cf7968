// Browser end-to-end test of report clearance (issue 19) on the real team server, exactly the
// issue's "Done when", each person in a browser context of their own:
//   setup (CLI): the demo council; accounts for an officer, the report's author, the finance
//     approver (Sandra Pillinger, Group Accountant) and the legal approver (Paul Feild, Senior
//     Governance Solicitor), both with the author role, so each reads the report only because
//     they approve it; the committee's route (Finance, then Legal, each signing its implications
//     heading; Legal's date for this meeting set by hand with a reason); the officer puts the two
//     headings in item 4's body and hands it back as a draft;
//   1. the officer sees the route in the route editor (axe-core);
//   2. the author opens "My reports" (axe-core), the report, and submits it for clearance;
//   3. the finance approver finds it under "Waiting for me" (red: the demo meeting's dates are
//      past), reads it (the report as it prints, without the editor) and approves with a comment
//      (axe-core on the report's clearance);
//   4. legal returns it with a comment;
//   5. the author sees the comment on "My reports" and on the report, edits the summary and
//      resubmits;
//   6. legal approves: the report is cleared, and the history keeps who, when, what was said;
//   7. the officer's agenda shows every report's clearance and who to chase, and the officer sets
//      the Finance step's date by hand for this meeting (axe-core); the officer builds the pack, and its text (pdftotext) reads "Implications completed by:"
//      with the approvers' names and job titles under each heading;
//   8. the single desk (`agendapack serve`, no one signs in) records a sign-off on the finance
//      approver's behalf, and the history says who recorded it for whom; the desk looks up what
//      waits for the legal approver (axe-core).
// Every wait is bounded and waits for the state it checks. Screenshots go to $SHOTS_DIR
// (default docs/screenshots).
//
//   node tests/e2e/clearance.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api, checkAxe, fail, harness, SHOTS as DOCS_SHOTS, until } from './harness.mjs';
import { teamServer } from './team_support.mjs';

const { tmp, db, cli, step, initDemo, startServer, openPage, run, shot: harnessShot } = harness('clearance');
const SHOTS = process.env.SHOTS_DIR ?? DOCS_SHOTS;
const team = teamServer(db);

const ITEM = 4; // "Progress update on Improving Household Waste…" of the demo meeting 1
const RETURN_COMMENT = 'Paragraph 9.1 must cite the power the council relies on.';

/** A screenshot of `part` (a locator) or of the whole page. */
const shot = (page, name, part = null) => harnessShot(page, name, { dir: SHOTS, part, fullPage: true });

const mainText = (page) => page.locator('main').innerText();

/** The clearance panel's status line on a report's page, once it reads `want`. */
async function clearanceReads(page, want) {
  await until(`the report's clearance to read "${want}"`, async () => (await page.getByTestId('clearance').innerText()).includes(want));
}

/** Opens the report from the person's "Waiting for me" list (the step must be listed, in `rag`). */
async function openFromWaiting(p, stepName, rag) {
  await p.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
  const row = p.page.getByTestId('waiting-row').filter({ hasText: stepName });
  await until(`${p.display}'s "Waiting for me" to list the ${stepName} step`, async () => (await row.count()) === 1);
  const colour = await row.getAttribute('data-rag');
  if (colour !== rag) fail(`the ${stepName} step should be ${rag} for ${p.display}, it is ${colour}`);
  await row.getByRole('link').click();
  await p.page.getByTestId('clearance').waitFor();
}

async function main() {
  initDemo();
  team.addUser('officer', 'officer', 'Olu Officer');
  team.addUser('priya', 'author', 'Priya Shah');
  team.addUser('sandra', 'author', 'Sandra Pillinger');
  team.addUser('paul', 'author', 'Paul Feild');
  cli(['user', 'own', 'priya', '--item', String(ITEM)]);
  cli(['clearance', 'job-title', 'sandra', 'Group Accountant']);
  cli(['clearance', 'job-title', 'paul', 'Senior Governance Solicitor']);
  const route = path.join(tmp, 'route.json');
  fs.writeFileSync(route, JSON.stringify([
    { name: 'Finance', approvers: [{ account: 'sandra' }], due_working_days: 14, implications_heading: 'Financial implications' },
    { name: 'Legal', approvers: [{ account: 'paul' }], due_working_days: 10, implications_heading: 'Legal implications' },
  ]));
  cli(['clearance', 'route', '--committee', '1', '--file', route]);
  cli(['clearance', 'due', '--meeting', '1', 'Legal', '2020-11-20', '--reason', 'the legal team is short-staffed']);
  const base = await team.start();
  step(`team server at ${base}`);

  // Setup through the officer's session: the report's implications headings, and a draft again.
  const officer = await team.person(base, 'officer', 'Olu Officer');
  const got = await api(officer.page, 'report_get', { item_id: ITEM });
  const report = { ...got.report, status: 'draft', body: `${got.report.body}\n\n## 8. Financial Implications\n\n8.1 The costs are met from the existing budget.\n\n## 9. Legal Implications\n\n9.1 The council has the power to do this.\n` };
  await api(officer.page, 'report_save', { item_id: ITEM, report });

  // 1. The officer sees the committee's route in the route editor.
  await officer.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
  await officer.page.getByRole('button', { name: 'Overview and Scrutiny Committee' }).click();
  const editor = officer.page.getByTestId('route-editor');
  await until('the route editor to show the two steps', async () => (await editor.getByLabel('Step name').count()) === 2);
  const names = await editor.getByLabel('Step name').evaluateAll((inputs) => inputs.map((i) => i.value));
  if (names.join(',') !== 'Finance,Legal') fail(`the route editor should show Finance then Legal, shows ${names}`);
  await editor.scrollIntoViewIfNeeded();
  await checkAxe(officer.page, 'the committees screen with the clearance route editor');
  await shot(officer.page, 'clearance-route-editor.png', editor);
  step('1. the officer sees the route (Finance, then Legal)');

  // 2. The author submits.
  const author = await team.person(base, 'priya', 'Priya Shah');
  await author.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
  const mine = author.page.getByTestId('my-report');
  await until('the author\'s report on "My reports"', async () => (await mine.count()) === 1 && (await mine.innerText()).includes('Not yet submitted'));
  await checkAxe(author.page, 'My reports (author)');
  await mine.getByRole('link').first().click();
  await author.page.getByRole('button', { name: 'Submit for clearance' }).click();
  await clearanceReads(author.page, 'In clearance');
  await clearanceReads(author.page, '0 of 2 steps approved');
  step('2. the author submits the report');

  // 3. Finance approves with a comment.
  const sandra = await team.person(base, 'sandra', 'Sandra Pillinger');
  await openFromWaiting(sandra, 'Finance', 'red');
  await until('the finance approver to read the report', async () => (await mainText(sandra.page)).includes('Improving Household Waste'));
  await sandra.page.getByTestId('approver-note').waitFor();
  const reading = sandra.page.getByTestId('report-reading');
  await until('the approver to read the body as it prints', async () => (await reading.innerText().catch(() => '')).includes('8.1 The costs are met from the existing budget.'));
  if (await sandra.page.getByRole('heading', { name: 'Cover sheet' }).locator('xpath=ancestor::form').count()) fail('an approver reads the report, without the editor');
  await shot(sandra.page, 'clearance-approver-reading.png', reading);
  const legalStep = await sandra.page.getByTestId('clearance-step').filter({ hasText: 'Legal' }).innerText();
  if (!legalStep.includes('due 20 November 2020') || !legalStep.includes('set by hand for this meeting: the legal team is short-staffed')) fail(`the Legal step should show its date set by hand with the reason: ${legalStep}`);
  await sandra.page.getByLabel(/^Comment/).fill('Costs checked against the budget.');
  await checkAxe(sandra.page, 'a report with its clearance, for an approver');
  await shot(sandra.page, 'clearance-approver.png', sandra.page.getByTestId('clearance'));
  await sandra.page.getByRole('button', { name: 'Approve' }).click();
  await clearanceReads(sandra.page, '1 of 2 steps approved');
  step('3. the finance approver (an author account) reads the report and approves');

  // 4. Legal returns it with a comment.
  const paul = await team.person(base, 'paul', 'Paul Feild');
  await openFromWaiting(paul, 'Legal', 'red');
  await paul.page.getByLabel(/^Comment/).fill(RETURN_COMMENT);
  await paul.page.getByRole('button', { name: 'Return with comments' }).click();
  await clearanceReads(paul.page, 'Returned to the author');
  step('4. legal returns the report with a comment');

  // 5. The author sees the comment, edits and resubmits.
  await author.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
  await until('the comment waiting on "My reports"', async () => (await author.page.getByTestId('my-report-comment').innerText().catch(() => '')).includes(RETURN_COMMENT));
  if ((await mine.getAttribute('data-rag')) !== 'red') fail('the returned report with an overdue step should be red on "My reports"');
  await shot(author.page, 'clearance-my-reports.png');
  await mine.getByRole('link').first().click();
  const returned = author.page.getByTestId('returned-comment');
  await until('the returned comment on the report', async () => (await returned.innerText().catch(() => '')).includes(RETURN_COMMENT));
  if (!(await returned.innerText()).includes('Returned by Paul Feild at the Legal step')) fail('the comment should say who returned it at which step');
  await checkAxe(author.page, 'a returned report with its comment');
  await shot(author.page, 'clearance-returned.png', author.page.getByTestId('clearance'));
  await author.page.getByLabel('Summary').fill('The summary, with the power cited in paragraph 9.1.');
  // The store's truth, not the screen's "Saved" (which reads so before the autosave starts too).
  await until('the author\'s edit to be in the store', async () => (await api(officer.page, 'report_get', { item_id: ITEM })).report.summary.includes('power cited'));
  await author.page.getByRole('button', { name: 'Resubmit for clearance' }).click();
  await clearanceReads(author.page, 'In clearance');
  await clearanceReads(author.page, '1 of 2 steps approved'); // finance's approval stands
  step('5. the author sees the comment, edits the summary and resubmits');

  // 6. Legal approves: cleared.
  await openFromWaiting(paul, 'Legal', 'red');
  await paul.page.getByRole('button', { name: 'Approve' }).click();
  await clearanceReads(paul.page, 'Cleared');
  await clearanceReads(paul.page, '2 of 2 steps approved');
  const history = await paul.page.getByTestId('clearance-event').allInnerTexts();
  const want = ['Sandra Pillinger approved the Finance step', 'Paul Feild returned the report at the Legal step', 'Paul Feild approved the Legal step'];
  for (const w of want) if (!history.some((h) => h.includes(w))) fail(`the history should hold "${w}": ${history.join(' | ')}`);
  if (!history.some((h) => h.includes(RETURN_COMMENT) && /saw the version saved/.test(h))) fail(`the history should keep the comment and the version seen: ${history.join(' | ')}`);
  const status = await api(officer.page, 'report_get', { item_id: ITEM });
  if (status.report.status !== 'cleared') fail(`the report should be cleared in the store, it is ${status.report.status}`);
  await shot(paul.page, 'clearance-cleared.png', paul.page.getByTestId('clearance'));
  step('6. legal approves; the report is cleared, with its history');

  // 7. The officer's view of the meeting, and the pack.
  await officer.page.goto(`${base}#/meetings/1`);
  const row = officer.page.getByTestId('clearance-row').filter({ hasText: 'Improving Household Waste' });
  await until('the officer\'s clearance table to show the report cleared', async () => (await row.innerText().catch(() => '')).includes('Cleared'));
  const others = officer.page.getByTestId('clearance-row').filter({ hasText: 'Corporate Plan' });
  if (!(await others.innerText()).includes('Not yet submitted') || (await others.getAttribute('data-rag')) !== 'red') fail('a report not submitted with an overdue step should be red, chasing its author');
  const dues = officer.page.getByTestId('step-dues');
  await dues.getByLabel('Step').selectOption('Finance');
  await dues.getByLabel('Due on').fill('2020-11-13');
  await dues.getByLabel('Why (required)').fill('the finance year-end closedown');
  await dues.getByRole('button', { name: 'Set the date' }).click();
  await until('the Finance step due by hand for this meeting', async () => {
    const text = await dues.getByTestId('step-due').filter({ hasText: 'Finance' }).innerText();
    return text.includes('13 November 2020') && text.includes('Set by hand: the finance year-end closedown');
  });
  await until('the reports\' Finance steps to follow the new date', async () => (await others.innerText()).includes('Finance: Not yet (due 13 November 2020)'));
  await officer.page.getByTestId('meeting-clearance').scrollIntoViewIfNeeded();
  await checkAxe(officer.page, 'the agenda with the meeting\'s clearance');
  await shot(officer.page, 'clearance-meeting.png', officer.page.getByTestId('meeting-clearance'));
  await officer.page.goto(`${base}#/meetings/1/build`);
  await officer.page.getByTestId('build-result').waitFor({ timeout: 120_000 });
  const href = await officer.page.getByRole('link', { name: 'Save as…' }).getAttribute('href');
  const b64 = await officer.page.evaluate(async (url) => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, href);
  const pdf = path.join(tmp, 'pack.pdf');
  fs.writeFileSync(pdf, Buffer.from(b64, 'base64'));
  const text = execFileSync('pdftotext', [pdf, '-'], { maxBuffer: 64 << 20 }).toString().split(/\s+/).join(' ');
  for (const line of ['Financial Implications Implications completed by: Sandra Pillinger, Group Accountant', 'Legal Implications Implications completed by: Paul Feild, Senior Governance Solicitor']) {
    if (!text.includes(line)) fail(`the officer's pack should read "${line}"`);
  }
  step('7. the officer sees every report\'s clearance; the pack reads "Implications completed by:" with names and job titles');

  team.checkScriptErrors();
  await team.stop();

  // 8. The single desk records a sign-off on someone's behalf.
  const desk = await startServer();
  const { page } = await openPage({ viewport: { width: 1300, height: 900 } });
  await page.goto(`${desk}#/reports/5`);
  await page.getByRole('button', { name: 'Submit for clearance' }).click();
  await clearanceReads(page, 'In clearance');
  await page.getByLabel('Record the sign-off of').selectOption('sandra');
  await page.getByRole('button', { name: 'Approve' }).click();
  await clearanceReads(page, '1 of 2 steps approved');
  const deskHistory = (await page.getByTestId('clearance-event').allInnerTexts()).join(' | ');
  if (!/Sandra Pillinger approved the Finance step \(recorded by .+ on behalf of Sandra Pillinger\)/.test(deskHistory)) fail(`the desk's history should say who recorded it for whom: ${deskHistory}`);
  await checkAxe(page, 'the single desk recording a sign-off');
  await shot(page, 'clearance-desk.png', page.getByTestId('clearance'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
  await page.getByLabel('Approver’s sign-in name').fill('paul');
  await page.getByRole('button', { name: 'Show' }).click();
  await until('Paul Feild\'s "Waiting for me" at the desk to list the Legal step', async () => (await page.getByTestId('waiting-row').filter({ hasText: 'Legal' }).count()) === 1);
  await checkAxe(page, '"Waiting for me" at the single desk');
  step('8. the single desk records the finance sign-off on Sandra Pillinger\'s behalf');
}

await run(async () => {
  try {
    await main();
  } catch (e) {
    // Each person's page as it was, beside the harness's failure screenshot.
    for (const p of team.people) await p.page.screenshot({ path: path.join(tmp, '..', `agendapack-e2e-clearance-${p.name}.png`) }).catch(() => {});
    throw e;
  }
}, { cleanup: team.stop });
