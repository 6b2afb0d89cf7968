import { describe, expect, it } from 'vitest';
import { checkAccess, isIsoDate, validateMeetingForm, validateMembership, validateReport } from './validate';
import type { ReportFields } from './types';

const report = (over: Partial<ReportFields> = {}): ReportFields => ({
  title: 'Budget monitoring', report_of: 'Chief Executive', decision: 'for-decision', wards_affected: 'All', key_decision: false,
  authors: [{ name: 'A Officer', email: 'a@council.gov.uk', phone: '020 8227 2000' }], accountable_director: 'Director of Finance',
  summary: 'S', recommendations: 'R', reasons: '', body: '', background_papers: '', status: 'draft', ...over,
});

describe('validation', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2020-12-02')).toBe(true);
    expect(isIsoDate('2021-02-29'), '2021 is not a leap year').toBe(false);
    expect(isIsoDate('02/12/2020'), 'the wire format is ISO').toBe(false);
  });

  it('finds nothing wrong with a complete report', () => {
    expect(validateReport(report())).toEqual({});
  });

  it('names each missing cover-sheet field in words', () => {
    const p = validateReport(report({ title: ' ', summary: '', authors: [] }));
    expect(p.title, 'an empty title must be reported on the title field').toMatch(/title/);
    expect(p.summary).toMatch(/summary/);
    expect(p.authors).toMatch(/author/);
  });

  it('needs recommendations only for decision reports', () => {
    expect(validateReport(report({ recommendations: '' })).recommendations).toBeTruthy();
    expect(validateReport(report({ recommendations: '', decision: 'for-information' })).recommendations, 'reports for information need no recommendation').toBeUndefined();
  });

  it('checks author emails under the author index', () => {
    const p = validateReport(report({ authors: [{ name: 'X', email: 'not-an-email' }] }));
    expect(p['authors.0.email']).toMatch(/email/);
  });

  it('requires a paragraph of Schedule 12A for an exempt item', () => {
    expect(checkAccess({ kind: 'exempt', paragraphs: [] }).access).toMatch(/paragraph/);
    expect(checkAccess({ kind: 'exempt', paragraphs: [3] })).toEqual({});
    expect(checkAccess({ kind: 'exempt', paragraphs: [9] }).access, 'paragraph 9 does not exist in Part 1').toBeTruthy();
    expect(checkAccess({ kind: 'public' })).toEqual({});
  });

  it('checks a new meeting', () => {
    const base = { committee_id: 1, date: '2025-06-04', time: '19:00', venue: 'Town Hall', virtual: false, contact_name: 'Clerk', contact_email: '', contact_phone: '' };
    expect(validateMeetingForm(base)).toEqual({});
    expect(validateMeetingForm({ ...base, venue: '' }).venue, 'a physical meeting needs a venue').toBeTruthy();
    expect(validateMeetingForm({ ...base, venue: '', virtual: true }).venue, 'a virtual meeting needs none').toBeUndefined();
    expect(validateMeetingForm({ ...base, committee_id: null }).committee_id).toBeTruthy();
    expect(validateMeetingForm({ ...base, time: '7pm' }).starts_at).toMatch(/HH:MM/);
  });

  it('refuses a membership that ends before it starts', () => {
    const m = { person: { name: 'Cllr A' }, role: 'member' as const, from: '2020-05-20', until: '2020-05-01' };
    expect(validateMembership(m).until).toMatch(/before/);
    expect(validateMembership({ ...m, until: null })).toEqual({});
  });
});
