import { describe, expect, it } from 'vitest';
import { groupByMonth, longDate, municipalYear, clock } from './dates';
import { offsetOf, renderPreview } from './markdown';
import { parseRoute } from './router.svelte';
import { followJob } from './packJob';
import type { PackJob } from './types';

describe('dates', () => {
  it('puts May in the new municipal year and April in the old one', () => {
    expect(municipalYear('2020-05-01')).toBe('2020/21');
    expect(municipalYear('2021-04-30'), 'April closes the year that began the previous May').toBe('2020/21');
    expect(municipalYear('2099-12-01')).toBe('2099/00');
  });
  it('writes dates the way council papers do', () => {
    expect(longDate('2020-12-02')).toBe('Wednesday 2 December 2020');
    expect(clock('19:00:00')).toBe('7:00 pm');
    expect(clock('12:30')).toBe('12:30 pm');
  });
  it('groups meetings by month in date order', () => {
    const g = groupByMonth([{ date: '2020-12-02' }, { date: '2020-11-04' }, { date: '2020-12-09' }]);
    expect(g.map((x) => [x.month, x.items.length])).toEqual([['November 2020', 1], ['December 2020', 2]]);
  });
});

describe('markdown preview', () => {
  it('renders tables and never inserts raw HTML', () => {
    const html = renderPreview('| A | B |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).toContain('<table>');
    expect(html, 'raw HTML must be escaped').not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(renderPreview('[x](javascript:alert(1))'), 'script links are not made into links').not.toContain('href="javascript');
  });
  it('maps a 1-based line and column to an offset', () => {
    expect(offsetOf('ab\ncd\nef', 2, 2)).toBe(4);
    expect(offsetOf('ab', 9, 1), 'a line past the end clamps to the end').toBe(2);
    expect(offsetOf('ab\ncd', 1, 99), 'a column past the line end clamps to the line end').toBe(2);
  });
});

describe('routes', () => {
  it('parses every screen and falls back to meetings', () => {
    expect(parseRoute('#/meetings/3/build')).toEqual({ screen: 'build', id: 3 });
    expect(parseRoute('#/meetings/3')).toEqual({ screen: 'agenda', id: 3 });
    expect(parseRoute('#/reports/12')).toEqual({ screen: 'report', itemId: 12 });
    expect(parseRoute('#/council')).toEqual({ screen: 'council' });
    expect(parseRoute('#/nonsense')).toEqual({ screen: 'meetings' });
    expect(parseRoute('#/meetings/abc'), 'a bad id is not a meeting').toEqual({ screen: 'meetings' });
  });
});

describe('following a pack job', () => {
  it('polls until the job is done and reports each step', async () => {
    const steps: PackJob[] = [
      { state: 'running', progress: 0.2, stage: 'Laying out' },
      { state: 'running', progress: 0.7, stage: 'Writing PDF' },
      { state: 'done', progress: 1, stage: 'Done', result: { pages: 40, size: 1, ranges: [], warnings: [] } },
    ];
    const seen: number[] = [];
    const final = await followJob(7, (j) => seen.push(j.progress), { poll: async () => steps.shift() as PackJob, sleep: async () => {} });
    expect(final.state).toBe('done');
    expect(seen, 'the progress bar sees every step').toEqual([0.2, 0.7, 1]);
  });
  it('gives up after its time limit with a message', async () => {
    const e: Error = await followJob(7, () => {}, { poll: async () => ({ state: 'running', progress: 0, stage: 's' }), sleep: async () => {}, intervalMs: 100, timeoutMs: 300 }).then(() => new Error('should have timed out'), (x: Error) => x);
    expect(e.message, 'a lost job must not spin for ever').toMatch(/did not finish/);
  });
});

describe('calendar order', () => {
  it('shows the latest municipal year first, months in order within it', async () => {
    const { newestYearFirst } = await import('./dates');
    const g = newestYearFirst(groupByMonth([{ date: '2019-09-04' }, { date: '2020-12-02' }, { date: '2020-11-04' }]));
    expect(g.map((x) => x.month), 'the demo meeting (2020/21) must come before the 2019/20 one').toEqual(['November 2020', 'December 2020', 'September 2019']);
  });
});

describe('UK dates', () => {
  it('writes every date the UK way and shows anything unreadable as given', async () => {
    const { ukDate, ukDateTime } = await import('./dates');
    expect(ukDate('2021-03-10')).toBe('10 March 2021');
    expect(ukDate('2021-02-30')).toBe('2021-02-30'); // not a real day: shown as given, not moved to March
    expect(ukDateTime('2021-03-10T19:05:00')).toBe('10 March 2021, 7:05 pm');
    expect(ukDateTime('2021-03-10 09:30:00')).toBe('10 March 2021, 9:30 am');
  });
});

describe('the Markdown preview, pictures', () => {
  it('shows a report picture as a placeholder, never an <img> asking for media:NAME', () => {
    const html = renderPreview('![Bar chart](media:image1.png) and ![x](https://example.org/a.png)');
    expect(html).toContain('[Picture image1.png: Bar chart]');
    expect(html).not.toContain('src="media:');
  });
});
