import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { addContact, conversationForm } from '../helpers/conversations.js';
import { issueToken } from '../helpers/matrix.js';
import { stMaxCohort, sts001, sts002a, type CldEventRow } from '../helpers/salt.js';
import { dateParts, day, PathDriver, type PathPerson } from '../helpers/cld-paths.js';
import { longTermTypes, serviceKinds } from '../../src/modules/crisis/index.js';
import { closeRoutes } from '../../src/modules/crisis/choices.js';
import { requestOutcomes } from '../../src/modules/conversations/schema.js';

/**
 * Issue 12: every tier 1 and tier 2 path, driven through the real pages and API (the journeys are in
 * ../helpers/cld-paths.ts), with the exact CLD events it writes. Expected values are written out
 * literally, never taken from the production tables (that would test them against themselves); dates
 * are relative to today in London: `day(-10)` is ten days ago. The production lists are read only to
 * check that each table has a row for every value.
 */

const SERVICE_USER = 'Service user';
const UNPAID_CARER = 'Unpaid carer';
const COMMUNITY_ROUTE = 'Community / Other route';
const COMMISSIONED = 'CASSR commissioned support';
const TO_ST_MAX = 'Progress to reablement/ST-Max';
const TO_PLANNING = 'Progress to support planning or services';
const TO_ASSESSMENT = 'Progress to assessment, review or reassessment';

/** One CLD event as a return reads it: every field these paths decide. */
interface Written {
  source: string;
  type: string;
  start: string;
  end: string | null;
  outcome: string | null;
  route: string | null;
  serviceType: string | null;
  component: string | null;
  mechanism: string | null;
  clientType: string;
  linked: string[];
  inError: boolean;
}

/** A Request as the paths write it (no service coding), open unless `end` is given. */
const request = (
  source: string,
  start: string,
  end: string | null,
  outcome: string | null,
  route: string,
  client: { clientType: string; linked: string[] } = { clientType: SERVICE_USER, linked: [] },
): Written => ({
  source,
  type: 'Request',
  start,
  end,
  outcome,
  route,
  serviceType: null,
  component: null,
  mechanism: null,
  inError: false,
  ...client,
});

/** A council-arranged crisis Service (always commissioned), for a service user unless told. */
const service = (
  source: string,
  [serviceType, component]: readonly [string, string],
  start: string,
  end: string | null,
  outcome: string | null,
  client: { clientType: string; linked: string[] } = { clientType: SERVICE_USER, linked: [] },
): Written => ({
  source,
  type: 'Service',
  start,
  end,
  outcome,
  route: null,
  serviceType,
  component,
  mechanism: COMMISSIONED,
  inError: false,
  ...client,
});

const ST_MAX = ['Short term support: ST-Max', 'Reablement'] as const;
const INTERIM_COMMUNITY = ['Short term support: Other short term', 'Other short term support'] as const;
const LONG_TERM_COMMUNITY = ['Long term support: Community', 'Other long term support'] as const;
/** Who support is for: "carer" cares for someone with a record here. */
type Who = 'carer' | 'not a carer';
/** Stands in a table for the id of the person cared for, known once the test has made them. */
const CARED_FOR = '<the person they care for>';

describe.each(testEngines())('CLD events of every tier 1 and tier 2 path (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent;
  let paths: PathDriver;

  const db = () => t.database.db;
  const newPerson = (given: string) => paths.newPerson(given);
  const refer = (personId: string, daysAgo: number, route = COMMUNITY_ROUTE) => paths.refer(personId, daysAgo, route);

  /** Events in a fixed order (by source, then start): stored rows come in no order, and tables need none. */
  const byOrder = (events: Written[]) =>
    [...events].sort((a, b) => a.source.localeCompare(b.source) || a.start.localeCompare(b.start));

  /** Every CLD event stored for the person (recorded in error too). */
  async function eventsOf(personId: string): Promise<Written[]> {
    const rows = await db().selectFrom('person_event').selectAll().where('person_id', '=', personId).execute();
    return byOrder(
      rows.map((r) => ({
        source: r.source_module,
        type: r.event_type,
        start: r.start_date,
        end: r.end_date,
        outcome: r.event_outcome,
        route: r.route_of_access,
        serviceType: r.service_type,
        component: r.service_component,
        mechanism: r.delivery_mechanism,
        clientType: r.client_type,
        linked: [...r.linked_person_ids],
        inError: r.recorded_in_error_at !== null,
      })),
    );
  }

  const reablementFrom = (start: string) => ({ kind: 'reablement', ...dateParts('startsOn', start) });
  /** A manager agrees long-term meals on wheels during the crisis (George's), from `start`, no end. */
  const longTermMeals = (start: string) => ({
    kind: 'long_term',
    longTermType: 'Long term support: Community',
    overrideReason: 'He will not manage meals again: agreed now so it does not stop at the close',
    description: 'Meals on wheels every day',
    provider: 'Fenland Meals',
    ...dateParts('startsOn', start),
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'priya.manager')]);
    const partnerToken = (await issueToken(db(), t.org.orgId, ['register:write', 'partner-events:write'])).token;
    paths = new PathDriver(t, sam, partnerToken);
  }, 180_000);
  afterAll(async () => t?.close());

  describe('tier 1: a conversation writes one Request, ended the day it was held', () => {
    /** Each conversation outcome: [outcome, route of access, held so many days ago]. */
    const conversations: [string, string, number][] = [
      ['NFA: Information and advice or signposting', COMMUNITY_ROUTE, 1],
      ['Progress to reablement/ST-Max', 'Discharge from Hospital', 2],
      ['Progress to assessment, review or reassessment', 'Diversion from Hospital Services', 3],
      ['NFA: Referral to other service within the local authority', COMMUNITY_ROUTE, 4],
      ['NFA: Referral to NHS services or NHS funded social care', 'Planned Entry (Transition)', 5],
      ['NFA: Support declined', 'Self-Funder', 6],
      ['NFA: Other', 'Transfer from Other LA', 7],
    ];

    const converse = (personId: string, outcome: string, route: string, heldOn: string) =>
      paths.converse(personId, conversationForm(heldOn, { outcome, routeOfAccess: route }));
    /** The conversation's own id on its one event: the event is this conversation's. */
    const sourceIds = async (personId: string) =>
      (await db().selectFrom('person_event').select('source_id').where('person_id', '=', personId).execute()).map(
        (r) => r.source_id,
      );

    it('has a row for every conversation outcome', () => {
      expect(conversations.map(([outcome]) => outcome).sort()).toEqual([...requestOutcomes].sort());
    });

    it.each(conversations)('"%s" (route %s, %i days ago)', async (outcome, route, daysAgo) => {
      const person = await newPerson('Ida');
      const { id } = await converse(person.id, outcome, route, day(-daysAgo));
      expect(await sourceIds(person.id)).toEqual([id]);
      expect(await eventsOf(person.id)).toEqual([
        request('conversations', day(-daysAgo), day(-daysAgo), outcome, route),
      ]);
    });

    it('a carer (their network says they care for someone with a record here) writes an unpaid carer’s request, never called one on the page', async () => {
      const edna = await newPerson('Edna');
      const harold = await newPerson('Harold');
      // Harold cares for Edna, and has declined to be called a carer.
      await paths.linkInNetwork(harold.id, edna, 'otherReceivesCare', 'declined');
      const { url, id } = await converse(
        harold.id,
        'NFA: Information and advice or signposting',
        COMMUNITY_ROUTE,
        day(-1),
      );
      expect(await eventsOf(harold.id)).toEqual([
        request('conversations', day(-1), day(-1), 'NFA: Information and advice or signposting', COMMUNITY_ROUTE, {
          clientType: UNPAID_CARER,
          linked: [edna.id],
        }),
      ]);
      expect(await sourceIds(harold.id)).toEqual([id]);
      // Edna, cared for, is a service user in her own right: nothing was written for her.
      expect(await eventsOf(edna.id)).toEqual([]);
      for (const page of [url, `/people/${harold.id}`, `/people/${harold.id}/timeline`]) {
        const res = await sam.get(page);
        expect(res.statusCode, page).toBe(200);
        // He declined the word: no label calls him a carer, least of all the client type.
        expect(res.body, page).not.toContain(UNPAID_CARER);
        expect(res.body, page).not.toMatch(/\bcarer\b/i);
      }
    });
  });

  describe('tier 2: opening an episode writes an open Request from its first day', () => {
    /**
     * [way it opens, the source it records, how, the Request's start, its route of access]. A partner's
     * event and a plan's activation open the episode when they arrive, so it starts today.
     */
    const openings: [string, string, (p: PathPerson) => Promise<void>, string, string][] = [
      [
        'the referral page, ten days ago',
        'referral',
        async (p) => void (await refer(p.id, 10, 'Discharge from Hospital')),
        day(-10),
        'Discharge from Hospital',
      ],
      [
        'a partner’s carer breakdown event',
        'partner_event',
        (p) => paths.partnerSays(p.nhs, 'carer_breakdown'),
        day(0),
        COMMUNITY_ROUTE,
      ],
      [
        'a partner’s event: their own discharge, a trigger on the register',
        'partner_event',
        async (p) => {
          await paths.onRegister(p.id, 'discharge');
          await paths.partnerSays(p.nhs, 'discharge');
        },
        day(0),
        'Discharge from Hospital',
      ],
      [
        'a partner’s event: the admission of the person they depend on, a trigger on the register',
        'partner_event',
        async (p) => {
          const husband = await newPerson('Hugh');
          await paths.linkInNetwork(p.id, husband, 'otherProvidesCare');
          await paths.onRegister(p.id, 'admission', husband.id);
          await paths.partnerSays(husband.nhs, 'admission');
          expect(await eventsOf(husband.id)).toEqual([]);
        },
        day(0),
        COMMUNITY_ROUTE,
      ],
      [
        'activating their contingency plan',
        'plan_activation',
        (p) => paths.activatePlan(p.id),
        day(0),
        COMMUNITY_ROUTE,
      ],
    ];

    it.each(openings)('%s', async (_way, source, open, start, route) => {
      const person = await newPerson('Olive');
      await open(person);
      const episode = await db()
        .selectFrom('crisis_episode')
        .select(['source', 'starts_on'])
        .where('person_id', '=', person.id)
        .executeTakeFirstOrThrow();
      expect(episode).toEqual({ source, starts_on: start });
      expect(await eventsOf(person.id)).toEqual([request('crisis', start, null, null, route)]);
    });
  });

  describe('tier 2: support put in decides the Request and (council-arranged) is a Service', () => {
    const REABLEMENT_ENDS = day(16);
    const OTHER_SHORT_TERM = 'Short term support: Other short term';
    /**
     * Each kind of support, put in today to start in two days: [support, who it is for ("carer": they
     * care for someone with a record here), who provides it (the council, or a daughter from their
     * network), the form, the Service it writes (or none), the Request's outcome once decided (null: open)].
     */
    const supports: [string, Who, 'council' | 'daughter', Record<string, string>, Written | null, string | null][] = [
      [
        'reablement',
        'not a carer',
        'council',
        { kind: 'reablement', ...dateParts('endsOn', REABLEMENT_ENDS) },
        service('crisis-service', ST_MAX, day(2), REABLEMENT_ENDS, null),
        TO_ST_MAX,
      ],
      [
        'rehabilitation',
        'not a carer',
        'council',
        { kind: 'rehabilitation' },
        service('crisis-service', [OTHER_SHORT_TERM, 'Other short term support'], day(2), null, null),
        TO_PLANNING,
      ],
      [
        'equipment',
        'not a carer',
        'council',
        { kind: 'equipment' },
        service('crisis-service', ['Short term support: Ongoing low level', 'Equipment'], day(2), null, null),
        TO_PLANNING,
      ],
      [
        'short-term home support',
        'not a carer',
        'council',
        { kind: 'home_support' },
        service('crisis-service', [OTHER_SHORT_TERM, 'Home support or domiciliary care'], day(2), null, null),
        TO_PLANNING,
      ],
      [
        'carers’ emergency cover',
        'not a carer',
        'council',
        { kind: 'carers_cover' },
        service('crisis-service', [OTHER_SHORT_TERM, 'Emergency support'], day(2), null, null),
        TO_PLANNING,
      ],
      [
        'carers’ emergency cover',
        'carer',
        'council',
        { kind: 'carers_cover' },
        service(
          'crisis-service',
          ['Unpaid carer support: Support involving the person cared-for', 'Unpaid carer respite'],
          day(2),
          null,
          null,
          { clientType: UNPAID_CARER, linked: [CARED_FOR] },
        ),
        TO_PLANNING,
      ],
      ['community and family help', 'not a carer', 'council', { kind: 'community_help' }, null, null],
      ['home support', 'not a carer', 'daughter', { kind: 'home_support' }, null, null],
      ['carers’ emergency cover', 'carer', 'daughter', { kind: 'carers_cover' }, null, null],
      [
        'long-term community support a manager agreed',
        'not a carer',
        'council',
        { kind: 'long_term', longTermType: 'Long term support: Community', overrideReason: 'Needed for good' },
        service('crisis-service', INTERIM_COMMUNITY, day(2), null, null),
        TO_PLANNING,
      ],
      [
        'a long-term care home place a manager agreed',
        'not a carer',
        'council',
        { kind: 'long_term', longTermType: 'Long term support: Residential care', overrideReason: 'Cannot go home' },
        service('crisis-service', [OTHER_SHORT_TERM, 'Short term residential care'], day(2), null, null),
        TO_PLANNING,
      ],
      [
        'a long-term nursing home place a manager agreed',
        'not a carer',
        'council',
        { kind: 'long_term', longTermType: 'Long term support: Nursing care', overrideReason: 'Needs nursing' },
        service('crisis-service', [OTHER_SHORT_TERM, 'Short term nursing care'], day(2), null, null),
        TO_PLANNING,
      ],
    ];

    it('has a row for every kind of support and every long-term arrangement', () => {
      const forms = supports.map((row) => row[3]);
      expect([...new Set(forms.map((f) => f.kind))].sort()).toEqual(serviceKinds.map((k) => k.key).sort());
      expect(forms.flatMap((f) => f.longTermType ?? []).sort()).toEqual(longTermTypes.map((l) => l.serviceType).sort());
    });

    it.each(supports)('%s (%s), provided by the %s', async (support, who, by, form, written, decided) => {
      const person = await newPerson('Sid');
      // Cora has a record here either way: only the network saying Sid cares for her makes him a carer.
      const caredFor = await newPerson('Cora');
      if (who === 'carer') await paths.linkInNetwork(person.id, caredFor, 'otherReceivesCare', 'not_asked');
      const provider: Record<string, string> =
        by === 'daughter'
          ? { provider: '', relationshipId: await addContact(sam, db(), person.id, 'Dora Pathworth', 'daughter') }
          : {};
      const episodeId = await refer(person.id, 10);
      const agent = form.kind === 'long_term' ? priya : sam;
      await paths.putIn(episodeId, { ...dateParts('startsOn', day(2)), ...form, ...provider }, agent);
      // Put in today, so today is the decision day the Request ends on (the support starts later).
      const withIds = (w: Written) => ({ ...w, linked: w.linked.map((id) => (id === CARED_FOR ? caredFor.id : id)) });
      // A carer's crisis request is theirs as an unpaid carer, linked to the person they care for (as in tier 1).
      const requester = who === 'carer' ? { clientType: UNPAID_CARER, linked: [caredFor.id] } : undefined;
      expect(await eventsOf(person.id), support).toEqual([
        request('crisis', day(-10), decided === null ? null : day(0), decided, COMMUNITY_ROUTE, requester),
        ...(written ? [withIds(written)] : []),
      ]);
    });
  });

  describe('tier 2: closing ends the short-term Services with the closing outcome; long-term support goes on', () => {
    const CLOSED_ON = day(-1);
    const closeForm = (route: string, whatFollowed: string): Record<string, string> => ({
      route,
      whatFollowed,
      ...dateParts('closedOn', CLOSED_ON),
      ...(route === 'step_down' ? { planReviewed: 'yes' } : {}),
      ...(route === 'step_up' ? { stepUpReason: 'Needs a Care Act assessment' } : {}),
    });
    /** Referred ten days ago; reablement from day -8 decided the Request then. */
    const decided = request('crisis', day(-10), day(-8), TO_ST_MAX, COMMUNITY_ROUTE);
    const reablementUntilClose = (outcome: string) => service('crisis-service', ST_MAX, day(-8), CLOSED_ON, outcome);

    /** [route, what followed, support put in, the exact events after the close]. */
    const closings: [string, string, 'none' | 'reablement' | 'reablement and long-term meals', Written[]][] = [
      [
        'step_down',
        'ongoing_low_level',
        'reablement and long-term meals',
        [
          decided,
          reablementUntilClose(TO_PLANNING),
          // The meals during the crisis: short-term support of the same setting, ended at the close…
          service('crisis-service', INTERIM_COMMUNITY, day(-3), CLOSED_ON, TO_PLANNING),
          // …and from the day after, long-term support in its own right, open-ended.
          service('crisis-service-long-term', LONG_TERM_COMMUNITY, day(0), null, null),
        ],
      ],
      [
        'step_down',
        'no_further_support',
        'reablement',
        [decided, reablementUntilClose('NFA: Support ended as planned')],
      ],
      ['step_up', 'long_term', 'reablement', [decided, reablementUntilClose(TO_ASSESSMENT)]],
      ['other', 'admitted_to_hospital', 'reablement', [decided, reablementUntilClose('Admitted to hospital')]],
      // No council-arranged support: the close decides the Request.
      [
        'step_down',
        'no_further_support',
        'none',
        [request('crisis', day(-10), CLOSED_ON, 'NFA: Information and advice or signposting', COMMUNITY_ROUTE)],
      ],
      ['step_up', 'long_term', 'none', [request('crisis', day(-10), CLOSED_ON, TO_ASSESSMENT, COMMUNITY_ROUTE)]],
      ['other', 'deceased', 'none', [request('crisis', day(-10), CLOSED_ON, 'NFA: Deceased', COMMUNITY_ROUTE)]],
    ];

    it('has a row for every way of closing, with and without support', () => {
      const routes = (withSupport: boolean) =>
        [...new Set(closings.filter((row) => (row[2] !== 'none') === withSupport).map(([route]) => route))].sort();
      const all = closeRoutes.map((r) => r.key).sort();
      expect([routes(true), routes(false)]).toEqual([all, all]);
    });

    it.each(closings)('%s × %s, with %s', async (route, whatFollowed, support, expected) => {
      const person = await newPerson('Cliff');
      const episodeId = await refer(person.id, 10);
      if (support !== 'none') await paths.putIn(episodeId, reablementFrom(day(-8)));
      if (support === 'reablement and long-term meals') await paths.putIn(episodeId, longTermMeals(day(-3)), priya);
      await paths.closeEpisode(episodeId, closeForm(route, whatFollowed));
      expect(await eventsOf(person.id)).toEqual(byOrder(expected));
    });

    it('cancelling the only support (it did not go ahead) marks its Service recorded in error and reopens the Request', async () => {
      const person = await newPerson('Cass');
      const episodeId = await refer(person.id, 10);
      await paths.putIn(episodeId, { kind: 'home_support', ...dateParts('startsOn', day(2)) });
      const homeSupport = ['Short term support: Other short term', 'Home support or domiciliary care'] as const;
      expect(await eventsOf(person.id)).toEqual([
        request('crisis', day(-10), day(0), TO_PLANNING, COMMUNITY_ROUTE),
        service('crisis-service', homeSupport, day(2), null, null),
      ]);
      const itemId = await paths.cancelOnlySupport(episodeId);
      expect(await eventsOf(person.id)).toEqual([
        request('crisis', day(-10), null, null, COMMUNITY_ROUTE),
        { ...service('crisis-service', homeSupport, day(2), null, null), inError: true },
      ]);
      expect(
        await db()
          .selectFrom('person_event')
          .select('recorded_in_error_reason')
          .where('source_id', '=', itemId)
          .executeTakeFirstOrThrow(),
      ).toEqual({ recorded_in_error_reason: 'The support was cancelled before it started: it was never delivered' });
    });
  });

  it('SALT: George’s crisis (reablement, then long-term meals a manager agreed, stepped down) reads as ST-Max, then long-term support', async () => {
    const george = await newPerson('George');
    const episodeId = await refer(george.id, 10);
    await paths.putIn(episodeId, reablementFrom(day(-8)));
    await paths.putIn(episodeId, longTermMeals(day(-3)), priya);
    await paths.closeEpisode(episodeId, {
      route: 'step_down',
      planReviewed: 'yes',
      whatFollowed: 'ongoing_low_level',
      ...dateParts('closedOn', day(-1)),
    });
    const events = (await db()
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
      .where('person_id', '=', george.id)
      .where('recorded_in_error_at', 'is', null)
      .execute()) as CldEventRow[];
    const period = { start: day(-40), end: day(0) };
    const requests = sts001(events, period, day(0));
    expect(requests.map((r) => [r.clusterStart, r.clusterEnd, r.recordType, r.mapped])).toEqual([
      [day(-10), day(-8), 2, 'Short term support: ST-Max'],
    ]);
    const cohort = stMaxCohort(requests);
    expect(cohort).toEqual([{ personId: george.id, stMaxStart: day(-8) }]);
    const followed = sts002a(events, cohort, period, day(0));
    expect(followed.map((r) => [r.clusterStart, r.clusterEnd, r.recordType, r.finalOutcome, r.mapped])).toEqual([
      [day(-8), day(-1), 2, 'Long term support: Community', 'Long Term Support (any setting)'],
    ]);
  });
});
