import { FREE, session, type KindTemplate } from './kind-template.js';

/** Kinds for days out and getting about, advice, company and living with dementia. */
export const daysAdviceAndCompanyKinds: readonly KindTemplate[] = [
  {
    kind: 'day-opportunities',
    names: [
      '{town} Day Centre',
      'Gardening Day Project, {town}',
      'Asian Elders’ Day Centre, {town}',
      'Learning Disability Day Opportunities – {town}',
      'Arts and Crafts Day Club, {town}',
      'Work Skills Café, {town}',
    ],
    description:
      'A day out of the house with things to do: lunch, activities, outings and company. Transport can often be arranged.',
    organisations: ['dayOpportunities', 'asianElders', 'laterLife'],
    venue: 'hall',
    sessions: { freq: 'WEEKLY', startHours: [9, 10], hours: 6 },
    costs: [
      { option: '£38.00 a day', pence: 3800, description: '£38.00 a day including lunch' },
      { option: '£45.00 a day', pence: 4500, description: '£45.00 a day including lunch and transport' },
      session(800, 'a day'),
    ],
    directPayments: 0.9,
    minimumAge: 18,
    eligibility:
      'Adults who would like company and activities in the day; some places are for people with learning disabilities.',
    applicationProcess: 'Phone to arrange a free taster day.',
  },
  {
    kind: 'transport',
    names: ['{town} Community Car Scheme', 'Dial-a-Ride – {town}', '{town} Volunteer Drivers', 'Shopmobility {town}'],
    description:
      'Door-to-door lifts to appointments, shops and clubs with volunteer drivers or an accessible minibus, for people who cannot easily use buses.',
    organisations: ['fenlandTransport', 'elyTransport', 'grantaNeighbours'],
    venue: 'office',
    costs: [
      { option: '45p a mile', pence: 45, description: '45p a mile, paid to the driver' },
      { option: '£3.00 a single journey', pence: 300, description: '£3.00 a single journey in town' },
    ],
    directPayments: 0.6,
    minimumAge: 16,
    eligibility: 'People who find it hard to use public transport.',
    applicationProcess: 'Register by phone, then book a journey at least two days ahead.',
  },
  {
    kind: 'information-advice',
    names: [
      'Adult Social Care Information Point – {town}',
      '{town} Advice Drop-in',
      'Benefits and Money Advice – {town}',
      'Later Life Information Café, {town}',
      'Polish and Lithuanian Advice Session, {town}',
    ],
    description:
      'Free, friendly information and advice about care and support, benefits, money, housing and staying independent. We can help with forms and put you in touch with local groups.',
    organisations: ['adviceCentre', 'council', 'laterLife', 'easternEuropean'],
    venue: 'office',
    sessions: { freq: 'WEEKLY', startHours: [9, 10, 13], hours: 3 },
    costs: [FREE],
    directPayments: 0,
    minimumAge: 16,
    eligibility: 'Anyone.',
    applicationProcess: 'Drop in, phone or email.',
  },
  {
    kind: 'befriending',
    names: [
      '{town} Befriending Scheme',
      'Telephone Befriending – {town}',
      'Friendly Visitors, {town}',
      'Walk and Talk Befrienders, {town}',
    ],
    description:
      'A volunteer who visits or phones every week for a chat, or comes with you to the shops or a café. We match you with someone who shares your interests.',
    organisations: ['befrienders', 'laterLife', 'grantaNeighbours'],
    venue: 'office',
    costs: [FREE],
    directPayments: 0,
    minimumAge: 18,
    eligibility: 'Adults who feel lonely or cut off.',
    applicationProcess: 'You or someone who knows you can refer by phone.',
  },
  {
    kind: 'dementia-support',
    alsoKinds: ['community-activities'],
    names: [
      '{town} Memory Café',
      'Music and Memories, {town}',
      'Dementia Support Worker – {town}',
      'Dementia Carers’ Group, {town}',
      'Young Onset Dementia Group, {town}',
    ],
    description:
      'For people living with dementia or memory worries and the people who care for them: music, reminiscence and a chat over tea, with dementia support workers on hand for advice.',
    organisations: ['memoryMatters'],
    venue: 'hall',
    sessions: { freq: 'MONTHLY', startHours: [10, 14], hours: 2 },
    costs: [FREE, session(250)],
    directPayments: 0.2,
    minimumAge: 18,
    eligibility: 'People living with dementia, with or without a diagnosis, and their carers.',
    applicationProcess: 'Drop in; no referral needed.',
  },
];
