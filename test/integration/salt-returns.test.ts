import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/platform/db/schema.js';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import {
  ascof2a,
  chainInScope,
  countByMapped,
  islands,
  stMaxCohort,
  sts001,
  sts002a,
  sts002b,
  type CldEventRow,
} from '../helpers/salt.js';

/**
 * Issue 12: a small STS001 and STS002a/b computation over a hand-made fixture of journeys equals a
 * hand count, on both engines. The algorithms are cld.md §5.1–§5.3 and §6.1 (test/helpers/salt.ts);
 * each journey below says what it exercises and why it lands where it does.
 */
const PERIOD = { start: '2025-04-01', end: '2025-12-31' };
/** Open requests and ST-Max take today's date (cld.md §4.7); fixed, so the answer never drifts. */
const TODAY = '2026-01-20';

type Event = Omit<Insertable<DB['person_event']>, 'org_id' | 'person_id'>;
const COMMISSIONED = 'CASSR commissioned support'; // no costs needed (rule C)

const request = (start: string, end: string | null, outcome: string | null, route = 'Community / Other route') =>
  ({
    event_type: 'Request',
    start_date: start,
    end_date: end,
    event_outcome: outcome,
    route_of_access: route,
  }) as Event;
const assessment = (start: string, end: string, outcome: string): Event => ({
  event_type: 'Assessment',
  start_date: start,
  end_date: end,
  event_outcome: outcome,
  assessment_type: 'Short term assessment',
});
const review = (start: string, end: string, outcome: string): Event => ({
  event_type: 'Review',
  start_date: start,
  end_date: end,
  event_outcome: outcome,
  review_reason: 'Review of short term support',
});
const service = (type: string, component: string) => (start: string, end: string | null, outcome: string | null) =>
  ({
    event_type: 'Service',
    start_date: start,
    end_date: end,
    event_outcome: outcome,
    service_type: type,
    service_component: component,
    delivery_mechanism: COMMISSIONED,
  }) as Event;
const stMax = service('Short term support: ST-Max', 'Reablement');
const community = service('Long term support: Community', 'Home support or domiciliary care');
const residential = service('Long term support: Residential care', 'Long term residential care');
const lowLevel = service('Short term support: Ongoing low level', 'Equipment');

const TO_ST_MAX = 'Progress to reablement/ST-Max';
const TO_ASSESSMENT = 'Progress to assessment, review or reassessment';
const TO_SERVICES = 'Progress to support planning or services';
const SIGNPOSTED = 'NFA: Information and advice or signposting';
const ENDED_AS_PLANNED = 'NFA: Support ended as planned';

/** The hand-made journeys, one person each, by given name. */
const journeys: Record<string, Event[]> = {
  Ada: [request('2025-05-01', '2025-05-02', SIGNPOSTED)],
  Bea: [
    request('2025-05-05', '2025-05-06', TO_ST_MAX, 'Discharge from Hospital'),
    stMax('2025-05-07', '2025-06-10', ENDED_AS_PLANNED),
  ],
  Cyril: [
    request('2025-06-02', '2025-06-03', TO_ST_MAX),
    stMax('2025-06-04', '2025-07-10', TO_SERVICES),
    community('2025-07-11', null, null),
  ],
  Dora: [
    request('2025-06-09', '2025-06-10', TO_ST_MAX),
    stMax('2025-06-11', '2025-07-15', TO_SERVICES),
    lowLevel('2025-07-17', '2025-09-30', ENDED_AS_PLANNED),
  ],
  Ernest: [
    request('2025-07-01', '2025-07-02', TO_ASSESSMENT),
    assessment('2025-07-03', '2025-07-20', 'NFA: Support declined'),
  ],
  Flora: [
    request('2025-07-01', '2025-07-01', TO_SERVICES),
    community('2025-08-10', '2025-10-31', 'NFA: Support ended for other reason'),
  ],
  George: [request('2025-07-01', '2025-07-01', TO_SERVICES), community('2025-08-10', null, null)],
  Hilda: [
    request('2025-08-01', '2025-08-04', TO_ASSESSMENT),
    request('2025-08-07', '2025-08-08', SIGNPOSTED, 'Discharge from Hospital'),
  ],
  Ivor: [request('2025-08-01', '2025-08-02', 'NFA: Support declined'), request('2025-08-08', '2025-08-09', SIGNPOSTED)],
  Joan: [
    community('2024-01-10', null, null),
    request('2025-09-01', '2025-09-02', TO_ST_MAX),
    stMax('2025-09-03', '2025-09-20', 'Continuation of support or services'),
    stMax('2025-09-21', '2025-10-15', ENDED_AS_PLANNED),
  ],
  Kenneth: [request('2025-03-20', '2025-03-28', SIGNPOSTED), request('2025-12-15', '2026-01-10', TO_ASSESSMENT)],
  Lena: [request('2025-12-20', '2025-12-23', TO_ASSESSMENT), request('2025-12-26', null, null)],
  Mabel: [
    request('2025-10-01', '2025-10-02', TO_SERVICES),
    {
      ...residential('2025-10-03', null, null),
      recorded_in_error_at: new Date('2025-10-04T09:00:00Z'),
      recorded_in_error_by: randomUUID(),
      recorded_in_error_reason: 'Cancelled before it started: the care home place fell through',
    },
  ],
  Nora: [
    request('2025-10-06', '2025-10-07', TO_ASSESSMENT),
    assessment('2025-10-08', '2025-10-20', SIGNPOSTED),
    review('2025-10-09', '2025-10-20', 'Continuation of support or services'),
  ],
  Owen: [request('2025-10-10', '2025-10-11', TO_ASSESSMENT), assessment('2025-10-12', '2025-10-30', TO_SERVICES)],
  Peggy: [
    request('2025-11-03', '2025-11-04', TO_ST_MAX),
    stMax('2025-11-05', '2025-12-01', TO_ASSESSMENT),
    assessment('2025-12-02', '2025-12-10', SIGNPOSTED),
  ],
};

const ST_MAX = 'Short term support: ST-Max';
const COMMUNITY = 'Long term support: Community';
const NC_SIGNPOSTED = 'No_Chronology_Universal Services/ Signposted to other services';
const NC_UNCLASSIFIED = 'No_Chronology_Unable_To_Classify';
const OTHER_REASON = 'No Services Provided - other reason';

/** STS001 by hand: [person, cluster start, route, record type, mapped sequel]; why, one line each. */
const expectedSts001: [string, string, string, number, string][] = [
  // A request and nothing after it: no chronology, its own NFA outcome mapped.
  ['Ada', '2025-05-01', 'Community / Other route', 1, NC_SIGNPOSTED],
  // ST-Max starts the day after the request: the sequel is ST-Max (and Bea joins the STS002a cohort).
  ['Bea', '2025-05-05', 'Discharge from Hospital', 2, ST_MAX],
  // ST-Max then long-term support: ST-Max outranks long-term support in STS001's hierarchy.
  ['Cyril', '2025-06-02', 'Community / Other route', 2, ST_MAX],
  ['Dora', '2025-06-09', 'Community / Other route', 2, ST_MAX],
  // Only an assessment follows, ending "NFA: Support declined" (code 1): record type 3.
  ['Ernest', '2025-07-01', 'Community / Other route', 3, OTHER_REASON],
  // The only later event is a CLOSED service 40 days on (> 28): chronology out of scope, type 5.
  ['Flora', '2025-07-01', 'Community / Other route', 5, NC_UNCLASSIFIED],
  // The same service 40 days on but OPEN: an open first-ranked candidate is always in scope.
  ['George', '2025-07-01', 'Community / Other route', 2, COMMUNITY],
  // Requests 3 days apart are one island (tolerance 4): one row, outcome and route from the later one.
  ['Hilda', '2025-08-01', 'Discharge from Hospital', 1, NC_SIGNPOSTED],
  // Requests 6 days apart are two islands; the first's chain meets the second request at once (type 5),
  ['Ivor', '2025-08-01', 'Community / Other route', 5, 'No_Chronology_No Services Provided - other reason'],
  // and the second has nothing after it.
  ['Ivor', '2025-08-08', 'Community / Other route', 1, NC_SIGNPOSTED],
  // Joan is an existing client (community support since 2024 covers her request): not in STS001.
  // Kenneth's requests end before the period and after it: neither is counted.
  // Lena's island runs on open (today's date), but its first row ended in the period, so it survives
  // with that row's end (row-level filter, cld.md §8.9); its own open continuation, a request, is then
  // the first candidate and cuts the chain: type 5.
  ['Lena', '2025-12-20', 'Community / Other route', 5, NC_UNCLASSIFIED],
  // The residential placement after her request was recorded in error, so nothing follows: type 1
  // (counted, it would make the sequel "Long term support: Residential care").
  ['Mabel', '2025-10-01', 'Community / Other route', 1, NC_UNCLASSIFIED],
  // An NFA assessment and a review end the same day: every candidate that day counts, two → "NFA- Other".
  ['Nora', '2025-10-06', 'Community / Other route', 3, OTHER_REASON],
  // An assessment with a "progress to" outcome: no service, no NFA, request outcome code 2: type 4.
  ['Owen', '2025-10-10', 'Community / Other route', 4, 'No Service Found'],
  ['Peggy', '2025-11-03', 'Community / Other route', 2, ST_MAX],
];

/** STS002a by hand: [person, ST-Max cluster start, record type, mapped category]. */
const expectedSts002a: [string, string, number, string][] = [
  // Nothing after the ST-Max, which ended as planned: "No services provided – other", unprefixed.
  ['Bea', '2025-05-07', 1, 'No services provided – other'],
  // Community support starts the next day (within 3 days): long-term support.
  ['Cyril', '2025-06-04', 2, 'Long Term Support (any setting)'],
  // Ongoing low-level support two days later: ASCOF 2A's numerator.
  ['Dora', '2025-06-11', 2, 'Ongoing Low Level Support'],
  // An assessment the next day ending in signposting: the NFA step, record type 3.
  ['Peggy', '2025-11-05', 3, 'No Services Provided – Universal Services / signposted to other services'],
];

describe('SALT islands (cld.md §4.7)', () => {
  const numbered = (rows: { start: string; end: string; label: string }[], tolerance: number) =>
    Object.fromEntries(islands(rows, tolerance).flatMap((i) => i.members.map((m) => [m.label, i.number])));

  it('compares each row with the previous row’s end only (LAG), so a nested short event splits an island', () => {
    const rows = [
      { label: 'later', start: '2025-02-01', end: '2025-02-05' },
      { label: 'long', start: '2025-01-01', end: '2025-03-31' },
      { label: 'nested', start: '2025-01-10', end: '2025-01-12' },
    ];
    // A running maximum end (31 March) would keep "later" in the first island.
    expect(numbered(rows, 4)).toEqual({ long: 1, nested: 1, later: 2 });
  });

  it('joins a request starting up to 4 days after the last ended, and an ST-Max up to 1 day', () => {
    const requests = [
      { label: 'a', start: '2025-01-01', end: '2025-01-10' },
      { label: 'b', start: '2025-01-14', end: '2025-01-15' },
      { label: 'c', start: '2025-01-20', end: '2025-01-20' },
    ];
    expect(numbered(requests, 4)).toEqual({ a: 1, b: 1, c: 2 });
    const stMaxes = [
      { label: 'a', start: '2025-01-01', end: '2025-01-10' },
      { label: 'b', start: '2025-01-11', end: '2025-01-15' },
      { label: 'c', start: '2025-01-17', end: '2025-01-20' },
    ];
    expect(numbered(stMaxes, 1)).toEqual({ a: 1, b: 1, c: 2 });
    expect(islands(stMaxes, 1).map((i) => i.start)).toEqual(['2025-01-01', '2025-01-17']);
  });

  it('puts identical rows in one island', () => {
    const rows = [
      { label: 'first', start: '2025-01-01', end: '2025-01-02' },
      { label: 'copy', start: '2025-01-01', end: '2025-01-02' },
    ];
    expect(numbered(rows, 1)).toEqual({ first: 1, copy: 1 });
  });
});

describe('SALT sequel chain (cld.md §5.1 step 9)', () => {
  const row = (event_type: string, start_date: string, end_date: string | null): CldEventRow => ({
    person_id: 'p',
    event_type,
    start_date,
    end_date,
    event_outcome: null,
    route_of_access: null,
    service_type: null,
    client_type: 'Service user',
  });
  const rule = { windowDays: 28, breaks: (r: CldEventRow) => r.event_type === 'Request' };

  it('takes an open first candidate whatever its distance, and leaves a closed one beyond the window', () => {
    expect(chainInScope([row('Service', '2025-09-01', null)], '2025-01-01', rule)).toHaveLength(1);
    expect(chainInScope([row('Service', '2025-09-01', '2025-09-30')], '2025-01-01', rule)).toEqual([]);
  });

  it('stops at a gap of more than 3 days and at the first request', () => {
    const gap = [row('Assessment', '2025-01-02', '2025-01-05'), row('Service', '2025-01-09', '2025-02-01')];
    expect(chainInScope(gap, '2025-01-01', rule).map((r) => r.start_date)).toEqual(['2025-01-02']);
    const cut = [row('Assessment', '2025-01-02', '2025-01-05'), row('Request', '2025-01-06', '2025-01-07')];
    expect(chainInScope([...cut, row('Service', '2025-01-08', null)], '2025-01-01', rule)).toHaveLength(1);
  });
});

describe.each(testEngines())('SALT STS001 / STS002a / STS002b over hand-made journeys (%s)', (engine) => {
  let database: TestDatabase;
  let orgId: string;
  let names: Map<string, string>;
  let rows: CldEventRow[];

  /** One query, as a return would read: the council's events, those recorded in error left out. */
  const readEvents = (includeRecordedInError = false) =>
    database.db
      .selectFrom('person_event')
      .select([
        'person_id',
        'event_type',
        'start_date',
        'end_date',
        'event_outcome',
        'route_of_access',
        'service_type',
        'client_type',
      ])
      .where('org_id', '=', orgId)
      .$if(!includeRecordedInError, (q) => q.where('recorded_in_error_at', 'is', null))
      .execute() as Promise<CldEventRow[]>;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    orgId = (
      await db
        .insertInto('organisation')
        .values({ name: 'Salt Council', kind: 'council', ods_code: 'SALT001' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    names = new Map();
    for (const [name, events] of Object.entries(journeys)) {
      const personId = await insertPersonAsOwner(db, orgId, name, 'Salt');
      names.set(personId, name);
      await db
        .insertInto('person_event')
        .values(events.map((event) => ({ ...event, org_id: orgId, person_id: personId })))
        .execute();
    }
    rows = await readEvents();
  }, 180_000);
  afterAll(async () => database?.dispose());

  const nameOf = (personId: string) => names.get(personId)!;
  /** Rows in a fixed order (person, then start): the query has no order, and the hand count need not. */
  const byPersonThenStart = (list: readonly (readonly unknown[])[]) =>
    [...list].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));

  it('reads every stored event but the one recorded in error', async () => {
    const stored = Object.values(journeys).flat().length;
    expect(rows).toHaveLength(stored - 1);
    expect(await readEvents(true)).toHaveLength(stored);
  });

  it('STS001: one row per new client’s request cluster, sequels as counted by hand', () => {
    const result = sts001(rows, PERIOD, TODAY);
    const actual = result.map((r) => [nameOf(r.personId), r.clusterStart, r.route, r.recordType, r.mapped]);
    expect(byPersonThenStart(actual)).toEqual(byPersonThenStart(expectedSts001));
    expect(countByMapped(result)).toEqual({
      'Short term support: ST-Max': 4, // Bea, Cyril, Dora, Peggy
      'Long term support: Community': 1, // George
      'No_Chronology_Universal Services/ Signposted to other services': 3, // Ada, Hilda, Ivor's second
      No_Chronology_Unable_To_Classify: 3, // Flora, Lena, Mabel
      'No_Chronology_No Services Provided - other reason': 1, // Ivor's first
      'No Services Provided - other reason': 2, // Ernest, Nora
      'No Service Found': 1, // Owen
    });
  });

  it('STS001 would count the event recorded in error, were it read', async () => {
    const mabel = (events: CldEventRow[]) =>
      sts001(events, PERIOD, TODAY).find((r) => nameOf(r.personId) === 'Mabel')?.mapped;
    expect(mabel(rows)).toBe(NC_UNCLASSIFIED);
    expect(mabel(await readEvents(true))).toBe('Long term support: Residential care');
  });

  it('STS002a: what followed each cohort ST-Max, and ASCOF 2A from it', () => {
    const cohort = stMaxCohort(sts001(rows, PERIOD, TODAY));
    expect(byPersonThenStart(cohort.map((c) => [nameOf(c.personId), c.stMaxStart]))).toEqual(
      byPersonThenStart(expectedSts002a.map(([name, start]) => [name, start])),
    );
    const result = sts002a(rows, cohort, PERIOD, TODAY);
    const actual = result.map((r) => [nameOf(r.personId), r.clusterStart, r.recordType, r.mapped]);
    expect(byPersonThenStart(actual)).toEqual(byPersonThenStart(expectedSts002a));
    // Denominator: all four categories are in 2A's list; numerator leaves out Cyril's long-term support.
    expect(ascof2a(result)).toEqual({ numerator: 3, denominator: 4 });
  });

  it('STS002b: existing clients’ ST-Max episodes, counted once per island', () => {
    // Joan's two ST-Max rows are 1 day apart: one episode. Bea, Cyril, Dora and Peggy had no long-term
    // support when their ST-Max started, so they are new clients' episodes, not STS002b's.
    expect(sts002b(rows, PERIOD, TODAY)).toBe(1);
  });
});
