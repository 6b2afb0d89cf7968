// Planning screens' logic: the commands of the work programme board, the forward plan and the
// recommendation trackers, and the small pure rules the screens share: which column a keyboard
// move goes to, how a column and its deadlines are headed ("(TBC)" for provisional dates, as
// the printed programme does), and what a tracker action looked like "as at" a date (the same
// rule as the Rust model: only updates dated on or before it; due before it and not complete
// is overdue). The backend computes every deadline and notice date; nothing here counts days.
import { call } from './api';
import type { ForwardPlanEntry } from '../bindings/ForwardPlanEntry';
import type { ForwardPlanResponse } from '../bindings/ForwardPlanResponse';
import type { PlanTarget } from '../bindings/PlanTarget';
import type { PlannedItemInput } from '../bindings/PlannedItemInput';
import type { PlannedItemMove } from '../bindings/PlannedItemMove';
import type { PlannedItemRow } from '../bindings/PlannedItemRow';
import type { PlannedItemStatus } from '../bindings/PlannedItemStatus';
import type { ProgrammeBoard } from '../bindings/ProgrammeBoard';
import type { ProgrammeColumn } from '../bindings/ProgrammeColumn';
import type { ProgressUpdate } from '../bindings/ProgressUpdate';
import type { TrackerAction } from '../bindings/TrackerAction';
import type { TrackerDetail } from '../bindings/TrackerDetail';
import type { TrackerListRow } from '../bindings/TrackerListRow';
import type { ActionStatus } from '../bindings/ActionStatus';
import type { Rag } from '../bindings/Rag';
import { ukDate as longDate } from './dates';

export type {
  ForwardPlanEntry,
  ForwardPlanResponse,
  PlanTarget,
  PlannedItemInput,
  PlannedItemMove,
  PlannedItemRow,
  PlannedItemStatus,
  ProgrammeBoard,
  ProgrammeColumn,
  ProgressUpdate,
  TrackerAction,
  TrackerDetail,
  TrackerListRow,
  ActionStatus,
  Rag,
};

export const programmeApi = {
  board: (committeeId: number, from?: string) =>
    call<ProgrammeBoard>('programme_board', from ? { committee_id: committeeId, from } : { committee_id: committeeId }),
  add: (committeeId: number, target: PlanTarget, item: PlannedItemInput) =>
    call<PlannedItemRow>('programme_item_add', { committee_id: committeeId, target, item }),
  update: (id: number, item: PlannedItemInput) => call<PlannedItemRow>('programme_item_update', { id, item }),
  move: (id: number, target: PlanTarget, reason = '') => call<PlannedItemRow>('programme_item_move', { id, target, reason }),
  status: (id: number, status: PlannedItemStatus) => call<PlannedItemRow>('programme_item_status', { id, status }),
  confirm: (id: number) => call<PlannedItemRow>('programme_item_confirm', { id }),
  history: (id: number) => call<PlannedItemMove[]>('programme_item_history', { id }),
};

export const forwardPlanApi = {
  list: () => call<ForwardPlanResponse>('forward_plan_list', {}),
  save: (entry: ForwardPlanEntry) => call<ForwardPlanResponse>('forward_plan_save', { entry }),
  remove: (id: number) => call<ForwardPlanResponse>('forward_plan_delete', { id }),
};

export const trackersApi = {
  list: () => call<TrackerListRow[]>('trackers_list', {}),
  get: (id: number) => call<TrackerDetail>('tracker_get', { id }),
  addUpdate: (actionId: number, update: ProgressUpdate) =>
    call<TrackerDetail>('tracker_add_update', { action_id: actionId, update }),
  /** Adds the tracker as at a date to a report (by its agenda item) as a Markdown appendix. */
  attach: (trackerId: number, itemId: number, asAt: string) =>
    call<{ appendices: { title: string }[] }>('tracker_attach', { tracker_id: trackerId, item_id: itemId, as_at: asAt }),
};


/** "2021-01-06" -> "6 January 2021", from the UI's one date module. */
export { longDate };

/** The target a column stands for: its stored meeting, or its date. */
export function columnTarget(column: Pick<ProgrammeColumn, 'meeting_id' | 'date'>): PlanTarget {
  return column.meeting_id !== null ? { kind: 'meeting', meeting_id: column.meeting_id } : { kind: 'date', date: column.date };
}

/** "26 January 2021 (Extraordinary Meeting)". */
export function columnHeading(column: Pick<ProgrammeColumn, 'date' | 'label'>): string {
  return column.label ? `${longDate(column.date)} (${column.label})` : longDate(column.date);
}

/** A deadline as the printed programme shows it: "(TBC)" before it when the date is provisional. */
export function deadlineText(text: string, provisional: boolean): string {
  if (!provisional) return text || '—';
  return text ? `(TBC) ${text}` : '(TBC)';
}

/** The column an item is in, by index; -1 when it is on none (deferred). */
export function columnOf(board: Pick<ProgrammeBoard, 'columns'>, itemId: number): number {
  return board.columns.findIndex((c) => c.items.some((i) => i.id === itemId));
}

/**
 * Where a keyboard move (Alt+Left / Alt+Right) sends an item: the previous or next column's
 * target, or null at either end (and for a confirmed item, which stays with its agenda item).
 */
export function keyboardTarget(board: Pick<ProgrammeBoard, 'columns'>, item: Pick<PlannedItemRow, 'id' | 'status'>, step: -1 | 1): PlanTarget | null {
  if (item.status === 'confirmed') return null;
  const from = columnOf(board, item.id);
  if (from < 0) return null;
  const to = board.columns[from + step];
  return to ? columnTarget(to) : null;
}

export const ACTION_STATUS_LABEL: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  ongoing: 'Ongoing',
  complete: 'Complete',
};

export const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export interface ActionAsAt {
  status: ActionStatus;
  rag: Rag | null;
  latest: ProgressUpdate | null;
  overdue: boolean;
}

/** A tracker action as it stood on `asAt` (ISO dates compare as text). */
export function actionAsAt(action: Pick<TrackerAction, 'updates' | 'due'>, asAt: string): ActionAsAt {
  let latest: ProgressUpdate | null = null;
  for (const u of action.updates ?? []) {
    if (u.as_at <= asAt && (latest === null || u.as_at >= latest.as_at)) latest = u;
  }
  const status: ActionStatus = latest?.status ?? 'not-started';
  const overdue = status !== 'complete' && !!action.due && action.due < asAt;
  return { status, rag: latest?.rag ?? null, latest, overdue };
}

/** Counts for the tracker's summary line as at a date. */
export function trackerCounts(detail: Pick<TrackerDetail, 'recommendations'>, asAt: string) {
  let actions = 0;
  let complete = 0;
  let overdue = 0;
  for (const rec of detail.recommendations) {
    for (const row of rec.actions) {
      actions += 1;
      const view = actionAsAt(row.action, asAt);
      if (view.status === 'complete') complete += 1;
      if (view.overdue) overdue += 1;
    }
  }
  return { recommendations: detail.recommendations.length, actions, complete, overdue };
}

/** A blank planned item for the add form. */
export function emptyItem(): PlannedItemInput {
  return { title: '', officers: '', presenter: '', notes: '', author_name: '', author_email: '' };
}
