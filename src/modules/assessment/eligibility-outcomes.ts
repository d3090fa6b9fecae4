/**
 * The words of the Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313), as lists the
 * forms, the rule and the explanations share. Keys are stable: they are stored with an assessment's
 * answers, so a key is never renamed or reused; labels are the regulations' own wording.
 */

/** The ten outcomes of regulation 2(2), for an adult who needs care and support. */
export const ADULT_OUTCOMES = [
  { key: 'nutrition', label: 'managing and maintaining nutrition', short: 'managing nutrition' },
  { key: 'personal_hygiene', label: 'maintaining personal hygiene', short: 'maintaining personal hygiene' },
  { key: 'toilet_needs', label: 'managing toilet needs', short: 'managing toilet needs' },
  { key: 'clothed', label: 'being appropriately clothed', short: 'being appropriately clothed' },
  { key: 'home_safely', label: "being able to make use of the adult's home safely", short: 'using their home safely' },
  {
    key: 'habitable_home',
    label: 'maintaining a habitable home environment',
    short: 'maintaining a habitable home',
  },
  {
    key: 'relationships',
    label: 'developing and maintaining family or other personal relationships',
    short: 'keeping up family or other personal relationships',
  },
  {
    key: 'work_education_volunteering',
    label: 'accessing and engaging in work, training, education or volunteering',
    short: 'work, training, education or volunteering',
  },
  {
    key: 'community_facilities',
    label:
      'making use of necessary facilities or services in the local community including public transport, and recreational facilities or services',
    short: 'using local facilities, services and public transport',
  },
  {
    key: 'caring_for_child',
    label: 'carrying out any caring responsibilities the adult has for a child',
    short: 'caring for a child',
  },
] as const;

/** The eight outcomes of regulation 3(2)(b), for a carer. */
export const CARER_OUTCOMES = [
  {
    key: 'caring_for_child',
    label: 'carrying out any caring responsibilities the carer has for a child',
    short: 'caring for a child',
  },
  {
    key: 'caring_for_others',
    label: 'providing care to other persons for whom the carer provides care',
    short: 'caring for other people they look after',
  },
  {
    key: 'habitable_home',
    label:
      "maintaining a habitable home environment in the carer's home (whether or not this is also the home of the adult needing care)",
    short: 'maintaining a habitable home',
  },
  { key: 'nutrition', label: 'managing and maintaining nutrition', short: 'managing nutrition' },
  {
    key: 'relationships',
    label: 'developing and maintaining family or other personal relationships',
    short: 'keeping up family or other personal relationships',
  },
  {
    key: 'work_education_volunteering',
    label: 'engaging in work, training, education or volunteering',
    short: 'work, training, education or volunteering',
  },
  {
    key: 'community_facilities',
    label:
      'making use of necessary facilities or services in the local community, including recreational facilities or services',
    short: 'using local facilities and services',
  },
  { key: 'recreation', label: 'engaging in recreational activities', short: 'recreational activities' },
] as const;

export type AdultOutcomeKey = (typeof ADULT_OUTCOMES)[number]['key'];
export type CarerOutcomeKey = (typeof CARER_OUTCOMES)[number]['key'];

/**
 * The ways of being "unable to achieve" an outcome. An adult has all four (regulation 2(3)); a carer
 * only the first three (regulation 3(3) has no "takes significantly longer"), so the carer's form must
 * not offer the fourth and the carer's rule refuses it.
 */
export const UNABLE_WAYS = [
  {
    key: 'without_assistance',
    label: 'Unable to achieve it without assistance',
    short: 'unable without assistance',
    forCarers: true,
  },
  {
    key: 'pain_distress_anxiety',
    label: 'Able to achieve it without assistance, but doing so causes significant pain, distress or anxiety',
    short: 'causes significant pain, distress or anxiety',
    forCarers: true,
  },
  {
    key: 'endangers_health_safety',
    label:
      'Able to achieve it without assistance, but doing so endangers, or is likely to endanger, their health or safety or that of others',
    short: 'endangers health or safety',
    forCarers: true,
  },
  {
    key: 'takes_significantly_longer',
    label: 'Able to achieve it without assistance, but it takes significantly longer than would normally be expected',
    short: 'takes significantly longer than expected',
    forCarers: false,
  },
] as const;

export type UnableWayKey = (typeof UNABLE_WAYS)[number]['key'];
export const ADULT_WAYS: readonly UnableWayKey[] = UNABLE_WAYS.map((w) => w.key);
export const CARER_WAYS: readonly UnableWayKey[] = UNABLE_WAYS.filter((w) => w.forCarers).map((w) => w.key);

/** What to ask for when a way is ticked without words, naming the outcome (GOV.UK "Describe …"). */
export function describeWayMessage(way: UnableWayKey, outcomeShort: string): string {
  switch (way) {
    case 'without_assistance':
      return `Describe the help they need with ${outcomeShort}`;
    case 'pain_distress_anxiety':
      return `Describe the pain, distress or anxiety ${outcomeShort} causes them`;
    case 'endangers_health_safety':
      return `Describe how ${outcomeShort} endangers their health or safety, or that of others`;
    case 'takes_significantly_longer':
      return `Describe how much longer ${outcomeShort} takes them than would normally be expected`;
  }
}

export function wayShort(way: UnableWayKey): string {
  return UNABLE_WAYS.find((w) => w.key === way)!.short;
}
