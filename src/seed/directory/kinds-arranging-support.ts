import { FREE, hourly, type KindTemplate } from './kind-template.js';

/** Kinds that help to arrange, pay for and provide support: advocacy, brokerage, direct payments, payroll, equipment, home care, personal assistants. */
export const arrangingSupportKinds: readonly KindTemplate[] = [
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
];
