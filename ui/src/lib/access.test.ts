import { describe, expect, it } from 'vitest';
import { accessLabel, mustBeRestrictedInPrivate, privateAccessProblem, SCHEDULE_12A } from './access';
import { moveBy, moveToSection, needsAccessToMove } from './reorder';
import type { Access, ItemKind } from './types';

const open: Access = { kind: 'public' };
const para3: Access = { kind: 'exempt', paragraphs: [3] };
const row = (id: number, kind: ItemKind = 'report', access: Access = open) => ({ id, kind, access });
// 1 report, 2 exclusion, 3 heading, 4 private report (exempt), 5 urgent exempt items line
const agenda = [row(1), row(2, 'exclusion-resolution'), row(3, 'private-business-heading'), row(4, 'report', para3), row(5, 'urgent-business')];

describe('the private section in the agenda builder', () => {
  it('asks for a paragraph when an open item is moved below the heading', () => {
    const next = moveToSection(agenda, 1, 'private')!;
    expect(needsAccessToMove(agenda, next, 1), 'an open report moved to private needs its access first').toBe(true);
    const down = moveBy(agenda, 1, 1)!;
    expect(needsAccessToMove(agenda, down, 2), 'the exclusion resolution may stay open below the heading').toBe(false);
    const up = moveBy(agenda, 3, -1)!;
    expect(needsAccessToMove(agenda, up, 4), 'an exempt item moving out of private needs nothing').toBe(false);
  });

  it('describes each paragraph and refuses an open or paragraph-less choice', () => {
    expect(SCHEDULE_12A.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(SCHEDULE_12A[2][1]).toContain('financial or business affairs');
    expect(privateAccessProblem(open)).toContain('exempt or confidential');
    expect(privateAccessProblem({ kind: 'exempt', paragraphs: [] })).toContain('at least one paragraph');
    expect(privateAccessProblem(para3)).toBeNull();
    expect(privateAccessProblem({ kind: 'confidential' })).toBeNull();
    expect(mustBeRestrictedInPrivate('urgent-business')).toBe(false);
    expect(accessLabel({ kind: 'exempt', paragraphs: [] }), 'what an upgrade left').toBe('Exempt, paragraph not chosen');
  });
});
