// Browser end-to-end test of a meeting's history (issue 10) against the real backend and a real
// SQLite file (tests/e2e/harness.mjs). With the demo council loaded and a pack built
// by the CLI (which records the publication with its SHA-256), it opens the agenda, opens
// "History of changes", and finds the published pack with the same SHA-256 as the file on disk
// and the import's lines naming the OS user; then it adds an agenda item in the page and finds
// that change at the top of the history. Every wait is bounded and says what it was waiting for.
//
//   node tests/e2e/audit.e2e.mjs   (after `npm run build` in ui/ and `cargo build -p agendapack`)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail, until, harness } from './harness.mjs';

const { tmp, step, cli, initDemo, startServer, openPage, checkPage, run } = harness('audit');

async function openHistory(page) {
  await page.getByRole('button', { name: 'History of changes' }).click();
  return until('the history to load', async () => {
    const text = await page.locator('#audit-body').innerText();
    return text.includes('Loading') ? null : text;
  });
}

async function main() {
  // The CLI records the OS user ($USER) on the import and the publication.
  const clerk = { ...process.env, USER: 'e2e-clerk' };
  initDemo(clerk);
  const pack = path.join(tmp, 'pack.pdf');
  cli(['build', '--meeting', '1', '--out', pack], clerk);
  const sha = crypto.createHash('sha256').update(fs.readFileSync(pack)).digest('hex');
  const base = await startServer();
  step(`server at ${base}`);
  const { page } = await openPage({ viewport: { width: 1400, height: 1000 } });

  // 1. The history shows the publication with the file's SHA-256 and who imported the demo.
  await page.goto(`${base}#/meetings/1`);
  const history = await openHistory(page);
  if (!history.includes(sha)) fail(`the history should show the pack's SHA-256 ${sha}; it shows: ${history.slice(0, 600)}`);
  if (!history.includes('e2e-clerk')) fail('the history should name the OS user who imported the meeting');
  if (!history.includes('Agenda item added')) fail('the import of the agenda should be in the history');
  step('history shows the publication and the import');

  // 2. A change made in the page is at the top of the history.
  await page.getByRole('button', { name: 'History of changes' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Audit trail check item');
  await page.getByRole('button', { name: 'Add item' }).click();
  await until('the new item to be on the agenda', async () => (await page.locator('ol.agenda').innerText()).includes('Audit trail check item'));
  const reopened = await openHistory(page);
  if (!reopened.includes('Audit trail check item')) fail(`the reopened history should show the added item; it shows: ${reopened.slice(0, 600)}`);
  const first = await page.locator('#audit-body tbody tr').first().innerText();
  if (!first.includes('Audit trail check item')) fail(`the newest line should be the added item, is: ${first}`);
  step('a change made in the page is at the top of the history');

  checkPage();
}


await run(main);
