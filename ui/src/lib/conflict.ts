// Two people, one paper (issue 18): what the report editor shows when its save was refused
// because someone else saved the report after it was opened. The server's sentence names who
// and when; below it, each field that differs, theirs as saved beside mine as typed. Mine is
// also kept on the server (`report_kept_versions`), so nothing typed is lost whichever is chosen.
import type { ReportDetail, ReportFields } from './types';

export type Conflict = { message: string; theirs: ReportDetail; mine: ReportFields; keptVersion: number | null };

export type Difference = { field: keyof ReportFields; label: string; theirs: string; mine: string };

const LABELS: [keyof ReportFields, string][] = [
  ['title', 'Title'],
  ['status', 'Status'],
  ['report_of', 'Report of the'],
  ['wards_affected', 'Wards affected'],
  ['accountable_director', 'Accountable director'],
  ['decision', 'Purpose'],
  ['key_decision', 'Key decision'],
  ['authors', 'Report authors'],
  ['summary', 'Summary'],
  ['recommendations', 'Recommendation(s)'],
  ['reasons', 'Reason(s)'],
  ['body', 'Report body'],
  ['background_papers', 'Public background papers'],
];

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((a) => (a && typeof a === 'object' && 'name' in a ? String(a.name) : String(a))).filter(Boolean).join('; ');
  return String(value);
}

/** The fields in which theirs and mine differ, in the editor's order, as text to show. */
export function differences(theirs: ReportFields, mine: ReportFields): Difference[] {
  const out: Difference[] = [];
  for (const [field, label] of LABELS) {
    const a = shown(theirs[field]);
    const b = shown(mine[field]);
    if (a !== b) out.push({ field, label, theirs: a, mine: b });
  }
  return out;
}
