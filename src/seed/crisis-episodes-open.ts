import type { EpisodeSeed } from './crisis-episodes.js';

const COMMUNITY = 'Community / Other route';
const DISCHARGE = 'Discharge from Hospital';

/** The demo county’s open crisis episodes: each shows the board in a different state. */
export const openEpisodeSeeds: EpisodeSeed[] = [
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
];
