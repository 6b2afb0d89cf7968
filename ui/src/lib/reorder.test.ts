import { describe, expect, it } from 'vitest';
import { move, moveAnnouncement, moveBy, moveToSection, sectionOf } from './reorder';
import type { ItemKind } from './types';

const item = (id: number, kind: ItemKind = 'report') => ({ id, kind });
// 1 apologies, 2 report, 3 report, 4 exclusion, 5 heading, 6 private report
const agenda = [item(1, 'standard-text'), item(2), item(3), item(4, 'exclusion-resolution'), item(5, 'private-business-heading'), item(6)];
const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe('reorder', () => {
  it('moves an element and clamps the target', () => {
    expect(move([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(move([1, 2, 3], 2, 99), 'a drop past the end puts the item last').toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
  });

  it('moves one step with the keyboard and refuses to leave the list', () => {
    expect(moveBy([1, 2, 3], 1, -1)).toEqual([2, 1, 3]);
    expect(moveBy([1, 2, 3], 0, -1), 'the first item cannot go up').toBeNull();
    expect(moveBy([1, 2, 3], 2, 1), 'the last item cannot go down').toBeNull();
  });

  it('puts everything after the Private Business heading in the private section', () => {
    expect(sectionOf(agenda, 4), 'the heading itself opens the section but is listed as public').toBe('public');
    expect(sectionOf(agenda, 5)).toBe('private');
    expect(sectionOf([item(1)], 0), 'without a heading all is public').toBe('public');
  });

  it('moves an item into the private section right after the heading', () => {
    expect(ids(moveToSection(agenda, 2, 'private') ?? [])).toEqual([1, 3, 4, 5, 2, 6]);
  });

  it('moves a private item back before the exclusion resolution', () => {
    expect(ids(moveToSection(agenda, 6, 'public') ?? []), 'the exclusion resolution must stay just before the private section').toEqual([1, 2, 3, 6, 4, 5]);
  });

  it('does nothing when already there or when there is no heading', () => {
    expect(moveToSection(agenda, 2, 'public')).toBeNull();
    expect(moveToSection([item(1), item(2)], 1, 'private')).toBeNull();
  });

  it('announces the new position in words', () => {
    expect(moveAnnouncement('Budget', 1, 6, 'public')).toBe('Budget moved to position 2 of 6, public section.');
  });
});
