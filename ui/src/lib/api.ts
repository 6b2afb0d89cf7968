// The command layer: one typed function per backend command (briefs/api-contract.md), over
// either transport. Inside the desktop app (window.__TAURI_INTERNALS__ present) it uses Tauri
// IPC `invoke(cmd, { request })`; in a plain browser it POSTs the request to /api/<cmd> on the
// `agendapack serve` bridge. Every failure becomes an ApiError {code, message, field} so screens
// show one kind of error. It holds no state and no business rules.
import { invoke } from '@tauri-apps/api/core';
import type { DocxPreview } from '../bindings/DocxPreview';
import type { ReportImportDocxResponse } from '../bindings/ReportImportDocxResponse';
import type { ReportSnapshot } from '../bindings/ReportSnapshot';
import type { PictureData } from '../bindings/PictureData';
import type { KeptVersion } from '../bindings/KeptVersion';
import type {
  ApiErrorBody,
  AppendixRow,
  CommitteeRow,
  Council,
  Diagnostic,
  Edition,
  ErrorCode,
  ItemKind,
  MeetingDetail,
  MeetingStatus,
  MeetingSummary,
  PackJob,
  Person,
  MemberRole,
  ReportDetail,
  ReportFields,
  Access,
  RestrictedByUpgrade,
  StandingTextOverrides,
  Venue,
} from './types';

export class ApiError extends Error implements ApiErrorBody {
  code: ErrorCode;
  field: string | null;
  kept_version: number | null;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field ?? null;
    this.kept_version = body.kept_version ?? null;
  }
}

export type Transport = 'tauri' | 'http';

/** Which transport this window talks over; the Tauri runtime injects __TAURI_INTERNALS__. */
export function detectTransport(win: unknown = globalThis): Transport {
  return win && typeof win === 'object' && '__TAURI_INTERNALS__' in win ? 'tauri' : 'http';
}

/** Turns whatever a transport rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && 'message' in raw && typeof raw.message === 'string') {
    const r = raw as { code?: unknown; message: string; field?: unknown; kept_version?: unknown };
    const code = typeof r.code === 'string' ? (r.code as ErrorCode) : 'internal';
    const field = typeof r.field === 'string' ? r.field : null;
    const kept_version = typeof r.kept_version === 'number' ? r.kept_version : null;
    return new ApiError({ code, message: r.message, field, kept_version });
  }
  if (typeof raw === 'string') return new ApiError({ code: 'internal', message: raw });
  return new ApiError({ code: 'internal', message: 'The application reported an error it could not describe.' });
}

type Fetch = typeof fetch;

let signInRequired: (() => void) | null = null;

/** Who to tell when a team server answers that no one is signed in (lib/session.svelte.ts). */
export function whenSignInRequired(fn: () => void): void {
  signInRequired = fn;
}

/** Calls one command. `fetchImpl` and `win` are injectable for tests. */
export async function call<T>(
  command: string,
  request: object = {},
  opts: { fetchImpl?: Fetch; win?: unknown } = {},
): Promise<T> {
  if (detectTransport(opts.win ?? globalThis) === 'tauri') {
    try {
      return await invoke<T>(command, { request });
    } catch (e) {
      throw toApiError(e);
    }
  }
  const doFetch = opts.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`/api/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new ApiError({ code: 'transport', message: 'The AgendaPack service could not be reached.' });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) signInRequired?.();
    if (body && typeof body === 'object') throw toApiError(body);
    throw new ApiError({ code: 'internal', message: `The service answered ${response.status} without an explanation.` });
  }
  return body as T;
}

// ---- typed wrappers, one per command ---------------------------------------------------------

export const api = {
  councilGet: () => call<Council>('council_get'),
  councilSave: (council: Council) => call<Council>('council_save', { council }),

  committeesList: () => call<CommitteeRow[]>('committees_list'),
  committeeSave: (req: { id?: number; name: string }) => call<CommitteeRow>('committee_save', req),
  committeeTextsSave: (id: number, standing_texts: StandingTextOverrides) =>
    call<CommitteeRow>('committee_texts_save', { id, standing_texts }),
  membershipSave: (req: {
    committee_id: number;
    id?: number;
    person: Person;
    role: MemberRole;
    from: string;
    until?: string | null;
  }) => call<CommitteeRow>('membership_save', req),
  membershipDelete: (id: number) => call<CommitteeRow>('membership_delete', { id }),
  committeeRetire: (id: number, retired: boolean) => call<CommitteeRow>('committee_retire', { id, retired }),
  committeeDelete: (id: number) => call<CommitteeRow[]>('committee_delete', { id }),
  textCheck: (text: string) => call<string[]>('text_check', { text }),

  meetingsList: () => call<MeetingSummary[]>('meetings_list'),
  /** Items an upgrade restricted, each returned once (then marked as shown). */
  privateSectionNotices: () => call<RestrictedByUpgrade[]>('private_section_notices'),
  meetingGet: (id: number) => call<MeetingDetail>('meeting_get', { id }),
  meetingCreate: (req: { committee_id: number; starts_at: string; venue: Venue; contact_officer: Person }) =>
    call<MeetingDetail>('meeting_create', req),
  meetingUpdate: (req: {
    id: number;
    starts_at: string;
    ends_at?: string | null;
    venue: Venue;
    status: MeetingStatus;
    contact_officer: Person;
    published_on?: string | null;
    notices: string[];
    supplement_reason: string;
  }) => call<MeetingDetail>('meeting_update', req),

  itemAdd: (req: { meeting_id: number; title: string; kind: ItemKind; after_item_id?: number; access?: Access }) =>
    call<MeetingDetail>('item_add', req),
  itemUpdate: (req: { id: number; title: string; description: string; access: Access; supplementary: boolean }) =>
    call<MeetingDetail>('item_update', req),
  itemDelete: (id: number) => call<MeetingDetail>('item_delete', { id }),
  /** `set_access` changes one item's access in the same call (a move into the private section). */
  itemsReorder: (meeting_id: number, item_ids: number[], set_access?: { item_id: number; access: Access }) =>
    call<MeetingDetail>('items_reorder', set_access ? { meeting_id, item_ids, set_access } : { meeting_id, item_ids }),

  reportGet: (item_id: number) => call<ReportDetail>('report_get', { item_id }),
  /** `base_revision`: the revision the editor's text is based on; an older one than the
   *  report's is refused with code `conflict` (someone else saved meanwhile). */
  reportSave: (item_id: number, report: ReportFields, base_revision?: number) =>
    call<ReportDetail>('report_save', base_revision === undefined ? { item_id, report } : { item_id, report, base_revision }),
  /** Saves refused as conflicts, newest first, each with every field as typed. */
  reportKeptVersions: (item_id: number) => call<KeptVersion[]>('report_kept_versions', { item_id }),
  appendixAdd: (req: { item_id: number; title: string; access: Access; text: string }) =>
    call<ReportDetail>('appendix_add', req),
  appendixAttachPdf: (req: { item_id: number; title: string; access: Access; file_name: string; bytes_base64: string }) =>
    call<ReportDetail>('appendix_attach_pdf', req),
  appendixUpdate: (req: { id: number; title: string; access: Access; text?: string | null }) =>
    call<ReportDetail>('appendix_update', req),
  appendixDelete: (id: number) => call<ReportDetail>('appendix_delete', { id }),
  appendicesReorder: (item_id: number, ids: number[]) => call<ReportDetail>('appendices_reorder', { item_id, ids }),
  /** What importing a Word file would fill, before anything is stored. */
  docxPreview: (req: { item_id: number; file_name: string; bytes_base64: string }) => call<DocxPreview>('docx_preview', req),
  /** Sets the report from a Word file; the answer holds the report as it was, for undo. */
  reportImportDocx: (req: { item_id: number; file_name: string; bytes_base64: string }) =>
    call<ReportImportDocxResponse>('report_import_docx', req),
  reportRestore: (item_id: number, previous: ReportSnapshot) => call<ReportDetail>('report_restore', { item_id, previous }),
  /** Adds a Word file as an editable Markdown appendix (a file dropped on the appendices). */
  appendixImportDocx: (req: { item_id: number; file_name: string; bytes_base64: string }) =>
    call<{ detail: ReportDetail; warnings: string[] }>('appendix_import_docx', req),
  /** The report's pictures, so the formatted editor can show `media:NAME`. */
  reportPictures: (item_id: number) => call<PictureData[]>('report_pictures', { item_id }),
  /** Stores a PNG or JPEG with the report; answers the name its Markdown uses (`media:NAME`). */
  reportPictureAdd: (req: { item_id: number; file_name: string; alt: string; bytes_base64: string }) =>
    call<{ name: string }>('report_picture_add', req),

  // `itemId`: the report the text belongs to, whose pictures answer `media:` names.
  markdownCheck: (text: string, itemId?: number) => call<Diagnostic[]>('markdown_check', itemId === undefined ? { text } : { text, item_id: itemId }),

  packBuild: (req: { meeting_id: number; edition: Edition; supplement: boolean; draft: boolean }) =>
    call<{ job_id: number | string }>('pack_build', req),
  packJob: (job_id: number | string) => call<PackJob>('pack_job', { job_id }),
  packPdf: (job_id: number | string) => call<{ base64: string }>('pack_pdf', { job_id }),
  packSaveAs: (job_id: number | string) => call<{ saved: boolean; path?: string }>('pack_save_as', { job_id }),
  packOpenExternal: (job_id: number | string) => call<unknown>('pack_open_external', { job_id }),
};

export type { AppendixRow };

/** Bytes of a built pack: IPC gives base64, the HTTP bridge serves the PDF itself. */
export async function packBytes(job_id: number | string): Promise<Uint8Array> {
  if (detectTransport() === 'tauri') {
    const { base64 } = await api.packPdf(job_id);
    return base64ToBytes(base64);
  }
  const response = await fetch(packPdfUrl(job_id));
  if (!response.ok) throw new ApiError({ code: 'not_found', message: 'The built pack could not be fetched.' });
  return new Uint8Array(await response.arrayBuffer());
}

export function packPdfUrl(job_id: number | string): string {
  return `/api/pack_pdf/${encodeURIComponent(String(job_id))}`;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(bin);
}
