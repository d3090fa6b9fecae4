/**
 * UK local time without asking Intl (or Temporal) every time: London's offset from UTC is asked for
 * once per UTC hour (the clocks change on the hour, at 01:00 UTC) and the rest is sums. Every page
 * formats dates and works out today's date; converting each through the time zone database was a
 * measurable part of a person page's CPU (bench, stops 10 and 14).
 */
const HOUR_MS = 3_600_000;
const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});
/** London's offset from UTC in ms, by UTC hour: a handful of entries a day, cleared if it ever grows large. */
const londonOffsets = new Map<number, number>();

export function londonOffsetMs(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = londonOffsets.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(londonClock.formatToParts(new Date(hour * HOUR_MS)).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    offset = asUtc - hour * HOUR_MS;
    if (londonOffsets.size > 100_000) londonOffsets.clear();
    londonOffsets.set(hour, offset);
  }
  return offset;
}

/** UK local time of an instant, as fields read with getUTC*. */
export function inLondon(d: Date): Date {
  return new Date(d.getTime() + londonOffsetMs(d.getTime()));
}
