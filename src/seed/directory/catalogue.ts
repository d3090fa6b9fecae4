/**
 * What the demo directory's services look like, kind by kind: names ({town} is filled in), a plain
 * English description, who runs them, where and when they happen and what they cost. The generator
 * (services.ts) draws from these, so the demo reads like a real Fenland directory.
 */
export type Venue = 'hall' | 'office' | 'home';

export interface CostChoice {
  option: string;
  pence: number;
  description: string;
}

export interface KindTemplate {
  kind: string;
  /** Further kinds the service is also tagged with (a memory café is a community activity too). */
  alsoKinds?: readonly string[];
  names: readonly string[];
  description: string;
  organisations: readonly string[];
  venue: Venue;
  /** Group sessions: weekly or monthly, with a start hour and length in hours. */
  sessions?: { freq: 'WEEKLY' | 'MONTHLY'; startHours: readonly number[]; hours: number };
  costs: readonly CostChoice[];
  directPayments: number;
  minimumAge: number;
  eligibility: string;
  /** How to start: phone, drop in, referral. */
  applicationProcess: string;
}

const FREE: CostChoice = { option: 'Free', pence: 0, description: 'Free' };
const session = (pence: number, what = 'per session'): CostChoice => ({
  option: `£${(pence / 100).toFixed(2)} ${what}`,
  pence,
  description: `£${(pence / 100).toFixed(2)} ${what}, including tea and biscuits`,
});
const hourly = (pence: number): CostChoice => ({
  option: `£${(pence / 100).toFixed(2)} an hour`,
  pence,
  description: `£${(pence / 100).toFixed(2)} an hour; the council may pay some or all of this if you have a personal budget`,
});

/** What a lunch club charges, whatever the kind's usual costs. */
export const lunchCost: CostChoice = {
  option: '£4.50 a meal',
  pence: 450,
  description: '£4.50 for a two-course lunch with tea or coffee',
};

export const kindTemplates: readonly KindTemplate[] = [
  {
    kind: 'community-activities',
    names: [
      '{town} Lunch Club',
      '{town} Walking Group',
      '{town} Knit and Natter',
      '{town} Tea Dance',
      'Chair Exercise in {town}',
      '{town} Singing for Wellbeing',
      '{town} Library Reading Group',
      '{town} Community Allotment',
      '{town} Men’s Shed',
    ],
    description:
      'A friendly group that meets in {town}. Come along to meet people, have a cup of tea and join in as much or as little as you like. Newcomers are always welcome and you can bring someone with you.',
    organisations: ['laterLife', 'mensSheds', 'laterLife', 'grantaNeighbours'],
    venue: 'hall',
    sessions: { freq: 'WEEKLY', startHours: [10, 11, 13, 14], hours: 2 },
    costs: [FREE, session(200), session(300)],
    directPayments: 0.1,
    minimumAge: 18,
    eligibility: 'Adults of any age; most members are over 60.',
    applicationProcess: 'Just turn up, or ring first if you would like someone to meet you at the door.',
  },
  {
    kind: 'peer-support',
    names: [
      '{town} Stroke Peer Support Group',
      '{town} Parkinson’s Friends',
      'Sight Loss Peer Group, {town}',
      '{town} Men’s Wellbeing Group',
      'Hearing Loss Peer Support, {town}',
      'Living with Diabetes Group, {town}',
      'Chronic Pain Peer Group, {town}',
    ],
    description:
      'A group run by people who have been through it themselves. Share what has helped, swap tips and hear from visiting speakers, in a relaxed and confidential setting.',
    organisations: ['wellbeing', 'wellbeing', 'laterLife'],
    venue: 'hall',
    sessions: { freq: 'MONTHLY', startHours: [10, 14, 18], hours: 2 },
    costs: [FREE, session(150)],
    directPayments: 0,
    minimumAge: 18,
    eligibility: 'Adults living with the condition, and their partners or family.',
    applicationProcess: 'Drop in, or phone the organiser for a chat first.',
  },
  {
    kind: 'carers-groups',
    names: [
      '{town} Carers’ Coffee Morning',
      '{town} Carers’ Group',
      'Carers’ Evening Group, {town}',
      'Older Carers’ Circle, {town}',
      'Parent Carers’ Group, {town}',
    ],
    description:
      'A group for people who look after a husband, wife, parent, child or friend. Meet other carers, get a break and find out what help there is. You do not have to call yourself a carer to come.',
    organisations: ['carersTrust'],
    venue: 'hall',
    sessions: { freq: 'MONTHLY', startHours: [10, 13, 19], hours: 2 },
    costs: [FREE],
    directPayments: 0,
    minimumAge: 18,
    eligibility: 'Anyone who gives unpaid care to someone else.',
    applicationProcess: 'Come along; if you need someone to sit with the person you care for, ring us first.',
  },
  {
    kind: 'short-breaks',
    names: [
      'Carers’ Sitting Service – {town}',
      '{town} Short Breaks Scheme',
      'Weekend Breaks for Carers – {town}',
      'Emergency Carer Cover – {town}',
    ],
    description:
      'A trained worker stays with the person you care for, at home, so you can have a few hours or a day to yourself. Breaks can be planned ahead or arranged at short notice in an emergency.',
    organisations: ['carersTrust', 'ouse', 'homecareFenshire'],
    venue: 'home',
    costs: [FREE, hourly(1800), hourly(2200)],
    directPayments: 0.9,
    minimumAge: 18,
    eligibility: 'Unpaid carers of adults who live in Fenshire. A carer’s assessment can help pay for breaks.',
    applicationProcess: 'Phone to register; we will visit to get to know you both before the first break.',
  },
  {
    kind: 'timebanks',
    alsoKinds: ['community-activities'],
    names: ['{town} Timebank', '{town} Skills Swap'],
    description:
      'Give an hour of your time – gardening, lifts, a French lesson, help with forms – and get an hour of help back from someone else. Everyone’s hour is worth the same.',
    organisations: ['timebank'],
    venue: 'hall',
    sessions: { freq: 'MONTHLY', startHours: [10, 18], hours: 2 },
    costs: [FREE],
    directPayments: 0,
    minimumAge: 16,
    eligibility: 'Anyone who lives in or near {town}.',
    applicationProcess:
      'Ring or email to join; a coordinator will meet you to talk about what you can offer and what you need.',
  },
  {
    kind: 'advocacy',
    names: [
      'Care Act Advocacy – {town}',
      'Independent Mental Capacity Advocacy – {town}',
      '{town} Advocacy Drop-in',
      'Self-advocacy Group, {town}',
    ],
    description:
      'An independent advocate helps you say what you want, understand your choices and be heard in meetings about your care. Advocates work for you, not the council.',
    organisations: ['advocacy'],
    venue: 'office',
    costs: [FREE],
    directPayments: 0,
    minimumAge: 18,
    eligibility: 'Adults who find it hard to take part in decisions about their care and have nobody suitable to help.',
    applicationProcess: 'You, your family or a professional can refer you by phone or email.',
  },
  {
    kind: 'independent-brokerage',
    names: [
      'Independent Support Planning – {town}',
      'Volunteer Support Brokers – {town}',
      'Peer Support Planning – {town}',
    ],
    description:
      'Help to work out what a good life looks like for you and to plan how to use your personal budget, from people independent of the council. Some of our brokers have planned their own support.',
    organisations: ['independentLiving', 'laterLife'],
    venue: 'office',
    costs: [FREE, hourly(2500)],
    directPayments: 0.7,
    minimumAge: 18,
    eligibility: 'Anyone with a personal budget or expecting one, and their family.',
    applicationProcess: 'Ring for a first conversation, at home or by phone.',
  },
  {
    kind: 'direct-payment-support',
    names: [
      'Direct Payment Advice – {town}',
      'Direct Payment Drop-in, {town}',
      'Help to Employ a Personal Assistant – {town}',
    ],
    description:
      'Advice on setting up and managing a direct payment: opening an account, employing a personal assistant, contracts, insurance and keeping records. The same adviser stays with you.',
    organisations: ['independentLiving', 'council'],
    venue: 'office',
    sessions: { freq: 'WEEKLY', startHours: [10], hours: 3 },
    costs: [FREE],
    directPayments: 0,
    minimumAge: 18,
    eligibility: 'People who have or are thinking about a direct payment, and their families.',
    applicationProcess: 'Drop in, or ask your social worker to refer you.',
  },
  {
    kind: 'payroll-managed-accounts',
    names: ['Personal Assistant Payroll – {town}', 'Managed Account Service – {town}'],
    description:
      'We run your personal assistants’ payroll, pension and tax, or hold and manage your whole budget for you, so you keep the choices without the paperwork.',
    organisations: ['payroll', 'independentLiving'],
    venue: 'office',
    costs: [
      { option: '£12.00 a month', pence: 1200, description: '£12.00 a month for payroll' },
      { option: '£25.00 a month', pence: 2500, description: '£25.00 a month for a managed account' },
    ],
    directPayments: 1,
    minimumAge: 18,
    eligibility: 'People who receive a direct payment or personal budget.',
    applicationProcess: 'Phone or email; we send a simple agreement to sign.',
  },
  {
    kind: 'equipment-assistive-technology',
    names: [
      '{town} Daily Living Aids Shop',
      'Telecare and Personal Alarms – {town}',
      'Try Before You Buy Technology, {town}',
      'Wheelchair Loan Scheme, {town}',
      'Community Equipment Service – {town}',
    ],
    description:
      'See and try equipment that makes daily life easier and safer: grab rails, bath lifts, easy-grip kitchen tools, pendant alarms, sensors and reminders. Advice is free and some items can be lent.',
    organisations: ['abletech', 'council', 'abletech'],
    venue: 'office',
    sessions: { freq: 'WEEKLY', startHours: [9, 10], hours: 6 },
    costs: [
      FREE,
      { option: '£4.50 a week', pence: 450, description: '£4.50 a week for a personal alarm with 24-hour response' },
    ],
    directPayments: 0.8,
    minimumAge: 18,
    eligibility: 'Anyone; some equipment is free after an assessment.',
    applicationProcess: 'Visit the shop, phone, or ask for a home visit.',
  },
  {
    kind: 'home-care-agencies',
    names: ['Home Care – {town}', 'Live-in Care – {town}', 'Night Support – {town}'],
    description:
      'Care workers who help at home with washing, dressing, meals and medicines, at times that suit you. We try to send the same small team each time.',
    organisations: ['homecareFenshire', 'nene', 'ouse', 'granta'],
    venue: 'home',
    costs: [hourly(2450), hourly(2600), hourly(2850)],
    directPayments: 1,
    minimumAge: 18,
    eligibility: 'Adults in {town} and the surrounding villages.',
    applicationProcess: 'Phone for a free home visit to plan your care.',
  },
  {
    kind: 'personal-assistant-finders',
    names: ['{town} Personal Assistant Register', 'Find a Personal Assistant – {town}'],
    description:
      'A list of local personal assistants who are looking for work, with help to advertise, interview and check references. Personal assistants are employed by you, on your terms.',
    organisations: ['council', 'independentLiving'],
    venue: 'office',
    costs: [FREE],
    directPayments: 1,
    minimumAge: 18,
    eligibility: 'People who employ or want to employ a personal assistant, and people who want to become one.',
    applicationProcess: 'Register online or by phone.',
  },
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

/** Parts of a town, to tell apart its several groups of one kind ("North Wisbech Lunch Club"). */
export const townQuarters = ['North', 'South', 'East', 'West', 'Central', 'Old', 'Upper', 'Lower'];
/** Streets groups meet in, for a town with more groups of a kind than it has parts. */
export const meetingStreets = [
  'High Street',
  'Church Lane',
  'Station Road',
  'Mill Road',
  'The Causeway',
  'Victoria Road',
  'Queen Street',
  'Market Street',
  'Chapel Street',
  'The Green',
  'Broad Street',
  'New Road',
];

/** Venues for group sessions and offices; {town} is filled in. */
export const hallVenues = [
  '{town} Library',
  '{town} Community Centre',
  'Methodist Church Hall, {town}',
  'St Mary’s Church Hall, {town}',
  '{town} Village Hall',
  '{town} Leisure Centre',
  'The Hub, {town}',
];
export const officeVenues = [
  '{town} Library',
  'Fenshire Resource Centre, {town}',
  'The Old Bank, {town}',
  'Market Place Offices, {town}',
];

export const accessibilityNotes = [
  { description: 'Step-free access', details: 'Level entrance, accessible toilet and a hearing loop.' },
  {
    description: 'Wheelchair accessible',
    details: 'Ramp at the side door; accessible toilet; parking for blue badge holders.',
  },
  {
    description: 'Partly accessible',
    details: 'One step at the entrance (a portable ramp is available); no hearing loop.',
  },
  {
    description: 'Dementia friendly',
    details: 'Clear signs, quiet room, staff trained as dementia friends; accessible toilet.',
  },
];

export const otherLanguages = [
  { name: 'Polish', code: 'pl' },
  { name: 'Lithuanian', code: 'lt' },
  { name: 'Latvian', code: 'lv' },
  { name: 'Portuguese', code: 'pt' },
  { name: 'Gujarati', code: 'gu' },
  { name: 'Bengali', code: 'bn' },
  { name: 'British Sign Language', code: 'bfi' },
  { name: 'Russian', code: 'ru' },
];

export const contactFirstNames = [
  'Sue',
  'Dave',
  'Karen',
  'Agnieszka',
  'Raj',
  'Helen',
  'Tomas',
  'Janet',
  'Mark',
  'Priti',
  'Gill',
  'Steve',
  'Lina',
  'Pat',
  'Ruth',
  'Kevin',
];
export const contactFamilyNames = [
  'Baxter',
  'Cooper',
  'Nowak',
  'Patel',
  'Fisher',
  'Kazlauskas',
  'Thompson',
  'Harding',
  'Mistry',
  'Gray',
  'Woods',
  'Sharpe',
];
export const contactTitles = [
  'Group organiser',
  'Coordinator',
  'Service manager',
  'Volunteer lead',
  'Duty adviser',
  'Branch manager',
];
export const fundingSources = [
  'Fenshire County Council grant',
  'Charitable donations and fundraising',
  'National Lottery grant',
  'Fees paid by people who use the service',
  'NHS Cambridgeshire and Peterborough grant',
];
