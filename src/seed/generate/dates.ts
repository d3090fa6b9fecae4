/** Plain-date arithmetic on 'YYYY-MM-DD' strings via whole days since 1970 (UTC, so no clock shifts). */
const DAY = 86_400_000;

export function toDays(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

export function fromDays(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromDays(toDays(date) + n);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Today as 'YYYY-MM-DD' in UTC; seeding passes an explicit `asOf` when it must be reproducible. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
