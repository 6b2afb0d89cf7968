// Makes a large meeting for the "a pack build never blocks the UI" test: reads a meeting
// document (agendapack export), repeats every report item `times` times in place, renumbers the
// numbered items, moves the meeting a day later so it is told apart from the demo, and writes the
// result.  Usage: node scale-meeting.mjs IN.json OUT.json [times=4]
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, timesArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scale-meeting.mjs IN.json OUT.json [times]');
  process.exit(2);
}
const times = Number(timesArg ?? 4);
if (!Number.isInteger(times) || times < 1) {
  console.error(`scale-meeting: times must be a whole number of at least 1, not ${timesArg}`);
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, 'utf8'));
const items = [];
for (const item of doc.items) {
  items.push(item);
  if (item.kind !== 'report') continue;
  for (let copy = 2; copy <= times; copy++) {
    const clone = structuredClone(item);
    clone.title = `${item.title} (copy ${copy})`;
    items.push(clone);
  }
}
let number = 0;
for (const item of items) {
  if (item.number !== undefined) item.number = ++number;
}
doc.items = items;
const [date, time] = doc.meeting.starts_at.split('T');
const next = new Date(`${date}T00:00:00Z`);
next.setUTCDate(next.getUTCDate() + 1);
doc.meeting.starts_at = `${next.toISOString().slice(0, 10)}T${time}`;
writeFileSync(output, JSON.stringify(doc));
console.log(`scale-meeting: ${doc.items.length} items, ${items.filter((i) => i.kind === 'report').length} reports, on ${doc.meeting.starts_at}`);
