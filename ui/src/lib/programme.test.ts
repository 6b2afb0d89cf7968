import { describe, expect, it } from 'vitest';
import { actionAsAt, columnHeading, deadlineText, keyboardTarget, longDate, trackerCounts } from './programme';
import type { PlannedItemRow, ProgrammeColumn, ProgressUpdate } from './programme';

const item = (id: number, status: PlannedItemRow['status'] = 'planned'): PlannedItemRow => ({
  id,
  meeting_id: null,
  date: '2021-01-06',
  input: { title: `Item ${id}`, officers: '', presenter: '', notes: '', author_name: '', author_email: '' },
  status,
  agenda_item_id: null,
  moves: 0,
});

const column = (date: string, items: PlannedItemRow[], meeting_id: number | null = null): ProgrammeColumn => ({
  date,
  meeting_id,
  label: '',
  provisional: false,
  clearance_deadline: '',
  final_report_deadline: '',
  items,
});

const update = (as_at: string, status: ProgressUpdate['status'], rag: ProgressUpdate['rag'] = undefined): ProgressUpdate => ({
  as_at,
  text: `as at ${as_at}`,
  status,
  rag,
});

describe('work programme board logic', () => {
  const board = { columns: [column('2021-01-06', [item(1)]), column('2021-01-26', [item(2)], 7), column('2021-02-03', [item(3, 'confirmed')])] };

  it('moves an item to the next or previous meeting with the keyboard', () => {
    expect(keyboardTarget(board, item(1), 1), 'the next column is a meeting, so the target names it').toEqual({ kind: 'meeting', meeting_id: 7 });
    expect(keyboardTarget(board, item(2), 1), 'a column without a stored meeting is targeted by its date').toEqual({ kind: 'date', date: '2021-02-03' });
    expect(keyboardTarget(board, item(1), -1), 'there is nothing before the first column').toBeNull();
    expect(keyboardTarget(board, item(3, 'confirmed'), -1), 'a confirmed item stays with its agenda item').toBeNull();
    expect(keyboardTarget(board, item(9), 1), 'an item on no column (deferred) has no neighbour').toBeNull();
  });

  it('heads columns and deadlines as the printed programme does', () => {
    expect(columnHeading({ date: '2021-01-26', label: 'Extraordinary Meeting' })).toBe('26 January 2021 (Extraordinary Meeting)');
    expect(deadlineText('11 February', true), 'a provisional date prints (TBC) before its deadline').toBe('(TBC) 11 February');
    expect(deadlineText('', true), 'and (TBC) alone when there is none').toBe('(TBC)');
    expect(deadlineText('14 January', false), 'a fixed date prints the deadline as it is').toBe('14 January');
    expect(longDate('not a date'), 'anything unreadable is shown as given').toBe('not a date');
  });
});

describe('tracker as-at logic', () => {
  const action = { due: '2014-10-31', updates: [update('2014-09-01', 'in-progress', 'amber'), update('2014-11-30', 'complete', 'green')] };

  it('uses only the updates dated on or before the chosen date', () => {
    expect(actionAsAt(action, '2014-08-01').status, 'no update yet means not started').toBe('not-started');
    expect(actionAsAt(action, '2014-11-15').latest?.as_at, 'the November update is later than 15 November').toBe('2014-09-01');
    expect(actionAsAt(action, '2014-11-30').rag, 'an update dated on the day counts').toBe('green');
  });

  it('calls an action overdue only after its due date and while not complete', () => {
    expect(actionAsAt(action, '2014-10-31').overdue, 'on its due date it is not yet overdue').toBe(false);
    expect(actionAsAt(action, '2014-11-15').overdue, 'after it, still in progress, it is').toBe(true);
    expect(actionAsAt(action, '2015-01-01').overdue, 'once complete it never is').toBe(false);
    expect(actionAsAt({ due: undefined, updates: [] }, '2030-01-01').overdue, 'an action with no due date never is').toBe(false);
  });

  it('counts a tracker as at a date', () => {
    const detail = {
      recommendations: [
        { id: 1, number: '1.1', text: 'r', theme: '', actions: [{ id: 10, action: { text: 'a', ...action } }, { id: 11, action: { text: 'b', due: '2014-09-30', updates: [] } }] },
      ],
    };
    expect(trackerCounts(detail as never, '2014-12-01'), 'one complete, one overdue of two actions').toEqual({ recommendations: 1, actions: 2, complete: 1, overdue: 1 });
  });
});
