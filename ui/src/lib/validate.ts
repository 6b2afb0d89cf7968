// Validation as you type: pure functions that say in words what is wrong with a form's values,
// keyed by the same field names the backend uses in ApiError.field. They mirror the backend's
// rules for immediate feedback; the backend stays the authority (its message wins on save).
import type { Access, Council, MembershipRow, ReportFields } from './types';

export type Problems = Record<string, string>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d][\d ()+-]{5,}$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

export function checkEmail(value: string | undefined): string | null {
  if (!value) return null;
  return EMAIL.test(value.trim()) ? null : 'Enter an email address like name@council.gov.uk.';
}

export function checkPhone(value: string | undefined): string | null {
  if (!value) return null;
  return PHONE.test(value.trim()) ? null : 'Enter a telephone number using digits, spaces and +.';
}

function required(problems: Problems, field: string, value: string | undefined | null, what: string) {
  if (!value || !value.trim()) problems[field] = `Enter ${what}.`;
}

/** Paragraphs of Part 1 of Schedule 12A: England 1-7, Wales 12-18. */
export function checkAccess(access: Access, field = 'access'): Problems {
  const problems: Problems = {};
  if (access.kind === 'exempt') {
    if (access.paragraphs.length === 0) {
      problems[field] = 'Choose at least one paragraph of Schedule 12A for an exempt item.';
    } else if (access.paragraphs.some((p) => !((p >= 1 && p <= 7) || (p >= 12 && p <= 18)))) {
      problems[field] = 'Schedule 12A paragraphs are 1 to 7 (England) or 12 to 18 (Wales).';
    }
  }
  return problems;
}

export function validateItem(v: { title: string; access: Access }): Problems {
  const problems: Problems = {};
  required(problems, 'title', v.title, 'the item title');
  return { ...problems, ...checkAccess(v.access) };
}

export function validateReport(r: ReportFields): Problems {
  const problems: Problems = {};
  required(problems, 'title', r.title, 'the report title');
  required(problems, 'report_of', r.report_of, 'who the report is of (for example the Chief Executive)');
  required(problems, 'wards_affected', r.wards_affected, 'the wards affected, or "All"');
  required(problems, 'accountable_director', r.accountable_director, 'the accountable director');
  required(problems, 'summary', r.summary, 'a summary');
  if (r.decision === 'for-decision') required(problems, 'recommendations', r.recommendations, 'the recommendations for a report for decision');
  if (r.authors.length === 0) problems['authors'] = 'Add at least one report author.';
  r.authors.forEach((a, i) => {
    if (!a.name.trim()) problems[`authors.${i}.name`] = 'Enter the author’s name.';
    const e = checkEmail(a.email);
    if (e) problems[`authors.${i}.email`] = e;
    const p = checkPhone(a.phone);
    if (p) problems[`authors.${i}.phone`] = p;
  });
  if (r.cover_date && !isIsoDate(r.cover_date)) problems['cover_date'] = 'Enter the date as YYYY-MM-DD.';
  return problems;
}

/** The report problems the store refuses to save (store edit/reports.rs `check_fields`): an
 *  autosave holds these fields back and saves the rest. The others in `validateReport` are shown
 *  but saved, since a draft may be incomplete. */
export function blockingReportProblems(r: ReportFields): Problems {
  const all = validateReport(r);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'title' || /^authors\.\d+\.name$/.test(k)));
}

export function validateMeetingForm(v: {
  committee_id: number | null;
  date: string;
  time: string;
  venue: string;
  virtual: boolean;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
}): Problems {
  const problems: Problems = {};
  if (v.committee_id == null) problems['committee_id'] = 'Choose the committee.';
  if (!isIsoDate(v.date)) problems['starts_at'] = 'Enter the meeting date as a real date.';
  else if (!isTime(v.time)) problems['starts_at'] = 'Enter the start time as HH:MM (24-hour).';
  if (!v.virtual && !v.venue.trim()) problems['venue'] = 'Enter the venue, or tick "Meeting held virtually".';
  required(problems, 'contact_officer', v.contact_name, 'the contact officer’s name');
  const e = checkEmail(v.contact_email);
  if (e) problems['contact_officer.email'] = e;
  const p = checkPhone(v.contact_phone);
  if (p) problems['contact_officer.phone'] = p;
  return problems;
}

export function validateMembership(m: Pick<MembershipRow, 'person' | 'role' | 'from' | 'until'>): Problems {
  const problems: Problems = {};
  required(problems, 'person.name', m.person.name, 'the member’s name');
  if (!isIsoDate(m.from)) problems['from'] = 'Enter the date the membership starts.';
  if (m.until) {
    if (!isIsoDate(m.until)) problems['until'] = 'Enter the end date as a real date, or leave it empty.';
    else if (isIsoDate(m.from) && m.until < m.from) problems['until'] = 'The end date must not be before the start date.';
  }
  const e = checkEmail(m.person.email);
  if (e) problems['person.email'] = e;
  return problems;
}

export function validateCouncil(c: Council): Problems {
  const problems: Problems = {};
  required(problems, 'name', c.name, 'the council’s name');
  required(problems, 'chief_executive_name', c.chief_executive_name, 'the chief executive’s name');
  required(problems, 'chief_executive_title', c.chief_executive_title, 'the chief executive’s title');
  const ni = c.deadline_settings?.northern_ireland_clear_days;
  if (ni !== undefined && !(Number.isInteger(ni) && ni >= 3 && ni <= 28)) {
    problems['deadline_settings.northern_ireland_clear_days'] = 'Give a whole number of clear days from 3 to 28.';
  }
  return problems;
}

/** The settings the product uses when a council has none saved (the law as read; issue 15). */
export const DEFAULT_DEADLINE_SETTINGS = {
  scotland_publication_days: 'working',
  northern_ireland_clear_days: 3,
  northern_ireland_publication_days: 'working',
  key_decision_days: 'calendar',
} as const;

export function isValid(problems: Problems): boolean {
  return Object.keys(problems).length === 0;
}
