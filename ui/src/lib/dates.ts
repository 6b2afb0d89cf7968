// The one date formatting of the UI, UK style ("Wednesday 2 December 2020", "2 December 2020",
// "2 December 2020, 7:00 pm"): no screen shows an ISO date. Also the meetings calendar's
// grouping: the municipal year runs from May to the following April. Dates are read as calendar
// days (UTC), so no time zone moves a meeting to the day before.

/** "2020/21" for any date from 1 May 2020 to 30 April 2021. */
export function municipalYear(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 5 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function monthLabel(isoDate: string): string {
  return `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
}

/** The calendar day of "2020-12-02" or "2020-12-02T19:00:00"; null if it is not a real date. */
function day(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** "Wednesday 2 December 2020"; anything unreadable is shown as given. */
export function longDate(iso: string): string {
  const d = day(iso);
  return d ? `${DAYS[d.getUTCDay()]} ${ukDate(iso)}` : iso;
}

/** "2 December 2020"; anything unreadable is shown as given. */
export function ukDate(iso: string): string {
  const d = day(iso);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : iso;
}

/** "2 December 2020, 7:00 pm" from "2020-12-02T19:00:00" (or a space before the time). */
export function ukDateTime(iso: string): string {
  const t = /[T ](\d{2}:\d{2})/.exec(iso);
  return t ? `${ukDate(iso)}, ${clock(t[1])}` : ukDate(iso);
}

/** "7:00 pm" from "19:00" or "19:00:00". */
export function clock(time: string): string {
  const h = Number(time.slice(0, 2));
  const m = time.slice(3, 5);
  const suffix = h >= 12 ? 'pm' : 'am';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${m} ${suffix}`;
}

export interface MonthGroup<T> {
  year: string;
  month: string;
  items: T[];
}

/** Groups meetings (sorted by date) by municipal year and month, keeping order. */
export function groupByMonth<T extends { date: string }>(rows: readonly T[]): MonthGroup<T>[] {
  const sorted = rows.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const groups: MonthGroup<T>[] = [];
  for (const r of sorted) {
    const month = monthLabel(r.date);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.items.push(r);
    else groups.push({ year: municipalYear(r.date), month, items: [r] });
  }
  return groups;
}

/** Latest municipal year first (the current cycle is what officers open the app for), months in
 *  date order within each year. */
export function newestYearFirst<T>(groups: MonthGroup<T>[]): MonthGroup<T>[] {
  const years = [...new Set(groups.map((g) => g.year))].sort().reverse();
  return years.flatMap((y) => groups.filter((g) => g.year === y));
}
