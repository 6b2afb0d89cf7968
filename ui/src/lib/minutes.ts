// Minute-taking: the commands of the minutes screen and the actions log, and the small pure
// rules the screen applies while the clerk types (numbering, adding declarations, votes and
// actions, keyboard shortcuts, name lists). The store is the authority: it renumbers, checks
// and locks; these functions only keep the screen showing what the store will keep.
import { call } from './api';
import { plural } from './plural';
import type { ActionRow } from '../bindings/ActionRow';
import type { AttendanceKind } from '../bindings/AttendanceKind';
import type { Confirmation } from '../bindings/Confirmation';
import type { MinuteEntry } from '../bindings/MinuteEntry';
import type { Minutes } from '../bindings/Minutes';
import type { MinutesDetail } from '../bindings/MinutesDetail';
import type { MinutesStatus } from '../bindings/MinutesStatus';
import type { MinuteNumbering } from '../bindings/MinuteNumbering';

export type { ActionRow, MinuteEntry, MinuteNumbering, Minutes, MinutesDetail, MinutesStatus };

export const minutesApi = {
  get: (meetingId: number) => call<MinutesDetail>('minutes_get', { meeting_id: meetingId }),
  start: (meetingId: number) => call<MinutesDetail>('minutes_start', { meeting_id: meetingId }),
  save: (meetingId: number, minutes: Minutes) => call<MinutesDetail>('minutes_save', { meeting_id: meetingId, minutes }),
  status: (meetingId: number, to: MinutesStatus, confirmation?: Confirmation, signedOn?: string) =>
    call<MinutesDetail>('minutes_status', {
      meeting_id: meetingId,
      to,
      ...(confirmation ? { confirmation } : {}),
      ...(signedOn ? { signed_on: signedOn } : {}),
    }),
  amend: (meetingId: number, text: string) => call<MinutesDetail>('minutes_amend', { meeting_id: meetingId, text }),
  actions: (today?: string) => call<ActionRow[]>('actions_list', today ? { today } : {}),
  setNumbering: (numbering: MinuteNumbering) => call<MinuteNumbering>('minute_numbering_set', { numbering }),
  actionDone: (row: ActionRow, done: boolean) =>
    call<ActionRow[]>('action_done', { meeting_id: row.meeting_id, entry_position: row.entry_position, position: row.position, done }),
};

/** Every optional list and text present, so form controls always have a value to show. */
export function filled(entry: MinuteEntry): Required<MinuteEntry> {
  return {
    ...entry,
    item: entry.item ?? (undefined as unknown as number),
    resolutions: entry.resolutions ?? [],
    declarations: entry.declarations ?? [],
    votes: entry.votes ?? [],
    urgency_reason: entry.urgency_reason ?? '',
    exclusion: entry.exclusion ?? [],
    actions: entry.actions ?? [],
  };
}

export function normalise(minutes: Minutes): Minutes {
  return {
    ...minutes,
    attendance: minutes.attendance.map((a) => ({ ...a, remote: a.remote ?? false })),
    entries: minutes.entries.map((e) => {
      const f = filled(e);
      if (e.item === undefined) delete (f as MinuteEntry).item;
      return f;
    }),
  };
}

/** Consecutive numbers from `first`, in order (the store does the same on save). */
export function renumber(entries: MinuteEntry[], first: number): void {
  entries.forEach((e, i) => (e.number = first + i));
}

/** A minute for business taken on the day, inserted after `index` (-1: at the start). */
export function addEntry(minutes: Minutes, index: number, first: number): number {
  const at = Math.max(0, Math.min(index + 1, minutes.entries.length));
  minutes.entries.splice(at, 0, filled({ number: 0, heading: '', text: '', access: { kind: 'public' } }));
  renumber(minutes.entries, first);
  return at;
}

export function removeEntry(minutes: Minutes, index: number, first: number): void {
  minutes.entries.splice(index, 1);
  renumber(minutes.entries, first);
}

export function addDeclaration(entry: MinuteEntry, member = ''): void {
  (entry.declarations ??= []).push({ member, nature: 'other-registrable', interest: '', left_room: false });
}

export function addVote(entry: MinuteEntry): void {
  (entry.votes ??= []).push({ motion: '', in_favour: [], against: [], abstained: [] });
}

export function addAction(entry: MinuteEntry): void {
  (entry.actions ??= []).push({ text: '', owner: '', done: false });
}

/** "Cllr A, Cllr B; Cllr C" -> the names, trimmed, blanks dropped. */
export function parseNames(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export type Shortcut = 'declare' | 'vote' | 'action' | 'minute';

/** The screen's keyboard shortcuts (shown on their buttons): Alt+D, Alt+V, Alt+A, Alt+N. */
export const SHORTCUTS: Record<Shortcut, string> = { declare: 'Alt+D', vote: 'Alt+V', action: 'Alt+A', minute: 'Alt+N' };

export function shortcutFor(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; code?: string; key: string }): Shortcut | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  // `code` is the physical key: on a Mac Alt+D types "∂", so the key alone is not enough.
  const letter = e.code?.startsWith('Key') ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
  switch (letter) {
    case 'd':
      return 'declare';
    case 'v':
      return 'vote';
    case 'a':
      return 'action';
    case 'n':
      return 'minute';
    default:
      return null;
  }
}

/** Sets one person's attendance; a name not yet listed is added (also present). */
export function setAttendance(minutes: Minutes, name: string, kind: AttendanceKind): void {
  const line = minutes.attendance.find((a) => a.person.name === name);
  if (line) line.kind = kind;
  else minutes.attendance.push({ person: { name }, kind, remote: false });
}

/** Who is in the room (present), for the declaration and vote pickers. */
export function presentNames(minutes: Minutes): string[] {
  return minutes.attendance.filter((a) => a.kind === 'present').map((a) => a.person.name);
}

export const STATUS_LABEL: Record<MinutesStatus, string> = {
  draft: 'Draft',
  'published-draft': 'Published draft',
  confirmed: 'Confirmed',
  signed: 'Signed',
};

export const MOVE_LABEL: Record<MinutesStatus, string> = {
  draft: 'Back to draft',
  'published-draft': 'Publish draft',
  confirmed: 'Confirm as correct record',
  signed: 'Record signing',
};

/** "5 present, 1 apology, 2 absent". */
export function attendanceSummary(minutes: Minutes): string {
  const count = (k: AttendanceKind) => minutes.attendance.filter((a) => a.kind === k).length;
  const parts = [`${count('present')} present`];
  if (count('also-present')) parts.push(`${count('also-present')} also present`);
  parts.push(plural(count('apologies'), 'apology'), `${count('absent')} absent`);
  return parts.join(', ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Numbers restart on 1 May" / "Numbers never restart". */
export function numberingLabel(n: MinuteNumbering): string {
  return n.kind === 'continuous' ? 'Minute numbers never restart' : `Minute numbers restart each year on ${n.day} ${MONTHS[n.month - 1] ?? '?'}`;
}

/** The select's value for a rule ("5" for 1 May, "continuous"), and back. Days other than the
 * 1st keep their day when only the month is shown. */
export function numberingChoice(n: MinuteNumbering): string {
  return n.kind === 'continuous' ? 'continuous' : String(n.month);
}
export function numberingFromChoice(choice: string): MinuteNumbering {
  return choice === 'continuous' ? { kind: 'continuous' } : { kind: 'year-from', month: Number(choice), day: 1 };
}
export const NUMBERING_MONTHS = MONTHS;

export const ACTION_STATE_LABEL: Record<ActionRow['state'], string> = {
  overdue: 'Overdue',
  due: 'Due today',
  open: 'Open',
  done: 'Done',
};

/** The "Closed at" to show, empty until it is recorded: the store starts a meeting's minutes
 *  with the close equal to the opening time (the model's time is not optional), and no meeting
 *  closes the minute it opens, so an equal time means "not recorded yet". */
export function closedAtShown(m: Pick<Minutes, 'opened_at' | 'closed_at'>): string {
  return m.closed_at === m.opened_at ? '' : m.closed_at.slice(0, 5);
}
