// Minimal TypeScript mirror of the command contract (briefs/api-contract.md) and the model's
// serde form. It stands in until the ts-rs bindings land in src/bindings/; field names follow
// the Rust serde names exactly (snake_case fields, kebab-case enum values).
import type { ErrorCode as ServerErrorCode } from '../bindings/ErrorCode';

export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';
export type MemberRole = 'chair' | 'deputy-chair' | 'member' | 'substitute' | 'by-invitation';
export type MeetingStatus = 'scheduled' | 'cancelled' | 'held';
export type ItemKind =
  | 'standard-text'
  | 'report'
  | 'minutes'
  | 'work-programme'
  | 'urgent-business'
  | 'exclusion-resolution'
  | 'private-business-heading';
export type ReportStatus = 'draft' | 'submitted' | 'cleared' | 'published';
export type DecisionType = 'for-information' | 'for-decision';

export type Access =
  | { kind: 'public' }
  | { kind: 'exempt'; paragraphs: number[]; public_title?: string | null }
  | { kind: 'confidential'; public_title?: string | null };

export interface Person {
  name: string;
  job_title?: string;
  phone?: string;
  email?: string;
}

export interface StandingTexts {
  declaration_of_interests: string;
  minutes_confirmation: string;
  urgent_public_items: string;
  exclusion_resolution: string;
  private_business: string;
  no_private_business: string;
  urgent_exempt_items: string;
  webcast_notice: string;
}

/** Which days a period counts: working days, or every day. */
export type DayType = 'working' | 'calendar';

/** How the council counts the clear days the law leaves to it (absent: the defaults). */
export interface DeadlineSettings {
  scotland_publication_days: DayType;
  northern_ireland_clear_days: number;
  northern_ireland_publication_days: DayType;
  key_decision_days: DayType;
}

export interface Council {
  name: string;
  nation: Nation;
  chief_executive_name: string;
  chief_executive_title: string;
  logo?: string | null;
  standing_texts: StandingTexts;
  fixed_pages?: string | null;
  deadline_settings?: DeadlineSettings;
}

export interface MembershipRow {
  id: number;
  person: Person;
  role: MemberRole;
  from: string;
  until?: string | null;
}

/** A committee's own wording of standing texts; a text left out uses the council's. */
export type StandingTextOverrides = Partial<StandingTexts>;

export interface CommitteeRow {
  id: number;
  name: string;
  members: MembershipRow[];
  standing_texts: StandingTextOverrides;
  /** Retired: kept with its meetings, not offered for new meetings (issue 14). */
  retired: boolean;
}

/** An item the upgrade to schema 7 found open below Private Business and made exempt. */
export interface RestrictedByUpgrade {
  meeting_id?: number;
  committee: string;
  meeting_start: string;
  number?: number;
  title: string;
}

export interface MeetingSummary {
  id: number;
  committee: string;
  date: string;
  time: string;
  status: MeetingStatus;
  items: number;
  has_supplement: boolean;
}

export type Venue = { kind: 'virtual' } | { kind: 'place'; name: string };

export interface Meeting {
  starts_at: string;
  ends_at?: string | null;
  venue: Venue;
  status: MeetingStatus;
  contact_officer: Person;
  published_on?: string | null;
  notices?: string[];
}

export interface ItemRow {
  id: number;
  position: number;
  number?: number | null;
  title: string;
  kind: ItemKind;
  description: string;
  access: Access;
  supplementary: boolean;
  has_report: boolean;
  report_title?: string | null;
  appendix_count: number;
  /** The report's status; absent for an item without a report. */
  report_status?: ReportStatus | null;
}

export interface MeetingDetail {
  id: number;
  committee_id: number;
  committee: string;
  meeting: Meeting;
  supplement_reason: string;
  items: ItemRow[];
}

export interface ReportFields {
  addressed_to?: string | null;
  cover_date?: string | null;
  title: string;
  report_of: string;
  decision: DecisionType;
  wards_affected: string;
  key_decision: boolean;
  authors: Person[];
  accountable_director: string;
  summary: string;
  recommendations: string;
  reasons: string;
  body: string;
  background_papers: string;
  status: ReportStatus;
}

export interface AppendixRow {
  id: number;
  title: string;
  access: Access;
  kind: 'markdown' | 'pdf';
  text?: string | null;
  file_name?: string | null;
  pages?: number | null;
  size: number;
}

export interface ReportDetail {
  item_id: number;
  report: ReportFields;
  appendices: AppendixRow[];
  updated_at: string;
  /** One more for every change; a save sends the one it was based on (issue 18). */
  revision: number;
  /** Who made the latest change. */
  revised_by: string;
}

export interface Diagnostic {
  line: number;
  column: number;
  severity: string;
  message: string;
}

export type Edition = 'public' | 'full';

export interface PageRange {
  number?: number | null;
  title: string;
  first: number;
  last: number;
}

export interface PackResult {
  pages: number;
  size: number;
  ranges: PageRange[];
  warnings: string[];
}

export interface PackJob {
  state: 'running' | 'done' | 'failed';
  progress: number;
  stage: string;
  result?: PackResult | null;
  error?: ApiErrorBody | null;
}

/** The server's codes (generated from the Rust ErrorCode, so one list), and `transport`: the
 *  UI's own, for a server that could not be reached at all. */
export type ErrorCode = ServerErrorCode | 'transport';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  field?: string | null;
  /** A save refused as a conflict: the kept version holding what was typed. */
  kept_version?: number | null;
}
