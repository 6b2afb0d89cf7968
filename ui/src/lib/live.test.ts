import { describe, expect, it } from 'vitest';
import { announce, concerns, follow, live, onChange, type Change } from './live.svelte';
import { differences } from './conflict';
import type { ReportFields } from './types';

/** A stand-in EventSource: the test sends its events by name. */
function fakeSource() {
  const handlers = new Map<string, (e: Event) => void>();
  let closed = false;
  const source = {
    addEventListener: (name: string, fn: (e: Event) => void) => handlers.set(name, fn),
    close: () => { closed = true; },
  } as unknown as EventSource;
  const send = (name: string, data: string) => handlers.get(name)?.(new MessageEvent(name, { data }));
  return { source, send, closed: () => closed };
}

const me = { name: 'arun', display: 'Arun Author', role: 'author' };

describe('live updates', () => {
  it('opens one stream, tells every listener of each change and of a resync, and closes', () => {
    const fake = fakeSource();
    const urls: string[] = [];
    const heard: Change[] = [];
    const stop = onChange((c) => heard.push(c));
    follow(true, (url) => { urls.push(url); return fake.source; });
    follow(true, () => { throw new Error('a second stream must not be opened'); });
    expect(urls).toEqual(['/api/events']);
    expect(live.open).toBe(true);
    fake.send('change', JSON.stringify({ command: 'report_save', meeting_id: 1, item_id: 4, by: 'Olivia Officer' }));
    fake.send('change', 'not json');
    fake.send('resync', '{}');
    expect(heard).toEqual([
      { command: 'report_save', meeting_id: 1, item_id: 4, by: 'Olivia Officer' },
      { command: 'resync', by: '' },
    ]);
    stop();
    announce({ command: 'item_add', by: 'x' });
    expect(heard.length).toBe(2);
    follow(false);
    expect(fake.closed()).toBe(true);
    expect(live.open).toBe(false);
  });

  it('says which changes concern a screen, and never the person’s own', () => {
    const saved: Change = { command: 'report_save', meeting_id: 1, item_id: 4, by: 'Olivia Officer' };
    expect(concerns(saved, { itemIds: [4] }, me)).toBe(true);
    expect(concerns(saved, { itemIds: [5] }, me)).toBe(false);
    expect(concerns(saved, { meetingId: 1 }, me)).toBe(true);
    expect(concerns(saved, { meetingId: 2, itemIds: [] }, me)).toBe(false);
    expect(concerns({ command: 'meeting_create', meeting_id: 9, by: 'Olivia Officer' }, { commands: ['meeting_create'] }, me)).toBe(true);
    expect(concerns({ ...saved, by: 'Arun Author' }, { itemIds: [4] }, me)).toBe(false);
    expect(concerns({ ...saved, by: 'arun' }, { itemIds: [4] }, me)).toBe(false);
    expect(concerns({ command: 'resync', by: '' }, { itemIds: [] }, me)).toBe(true);
    expect(concerns({ command: 'deadline_rule_save', by: 'Olivia Officer' }, { any: true }, me)).toBe(true);
    expect(concerns({ command: 'deadline_rule_save', by: 'Arun Author' }, { any: true }, me)).toBe(false);
  });
});

describe('a conflict', () => {
  const base: ReportFields = {
    title: 'Household Waste', report_of: 'Director', decision: 'for-decision', wards_affected: 'All', key_decision: false,
    authors: [{ name: 'Arun Author' }], accountable_director: 'D', summary: 'Old', recommendations: '', reasons: '', body: 'Body',
    background_papers: '', status: 'draft',
  };

  it('lists the fields that differ, theirs beside mine, in the editor’s order', () => {
    const theirs = { ...base, summary: 'Theirs', status: 'submitted' as const };
    const mine = { ...base, summary: 'Mine', key_decision: true, authors: [{ name: 'Arun Author' }, { name: 'Bea' }] };
    expect(differences(theirs, mine)).toEqual([
      { field: 'status', label: 'Status', theirs: 'submitted', mine: 'draft' },
      { field: 'key_decision', label: 'Key decision', theirs: 'No', mine: 'Yes' },
      { field: 'authors', label: 'Report authors', theirs: 'Arun Author', mine: 'Arun Author; Bea' },
      { field: 'summary', label: 'Summary', theirs: 'Theirs', mine: 'Mine' },
    ]);
    expect(differences(base, { ...base })).toEqual([]);
  });
});
