/**
 * The building blocks the SALT replication shares (../shared/standards/cld.md §4.7–§4.9, §5.1–§5.3):
 * the build set, LAG-based islands, new vs existing client, the sequel chain, the outcome and service
 * hierarchies. Test code: `salt.ts` puts them together into STS001, STS002a, STS002b and ASCOF 2A.
 *
 * SALT's code compares Release 1 strings; events here are stored with Release 2 spellings. Outcomes go
 * through `sequelForOutcome` (platform/cld/sequels.ts) to the R1 strings SALT matches; service types
 * are declared in R1 as SALT writes them and moved to R2 with the list's own `currentCode`.
 */
import { Temporal } from 'temporal-polyfill';
import { currentCode, sequelForOutcome } from '../../src/platform/cld/index.js';

/** A person_event row as the returns read it (recorded-in-error rows are left out by the query). */
export interface CldEventRow {
  person_id: string;
  event_type: string;
  start_date: string;
  end_date: string | null;
  event_outcome: string | null;
  route_of_access: string | null;
  service_type: string | null;
  client_type: string;
}

/** The reporting period, both ends inclusive, as 'YYYY-MM-DD'. */
export interface Period {
  readonly start: string;
  readonly end: string;
}

export const SERVICE_USER = 'Service user';

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** SQL Server's DATEDIFF(DAY, from, to): negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
}

export function inPeriod(date: string, period: Period): boolean {
  return date >= period.start && date <= period.end;
}

/** cld.md §5.1 step 1, §5.2 step 1: service users' events starting by the period end. */
export function buildSet(events: readonly CldEventRow[], period: Period): CldEventRow[] {
  return events.filter((e) => e.client_type === SERVICE_USER && e.start_date <= period.end);
}

/** Each person's events (one council, so SALT's LA + ID partition is the person). */
export function byPerson(events: readonly CldEventRow[]): Map<string, CldEventRow[]> {
  const people = new Map<string, CldEventRow[]>();
  for (const event of events) people.set(event.person_id, [...(people.get(event.person_id) ?? []), event]);
  return people;
}

export interface Dated {
  readonly start: string;
  /** Never open: the caller has put today's date in place of an open end (cld.md §4.7). */
  readonly end: string;
}

export interface Island<T extends Dated> {
  /** 1, 2, … per person (REQUEST_COUNT, ST_MAX_COUNT). */
  readonly number: number;
  /** The earliest start in the island. */
  readonly start: string;
  readonly members: readonly T[];
}

/**
 * cld.md §4.7: order by start then end; a row joins the island before it when the PREVIOUS row's end
 * (SQL LAG, not the running maximum) is on or after its start minus `toleranceDays`. So a long event
 * followed by a short nested one can split an island a running maximum would keep whole.
 */
export function islands<T extends Dated>(rows: readonly T[], toleranceDays: number): Island<T>[] {
  const sorted = [...rows].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const found: { number: number; start: string; members: T[] }[] = [];
  sorted.forEach((row, i) => {
    const previous = sorted[i - 1];
    const joins = previous !== undefined && previous.end >= addDays(row.start, -toleranceDays);
    if (joins) found.at(-1)!.members.push(row);
    else found.push({ number: found.length + 1, start: row.start, members: [row] });
  });
  return found;
}

/**
 * NHSE's outcome hierarchy (cld.md §3.3), R1 strings as its code writes them. Entries 13, 17 and 18 are
 * spelt unlike any real outcome, so those outcomes rank 99 (§8.8): reproduced, for agreement. The code's
 * collation ignores case ('Admitted to Hospital' matches), so comparison here does too.
 */
const NHSE_OUTCOME_HIERARCHY = [
  'Progress to Reablement/ST-Max',
  'Progress to Assessment',
  'Admitted to Hospital',
  'Progress to Re-assessment / Unplanned Review',
  'Progress to Support Planning / Services',
  'Progress to End of Life Care',
  'No change in package',
  'Service ended as planned',
  'Progress to financial assessment',
  'Provision of service',
  'NFA - Deceased',
  'NFA - Moved to another LA',
  'NFA - 100% NHS-funded care',
  'NFA - Information & Advice / Signposting only',
  'NFA - Self-funded client (inc. 12wk disregard)',
  'NFA - Support declined',
  'NFA - Support ended – other reason',
  'NFA - No services offered - other reason',
  'NFA- Other',
].map((outcome) => outcome.toLowerCase());

const UNRANKED = 99;

/** The R1 outcomes SALT's code would see for a stored R2 outcome (none for R2-only or missing ones). */
export function r1Outcomes(outcome: string | null): readonly string[] {
  return (outcome === null ? undefined : sequelForOutcome(outcome)?.r1) ?? [];
}

function outcomeRank(outcome: string | null): number {
  const ranks = r1Outcomes(outcome).map((r1) => NHSE_OUTCOME_HIERARCHY.indexOf(r1.toLowerCase()) + 1 || UNRANKED);
  return Math.min(UNRANKED, ...ranks);
}

/** cld.md §5.1 step 6, §5.2 step 4: of rows sharing the cluster's end, the best outcome by hierarchy. */
export function bestByOutcome(rows: readonly CldEventRow[]): CldEventRow {
  return [...rows].sort((a, b) => outcomeRank(a.event_outcome) - outcomeRank(b.event_outcome))[0]!;
}

const r2ServiceType = (r1: string) => currentCode('serviceType', r1);
export const ST_MAX = r2ServiceType('Short Term Support: ST-Max');
const LONG_TERM = [
  'Long Term Support: Nursing Care',
  'Long Term Support: Residential Care',
  'Long Term Support: Community',
  'Long Term Support: Prison',
].map(r2ServiceType);
export const ONGOING_LOW_LEVEL = r2ServiceType('Short Term Support: Ongoing Low Level');
export const OTHER_SHORT_TERM = r2ServiceType('Short Term Support: Other Short Term');

/** cld.md §5.1 step 10 (ST-Max first) and §5.2 step 8 (ST-Max not ranked: it breaks the chain). */
export const STS001_SERVICE_HIERARCHY = [ST_MAX, ...LONG_TERM, ONGOING_LOW_LEVEL, OTHER_SHORT_TERM];
export const STS002A_SERVICE_HIERARCHY = [...LONG_TERM, ONGOING_LOW_LEVEL, OTHER_SHORT_TERM];

export function isLongTermSupport(serviceType: string | null): boolean {
  return serviceType !== null && LONG_TERM.includes(serviceType);
}

export function serviceRank(hierarchy: readonly string[], row: CldEventRow): number {
  return row.event_type === 'Service' && row.service_type !== null
    ? hierarchy.indexOf(row.service_type) + 1 || UNRANKED
    : UNRANKED;
}

export function bestServiceRank(hierarchy: readonly string[], rows: readonly CldEventRow[]): number {
  return Math.min(UNRANKED, ...rows.map((row) => serviceRank(hierarchy, row)));
}

export const isStMax = (row: CldEventRow) => row.event_type === 'Service' && row.service_type === ST_MAX;

/** cld.md §4.8: existing client when long-term support started on or before `date` and covers it. */
export function coveredByLongTermSupport(own: readonly CldEventRow[], date: string): boolean {
  return own.some(
    (e) =>
      e.event_type === 'Service' &&
      isLongTermSupport(e.service_type) &&
      e.start_date <= date &&
      (e.end_date === null || date <= e.end_date),
  );
}

export interface Cluster {
  readonly start: string;
  readonly end: string;
}

/**
 * cld.md §5.1 step 7, §5.2 step 5: the person's events starting on or after the cluster's end, by start,
 * less the cluster's own rows (`isOwnKind` rows starting on its start or ending on its end).
 */
export function sequelCandidates(
  own: readonly CldEventRow[],
  cluster: Cluster,
  isOwnKind: (row: CldEventRow) => boolean,
): CldEventRow[] {
  return own
    .filter((e) => e.start_date >= cluster.end)
    .filter((e) => !(isOwnKind(e) && (e.start_date === cluster.start || e.end_date === cluster.end)))
    .sort((a, b) => a.start_date.localeCompare(b.start_date) || (a.end_date ?? '').localeCompare(b.end_date ?? ''));
}

/** The gap that breaks a chain of sequel events (cld.md §4.9 point 2). */
const CHAIN_GAP_DAYS = 3;

export interface ChainRule {
  /** The first candidate must start within this many days of the cluster's end: 28 (STS001), 3 (STS002a). */
  readonly windowDays: number;
  /** A candidate that ends the chain, itself and all after it: a Request (STS001), an ST-Max (STS002a). */
  readonly breaks: (row: CldEventRow) => boolean;
}

/**
 * cld.md §5.1 step 9 / §5.2 step 7, on candidates sorted by start. The running minimums use SQL's
 * default window (RANGE), so candidates starting on the same day see each other. An open first-ranked
 * candidate is in before the window is tested (§8.1), and an open previous candidate never breaks.
 */
export function chainInScope(candidates: readonly CldEventRow[], clusterEnd: string, rule: ChainRule): CldEventRow[] {
  const firstStart = candidates[0]?.start_date;
  const upTo = (i: number, values: readonly number[]) =>
    Math.min(...values.filter((_, j) => candidates[j]!.start_date <= candidates[i]!.start_date));
  const flags = candidates.map((c, i) => {
    const previousEnd = candidates[i - 1]?.end_date ?? null;
    return previousEnd === null || daysFrom(previousEnd, c.start_date) <= CHAIN_GAP_DAYS ? 1 : 0;
  });
  const inChain = candidates.map((c, i) => {
    if (c.start_date === firstStart && c.end_date === null) return 1;
    if (c.start_date === firstStart && daysFrom(clusterEnd, c.start_date) > rule.windowDays) return 0;
    return upTo(i, flags);
  });
  const inScope = candidates.map((_, i) => upTo(i, inChain));
  const unbroken = candidates.map((c) => (rule.breaks(c) ? 0 : 1));
  return candidates.filter((_, i) => inScope[i] === 1 && upTo(i, unbroken) === 1);
}

/**
 * The non-service step (cld.md §5.1 step 12, §5.2 step 10): the latest end among candidates whose
 * outcome `qualifies` (open ends rank last, as NULLs do in SQL Server's descending order), and the
 * distinct outcomes ending then: every candidate's (STS001, §8.16) or only qualifying ones (STS002a).
 * Null when no candidate qualifies.
 */
export function latestQualifying(
  kept: readonly CldEventRow[],
  qualifies: (outcome: string | null) => boolean,
  countEvery: boolean,
): (string | null)[] | null {
  const endKey = (row: CldEventRow) => row.end_date ?? '';
  const qualifying = kept.filter((row) => qualifies(row.event_outcome));
  if (qualifying.length === 0) return null;
  const latest = qualifying.map(endKey).sort().at(-1);
  const atLatest = (countEvery ? kept : qualifying).filter((row) => endKey(row) === latest);
  // SALT's table is DISTINCT on (type, start, end, outcome) before it counts.
  const distinct = new Map(atLatest.map((r) => [`${r.event_type}|${r.start_date}|${endKey(r)}|${r.event_outcome}`, r]));
  return [...distinct.values()].map((row) => row.event_outcome);
}
