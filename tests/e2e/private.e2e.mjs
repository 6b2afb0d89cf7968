// Browser end-to-end test of issue 14, points 1 and 2, against the real backend and a real
// SQLite file: on a second committee's meeting (Licensing Committee), "Move to private" on an
// open report asks for its Schedule 12A paragraph(s) before anything is saved (and says so when
// none is chosen); with paragraph 3 the item lands below Private Business as exempt; the public
// pack (read with poppler's pdftotext, not our code) carries none of the report's words and its
// Private Business paragraph names the Licensing Committee; the Committees screen shows each
// standing text as "Uses the council's text". Every wait is bounded and says what it waits for.
//
//   node tests/e2e/private.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api, checkAxe, fail, until, harness } from './harness.mjs';

const { tmp, step, startServer, openPage, checkPage, run } = harness('private');
/** Words of the report's papers that must never reach the public pack. */
const MARKER = 'QUOKKA-RIVERSIDE-4471';

/** Builds an edition of a meeting's pack and returns its text as pdftotext reads it. */
async function packText(page, meetingId, edition) {
  const { job_id } = await api(page, 'pack_build', { meeting_id: meetingId, edition });
  const job = await until(`the ${edition} pack to build`, async () => {
    const j = await api(page, 'pack_job', { job_id });
    return j.state === 'running' ? null : j;
  }, 300_000, 250);
  if (job.state !== 'done') fail(`the ${edition} pack did not build: ${JSON.stringify(job)}`);
  const b64 = await page.evaluate(async (id) => {
    const bytes = new Uint8Array(await (await fetch(`/api/pack_pdf/${id}`)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, job_id);
  const file = path.join(tmp, `${edition}.pdf`);
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  return { text: execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' '), file, job };
}

async function titles(page) {
  return page.$$eval('ol.agenda > li[data-item-id] .title', (els) => els.map((e) => e.childNodes[0]?.textContent?.trim() ?? ''));
}

async function main() {
  const base = await startServer({ initDemo: true, external: true });
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1400, height: 900 }, responses: 'list', sameOrigin: base });
  await page.goto(base);
  await page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();

  // A second committee with a meeting and an open report whose papers carry the marker.
  const committee = await api(page, 'committee_save', { name: 'Licensing Committee' });
  const meeting = await api(page, 'meeting_create', { committee_id: committee.id, starts_at: '2021-03-10T19:00:00',
    venue: { kind: 'place', name: 'Town Hall, Romford' }, contact_officer: { name: 'Richard Cursons', email: 'richard@example.org' } });
  const added = await api(page, 'item_add', { meeting_id: meeting.id, title: 'Land at Riverside', kind: 'report' });
  const item = added.items.find((i) => i.title === 'Land at Riverside');
  const report = (await api(page, 'report_get', { item_id: item.id })).report;
  await api(page, 'report_save', { item_id: item.id, report: { ...report, report_of: 'Report of the Director of Place',
    accountable_director: 'A Director', authors: [{ name: 'An Officer' }], summary: `The offer for ${MARKER} from the buyer.`,
    body: `## 1. Introduction\n\n1.1 The buyer of ${MARKER} has offered a price.` } });
  step('Licensing Committee meeting with an open report set up');

  // "Move to private" asks for the paragraph first.
  await page.goto(`${base}#/meetings/${meeting.id}`);
  await page.getByRole('heading', { name: /Licensing Committee: Wednesday 10 March 2021/ }).waitFor();
  const row = page.locator(`li[data-item-id="${item.id}"]`);
  await row.getByRole('button', { name: 'Move to private' }).click();
  const dialog = page.getByRole('dialog', { name: /Why is “Land at Riverside” private\?/ });
  await dialog.waitFor();
  await dialog.getByText('Information relating to the financial or business affairs of any particular person').waitFor();
  await dialog.getByRole('button', { name: 'Make private' }).click();
  await dialog.getByText('Choose at least one paragraph of Schedule 12A.').waitFor();
  await checkAxe(page, 'the paragraph dialog');
  const stillPublic = await api(page, 'meeting_get', { id: meeting.id });
  const heading = stillPublic.items.findIndex((i) => i.kind === 'private-business-heading');
  if (stillPublic.items.findIndex((i) => i.id === item.id) > heading) fail('nothing may move before a paragraph is chosen');
  await dialog.getByRole('checkbox', { name: /financial or business affairs/ }).check();
  await dialog.getByRole('button', { name: 'Make private' }).click();
  await until('the dialog to close', async () => !(await dialog.isVisible()));
  await until('the item to show it is exempt under paragraph 3', async () => (await row.locator('.tag.exempt').innerText().catch(() => '')) === 'Exempt, para 3');
  const moved = await api(page, 'meeting_get', { id: meeting.id });
  const at = moved.items.findIndex((i) => i.id === item.id);
  const h = moved.items.findIndex((i) => i.kind === 'private-business-heading');
  if (!(at > h)) fail(`the item should be below Private Business: ${JSON.stringify(moved.items.map((i) => i.title))}`);
  if (!(await row.evaluate((el) => el.classList.contains('private')))) fail('the agenda shows the item in the private section');
  step(`moved to private with paragraph 3 (agenda: ${JSON.stringify(await titles(page))})`);

  // Adding an item below the heading asks too; confidential is an answer.
  await page.getByLabel('Title', { exact: true }).fill('Lease of the depot');
  await page.getByLabel('Kind').selectOption('report');
  const riverside = moved.items.find((i) => i.id === item.id);
  await page.getByLabel('Position', { exact: true }).selectOption({ label: `After ${riverside.number}. Land at Riverside` });
  await page.getByRole('button', { name: 'Add item' }).click();
  const addDialog = page.getByRole('dialog', { name: /Why is “Lease of the depot” private\?/ });
  await addDialog.waitFor();
  await addDialog.getByRole('radio', { name: 'Confidential (s100A(3))' }).check();
  await addDialog.getByRole('button', { name: 'Make private' }).click();
  await until('the confidential item on the agenda', async () => (await titles(page)).includes('Lease of the depot'));
  const withLease = await api(page, 'meeting_get', { id: meeting.id });
  const lease = withLease.items.find((i) => i.title === 'Lease of the depot');
  if (lease.access.kind !== 'confidential') fail(`the added item is confidential: ${JSON.stringify(lease)}`);
  step('an item added below the heading was asked for its access');

  // The public pack: none of the report's words; its own committee in the Private Business paragraph.
  const pub = await packText(page, meeting.id, 'public');
  if (pub.text.includes(MARKER) || fs.readFileSync(pub.file).includes(MARKER)) fail('the public pack must not contain the report\'s papers');
  if (!pub.text.includes('Land at Riverside') || !pub.text.includes('Exempt: paragraph 3 of Part 1 of Schedule 12A')) fail(`the agenda lists the item with its paragraph: ${pub.text.slice(0, 3000)}`);
  if (!pub.text.includes('such as the Licensing Committee, except')) fail(`the Private Business paragraph names the Licensing Committee: ${pub.text.slice(0, 3000)}`);
  if (pub.text.includes('Overview & Scrutiny Committee')) fail('the Licensing Committee pack must not name another committee');
  if (pub.text.includes('There are no such items')) fail('"no such items" only when the private section is empty');
  const full = await packText(page, meeting.id, 'full');
  if (!full.text.includes(MARKER)) fail('the full edition carries the papers (the test would prove nothing otherwise)');
  step('public pack has none of the papers and names its own committee; the full pack has them');

  // The Committees screen shows the council's texts as the committee's defaults.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
  await page.getByRole('button', { name: 'Licensing Committee', exact: true }).click();
  await page.getByRole('heading', { name: 'Licensing Committee: standing texts' }).waitFor();
  await until('"Uses the council\'s text" on every standing text', async () => (await page.getByText('Uses the council\'s text', { exact: true }).count()) === 8);
  await checkAxe(page, 'Committees with standing texts');
  checkPage();
}

run(main);
