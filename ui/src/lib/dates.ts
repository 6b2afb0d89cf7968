// Date helpers for the meetings calendar: the municipal year runs from May to the following April.

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

export function longDate(isoDate: string): string {
  const d = new Date(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))));
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
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
