import { describe, expect, it } from 'vitest';
import { plural, pluralOf } from './plural';

describe('plural', () => {
  it('writes one without an s and every other count with the plural (issue 14: "1 pages")', () => {
    expect(plural(1, 'page')).toBe('1 page');
    expect(plural(0, 'page')).toBe('0 pages');
    expect(plural(215, 'page')).toBe('215 pages');
    expect(plural(1, 'apology')).toBe('1 apology');
    expect(plural(3, 'apology')).toBe('3 apologies');
    expect(plural(2, 'match')).toBe('2 matches');
    expect(plural(1234, 'item')).toBe('1,234 items');
  });
  it('takes an irregular plural when given one', () => {
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(pluralOf('day')).toBe('days'); // a vowel before y keeps the y
  });
});
