// Browser end-to-end test of minute-taking against the real backend and a real SQLite file
// (headless Debian Chromium driven by playwright-core, harness.mjs). With
// the demo council loaded it: opens the demo meeting's agenda, follows its "Minutes" link,
// starts the minutes, ticks attendance, and on one minute types text, declares an interest
// (Alt+D), records a vote (Alt+V) and adds an action (Alt+A), waiting for the autosave each
// time; then STOPS the `agendapack serve` process, starts a new one on the same database file,
// reloads, and finds every one of those things again, and the action in the actions log;
// finally it publishes and confirms the minutes and finds them locked.
// Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/minutes.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { fail, until, harness } from './harness.mjs';

const { step, initDemo, startServer, stopServer, openPage, checkPage, shot, run } = harness('minutes');

async function waitSaved(page, what) {
  await until(`the autosave after ${what}`, async () => (await page.getByTestId('save-state').innerText()).trim() === 'Saved', 10_000);
}

async function main() {
  initDemo();
  let base = await startServer();
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'errors' });

  // 1. From the meetings list to the demo meeting's agenda, then its Minutes link.
  await page.goto(base);
  const firstRow = page.locator('tr[data-meeting-id]').first();
  await firstRow.waitFor();
  const meetingId = await firstRow.getAttribute('data-meeting-id');
  await page.goto(`${base}#/meetings/${meetingId}`);
  await page.getByRole('link', { name: 'Minutes', exact: true }).click();
  await page.getByRole('button', { name: 'Start minutes' }).click();
  await page.getByRole('heading', { name: /^Attendance/ }).waitFor();
  const previous = await page.getByTestId('previous-minutes').innerText();
  if (!previous.includes('4 November 2020')) fail(`the screen should point at the 4 November minutes it confirms: "${previous}"`);
  step('minutes started from the agenda screen');

  // 2. Attendance: the chair and one member present, one with apologies.
  const tick = async (name, label) => {
    await page.locator(`tr[data-person="${name}"]`).getByLabel(label, { exact: true }).check();
  };
  await tick('Cllr Jane Jones', 'Present');
  await tick('Cllr Toni Bankole', 'Present');
  await tick('Cllr Phil Waker', 'Apologies');
  await waitSaved(page, 'ticking attendance');
  const summary = await page.getByTestId('attendance-summary').innerText();
  if (!summary.startsWith('2 present')) fail(`the summary should count two present, says "${summary}"`);

  // 3. On the third minute: text, then Alt+D, Alt+V, Alt+A from the keyboard.
  const pane = page.locator('section.pane').nth(2);
  const number = await pane.getAttribute('data-minute');
  if (number !== '28') fail(`the third minute of 2 December should be 28 (November ended at 25), found ${number}`);
  await pane.locator('[data-field=text]').fill('The Committee discussed the waste review.');
  await page.keyboard.press('Alt+KeyD');
  const declaration = pane.getByTestId('declaration');
  await declaration.waitFor();
  await page.keyboard.type('Cllr Jane Jones');
  await declaration.locator('select').selectOption('disclosable-pecuniary');
  await declaration.getByLabel('Left the room').check();
  await page.keyboard.press('Alt+KeyV');
  const vote = pane.getByTestId('vote');
  await vote.waitFor();
  await page.keyboard.type('That the report be noted');
  await vote.locator('[data-side=for]').fill('Cllr Jane Jones, Cllr Toni Bankole');
  await vote.locator('[data-side=abstain]').fill('Cllr Dorothy Akwaboah');
  await vote.locator('[data-side=abstain]').press('Tab');
  await page.keyboard.press('Alt+KeyA');
  const action = pane.getByTestId('action');
  await action.waitFor();
  await page.keyboard.type('Send the ward data to members');
  await action.getByLabel('Owner').fill('Head of Insight');
  await action.getByLabel('Due').fill('2020-12-18');
  await waitSaved(page, 'the declaration, vote and action');
  const tally = await vote.locator('.tally').innerText();
  if (!/2 for, 0 against, 1 abstained: carried/.test(tally)) fail(`the vote tally should read 2 for, 1 abstained, carried: "${tally}"`);
  await shot(page, 'minutes.png');
  step('attendance, a declaration, a vote and an action recorded and autosaved');

  // 4. Restart the backend on the same database file and find everything again. The page leaves
  // the old server first, as a person closes the app: a request the screen makes after a save
  // (a refresh) would otherwise be cut by the stop and logged as ERR_CONNECTION_RESET.
  await page.goto('about:blank');
  await stopServer();
  base = await startServer();
  step(`server restarted at ${base}`);
  await page.goto(`${base}#/meetings/${meetingId}/minutes`);
  await page.getByRole('heading', { name: /^Attendance/ }).waitFor();
  const checked = async (name, label) => page.locator(`tr[data-person="${name}"]`).getByLabel(label, { exact: true }).isChecked();
  if (!(await checked('Cllr Jane Jones', 'Present'))) fail('Cllr Jane Jones should still be present after the restart');
  if (!(await checked('Cllr Phil Waker', 'Apologies'))) fail('Cllr Phil Waker should still have given apologies after the restart');
  const again = page.locator('section.pane').nth(2);
  const text = await again.locator('[data-field=text]').inputValue();
  if (text !== 'The Committee discussed the waste review.') fail(`the minute text should survive the restart, found "${text}"`);
  const d = again.getByTestId('declaration');
  if ((await d.locator('[data-role=first]').inputValue()) !== 'Cllr Jane Jones') fail('the declaring member should survive the restart');
  if ((await d.locator('select').inputValue()) !== 'disclosable-pecuniary') fail('the nature of the interest should survive the restart');
  if (!(await d.getByLabel('Left the room').isChecked())) fail('"left the room" should survive the restart');
  const v = again.getByTestId('vote');
  if ((await v.locator('[data-role=first]').inputValue()) !== 'That the report be noted') fail('the motion should survive the restart');
  if ((await v.locator('[data-side=for]').inputValue()) !== 'Cllr Jane Jones, Cllr Toni Bankole') fail('the names voting for should survive the restart');
  if ((await v.locator('[data-side=abstain]').inputValue()) !== 'Cllr Dorothy Akwaboah') fail('the abstention should survive the restart');
  step('everything found again after the restart');

  // 5. The action is in the actions log (nav entry).
  await page.getByRole('link', { name: 'Minutes and actions', exact: true }).click();
  const row = page.getByTestId('action-row').filter({ hasText: 'Send the ward data to members' });
  await row.waitFor();
  if (!/minute 28/.test(await row.innerText())) fail('the actions log should say which minute agreed the action');
  step('the action is in the actions log');

  // 6. Publish, confirm at the next meeting with an amendment: the minutes show locked.
  await page.goto(`${base}#/meetings/${meetingId}/minutes`);
  await page.getByRole('button', { name: 'Publish draft' }).click();
  await until('the status to read "Published draft"', async () => (await page.getByTestId('minutes-status').innerText()).trim() === 'Published draft', 10_000);
  await page.getByLabel('Confirmed at the meeting of').fill('2021-01-06');
  await page.getByLabel('Amendments agreed (one per line)').fill("Minute 28: 'waste' not 'wast'.");
  await page.getByRole('button', { name: 'Confirm as correct record' }).click();
  await page.getByTestId('locked').waitFor();
  if (!(await page.locator('section.pane').nth(2).locator('[data-field=text]').isDisabled())) fail('confirmed minutes must not be editable on screen');
  const amendments = await page.getByTestId('amendments').innerText();
  if (!amendments.includes("'waste' not 'wast'")) fail(`the amendment should be listed: "${amendments}"`);
  step('confirmed minutes are shown locked with their amendment');

  checkPage();
}


await run(main);
