import type { EpisodeSeed } from './crisis-episodes.js';

const COMMUNITY = 'Community / Other route';
const DISCHARGE = 'Discharge from Hospital';

/** The demo county’s closed crisis episodes: each way of ending one, for the figures and the timeline. */
export const closedEpisodeSeeds: EpisodeSeed[] = [
  // Closed: stepped down with community connections.
  {
    person: 'mrL',
    daysAgo: 100,
    hour: 9,
    contactAfterHours: 2,
    urgency: 'within_4_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Riverside Medical Practice',
    reason: 'Leonard is exhausted and says he cannot keep caring for Lilian at night.',
    lead: 'sam.practitioner',
    wants: 'Leonard wants to keep caring for Lilian, with some nights off.',
    goals: ['Leonard sleeps through three nights a week'],
    actions: [['Carer’s assessment', 'Sam Okafor', 14, 12]],
    services: [
      {
        kind: 'carers_cover',
        description: 'Night sitting three nights a week',
        provider: 'Fenshire Carers’ Trust',
        fromDay: 2,
      },
    ],
    checkIns: [
      { day: 3, how: 'phone', isWorking: 'Yes.', coping: 'Slept last night.' },
      { day: 14, how: 'visit', isWorking: 'Yes.', coping: 'Much better.' },
    ],
    close: {
      day: 25,
      route: 'step_down',
      whatFollowed: 'other_short_term',
      note: 'Carers’ support group and a sitting service arranged; the contingency plan updated with the night cover.',
      connection: {
        note: 'Carers’ coffee morning on Wednesdays',
        directory: '%Carers’ Coffee Morning%|Carers’ Sitting Service%',
      },
    },
  },
  // Closed: admitted to hospital.
  {
    person: 'mrM',
    daysAgo: 80,
    hour: 13,
    contactAfterHours: 3,
    urgency: 'same_day',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Maurice Marsh',
    reason: 'Maurice has a chest infection and cannot look after Marion.',
    lead: 'priya.manager',
    wants: 'Maurice wants to stay at home with Marion.',
    goals: ['Marion looked after while Maurice recovers'],
    actions: [],
    services: [
      { kind: 'home_support', description: 'Visits for Marion', provider: 'Nene Valley Care Ltd', fromDay: 1 },
    ],
    checkIns: [{ day: 2, how: 'phone', isWorking: 'Yes.', coping: 'Maurice worse.' }],
    close: {
      day: 5,
      route: 'other',
      whatFollowed: 'admitted_to_hospital',
      note: 'Maurice admitted with pneumonia; Marion’s contingency plan activated.',
    },
  },
  // Closed, then re-referred within 91 days: Margaret's first crisis...
  {
    person: 'margaret',
    daysAgo: 200,
    hour: 10,
    contactAfterHours: 2,
    urgency: 'within_4_hours',
    source: 'referral',
    route: DISCHARGE,
    referredBy: 'Fenshire General Hospital',
    reason: 'Home after a short admission for a urine infection; weaker than before.',
    lead: 'sam.practitioner',
    wants: 'Margaret wants to be back to how she was.',
    goals: ['Back to managing her own breakfast and lunch'],
    actions: [],
    services: [
      {
        kind: 'reablement',
        description: 'Reablement, four weeks',
        provider: 'Fenshire Reablement Service',
        fromDay: 1,
      },
    ],
    assessment: {
      day: 1,
      method: 'Face to face',
      strengths: 'Determined to manage on her own again; her neighbour shops for her on Fridays.',
      needs: 'Practice and help to get breakfast and lunch safely for a few weeks.',
      outcome: 'Progress to reablement/ST-Max',
    },
    checkIns: [
      { day: 1, how: 'visit', isWorking: 'Yes.', coping: 'Tired.' },
      { day: 14, how: 'phone', isWorking: 'Yes.', coping: 'Stronger.' },
    ],
    close: {
      day: 30,
      route: 'step_down',
      whatFollowed: 'no_further_support',
      note: 'Reablement goals met.',
      connection: { note: 'Lunch club at the Ely community centre', directory: '%Lunch Club%|%Day Centre%' },
    },
  },
  // ...and her second, 50 days later, which needed long-term support.
  {
    person: 'margaret',
    daysAgo: 120,
    hour: 15,
    contactAfterHours: 5,
    urgency: 'within_4_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Fenland Home Care Ltd',
    reason: 'Margaret fell again and can no longer stand to transfer without two carers.',
    lead: 'priya.manager',
    wants: 'Margaret wants to stay at home if she can.',
    goals: ['Safe transfers'],
    actions: [],
    services: [
      { kind: 'home_support', description: 'Double-handed calls', provider: 'Fenland Home Care Ltd', fromDay: 1 },
    ],
    checkIns: [{ day: 3, how: 'visit', isWorking: 'Only with two carers.', coping: 'Anxious.' }],
    close: {
      day: 25,
      route: 'step_up',
      whatFollowed: 'long_term',
      note: 'Needs lasting double-handed care.',
      stepUpReason:
        'Two carers are needed for every transfer and will be for the long term: referred for a Care Act assessment.',
    },
  },
  // Closed: a long-term service agreed by a manager during the episode.
  {
    person: 'george',
    daysAgo: 180,
    hour: 10,
    contactAfterHours: 4,
    urgency: 'within_24_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Alan Barker (son)',
    reason: 'George’s wife has moved into a nursing home; he has never cooked or managed the house.',
    lead: 'sam.practitioner',
    wants: 'George wants to stay in the house.',
    goals: ['George can make simple meals'],
    actions: [['Cooking sessions', 'Fenshire Reablement Service', 10, 14]],
    services: [
      { kind: 'reablement', description: 'Kitchen skills', provider: 'Fenshire Reablement Service', fromDay: 2 },
      {
        kind: 'long_term',
        description: 'Hot meals delivered daily',
        provider: 'Fenshire Meals on Wheels',
        fromDay: 20,
        longTermOverride:
          'George cannot cook safely after reablement; a daily hot meal is the only way he stays at home. Agreed by Priya Shah.',
      },
    ],
    checkIns: [{ day: 7, how: 'visit', isWorking: 'Slowly.', coping: 'Lonely.' }],
    close: {
      day: 40,
      route: 'step_down',
      whatFollowed: 'ongoing_low_level',
      note: 'Meals continue; befriending arranged.',
      connection: { note: 'Befriending phone calls', directory: '%Telephone Befriending%|%Befriending%' },
    },
  },
  // Closed: late first contact, stepped down.
  {
    person: 'shirley',
    daysAgo: 250,
    hour: 17,
    contactAfterHours: 12,
    urgency: 'same_day',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Lisa Bennett (daughter)',
    reason: 'Lisa is away for a fortnight and Shirley’s evening help has fallen through.',
    lead: 'sam.practitioner',
    wants: 'Shirley wants to manage without moving out.',
    goals: ['Evenings covered for two weeks'],
    actions: [],
    services: [
      { kind: 'home_support', description: 'Evening visits', provider: 'Southern Villages Home Care', fromDay: 1 },
    ],
    checkIns: [{ day: 7, how: 'phone', isWorking: 'Yes.', coping: 'Yes.' }],
    close: {
      day: 16,
      route: 'step_down',
      whatFollowed: 'no_further_support',
      note: 'Lisa back; evenings covered by family again.',
      connection: { note: 'Tuesday social group', directory: '%Coffee Morning%|%Day Centre%|%Men’s Shed%' },
    },
  },
  // Closed: extended, then stepped down.
  {
    person: 'joan',
    daysAgo: 300,
    hour: 9,
    contactAfterHours: 3,
    urgency: 'same_day',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Sheila Parr (friend)',
    reason: 'Joan was confused and not eating after a change of tablets.',
    lead: 'priya.manager',
    wants: 'Joan wants to be asked before anything changes.',
    goals: ['Eating regular meals', 'Tablets reviewed'],
    actions: [['Medication review with the GP', 'Riverside Medical Practice', 5, 8]],
    services: [
      { kind: 'home_support', description: 'Lunchtime visits', provider: 'Southern Villages Home Care', fromDay: 1 },
    ],
    checkIns: [
      { day: 3, how: 'visit', isWorking: 'Yes.', coping: 'Less confused.' },
      { day: 30, how: 'phone', isWorking: 'Yes.', coping: 'Eating well.' },
    ],
    extension: {
      days: 7,
      onDay: 40,
      reason: 'Waiting one more week for the GP’s review of Joan’s tablets before the visits stop.',
    },
    close: {
      day: 46,
      route: 'step_down',
      whatFollowed: 'ongoing_low_level',
      note: 'Lunch club twice a week.',
      connection: { note: 'Lunch club', directory: '%Lunch Club%|%Day Centre%' },
    },
  },
];
