// The clearance screens' rules (lib/clearance.ts): progress, colours, who to chase, the comment
// waiting for the author, the version an approver saw, and the route as it is saved.
import { describe, expect, it } from 'vitest';
import { commentWaiting, mayActNow, readsOnly, progressText, reportRag, routeForSave, stepHistory, stepRag, versionSeen, waitingApprovers, whoToChase, worst } from './clearance';
import type { ClearanceState } from '../bindings/ClearanceState';
import type { StepState } from '../bindings/StepState';
import type { ClearanceEvent } from '../bindings/ClearanceEvent';

// Cast: the step's other fields (a due date set by hand for a meeting) do not matter here.
const step = (name: string, state: string, rag: string | null = null, extra: Partial<StepState> = {}): StepState => ({
  position: 0,
  name,
  parallel: false,
  implications_heading: '',
  approvers: [{ account: name.toLowerCase(), display: `${name} Approver`, delegate: null, delegate_display: null }],
  due: rag ? '2020-11-01' : null,
  state,
  rag,
  ...extra,
}) as StepState;
const event = (action: string, stepName: string | null, comment = '', by = 'Sam Cole'): ClearanceEvent => ({
  at: '2020-11-02T10:00:00', action, step: stepName, by, recorded_by: null, comment, report_version: '2020-11-02T09:59:00', text: `${by} ${action}`,
});
const state = (status: string, steps: StepState[], history: ClearanceEvent[] = []): ClearanceState => ({ item_id: 4, status, steps, history });

describe('clearance', () => {
  it('counts the steps approved', () => {
    expect(progressText(state('in-clearance', [step('Finance', 'approved'), step('Legal', 'waiting')]))).toBe('1 of 2 steps approved');
    expect(progressText(state('cleared', [step('Finance', 'approved')]))).toBe('1 of 1 step approved');
    expect(progressText(state('no-route', []))).toBe('No clearance route');
  });

  it('colours a report by its worst open deadline and open step, never by what is done', () => {
    expect(worst(['green', null, 'amber', 'nonsense'])).toBe('amber');
    expect(worst([])).toBeNull();
    expect(stepRag(step('Finance', 'approved', 'red'))).toBeNull();
    expect(stepRag(step('Legal', 'waiting', 'red'))).toBe('red');
    const deadlines = [{ rag: 'green', status: 'upcoming' }, { rag: 'red', status: 'met' }];
    expect(reportRag(deadlines, null)).toBe('green');
    expect(reportRag(deadlines, state('in-clearance', [step('Legal', 'waiting', 'amber')]))).toBe('amber');
    expect(reportRag([{ rag: 'red', status: 'overdue' }], state('cleared', []))).toBe('red');
    expect(reportRag([], state('cleared', [step('Legal', 'approved', 'red')]))).toBe('green');
  });

  it('names who to chase: the waiting approvers (and delegates), or the author after a return', () => {
    const legal = step('Legal', 'waiting', 'red', { approvers: [{ account: 'sam', display: 'Sam Cole', delegate: 'dee', delegate_display: 'Dee Lane' }] });
    expect(whoToChase(state('in-clearance', [step('Finance', 'approved'), legal]))).toEqual([{ step: 'Legal', who: 'Sam Cole (or Dee Lane)', due: '2020-11-01', rag: 'red' }]);
    const returned = state('returned', [step('Finance', 'approved'), step('Legal', 'returned')]);
    expect(whoToChase(returned, 'Priya Shah')).toEqual([{ step: 'Legal (returned)', who: 'Priya Shah', due: null, rag: null }]);
  });

  it('shows the return the author has not answered yet, and only that', () => {
    const history = [event('submit', null), event('return', 'Legal', 'Cite the power.'), event('submit', null), event('return', 'Legal', 'Still not cited.')];
    expect(commentWaiting(state('returned', [], history))?.comment).toBe('Still not cited.');
    expect(commentWaiting(state('in-clearance', [], history.slice(0, 3)))).toBeNull();
    expect(stepHistory(history, 'Legal').map((e) => e.comment)).toEqual(['Cite the power.', 'Still not cited.']);
  });

  it('lists who may act on the waiting steps', () => {
    const s = state('in-clearance', [
      step('Finance', 'waiting', null, { approvers: [{ account: 'sandra', display: 'Sandra P', delegate: 'dee', delegate_display: 'Dee Lane' }] }),
      step('Legal', 'pending'),
    ]);
    expect(waitingApprovers(s).map((a) => a.account)).toEqual(['sandra', 'dee']);
    expect(mayActNow(s, 'DEE')).toBe(true);
    expect(mayActNow(s, 'legal')).toBe(false);
    expect(mayActNow(s, null)).toBe(false);
  });

  it('says which version an approver saw', () => {
    const e = event('approve', 'Finance');
    expect(versionSeen(e, '2020-11-02T09:59:00', (x) => x.slice(11, 16))).toBe('version saved 09:59 (the current one)');
    expect(versionSeen(e, '2020-11-03T08:00:00', (x) => x.slice(11, 16))).toBe('version saved 09:59');
    expect(versionSeen({ report_version: null }, null, (x) => x)).toBe('');
  });

  it('saves the route trimmed, without empty approver rows, the first step never parallel', () => {
    const saved = routeForSave([
      { name: ' Finance ', approvers: [{ account: ' sandra ', delegate: ' ' }, { account: '', delegate: null }], parallel: true, due_working_days: 14, implications_heading: ' Financial implications ' },
      { name: 'Legal', approvers: [{ account: 'sam', delegate: 'dee' }], parallel: true, due_working_days: Number.NaN, implications_heading: '' },
    ]);
    expect(saved).toEqual([
      { name: 'Finance', approvers: [{ account: 'sandra', delegate: null }], parallel: false, due_working_days: 14, implications_heading: 'Financial implications' },
      { name: 'Legal', approvers: [{ account: 'sam', delegate: 'dee' }], parallel: true, due_working_days: null, implications_heading: '' },
    ]);
  });

  it('lets members only read; staff and the single desk edit (authors are asked about their own reports)', async () => {
    expect(await readsOnly(4, { mode: 'team', account: { role: 'member' } })).toBe(true);
    expect(await readsOnly(4, { mode: 'team', account: { role: 'officer' } })).toBe(false);
    expect(await readsOnly(4, { mode: 'single', account: null })).toBe(false);
  });
});
