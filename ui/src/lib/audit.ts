// The audit trail of a meeting (issue 10): the `audit_list` command and the pure wording the
// AuditLog component shows. The trail itself is written by the database, never by the UI.
import { call } from './api';
import type { AuditEntry } from '../bindings/AuditEntry';
import type { AuditView } from '../bindings/AuditView';
import { ukDateTime } from './dates';

export const auditApi = {
  list: (meetingId: number) => call<AuditView>('audit_list', { meeting_id: meetingId }),
};

const ENTITY: Record<string, string> = {
  meeting: 'Meeting',
  'agenda-item': 'Agenda item',
  report: 'Report',
  appendix: 'Appendix',
  minutes: 'Minutes',
  'minute-entry': 'Minutes',
  attendance: 'Attendance',
  publication: 'Pack',
};

const ACTION: Record<string, string> = {
  insert: 'added',
  update: 'changed',
  delete: 'deleted',
  publish: 'published',
};

/** One line in words: "Report changed: Budget: body". */
export function describe(entry: AuditEntry): string {
  const what = ENTITY[entry.entity] ?? entry.entity;
  const did = ACTION[entry.action] ?? entry.action;
  return entry.summary ? `${what} ${did}: ${entry.summary}` : `${what} ${did}`;
}

/** "2026-11-22T10:15:00" -> "22 November 2026, 10:15 am" (UTC as stored; no time-zone guessing). */
export function when(at: string): string {
  return ukDateTime(at);
}

/** Newest first, as people read a history. */
export function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return entries.slice().sort((a, b) => b.id - a.id);
}
