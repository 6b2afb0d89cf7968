// The deadlines dashboard's logic: the commands it calls, the order rows are shown in (overdue
// and missed first, then amber, then green; earliest first within each), the "my reports"
// filter and the remembered author name. The backend computes every date and status; nothing
// here counts days.
import { call } from './api';
import type { DeadlineRow } from '../bindings/DeadlineRow';
import type { DeadlinesIcsResponse } from '../bindings/DeadlinesIcsResponse';
import type { DeadlinesResponse } from '../bindings/DeadlinesResponse';
import type { DeadlineRuleRow } from '../bindings/DeadlineRuleRow';
import type { DeadlineRuleInput } from '../bindings/DeadlineRuleInput';
import type { DeadlineOverrideRow } from '../bindings/DeadlineOverrideRow';
import type { ClosureDay } from '../bindings/ClosureDay';
import type { HolidayImport } from '../bindings/HolidayImport';
import type { StatusChangeRow } from '../bindings/StatusChangeRow';

export type { DeadlineRow, DeadlineRuleRow, DeadlineRuleInput, ClosureDay, StatusChangeRow };

export const deadlinesApi = {
  upcoming: (author?: string) => call<DeadlinesResponse>('deadlines_upcoming', author ? { author } : {}),
  history: (itemId: number) => call<StatusChangeRow[]>('report_status_history', { item_id: itemId }),
  report: (itemId: number) => call<DeadlinesResponse>('deadlines_report', { item_id: itemId }),
  meeting: (meetingId: number) => call<DeadlinesResponse>('deadlines_meeting', { meeting_id: meetingId }),
  ics: (meetingId: number) => call<DeadlinesIcsResponse>('deadlines_ics', { meeting_id: meetingId }),
  markLate: (itemId: number, reason: string) => call<object>('item_mark_late', { item_id: itemId, reason }),
  rules: (committeeId: number) => call<DeadlineRuleRow[]>('deadline_rules', { committee_id: committeeId }),
  ruleSave: (committeeId: number, rule: DeadlineRuleInput) => call<DeadlineRuleRow[]>('deadline_rule_save', { committee_id: committeeId, rule }),
  ruleDelete: (id: number) => call<DeadlineRuleRow[]>('deadline_rule_delete', { id }),
  overrideSave: (ruleId: number, meetingDate: string, set: DeadlineOverrideRow | null) =>
    call<DeadlineRuleRow[]>('deadline_override_save', set ? { rule_id: ruleId, meeting_date: meetingDate, set } : { rule_id: ruleId, meeting_date: meetingDate }),
  holidaysImport: (json: string, source: string) => call<HolidayImport>('holidays_import', { json, source }),
  closures: () => call<ClosureDay[]>('closure_days_list'),
  closuresSave: (days: ClosureDay[]) => call<ClosureDay[]>('closure_days_save', { days }),
};

export const RULE_KINDS: { value: string; label: string }[] = [
  { value: 'draft-to-board', label: 'Draft to a clearance board (before)' },
  { value: 'final-report', label: 'Final report to democratic services (before)' },
  { value: 'draft-minutes', label: 'Draft minutes (after)' },
  { value: 'call-in', label: 'End of call-in (after)' },
];

export type Rag = 'red' | 'amber' | 'green';

const RAG_RANK: Record<string, number> = { red: 0, amber: 1, green: 2 };

export const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const STATUS_LABEL: Record<string, string> = {
  overdue: 'Overdue',
  missed: 'Missed',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
  met: 'Met',
};

/** The colour a row shows; anything unknown is treated as green rather than hidden. */
export function ragOf(row: Pick<DeadlineRow, 'rag'>): Rag {
  return row.rag === 'red' || row.rag === 'amber' ? row.rag : 'green';
}

/** Red first, then amber, then green; earliest date (and time) first within each. */
export function sortDeadlines<T extends Pick<DeadlineRow, 'rag' | 'date' | 'time' | 'meeting_id' | 'label'>>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      (RAG_RANK[ragOf(a)] - RAG_RANK[ragOf(b)]) ||
      a.date.localeCompare(b.date) ||
      (a.time ?? '').localeCompare(b.time ?? '') ||
      a.meeting_id - b.meeting_id ||
      a.label.localeCompare(b.label),
  );
}

/** Rows of reports with an author whose name contains `name` (case-insensitive); all rows when blank. */
export function mine<T extends Pick<DeadlineRow, 'authors'>>(rows: T[], name: string): T[] {
  const needle = name.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((r) => r.authors.some((a) => a.toLowerCase().includes(needle)));
}

/** Counts per colour, for the summary line. */
export function ragCounts(rows: Pick<DeadlineRow, 'rag'>[]): Record<Rag, number> {
  const counts: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  for (const r of rows) counts[ragOf(r)] += 1;
  return counts;
}

const AUTHOR_KEY = 'agendapack.deadlines.author';

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The author name chosen last time ('' when none). */
export function rememberedAuthor(store: KeyValue | null = storage()): string {
  return store?.getItem(AUTHOR_KEY) ?? '';
}

export function rememberAuthor(name: string, store: KeyValue | null = storage()) {
  if (!store) return;
  if (name.trim()) store.setItem(AUTHOR_KEY, name.trim());
  else store.removeItem(AUTHOR_KEY);
}

/** Dates are written by the UI's one date module. */
export { longDate } from './dates';
