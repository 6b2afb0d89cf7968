// Browser end-to-end test of the planning screens against the real backend and a real SQLite
// file (headless Debian Chromium driven by playwright-core, tests/e2e/harness.mjs).
// With the demo council loaded it: opens the work programme board and finds seed 001's
// meetings with their deadlines ("(TBC)" for provisional dates); moves an item to the next
// meeting with Alt+Right and another by dragging, and finds both moves after a reload; views
// seed 000's tracker as at 1 December 2014 and records a progress update; adds a key decision
// to the forward plan and sees it flagged when its notice is late.
// Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/programme.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { fail, until, harness } from './harness.mjs';

const { step, initDemo, startServer, openPage, checkPage, shot, run } = harness('programme');

const column = (page, name) => page.locator(`section[aria-label="${name}"]`);

async function main() {
  initDemo();
  const base = await startServer();
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1600, height: 1000 } });

  // 1. The board: seed 001's meetings with their deadline columns.
  await page.goto(`${base}#/programme`);
  await page.getByTestId('board').waitFor();
  await page.getByTestId('committee').selectOption({ label: 'Overview and Scrutiny Committee' });
  const january = column(page, '6 January 2021');
  await january.waitFor();
  const janText = await january.innerText();
  if (!janText.includes('10am, Friday 18 December')) fail(`6 January should show its final report deadline, shows: ${janText}`);
  const march = await column(page, '3 March 2021').innerText();
  if (!march.includes('(TBC) 11 February')) fail(`a provisional date's deadline should print (TBC): ${march}`);
  step('board shows seed 001 meetings and deadlines');

  // 2. Keyboard move: the second item of 6 January to 26 January (the next column).
  const title = 'Report arising from recommendation 3 of A2020 Scrutiny Review on Best Value.';
  await january.getByRole('button', { name: title }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await until('the keyboard move to reach 26 January', async () =>
    (await column(page, '26 January 2021 (Extraordinary Meeting)').innerText()).includes(title));
  step('Alt+Right moved an item to the next meeting');

  // 3. Drag: the OneView item of 3 February onto 3 March.
  const dragged = 'OneView: Use, Governance, Ethics & Transparency';
  await column(page, '3 February 2021').getByRole('button', { name: dragged }).dragTo(column(page, '3 March 2021'));
  await until('the drag to reach 3 March', async () => (await column(page, '3 March 2021').innerText()).includes(dragged));
  await page.reload();
  await page.getByTestId('board').waitFor();
  await page.getByTestId('committee').selectOption({ label: 'Overview and Scrutiny Committee' });
  await column(page, '3 March 2021').waitFor();
  const after = await column(page, '3 March 2021').innerText();
  if (!after.includes(dragged) || !after.includes('moved 1')) fail(`after a reload the dragged item is still on 3 March with its move recorded: ${after}`);
  if (!(await column(page, '26 January 2021 (Extraordinary Meeting)').innerText()).includes(title)) fail('the keyboard move survives a reload');
  await column(page, '3 March 2021').getByRole('button', { name: 'History' }).first().click();
  const moves = await page.getByTestId('history').innerText();
  if (!moves.includes('3 February 2021 → 3 March 2021')) fail(`the item's history shows its move: ${moves}`);
  await shot(page, 'programme-board.png');
  step('drag and drop moved an item; both moves survive a reload, with their history');

  // 4. Tracker as at a date, and a progress update.
  await page.goto(`${base}#/trackers`);
  await page.getByTestId('tracker-summary').waitFor();
  await page.getByTestId('as-at').fill('2014-12-01');
  await until('the as-at summary', async () => (await page.getByTestId('tracker-summary').innerText()).includes('30 recommendations, 64 actions, 11 complete'));
  await page.getByRole('button', { name: 'Add progress' }).first().click();
  await page.getByRole('textbox', { name: 'Progress' }).fill('Delivery plan reviewed at CMT');
  await page.getByRole('button', { name: 'Save progress' }).click();
  await until('the recorded progress to show', async () => (await page.locator('table').innerText()).includes('Delivery plan reviewed at CMT'));
  await page.getByTestId('attach-meeting').selectOption({ label: 'Overview and Scrutiny Committee, 2 December 2020' });
  await until('the reports of the meeting to be listed', async () => (await page.getByTestId('attach-report').locator('option').count()) > 1);
  await page.getByTestId('attach-report').selectOption({ index: 1 });
  await page.getByRole('button', { name: /Add to the report as an appendix/ }).click();
  await until('the tracker to be added as an appendix', async () => (await page.locator('main').innerText()).includes('(progress as at 1 December 2014)'));
  step('tracker as at 1 December 2014, a progress update, and the tracker added to a report as an appendix');

  // 5. Forward plan: a decision published too late is flagged.
  await page.goto(`${base}#/forward-plan`);
  await page.getByTestId('fp-summary').waitFor();
  await page.getByLabel('Reference').fill('FP/E2E/1');
  await page.getByLabel('Decision', { exact: true }).fill('Award of the highways maintenance contract');
  await page.getByLabel('Decision date').fill('2030-03-01');
  await page.getByLabel('First published').fill('2030-02-20');
  await page.getByRole('button', { name: 'Save' }).click();
  await until('the late decision to be listed and flagged', async () => {
    const text = await page.getByTestId('forward-plan').innerText();
    return text.includes('FP/E2E/1') && text.includes('LATE');
  });
  step('forward plan flags a late notice');

  checkPage();
}


await run(main);
