import { describe, expect, it } from 'vitest';
import { countMatches, findInPages, outlineTree } from './outline';

describe('pack outline', () => {
  it('keeps items and their appendices in view and puts deeper headings behind the item', () => {
    const tree = outlineTree([
      { title: 'Apologies', depth: 0, page: 3 },
      { title: 'Budget', depth: 0, page: 5 },
      { title: 'Background', depth: 1, page: 6 },
      { title: 'Detail', depth: 2, page: 6 },
      { title: 'Appendix 1: Figures', depth: 1, page: 9 },
      { title: 'Table', depth: 2, page: 9 },
    ]);
    expect(tree.map((n) => n.title)).toEqual(['Apologies', 'Budget']);
    expect(tree[1].headings.map((n) => n.title)).toEqual(['Background']);
    expect(tree[1].headings[0].headings.map((n) => n.title)).toEqual(['Detail']);
    expect(tree[1].appendices.map((n) => n.title)).toEqual(['Appendix 1: Figures']);
    expect(tree[1].appendices[0].headings.map((n) => n.title)).toEqual(['Table']);
  });
});

describe('find in pack', () => {
  it('counts matches ignoring case and line breaks, and lists only pages that have any', () => {
    expect(countMatches('Budget  budget\nBUDGET', 'budget')).toBe(3);
    expect(countMatches('the work\nprogramme', 'work programme')).toBe(1);
    expect(countMatches('anything', '   ')).toBe(0);
    expect(findInPages(['no', 'Budget', 'budget budget'], 'budget')).toEqual([{ page: 2, count: 1 }, { page: 3, count: 2 }]);
  });
});
