// Report clearance in the UI (issue 19): the commands the clearance screens call, and the small
// rules of what they show: a report's progress ("1 of 2 steps approved"), the colour of a report
// (its worst open deadline or overdue step), who to chase, the comment waiting for the author,
// and which version of the report an approver saw. Every date, due date and colour of a single
// deadline or step comes from the backend; nothing here counts days.
//
// Deliberately not here: who may act (the server refuses, and its sentence is shown).
import { call } from './api';
import { session } from './session.svelte';
import type { ClearanceState } from '../bindings/ClearanceState';
import type { ClearanceEvent } from '../bindings/ClearanceEvent';
import type { StepState } from '../bindings/StepState';
import type { RouteStep } from '../bindings/RouteStep';
import type { ClearanceWaitingResponse } from '../bindings/ClearanceWaitingResponse';
import type { MyReportsResponse } from '../bindings/MyReportsResponse';
import type { DeadlineRow } from '../bindings/DeadlineRow';
import type { StepDue } from '../bindings/StepDue';

export type { ClearanceState, ClearanceEvent, StepState, RouteStep, StepDue };

/** Whose action a move is: absent for oneself; a sign-in name when recording for someone. */
const asWho = (as?: string) => (as && as.trim() ? { as: as.trim() } : {});
const said = (comment?: string) => (comment && comment.trim() ? { comment: comment.trim() } : {});

export const clearanceApi = {
  route: (committeeId: number) => call<RouteStep[]>('clearance_route_get', { committee_id: committeeId }),
  routeSave: (committeeId: number, steps: RouteStep[]) => call<RouteStep[]>('clearance_route_save', { committee_id: committeeId, steps }),
  state: (itemId: number) => call<ClearanceState>('clearance_state', { item_id: itemId }),
  submit: (itemId: number, comment?: string, as?: string) => call<ClearanceState>('clearance_submit', { item_id: itemId, ...said(comment), ...asWho(as) }),
  approve: (itemId: number, comment?: string, as?: string) => call<ClearanceState>('clearance_approve', { item_id: itemId, ...said(comment), ...asWho(as) }),
  giveBack: (itemId: number, comment: string, as?: string) => call<ClearanceState>('clearance_return', { item_id: itemId, ...said(comment), ...asWho(as) }),
  waiting: (as?: string) => call<ClearanceWaitingResponse>('clearance_waiting', asWho(as)),
  myReports: () => call<MyReportsResponse>('my_reports'),
  dues: (meetingId: number) => call<StepDue[]>('clearance_dues', { meeting_id: meetingId }),
  dueSave: (meetingId: number, step: string, set: { date: string; reason: string } | null) =>
    call<StepDue[]>('clearance_due_save', set ? { meeting_id: meetingId, step, set } : { meeting_id: meetingId, step }),
};

export const CLEARANCE_LABEL: Record<string, string> = {
  'no-route': 'No clearance route',
  'not-submitted': 'Not yet submitted',
  'in-clearance': 'In clearance',
  returned: 'Returned to the author',
  cleared: 'Cleared',
};

export const STEP_LABEL: Record<string, string> = {
  approved: 'Approved',
  waiting: 'Waiting',
  returned: 'Returned',
  pending: 'Not yet',
};

export type Rag = 'red' | 'amber' | 'green';
const RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/** The worst of some colours (null when there are none). */
export function worst(colours: readonly (string | null | undefined)[]): Rag | null {
  let out: Rag | null = null;
  for (const c of colours) {
    if (c !== 'red' && c !== 'amber' && c !== 'green') continue;
    if (out === null || RANK[c] < RANK[out]) out = c;
  }
  return out;
}

/** "2 of 3 steps approved". */
export function progressText(state: Pick<ClearanceState, 'steps' | 'status'>): string {
  if (state.status === 'no-route') return CLEARANCE_LABEL['no-route'];
  const done = state.steps.filter((s) => s.state === 'approved').length;
  return `${done} of ${state.steps.length} step${state.steps.length === 1 ? '' : 's'} approved`;
}

/** A step's colour: an approved step is done (none); otherwise the backend's colour against its due date. */
export function stepRag(step: Pick<StepState, 'state' | 'rag'>): Rag | null {
  return step.state === 'approved' ? null : worst([step.rag]);
}

/** A report's colour on the author's page: its worst deadline not yet met, and its worst open step. */
export function reportRag(deadlines: readonly Pick<DeadlineRow, 'rag' | 'status'>[], state: Pick<ClearanceState, 'steps' | 'status'> | null): Rag {
  const open = deadlines.filter((d) => d.status !== 'met').map((d) => d.rag);
  const steps = state && state.status !== 'cleared' ? state.steps.map(stepRag) : [];
  return worst([...open, ...steps]) ?? 'green';
}

export type Chase = { step: string; who: string; due: string | null; rag: Rag | null };

/**
 * Who holds the report up: the approvers (and delegates) of each waiting step, or the author
 * when it was returned or not yet submitted. `author` names them ("the author" when unknown).
 */
export function whoToChase(state: Pick<ClearanceState, 'steps' | 'status'>, author = 'the author'): Chase[] {
  if (state.status === 'returned' || state.status === 'not-submitted') {
    const step = state.steps.find((s) => s.state === 'returned') ?? state.steps[0];
    return step ? [{ step: state.status === 'returned' ? `${step.name} (returned)` : 'Submit', who: author, due: step.due, rag: stepRag(step) }] : [];
  }
  return state.steps
    .filter((s) => s.state === 'waiting')
    .map((s) => ({
      step: s.name,
      who: s.approvers.map((a) => (a.delegate_display ? `${a.display} (or ${a.delegate_display})` : a.display)).join(', '),
      due: s.due,
      rag: stepRag(s),
    }));
}

/** The return the author has yet to answer: the last return after the last submit, if the report is returned. */
export function commentWaiting(state: Pick<ClearanceState, 'status' | 'history'>): ClearanceEvent | null {
  if (state.status !== 'returned') return null;
  for (let i = state.history.length - 1; i >= 0; i--) {
    const e = state.history[i];
    if (e.action === 'return') return e;
    if (e.action === 'submit') return null;
  }
  return null;
}

/** The history rows of one step (the submits belong to every step, so they are left out). */
export function stepHistory(history: readonly ClearanceEvent[], step: string): ClearanceEvent[] {
  return history.filter((e) => e.step === step);
}

/** The sign-in names that may act on the waiting steps (approvers and their delegates). */
export function waitingApprovers(state: Pick<ClearanceState, 'steps'>): { account: string; label: string }[] {
  const out: { account: string; label: string }[] = [];
  for (const s of state.steps.filter((x) => x.state === 'waiting')) {
    for (const a of s.approvers) {
      out.push({ account: a.account, label: `${a.display} (${s.name})` });
      if (a.delegate) out.push({ account: a.delegate, label: `${a.delegate_display ?? a.delegate}, delegate of ${a.display} (${s.name})` });
    }
  }
  return out.filter((o, i) => out.findIndex((p) => p.account === o.account) === i);
}

/** Whether `account` (a sign-in name) approves, or stands in for an approver of, a waiting step. */
export function mayActNow(state: Pick<ClearanceState, 'steps'>, account: string | null | undefined): boolean {
  if (!account) return false;
  const me = account.toLowerCase();
  return waitingApprovers(state).some((a) => a.account.toLowerCase() === me);
}

/** Which version an approver saw, against the report as it is now. */
export function versionSeen(event: Pick<ClearanceEvent, 'report_version'>, current: string | null | undefined, show: (iso: string) => string): string {
  if (!event.report_version) return '';
  const same = current != null && event.report_version.slice(0, 19) === current.slice(0, 19);
  return `version saved ${show(event.report_version)}${same ? ' (the current one)' : ''}`;
}

/**
 * Whether the signed-in person only reads report `itemId` (they approve it, it is not theirs):
 * a member always; an author when it is not among their own reports. Staff and the single desk
 * edit as before (the server still decides every save).
 */
export async function readsOnly(itemId: number, who: { mode: string; account: { role: string } | null } = session): Promise<boolean> {
  if (who.mode !== 'team' || !who.account) return false;
  if (who.account.role === 'member') return true;
  if (who.account.role !== 'author') return false;
  try {
    return !(await clearanceApi.myReports()).reports.some((r) => r.item_id === itemId);
  } catch {
    return false;
  }
}

/** A new, empty step for the route editor. */
export function blankStep(): RouteStep {
  return { name: '', approvers: [{ account: '', delegate: null }], parallel: false, due_working_days: null, implications_heading: '' };
}

/** The route as the store takes it: names trimmed, empty approver rows and blank delegates left out. */
export function routeForSave(steps: readonly RouteStep[]): RouteStep[] {
  return steps.map((s, i) => ({
    name: s.name.trim(),
    approvers: s.approvers
      .filter((a) => a.account.trim())
      .map((a) => ({ account: a.account.trim(), delegate: a.delegate && a.delegate.trim() ? a.delegate.trim() : null })),
    parallel: i > 0 && s.parallel,
    due_working_days: s.due_working_days === null || Number.isNaN(s.due_working_days) ? null : s.due_working_days,
    implications_heading: s.implications_heading.trim(),
  }));
}
