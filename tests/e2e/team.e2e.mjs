// Browser end-to-end test of the team server (issue 18) against the real `agendapack server`
// over HTTPS with its self-signed certificate (accepted with ignoreHTTPSErrors, as a person
// accepts it after comparing the printed fingerprint), on the demo council with an officer's and
// an author's account made by `user add` and the author given the report of item 4 by `user own`.
// Two browser contexts, two people at once:
//   1. both see the sign-in form first; a wrong password gets the server's sentence (the form
//      and the signed-in frame are held to zero axe-core violations);
//   2. the officer signs in and sees the meetings, named as signed in;
//   3. the author signs in in the other context, opens their own report (item 4), and is
//      refused another's (item 5) with the server's sentence; the session cookie is not
//      readable by the page's scripts (HttpOnly);
//   4. the officer's session is untouched by the author's; the officer signs out and is back at
//      the sign-in form, and a command from that page is refused;
//   5. the author's account is disabled mid-work: the next command brings the sign-in form over
//      the screen.
// Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/team.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { checkAxe, command, fail, until, harness } from './harness.mjs';
import { signIn, signedInAs, teamServer } from './team_support.mjs';

const { db, cli, step, initDemo, shot, run } = harness('team');
const team = teamServer(db);

async function main() {
  initDemo();
  team.addUser('officer', 'officer', 'Demo Officer');
  team.addUser('author', 'author', 'Demo Author');
  cli(['user', 'own', 'author', '--item', '4']);
  const base = await team.start();
  step(`team server at ${base}`);

  // 1. The sign-in form comes first; a wrong password is refused with the server's sentence.
  const officer = await team.atSignIn(base, 'the officer');
  await signIn(officer.page, 'officer', 'not-the-password');
  const alert = await officer.page.getByRole('alert').innerText();
  if (!alert.includes('The name or password is wrong.')) fail(`a wrong password should be refused in words, got: ${alert}`);
  await checkAxe(officer.page, 'the sign-in screen with its error');
  await shot(officer.page, 'team-sign-in.png');
  step('a wrong password is refused; the sign-in screen has no axe-core violations');

  // 2. The officer signs in and sees the meetings.
  await signIn(officer.page, 'officer', 'officer-demo-pass');
  await signedInAs(officer.page, 'Demo Officer (officer)');
  await until('the meetings list', async () => (await officer.page.locator('main').innerText()).includes('Overview and Scrutiny Committee'));
  await checkAxe(officer.page, 'the meetings list signed in');
  step('the officer is signed in and sees the meetings');

  // 3. The author, at the same time in another browser, opens their own report only.
  const author = await team.person(base, 'author', 'Demo Author (author)');
  await author.page.goto(`${base}#/reports/4`);
  await until('the author to see their report', async () => (await author.page.locator('main').innerText()).includes('Improving Household Waste'));
  const other = await command(author.page, 'report_get', { item_id: 5 });
  if (other.status !== 403 || !/only their own reports/.test(other.body?.message ?? '')) fail(`another author's report should be refused with 403, got ${other.status} ${JSON.stringify(other.body)}`);
  const cookies = await author.page.evaluate(() => document.cookie);
  if (cookies.includes('agendapack_session')) fail('the session cookie must be HttpOnly (unreadable by scripts)');
  step('the author opens their own report, is refused another, and cannot read the cookie');

  // 4. The officer's session is their own; signing out ends it.
  const stillOfficer = await command(officer.page, 'meeting_get', { id: 1 });
  if (stillOfficer.status !== 200) fail(`the officer's session should be untouched by the author's sign-in, got ${stillOfficer.status}`);
  await officer.page.getByRole('button', { name: 'Sign out' }).click();
  await officer.page.getByRole('heading', { name: 'Sign in to AgendaPack' }).waitFor();
  const afterSignOut = await command(officer.page, 'meetings_list', {});
  if (afterSignOut.status !== 401) fail(`after sign-out a command should be refused with 401, got ${afterSignOut.status}`);
  step('the officer signs out and the session is gone');

  // 5. An account disabled while its person works: their next command finds the session gone,
  //    and the sign-in form comes over the screen, which stays as it was beneath it.
  cli(['user', 'disable', 'author']);
  await author.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
  await author.page.getByRole('heading', { name: 'Sign in again' }).waitFor();
  if (!(await author.page.locator('nav[aria-label="Main"]').isVisible())) fail('the screen should stay beneath the sign-in form');
  step('a disabled account meets the sign-in form over its screen at its next command');

  team.checkScriptErrors();
}

await run(main, { cleanup: team.stop });
