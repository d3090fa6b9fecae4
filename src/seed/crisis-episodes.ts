/**
 * The demo county's crisis episodes, as data: who, when (days and hours before today), how urgent,
 * how fast first contact came, the support put in, the check-ins, and how the closed ones ended.
 * The Joneses have none: their crisis (S1 step 3) is the one a user plays through live.
 */
/** `directory`: name patterns (SQL like, separated by |) tried in turn for the community directory entry to link. */
export interface ServiceSeed {
  kind: string;
  description: string;
  provider: string;
  fromDay: number;
  toDay?: number;
  longTermOverride?: string;
  directory?: string;
}
export interface CheckInSeed {
  day: number;
  how: string;
  isWorking: string;
  coping: string;
  needsToChange?: string;
}
export interface CloseSeed {
  day: number;
  route: 'step_down' | 'step_up' | 'other';
  whatFollowed: string;
  note: string;
  stepUpReason?: string;
  connection?: { note: string; directory?: string };
}

export interface EpisodeSeed {
  /** The scenario person (src/seed/scenario-people.ts). */
  person: string;
  /** Referred this many days ago, at this hour (UK time); first contact this many hours later (none while waiting). */
  daysAgo: number;
  hour: number;
  contactAfterHours: number | null;
  urgency: string;
  source: 'referral' | 'partner_event' | 'plan_activation';
  route: string;
  referredBy: string;
  reason: string;
  lead: string | null;
  wants: string;
  goals: string[];
  actions: [description: string, who: string, dueDay: number, doneDay: number | null][];
  services: ServiceSeed[];
  checkIns: CheckInSeed[];
  /** A short-term assessment on this day of the episode (CLD: Short term assessment). */
  assessment?: { day: number; method: string; strengths: string; needs: string; outcome: string };
  /** Days added to the time limit by a manager, with the reason. */
  extension?: { days: number; onDay: number; reason: string };
  close?: CloseSeed;
}

const COMMUNITY = 'Community / Other route';
const DISCHARGE = 'Discharge from Hospital';

export const crisisEpisodeSeeds: EpisodeSeed[] = [
  // Open: waiting for first contact, still within four hours.
  {
    person: 'mrsN',
    daysAgo: 0,
    hour: -2,
    contactAfterHours: null,
    urgency: 'within_4_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Priya Nair (granddaughter)',
    reason:
      'Priya, who checks her grandmother’s shopping and money, has been admitted to hospital for an operation; nobody else can shop or collect prescriptions this week.',
    lead: 'sam.practitioner',
    wants: '',
    goals: [],
    actions: [],
    services: [],
    checkIns: [],
  },
  // Open: waiting past its four hours, nobody allocated yet.
  {
    person: 'margaret',
    daysAgo: 0,
    hour: -10,
    contactAfterHours: null,
    urgency: 'within_4_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Fenland Home Care Ltd',
    reason:
      'The home care agency holding Margaret’s individual service fund has given notice: two carers have left and they cannot cover her evening calls from tomorrow.',
    lead: null,
    wants: '',
    goals: [],
    actions: [],
    services: [],
    checkIns: [],
  },
  // Open: from Lilian's contingency plan, day 3, going to plan.
  {
    person: 'mrsL',
    daysAgo: 3,
    hour: 9,
    contactAfterHours: 2,
    urgency: 'within_4_hours',
    source: 'plan_activation',
    route: COMMUNITY,
    referredBy: 'Leonard Lambert (husband)',
    reason: 'Leonard has hurt his back and cannot help Lilian with washing, dressing or getting to bed.',
    lead: 'sam.practitioner',
    wants:
      'Lilian wants Leonard to stay her main help once his back is better, with someone to take the heavy work off him until then.',
    goals: [
      'Lilian is washed, dressed and in bed safely every day',
      'Leonard rests his back for two weeks',
      'A carer’s assessment for Leonard is booked',
    ],
    actions: [
      ['Arrange morning and bedtime visits', 'Sam Okafor', 0, 0],
      ['Book Leonard’s carer’s assessment', 'Sam Okafor', 10, null],
    ],
    services: [
      {
        kind: 'home_support',
        description: 'Morning and bedtime personal care',
        provider: 'Nene Valley Care Ltd',
        fromDay: 1,
      },
    ],
    checkIns: [
      {
        day: 1,
        how: 'phone',
        isWorking: 'Visits started this morning; Lilian liked the carer.',
        coping: 'Leonard relieved; still in pain.',
      },
      {
        day: 2,
        how: 'visit',
        isWorking: 'Yes, both visits on time.',
        coping: 'Coping well.',
        needsToChange: 'Bedtime visit 30 minutes later if possible.',
      },
    ],
  },
  // Open: after a fall, first contact late (breached), reablement going, check-in overdue.
  {
    person: 'george',
    daysAgo: 20,
    hour: 11,
    contactAfterHours: 30,
    urgency: 'within_24_hours',
    source: 'partner_event',
    route: DISCHARGE,
    referredBy: 'Fenshire General Hospital discharge team',
    reason:
      'George fell at home and spent two nights in hospital; he is home but unsteady and his son works away this month.',
    lead: 'priya.manager',
    wants: 'George wants to get back to walking to the paper shop on his own.',
    goals: ['Walk to the shop and back with a stick', 'Manage the stairs safely'],
    actions: [
      ['Falls review with the community team', 'Community physiotherapy', 7, 9],
      ['Grab rails by the stairs and bath', 'Fenshire Community Equipment', 5, 6],
    ],
    services: [
      {
        kind: 'reablement',
        description: 'Reablement visits twice a day, reducing',
        provider: 'Fenshire Reablement Service',
        fromDay: 2,
      },
      {
        kind: 'equipment',
        description: 'Grab rails and a perching stool',
        provider: 'Fenshire Community Equipment',
        fromDay: 6,
        toDay: 6,
      },
    ],
    checkIns: [
      { day: 3, how: 'visit', isWorking: 'Getting stronger each day.', coping: 'Frustrated at being slow.' },
      { day: 10, how: 'phone', isWorking: 'Walked to the gate and back.', coping: 'Better.' },
    ],
  },
  // Open: extended once by a manager, equipment still to come.
  {
    person: 'shirley',
    daysAgo: 40,
    hour: 14,
    contactAfterHours: 3,
    urgency: 'same_day',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Lisa Bennett (daughter)',
    reason:
      'Shirley’s wheelchair has broken and the replacement will take weeks; she cannot get out of bed safely without it.',
    lead: 'sam.practitioner',
    wants: 'Shirley wants to stay in her own flat and keep going to her Tuesday group.',
    goals: ['Safe transfers every day', 'Back at the Tuesday group'],
    actions: [
      ['Chase the wheelchair service', 'Sam Okafor', 14, 15],
      ['Loan chair until the new one arrives', 'Fenshire Community Equipment', 2, 2],
    ],
    services: [
      {
        kind: 'equipment',
        description: 'Loan wheelchair and transfer board',
        provider: 'Fenshire Community Equipment',
        fromDay: 2,
      },
    ],
    checkIns: [
      { day: 7, how: 'phone', isWorking: 'Loan chair works indoors.', coping: 'Coping.' },
      { day: 21, how: 'phone', isWorking: 'Still waiting for the new chair.', coping: 'Fed up.' },
      { day: 35, how: 'visit', isWorking: 'Yes.', coping: 'Coping.', needsToChange: 'Chase the supplier again.' },
    ],
    extension: {
      days: 14,
      onDay: 38,
      reason:
        'The new wheelchair is delayed by the supplier until next month; the loan chair and visits must continue until it arrives.',
    },
  },
  // Open: past its time limit.
  {
    person: 'joan',
    daysAgo: 44,
    hour: 10,
    contactAfterHours: 20,
    urgency: 'within_24_hours',
    source: 'referral',
    route: COMMUNITY,
    referredBy: 'Sheila Parr (friend)',
    reason: 'Joan’s personal assistant is off sick for several weeks and the agency has no cover.',
    lead: 'sam.practitioner',
    wants: 'Joan wants to choose who helps her.',
    goals: ['Cover Joan’s mornings until her personal assistant is back'],
    actions: [['Ask the agency for a named cover worker', 'Sheila Parr', 3, 4]],
    services: [
      { kind: 'home_support', description: 'Morning visits', provider: 'Southern Villages Home Care', fromDay: 1 },
    ],
    checkIns: [
      { day: 7, how: 'phone', isWorking: 'Yes.', coping: 'Coping.' },
      { day: 28, how: 'phone', isWorking: 'Yes, same carer each day.', coping: 'Happy with her.' },
    ],
  },
  // Open: ending soon.
  {
    person: 'mrsM',
    daysAgo: 35,
    hour: 16,
    contactAfterHours: 1,
    urgency: 'within_4_hours',
    source: 'plan_activation',
    route: COMMUNITY,
    referredBy: 'Maurice Marsh (husband)',
    reason: 'Maurice is going into hospital for a planned operation; Marion cannot be alone in the evenings.',
    lead: 'priya.manager',
    wants: 'Marion wants to keep her routine and her garden.',
    goals: ['Marion is never alone after dark while Maurice is in hospital'],
    actions: [['Tell the memory café', 'Maurice Marsh', 1, 1]],
    services: [
      {
        kind: 'carers_cover',
        description: 'Evening sitting service',
        provider: 'Fenshire Carers’ Trust',
        fromDay: 1,
        directory: 'Carers’ Sitting Service%|Emergency Carer Cover%',
      },
    ],
    checkIns: [
      { day: 1, how: 'phone', isWorking: 'Yes.', coping: 'A little unsettled.' },
      { day: 2, how: 'visit', isWorking: 'Yes.', coping: 'Settling.' },
      { day: 14, how: 'phone', isWorking: 'Yes.', coping: 'Coping well.' },
      { day: 28, how: 'phone', isWorking: 'Maurice is home.', coping: 'Both well.' },
    ],
  },
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
