/**
 * A small replication of SALT STS001, STS002a, STS002b and ASCOF 2A over stored events, for the test
 * suite to check against a hand count (issue 12). It follows ../shared/standards/cld.md §5.1–§5.3 and
 * §6.1 as written (the NHSE 2023/24 code), building blocks in `salt-chain.ts`.
 *
 * Simplifications, on purpose:
 * - one council, so SALT's (LA, ID) is the person, and the person id is person_id (no NHS number /
 *   local id amalgamation, §4.3);
 * - no imports: each stored event is its latest version, so there is no latest-version de-duplication
 *   (§4.5) and no latest-submission filter; events recorded in error are left out by the caller's query;
 * - no date-of-birth or date-of-death filters and no age (§4.4, §4.6);
 * - outcomes are Release 2 strings, matched to SALT's R1 tables through platform/cld/sequels.ts;
 *   FINAL_OUTCOME therefore carries the stored R2 outcome, and a conflict of NFA outcomes is 'NFA: Other'
 *   (R1 'NFA- Other'). A mapped service sequel is the stored R2 service type.
 * - where SALT's joins could double a cluster (conflicting routes at the same end and hierarchy), one
 *   row is kept.
 */
import { sequelForOutcome, sts001Description, SALT_UNABLE_TO_CLASSIFY } from '../../src/platform/cld/index.js';
import {
  bestByOutcome,
  bestServiceRank,
  buildSet,
  byPerson,
  chainInScope,
  coveredByLongTermSupport,
  inPeriod,
  isLongTermSupport,
  islands,
  isStMax,
  latestQualifying,
  ONGOING_LOW_LEVEL,
  OTHER_SHORT_TERM,
  r1Outcomes,
  sequelCandidates,
  serviceRank,
  ST_MAX,
  STS001_SERVICE_HIERARCHY,
  STS002A_SERVICE_HIERARCHY,
  type CldEventRow,
  type Period,
} from './salt-chain.js';

export { islands, chainInScope, type CldEventRow, type Period } from './salt-chain.js';

type RecordType = 1 | 2 | 3 | 4 | 5;

interface ClusterOutcome {
  readonly personId: string;
  /** The island's number for the person (REQUEST_COUNT / ST_MAX_COUNT). */
  readonly count: number;
  readonly start: string;
  readonly end: string;
  readonly outcome: string | null;
}

export interface Sts001Row {
  readonly personId: string;
  readonly requestCount: number;
  readonly clusterStart: string;
  readonly clusterEnd: string;
  readonly route: string | null;
  readonly finalOutcome: string;
  readonly mapped: string;
  readonly recordType: RecordType;
  /** Record type 2 won by ST-Max: the start of each ST-Max in the chain (the STS002a cohort). */
  readonly stMaxStarts: readonly string[];
}

export interface Sts002aRow {
  readonly personId: string;
  readonly stMaxCount: number;
  readonly clusterStart: string;
  readonly clusterEnd: string;
  readonly finalOutcome: string;
  readonly mapped: string;
  readonly recordType: RecordType;
}

export interface StMaxCohortEntry {
  readonly personId: string;
  readonly stMaxStart: string;
}

const NFA_OTHER = 'NFA: Other';
const REQUEST_TOLERANCE_DAYS = 4;
const ST_MAX_TOLERANCE_DAYS = 1;
const isRequest = (row: CldEventRow) => row.event_type === 'Request';

/** cld.md §5.1 steps 3–4: request islands, rows filtered to those ending in the period, latest kept. */
function requestClusters(
  own: readonly CldEventRow[],
  period: Period,
  today: string,
): (ClusterOutcome & { route: string | null })[] {
  const requests = own.filter(isRequest).map((row) => ({ row, start: row.start_date, end: row.end_date ?? today }));
  return islands(requests, REQUEST_TOLERANCE_DAYS).flatMap((island) => {
    const ending = island.members.filter((m) => inPeriod(m.end, period));
    if (ending.length === 0) return [];
    const end = ending
      .map((m) => m.end)
      .sort()
      .at(-1)!;
    const chosen = bestByOutcome(ending.filter((m) => m.end === end).map((m) => m.row));
    const { person_id: personId, event_outcome: outcome, route_of_access: route } = chosen;
    return [{ personId, count: island.number, start: island.start, end, outcome, route }];
  });
}

/** STS001 record types 3 and 4 (cld.md §5.1 steps 12–13): no service in the chain. */
function sts001WithoutService(kept: readonly CldEventRow[], outcome: string | null) {
  const nfa = latestQualifying(kept, (o) => o !== null && sequelForOutcome(o)?.sts001 != null, true);
  if (nfa !== null) {
    const finalOutcome = nfa.length === 1 ? nfa[0]! : NFA_OTHER;
    return { recordType: 3 as const, finalOutcome, mapped: sts001Description(finalOutcome) };
  }
  const description = outcome === null ? null : (sequelForOutcome(outcome)?.sts001 ?? null);
  const mapped = description === null ? 'No Service Found' : `No Service Found_${description}`;
  return { recordType: 4 as const, finalOutcome: `No Service Found_${outcome ?? ''}`, mapped };
}

/** The sequel of one new client's request cluster (cld.md §5.1 steps 7–14). */
function sts001Sequel(own: readonly CldEventRow[], cluster: ClusterOutcome & { route: string | null }): Sts001Row {
  const base = {
    personId: cluster.personId,
    requestCount: cluster.count,
    clusterStart: cluster.start,
    clusterEnd: cluster.end,
    route: cluster.route,
    stMaxStarts: [],
  };
  const noChronology = {
    finalOutcome: `No_Chronology_${cluster.outcome ?? ''}`,
    mapped: `No_Chronology_${cluster.outcome === null ? SALT_UNABLE_TO_CLASSIFY : sts001Description(cluster.outcome)}`,
  };
  const candidates = sequelCandidates(own, cluster, isRequest);
  if (candidates.length === 0) return { ...base, ...noChronology, recordType: 1 };
  const kept = chainInScope(candidates, cluster.end, { windowDays: 28, breaks: isRequest });
  if (kept.length === 0) return { ...base, ...noChronology, recordType: 5 };
  const best = bestServiceRank(STS001_SERVICE_HIERARCHY, kept);
  if (best === 99) return { ...base, ...sts001WithoutService(kept, cluster.outcome) };
  const winners = kept.filter((row) => serviceRank(STS001_SERVICE_HIERARCHY, row) === best);
  const serviceType = winners[0]!.service_type!;
  const stMaxStarts = serviceType === ST_MAX ? winners.map((row) => row.start_date) : [];
  return { ...base, recordType: 2, finalOutcome: serviceType, mapped: serviceType, stMaxStarts };
}

/** STS001: one row per request cluster of a new client ending in the period, with its sequel. */
export function sts001(events: readonly CldEventRow[], period: Period, today: string): Sts001Row[] {
  return [...byPerson(buildSet(events, period)).values()].flatMap((own) =>
    requestClusters(own, period, today)
      .filter((cluster) => !coveredByLongTermSupport(own, cluster.start))
      .map((cluster) => sts001Sequel(own, cluster)),
  );
}

/** The STS002a cohort STS001 writes (cld.md §5.1 step 11): each ST-Max that was a request's sequel. */
export function stMaxCohort(rows: readonly Sts001Row[]): StMaxCohortEntry[] {
  return rows.flatMap((row) => row.stMaxStarts.map((stMaxStart) => ({ personId: row.personId, stMaxStart })));
}

/**
 * cld.md §5.2 step 3, §5.3: ST-Max islands (1-day tolerance), the cluster's end the latest end (open
 * ends as today), its outcome from the row(s) ending then; whole clusters kept when that end is in the period.
 */
function stMaxClusters(stMaxRows: readonly CldEventRow[], period: Period, today: string): ClusterOutcome[] {
  const dated = stMaxRows.map((row) => ({ row, start: row.start_date, end: row.end_date ?? today }));
  return islands(dated, ST_MAX_TOLERANCE_DAYS)
    .map((island) => {
      const end = island.members
        .map((m) => m.end)
        .sort()
        .at(-1)!;
      const chosen = bestByOutcome(island.members.filter((m) => m.end === end).map((m) => m.row));
      return {
        personId: chosen.person_id,
        count: island.number,
        start: island.start,
        end,
        outcome: chosen.event_outcome,
      };
    })
    .filter((cluster) => inPeriod(cluster.end, period));
}

const ST_MAX_OTHER = sequelForOutcome(NFA_OTHER)!.stMax!;
const UNIVERSAL_SERVICES = sequelForOutcome('NFA: Information and advice or signposting')!.stMax!;
const LONG_TERM_ANY_SETTING = 'Long Term Support (any setting)';
const ONGOING_LOW_LEVEL_SUPPORT = 'Ongoing Low Level Support';
const SHORT_TERM_OTHER = 'Short Term Support (other)';

/** STS002a's category for a service sequel (cld.md §5.2, #REF_ST_MAX_Sequel_Mappings, service rows). */
function stMaxServiceCategory(serviceType: string): string {
  if (isLongTermSupport(serviceType)) return LONG_TERM_ANY_SETTING;
  if (serviceType === ONGOING_LOW_LEVEL) return ONGOING_LOW_LEVEL_SUPPORT;
  if (serviceType === OTHER_SHORT_TERM) return SHORT_TERM_OTHER;
  throw new Error(`No STS002a category for ${serviceType}`);
}

const endedAsPlanned = (o: string | null) =>
  r1Outcomes(o).some((r1) => r1.toLowerCase() === 'service ended as planned');
const isNfa = (o: string | null) => r1Outcomes(o).some((r1) => r1.startsWith('NFA'));
const stMaxMapping = (o: string | null) => (o === null ? null : (sequelForOutcome(o)?.stMax ?? null));

/** Record types 1 and 5 (cld.md §5.2 steps 6, 12): "Service ended as planned" maps without the prefix. */
function stMaxNoChronology(outcome: string | null) {
  const mapping = stMaxMapping(outcome);
  const mapped = endedAsPlanned(outcome) ? ST_MAX_OTHER : `No_Chronology_${mapping ?? SALT_UNABLE_TO_CLASSIFY}`;
  return { finalOutcome: `No_Chronology_${outcome ?? ''}`, mapped };
}

/** Record types 3 and 4 (cld.md §5.2 steps 10–11); type 4's "other" has a plain hyphen, as the code has. */
function stMaxWithoutService(kept: readonly CldEventRow[], outcome: string | null) {
  const nfa = latestQualifying(kept, isNfa, false);
  if (nfa !== null) {
    const single = nfa.length === 1;
    return {
      recordType: 3 as const,
      finalOutcome: single ? nfa[0]! : NFA_OTHER,
      mapped: single ? stMaxMapping(nfa[0]!)! : ST_MAX_OTHER,
    };
  }
  const mapped = isNfa(outcome)
    ? (stMaxMapping(outcome) ?? 'No Service Found')
    : endedAsPlanned(outcome)
      ? 'No services provided - other'
      : 'No Service Found';
  return { recordType: 4 as const, finalOutcome: `No Service Found_${outcome ?? ''}`, mapped };
}

/** What followed one cohort ST-Max cluster (cld.md §5.2 steps 5–12). */
function stMaxSequel(own: readonly CldEventRow[], cluster: ClusterOutcome): Sts002aRow {
  const base = {
    personId: cluster.personId,
    stMaxCount: cluster.count,
    clusterStart: cluster.start,
    clusterEnd: cluster.end,
  };
  const candidates = sequelCandidates(own, cluster, isStMax);
  if (candidates.length === 0) return { ...base, ...stMaxNoChronology(cluster.outcome), recordType: 1 };
  const kept = chainInScope(candidates, cluster.end, { windowDays: 3, breaks: isStMax });
  if (kept.length === 0) return { ...base, ...stMaxNoChronology(cluster.outcome), recordType: 5 };
  const best = bestServiceRank(STS002A_SERVICE_HIERARCHY, kept);
  if (best === 99) return { ...base, ...stMaxWithoutService(kept, cluster.outcome) };
  const serviceType = kept.find((row) => serviceRank(STS002A_SERVICE_HIERARCHY, row) === best)!.service_type!;
  return { ...base, recordType: 2, finalOutcome: serviceType, mapped: stMaxServiceCategory(serviceType) };
}

/** STS002a: one row per cohort ST-Max cluster ending in the period, with what followed it. */
export function sts002a(
  events: readonly CldEventRow[],
  cohort: readonly StMaxCohortEntry[],
  period: Period,
  today: string,
): Sts002aRow[] {
  const inCohort = new Set(cohort.map((c) => `${c.personId}|${c.stMaxStart}`));
  return [...byPerson(buildSet(events, period)).values()].flatMap((own) => {
    const cohortStMax = own.filter((row) => isStMax(row) && inCohort.has(`${row.person_id}|${row.start_date}`));
    return stMaxClusters(cohortStMax, period, today).map((cluster) => stMaxSequel(own, cluster));
  });
}

/** STS002b: existing clients' ST-Max clusters ending in the period (cld.md §5.3). */
export function sts002b(events: readonly CldEventRow[], period: Period, today: string): number {
  let count = 0;
  for (const own of byPerson(buildSet(events, period)).values())
    count += stMaxClusters(own.filter(isStMax), period, today).filter((c) =>
      coveredByLongTermSupport(own, c.start),
    ).length;
  return count;
}

/** ASCOF 2A over the STS002a rows (cld.md §6.1): exact string matches, en dashes and all. */
export function ascof2a(rows: readonly Sts002aRow[]): { numerator: number; denominator: number } {
  const numeratorCategories = [ONGOING_LOW_LEVEL_SUPPORT, SHORT_TERM_OTHER, UNIVERSAL_SERVICES, ST_MAX_OTHER];
  const denominatorCategories = [LONG_TERM_ANY_SETTING, ...numeratorCategories];
  return {
    numerator: rows.filter((row) => numeratorCategories.includes(row.mapped)).length,
    denominator: rows.filter((row) => denominatorCategories.includes(row.mapped)).length,
  };
}

/** Rows counted by mapped outcome, as SALT's tables present them. */
export function countByMapped(rows: readonly { mapped: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.mapped] = (counts[row.mapped] ?? 0) + 1;
  return counts;
}
