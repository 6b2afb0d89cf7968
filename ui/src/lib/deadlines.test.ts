import { describe, expect, it } from 'vitest';
import { longDate, mine, ragCounts, rememberAuthor, rememberedAuthor, sortDeadlines } from './deadlines';

type Row = { rag: string; date: string; time: string | null; meeting_id: number; label: string; authors: string[] };

const row = (rag: string, date: string, extra: Partial<Row> = {}): Row => ({
  rag,
  date,
  time: null,
  meeting_id: 1,
  label: 'Final report',
  authors: [],
  ...extra,
});

describe('deadlines dashboard logic', () => {
  it('puts red first, then amber, then green, earliest first within each', () => {
    const rows = [
      row('green', '2020-11-10'),
      row('amber', '2020-11-20'),
      row('red', '2020-11-25'),
      row('red', '2020-11-01'),
      row('amber', '2020-11-19'),
    ];
    const sorted = sortDeadlines(rows).map((r) => `${r.rag} ${r.date}`);
    expect(sorted, 'overdue work must be seen first, whatever its date').toEqual([
      'red 2020-11-01',
      'red 2020-11-25',
      'amber 2020-11-19',
      'amber 2020-11-20',
      'green 2020-11-10',
    ]);
  });

  it('orders the same day by time, and treats an unknown colour as green', () => {
    const sorted = sortDeadlines([row('green', '2020-11-20', { time: '16:00' }), row('purple', '2020-11-20', { time: '10:00' })]);
    expect(sorted.map((r) => r.time), '10:00 comes before 16:00 on the same day').toEqual(['10:00', '16:00']);
  });

  it('does not reorder the array it was given', () => {
    const rows = [row('green', '2020-11-10'), row('red', '2020-11-11')];
    sortDeadlines(rows);
    expect(rows[0].rag, 'sorting returns a copy').toBe('green');
  });

  it('filters "my reports" by a part of an author name, ignoring case', () => {
    const rows = [row('red', '2020-11-01', { authors: ['Lisa Keating', 'Andy Opie'] }), row('red', '2020-11-02', { authors: ['Mark Fowler'] }), row('red', '2020-11-03')];
    expect(mine(rows, 'opie').map((r) => r.date), 'a surname in lower case finds the report').toEqual(['2020-11-01']);
    expect(mine(rows, '  ').length, 'a blank name shows everything').toBe(3);
  });

  it('counts rows per colour', () => {
    expect(ragCounts([row('red', 'x'), row('red', 'y'), row('amber', 'z')]), 'the summary line').toEqual({ red: 2, amber: 1, green: 0 });
  });

  it('remembers the chosen author name and forgets a blank one', () => {
    const map = new Map<string, string>();
    const store = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    rememberAuthor(' Andy Opie ', store);
    expect(rememberedAuthor(store), 'the name is kept trimmed').toBe('Andy Opie');
    rememberAuthor('', store);
    expect(rememberedAuthor(store), 'clearing the box forgets the name').toBe('');
  });

  it('writes dates in full, as council papers do', () => {
    expect(longDate('2020-11-20'), 'a Friday').toBe('Friday 20 November 2020');
    expect(longDate('not a date'), 'bad input is shown as given').toBe('not a date');
  });
});
