// Browser end-to-end test of account administration on the team server (issue 18), against the
// real `agendapack server` over HTTPS on the demo council, with three people in three browser
// contexts: the administrator (made by `user add`), an officer, and an author the
// administrator adds on screen.
//   1. the administrator signs in, finds Accounts in the menu (zero axe-core violations), and
//      adds an author: a first password typed differently twice is refused beside the field,
//      then the account is listed;
//   2. the officer opens item 4's editor on the agenda and gives its report to the new author
//      ("Report author (account)");
//   3. the author signs in in their own context and opens that report;
//   4. the administrator disables the author: the author's next action brings the sign-in form
//      over the screen; enabled again, the author signs in there and goes on;
//   5. the administrator makes the officer a clerk: the officer's next action brings the sign-in
//      form (a changed role ends the session), and signed in again the frame says clerk; the
//      account's history names the administrator who changed it;
//      demoting the last enabled administrator (themself) is refused beside the role field;
//   6. the author changes their own password from the signed-in frame (the dialog held to
//      zero axe-core violations), and the new one signs in;
//   7. e-mail reminders (issue 19): the administrator sets the author's address on the Accounts
//      screen (a bad one refused beside the field with the store's sentence), and in Council
//      settings saves the mail server with a password; reloaded, the password field is empty and
//      says a password is set (both screens held to zero axe-core violations).
// Screenshots: docs/screenshots/team-accounts.png, and full-page views in $E2E_LOOK_DIR.
// Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/accounts.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { checkAxe, fail, until, harness } from './harness.mjs';
import { signIn, signedInAs, teamServer } from './team_support.mjs';

const { tmp, db, step, initDemo, shot, run } = harness('accounts');
const team = teamServer(db);

/** A full-page view to look at, in $E2E_LOOK_DIR when set (kept), else the test's folder. */
const look = (page, name) => shot(page, name, { dir: process.env.E2E_LOOK_DIR ?? tmp, fullPage: true });

/** The Accounts screen's row of `name`, and its "Manage" panel opened. */
async function manage(page, name) {
  await page.getByRole('button', { name: `Manage ${name}` }).click();
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }).waitFor();
}

/** The person goes to the meetings list. Done by the address, not a click: the live update of
 *  the administrator's change may already have re-read the screen, met the ended session and
 *  put the sign-in form over it, which a click on the menu would then hit. */
async function nextAction(page) {
  await page.evaluate(() => { location.hash = '#/meetings'; });
}

async function rowText(page, name) {
  return page.getByTestId(`account-${name}`).innerText().catch(() => '');
}

async function main() {
  initDemo();
  team.addUser('admin', 'administrator', 'Ada Admin');
  team.addUser('officer', 'officer', 'Olu Officer');
  const base = await team.start();
  step(`team server at ${base}`);

  // 1. The administrator adds an author.
  const admin = await team.person(base, 'admin', 'Ada Admin (administrator)', 'admin-demo-pass');
  const ap = admin.page;
  await ap.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await ap.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  await until('the two accounts listed', async () => (await rowText(ap, 'officer')).includes('Olu Officer'));
  await checkAxe(ap, 'the Accounts screen');
  await ap.getByLabel('Sign-in name').fill('priya');
  await ap.getByLabel('Full name', { exact: true }).last().fill('Priya Shah');
  await ap.locator('#add-acc-role').selectOption('author');
  await ap.getByLabel('Job title (optional)').last().fill('Waste Strategy Manager');
  await ap.getByLabel('First password', { exact: true }).fill('priya-first-pass');
  await ap.getByLabel('First password again').fill('priya-first-pasS');
  await ap.getByRole('button', { name: 'Add account' }).click();
  await until('the mismatch said beside the field', async () => (await ap.locator('#add-acc-pw2-msg').innerText()) === 'The two passwords are not the same.');
  await checkAxe(ap, 'the Accounts screen with a refused password');
  await look(ap, 'accounts-mismatch.png');
  await ap.getByLabel('First password again').fill('priya-first-pass');
  await ap.getByRole('button', { name: 'Add account' }).click();
  await until('priya listed as an author', async () => /Priya Shah\s+Author\s+Waste Strategy Manager\s+Enabled/.test(await rowText(ap, 'priya')));
  step('the administrator adds an author (a mismatched password refused beside the field first)');

  // 2. The officer gives item 4's report to the author from the item editor.
  const officer = await team.person(base, 'officer', 'Olu Officer (officer)', 'officer-demo-pass');
  const op = officer.page;
  if (await op.getByRole('link', { name: 'Accounts' }).count()) fail('an officer should not be offered the Accounts screen');
  await op.goto(`${base}#/meetings/1`);
  const item = op.locator('li[data-item-id="4"]');
  await item.getByRole('button', { name: 'Edit', exact: true }).click();
  const picker = item.getByLabel('Report author (account)');
  await until('the authors listed in the picker', async () => (await picker.locator('option').allInnerTexts()).includes('Priya Shah (priya)'));
  await picker.selectOption('priya');
  await item.getByRole('button', { name: 'Give the report' }).click();
  await until('the report given', async () => (await item.innerText()).includes('The report is given to Priya Shah.'));
  await checkAxe(op, 'the agenda with the item editor and its author picker');
  await look(op, 'accounts-item-editor.png');
  step('the officer gives the report of item 4 to Priya Shah in the item editor');

  // 3. The author signs in elsewhere and opens it.
  const author = await team.person(base, 'priya', 'Priya Shah (author)', 'priya-first-pass');
  const up = author.page;
  await up.goto(`${base}#/reports/4`);
  await until('the author to see the report given to her', async () => (await up.locator('main').innerText()).includes('Improving Household Waste'));
  step('the author signs in in another context and opens the report');

  // 4. Disabled: the author's next action meets the sign-in form; enabled again, she goes on.
  await manage(ap, 'priya');
  await ap.getByRole('button', { name: 'Disable priya' }).click();
  await until('priya marked disabled', async () => (await rowText(ap, 'priya')).includes('Disabled'));
  await nextAction(up);
  const again = up.getByTestId('signin-dialog');
  await up.getByRole('heading', { name: 'Sign in again' }).waitFor();
  step('disabled: the author\'s next action brings the sign-in form');
  await ap.getByRole('button', { name: 'Enable priya' }).click();
  await until('priya enabled again', async () => (await rowText(ap, 'priya')).includes('Enabled'));
  await signIn(again, 'priya', 'priya-first-pass');
  await until('the sign-in form gone', async () => !(await again.isVisible()));
  await up.goto(`${base}#/reports/4`);
  await until('the author back at her report', async () => (await up.locator('main').innerText()).includes('Improving Household Waste'));
  step('enabled again: the author signs in and goes on');

  // 5. A changed role ends the session; the last administrator stays one.
  await manage(ap, 'officer');
  await ap.locator('#acc-role').selectOption('clerk');
  await ap.getByRole('button', { name: 'Change role' }).click();
  await until('the officer listed as a clerk', async () => (await rowText(ap, 'officer')).includes('Clerk'));
  await ap.getByText(/^History of this account/).click();
  await until('the role change in the account\'s history, by the administrator', async () => /Ada Admin\s+role officer to clerk/.test(await ap.getByRole('table', { name: 'History of officer' }).innerText().catch(() => '')));
  await nextAction(op);
  await op.getByRole('heading', { name: 'Sign in again' }).waitFor();
  await signIn(op.getByTestId('signin-dialog'), 'officer', 'officer-demo-pass');
  await signedInAs(op, 'Olu Officer (clerk)');
  step('made a clerk: the officer is signed out at the next action and signs in as a clerk');
  await manage(ap, 'admin');
  await ap.locator('#acc-role').selectOption('officer');
  await ap.getByRole('button', { name: 'Change role' }).click();
  await until('the refusal beside the role field', async () => (await ap.locator('#acc-role-msg').innerText()).includes('last enabled administrator'));
  if (!(await rowText(ap, 'admin')).includes('Administrator')) fail('the last administrator must stay one');
  await checkAxe(ap, 'the Accounts screen with the last administrator kept');
  await shot(ap, 'team-accounts.png');
  await look(ap, 'accounts-last-admin.png');
  step('the last enabled administrator cannot be demoted (one sentence beside the field)');

  // 6. The author changes her own password.
  await up.getByRole('button', { name: 'Change password' }).click();
  const dialog = up.getByTestId('password-dialog');
  await dialog.getByLabel('Current password').fill('not-my-password');
  await dialog.getByLabel('New password', { exact: true }).fill('priya-second-pass');
  await dialog.getByLabel('New password again').fill('priya-second-pass');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await until('the wrong current password said beside its field', async () => (await up.locator('#pw-current-msg').innerText()).includes('current password is wrong'));
  await checkAxe(up, 'the change-password dialog with an error');
  await look(up, 'accounts-password.png');
  await dialog.getByLabel('Current password').fill('priya-first-pass');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await until('the change confirmed', async () => (await dialog.innerText()).includes('Your password is changed.'));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await up.getByRole('button', { name: 'Sign out' }).click();
  await up.getByRole('heading', { name: 'Sign in to AgendaPack' }).waitFor();
  await signIn(up, 'priya', 'priya-second-pass');
  await signedInAs(up, 'Priya Shah (author)');
  step('the author changes her own password and signs in with the new one');

  // 7. E-mail reminders: an address for the author, and the council's mail server.
  await manage(ap, 'priya');
  await ap.getByLabel('E-mail address').fill('priya at council');
  await ap.getByRole('button', { name: 'Save address' }).click();
  await until('the bad address refused beside the field', async () => (await ap.locator('#acc-email-msg').innerText()).includes('one address such as name@council.gov.uk'));
  await checkAxe(ap, 'the Accounts screen with a refused e-mail address');
  await look(ap, 'accounts-email-refused.png');
  await ap.getByLabel('E-mail address').fill('priya.shah@council.gov.uk');
  await ap.getByRole('button', { name: 'Save address' }).click();
  await until('the address listed in priya\'s row', async () => (await rowText(ap, 'priya')).includes('priya.shah@council.gov.uk'));
  if (await ap.locator('#acc-email-msg').innerText()) fail('the refusal should go once the address is saved');
  step('the administrator sets the author\'s e-mail address (a bad one refused beside the field first)');

  await ap.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Council settings' }).click();
  await ap.getByRole('heading', { level: 2, name: 'E-mail reminders' }).waitFor();
  await ap.getByLabel('Mail server (SMTP host)').fill('smtp.council.gov.uk');
  await ap.getByLabel('Port').fill('587');
  await ap.getByLabel('Security').selectOption('starttls');
  await ap.getByLabel('From address').fill('Democratic Services <democracy@council.gov.uk>');
  await ap.getByLabel('User name (optional)').fill('agendapack');
  await ap.getByLabel('Password', { exact: true }).fill('smtp-s3cret-pass');
  await ap.getByLabel(/link/).fill('http://agendapack.council.gov.uk');
  await ap.getByRole('button', { name: 'Save e-mail settings' }).click();
  await until('a plain-http link refused beside its field', async () => (await ap.locator('#mail-link-msg').innerText()).includes('https://'));
  await ap.getByLabel(/link/).fill('https://agendapack.council.gov.uk:8443');
  await ap.getByRole('button', { name: 'Save e-mail settings' }).click();
  await until('the mail server saved', async () => (await ap.getByRole('status').filter({ hasText: 'E-mail settings saved.' }).count()) === 1);
  await ap.reload();
  const host = ap.getByLabel('Mail server (SMTP host)');
  await until('the saved mail server shown after a reload', async () => (await host.count()) === 1 && (await host.inputValue()) === 'smtp.council.gov.uk');
  if ((await ap.getByLabel('Password', { exact: true }).inputValue()) !== '') fail('the password field must be empty after a reload');
  if (!(await ap.locator('#mail-pw-hint').innerText()).includes('A password is set')) fail('the password field must say a password is set');
  if ((await ap.getByLabel('User name (optional)').inputValue()) !== 'agendapack') fail('the user name must be kept');
  await checkAxe(ap, 'Council settings with the e-mail reminders section');
  await look(ap.locator('section[aria-labelledby="mail-h"]').page(), 'council-email-reminders.png');
  step('the administrator saves the mail server with a password; reloaded, the field is empty and says a password is set');

  team.checkScriptErrors();
}

await run(main, { cleanup: team.stop });
