import { describe, expect, it } from 'vitest';
import { crisisCldEvents, type CrisisEpisodeFacts, type CrisisSupportFacts } from './cld-events.js';

/** The edge cases of what an episode writes; the pages' paths are in test/integration/cld-paths.test.ts. */
const episode = (over: Partial<CrisisEpisodeFacts> = {}): CrisisEpisodeFacts => ({
  episodeId: 'ep',
  startsOn: '2026-03-02',
  routeOfAccess: 'Community / Other route',
  referralReason: 'Carer admitted to hospital',
  caresFor: [],
  support: [],
  close: null,
  ...over,
});
const item = (id: string, over: Partial<CrisisSupportFacts> = {}): CrisisSupportFacts => ({
  id,
  kind: 'reablement',
  description: 'Getting about',
  provider: 'Fenshire Reablement',
  fromNetwork: false,
  startsOn: '2026-03-04',
  endsOn: null,
  longTermServiceType: null,
  longTermComponent: null,
  cancelled: false,
  decidedOn: '2026-03-03',
  ...over,
});
const mealsLongTerm = (over: Partial<CrisisSupportFacts> = {}) =>
  item('meals', {
    kind: 'long_term',
    longTermServiceType: 'Long term support: Community',
    longTermComponent: 'Other long term support',
    startsOn: '2026-03-20',
    decidedOn: '2026-03-20',
    ...over,
  });

/** [source module, start, end, outcome, type] of each event, for compact tables. */
const shape = (f: CrisisEpisodeFacts) =>
  crisisCldEvents(f).map(({ source, event }) => [
    source.module,
    event.startDate,
    event.endDate,
    event.eventOutcome,
    event.serviceType ?? event.eventType,
  ]);

describe('what a crisis episode writes to CLD', () => {
  const cases: { name: string; facts: CrisisEpisodeFacts; events: unknown[][] }[] = [
    {
      name: 'just opened: an open request, no outcome',
      facts: episode(),
      events: [['crisis', '2026-03-02', null, null, 'Request']],
    },
    {
      name: 'support decided before it starts: the request ends on the day it was decided',
      facts: episode({ support: [item('a')] }),
      events: [
        ['crisis', '2026-03-02', '2026-03-03', 'Progress to reablement/ST-Max', 'Request'],
        ['crisis-service', '2026-03-04', null, null, 'Short term support: ST-Max'],
      ],
    },
    {
      name: 'support recorded after it started: decided by the day it started, never before the referral',
      facts: episode({
        support: [item('a', { startsOn: '2026-03-01', decidedOn: '2026-03-06', kind: 'home_support' })],
      }),
      events: [
        ['crisis', '2026-03-02', '2026-03-02', 'Progress to support planning or services', 'Request'],
        ['crisis-service', '2026-03-01', null, null, 'Short term support: Other short term'],
      ],
    },
    {
      name: 'reablement decided the same day as other support: the request progresses to ST-Max',
      facts: episode({ support: [item('a', { kind: 'equipment' }), item('b')] }),
      events: [
        ['crisis', '2026-03-02', '2026-03-03', 'Progress to reablement/ST-Max', 'Request'],
        ['crisis-service', '2026-03-04', null, null, 'Short term support: Ongoing low level'],
        ['crisis-service', '2026-03-04', null, null, 'Short term support: ST-Max'],
      ],
    },
    {
      name: 'only family help: not a service, the request stays open',
      facts: episode({
        support: [item('a', { kind: 'home_support', fromNetwork: true }), item('b', { kind: 'community_help' })],
      }),
      events: [['crisis', '2026-03-02', null, null, 'Request']],
    },
    {
      name: 'the only support cancelled: no service, the request open again',
      facts: episode({ support: [item('a', { cancelled: true })] }),
      events: [['crisis', '2026-03-02', null, null, 'Request']],
    },
    {
      name: 'closed with no support: the request ends at close with the table’s request outcome',
      facts: episode({ close: { closedOn: '2026-03-10', route: 'step_down', whatFollowed: 'no_further_support' } }),
      events: [['crisis', '2026-03-02', '2026-03-10', 'NFA: Information and advice or signposting', 'Request']],
    },
    {
      name: 'closed: short-term support ends with the episode, keeps a later end of its own, and one not started is dropped',
      facts: episode({
        support: [
          item('a'),
          item('b', { kind: 'rehabilitation', endsOn: '2026-03-30' }),
          item('c', { kind: 'equipment', startsOn: '2026-03-12' }),
        ],
        close: { closedOn: '2026-03-10', route: 'other', whatFollowed: 'no_further_support' },
      }),
      events: [
        ['crisis', '2026-03-02', '2026-03-03', 'Progress to reablement/ST-Max', 'Request'],
        ['crisis-service', '2026-03-04', '2026-03-10', 'NFA: Support ended as planned', 'Short term support: ST-Max'],
        [
          'crisis-service',
          '2026-03-04',
          '2026-03-30',
          'NFA: Support ended as planned',
          'Short term support: Other short term',
        ],
      ],
    },
    {
      name: 'long-term support agreed in the crisis: short-term until the close, then its own event from the next day',
      facts: episode({
        support: [item('a'), mealsLongTerm()],
        close: { closedOn: '2026-04-10', route: 'step_down', whatFollowed: 'ongoing_low_level' },
      }),
      events: [
        ['crisis', '2026-03-02', '2026-03-03', 'Progress to reablement/ST-Max', 'Request'],
        [
          'crisis-service',
          '2026-03-04',
          '2026-04-10',
          'Progress to support planning or services',
          'Short term support: ST-Max',
        ],
        [
          'crisis-service',
          '2026-03-20',
          '2026-04-10',
          'Progress to support planning or services',
          'Short term support: Other short term',
        ],
        ['crisis-service-long-term', '2026-04-11', null, null, 'Long term support: Community'],
      ],
    },
    {
      name: 'long-term support starting after the close: long-term from its first day, nothing short-term',
      facts: episode({
        support: [item('a'), mealsLongTerm({ startsOn: '2026-04-15' })],
        close: { closedOn: '2026-04-10', route: 'step_up', whatFollowed: 'long_term' },
      }),
      events: [
        ['crisis', '2026-03-02', '2026-03-03', 'Progress to reablement/ST-Max', 'Request'],
        [
          'crisis-service',
          '2026-03-04',
          '2026-04-10',
          'Progress to assessment, review or reassessment',
          'Short term support: ST-Max',
        ],
        ['crisis-service-long-term', '2026-04-15', null, null, 'Long term support: Community'],
      ],
    },
    {
      name: 'long-term support that ended within the crisis does not go on',
      facts: episode({
        support: [mealsLongTerm({ endsOn: '2026-04-01' })],
        close: { closedOn: '2026-04-10', route: 'other', whatFollowed: 'deceased' },
      }),
      events: [
        ['crisis', '2026-03-02', '2026-03-20', 'Progress to support planning or services', 'Request'],
        ['crisis-service', '2026-03-20', '2026-04-01', 'NFA: Deceased', 'Short term support: Other short term'],
      ],
    },
  ];
  it.each(cases)('$name', ({ facts, events }) => {
    expect(shape(facts)).toEqual(events);
  });

  it('every council-arranged event is commissioned by the council, and a carer’s cover is theirs, linked', () => {
    const facts = episode({ caresFor: ['edna'], support: [item('a', { kind: 'carers_cover' }), item('b')] });
    const [, cover, reablement] = crisisCldEvents(facts).map((w) => w.event);
    expect(cover).toMatchObject({
      serviceType: 'Unpaid carer support: Support involving the person cared-for',
      serviceComponent: 'Unpaid carer respite',
      clientType: 'Unpaid carer',
      linkedPersonIds: ['edna'],
      deliveryMechanism: 'CASSR commissioned support',
    });
    // Their own reablement is support to them as a service user.
    expect(reablement).toMatchObject({ clientType: 'Service user', linkedPersonIds: [] });
    expect(reablement!.deliveryMechanism).toBe('CASSR commissioned support');
  });
});
