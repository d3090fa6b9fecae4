import type { PartnerEventType } from '../modules/early-identification/index.js';

/**
 * Who the demo county's register holds (early-identification.ts writes it): the scenario people with
 * their referrers and triggers, and the reasons drawn for a few generated residents in each patch.
 */
export interface TriggerSeed {
  type: PartnerEventType;
  description: string;
  related?: string;
}
export interface EntrySeed {
  nhs: string;
  referrer: [kind: string, name: string | null, organisation: string | null];
  reason: string;
  risks: string[];
  consent?: 'given' | 'not_given' | 'lacks_capacity';
  consentNote?: string;
  reviewInDays: number;
  triggers: TriggerSeed[];
}

export const GP = ['gp_practice', 'Dr Anita Rao', 'Riverside Medical Practice'] as const;
export const NURSE = ['community_nurse', 'Jo Pearce', 'Fenshire Community Health MDT'] as const;

/** The scenario people (by their test NHS numbers, see scenario-people-data.ts) on the register. */
export const scenarioEntries: EntrySeed[] = [
  {
    // S1: Mrs Jones is safe while Mr Jones manages; his admission is the change that matters.
    nhs: '9990000026',
    referrer: [...GP],
    reason:
      'Edna has dementia and is looked after at home by her husband Harold, whose COPD is getting worse. Their daughter lives ten miles away.',
    risks: ['dementia', 'carer_health', 'unrecognised_carer'],
    reviewInDays: 90,
    triggers: [
      { type: 'admission', description: 'If Harold Jones is admitted to hospital', related: '9990000018' },
      { type: 'carer_breakdown', description: 'If Harold can no longer look after Edna', related: '9990000018' },
    ],
  },
  {
    nhs: '9990000018',
    referrer: [...GP],
    reason: 'Harold (80s, COPD, deteriorating) looks after his wife but does not want to be called a carer.',
    risks: ['long_term_condition', 'unrecognised_carer', 'hospital_admissions'],
    reviewInDays: 90,
    triggers: [
      { type: 'admission', description: 'If Harold is admitted to hospital' },
      { type: 'fall', description: 'If Harold has a fall' },
    ],
  },
  {
    nhs: '9990000093',
    referrer: [...NURSE],
    reason: 'Lilian needs help with personal care every day; Leonard does it all and is tired.',
    risks: ['carer_health', 'falls'],
    reviewInDays: 30,
    triggers: [
      { type: 'carer_breakdown', description: 'If Leonard cannot carry on caring', related: '9990000085' },
      { type: 'fall', description: 'If Lilian falls' },
    ],
  },
  {
    nhs: '9990000115',
    referrer: ['family', 'Sue Marsh', null],
    reason: 'Marion has Alzheimer’s; Maurice cares for her and worries about the house and garden.',
    risks: ['dementia', 'carer_health'],
    reviewInDays: 60,
    triggers: [{ type: 'admission', description: 'If Maurice is admitted to hospital', related: '9990000107' }],
  },
  {
    nhs: '9990000077',
    referrer: ['neighbour', 'Mrs Khan (next door)', null],
    reason: 'Joan lives alone, has memory problems and has fallen twice this year.',
    risks: ['lives_alone', 'dementia', 'falls'],
    consent: 'lacks_capacity',
    consentNote:
      'Best-interests decision by Sam Okafor with her nephew, who agreed the register keeps her safer at home.',
    reviewInDays: -3,
    triggers: [
      { type: 'fall', description: 'If Joan falls' },
      { type: 'admission', description: 'If Joan is admitted to hospital' },
    ],
  },
  {
    nhs: '9990000042',
    referrer: ['self', null, null],
    reason: 'Margaret asked to be on the list after her sister died; she manages but has nobody nearby.',
    risks: ['bereavement', 'isolation', 'lives_alone'],
    reviewInDays: 14,
    triggers: [{ type: 'fall', description: 'If Margaret falls' }],
  },
  {
    nhs: '9990000050',
    referrer: ['other_professional', 'Tom Reed', 'Fenshire Fire and Rescue'],
    reason: 'George’s home is cluttered and hard to get around; he uses a frame.',
    risks: ['housing', 'falls'],
    consent: 'not_given',
    consentNote:
      'George did not want to be on a list; the fire service referral was about his safety, so he is kept on it for now and will be asked again at review.',
    reviewInDays: 7,
    triggers: [
      { type: 'discharge', description: 'When George comes home from hospital' },
      { type: 'fall', description: 'If George falls' },
    ],
  },
  {
    nhs: '9990000069',
    referrer: [...NURSE],
    reason: 'Shirley’s diabetes is harder to manage and she has missed appointments.',
    risks: ['long_term_condition', 'self_neglect'],
    reviewInDays: 45,
    triggers: [{ type: 'admission', description: 'If Shirley is admitted to hospital' }],
  },
];

export const generatedReasons: [reason: string, risks: string[], trigger: TriggerSeed][] = [
  [
    'Lives alone since a stroke last year; a friend shops for them.',
    ['lives_alone', 'long_term_condition'],
    { type: 'fall', description: 'If they fall at home' },
  ],
  [
    'Looks after a son with a learning disability and is finding it harder.',
    ['carer_health'],
    { type: 'carer_breakdown', description: 'If they can no longer care for their son' },
  ],
  [
    'Two admissions for chest infections this winter.',
    ['hospital_admissions', 'long_term_condition'],
    { type: 'admission', description: 'If admitted to hospital again' },
  ],
  [
    'Recently widowed and not eating well.',
    ['bereavement', 'self_neglect'],
    { type: 'discharge', description: 'When they come home from hospital' },
  ],
];
