import type { Frequency, Funding } from './costing-types.js';

/**
 * What a support plan holds, as structured data. Every part is optional: a plan grows as the person
 * writes it. Stored whole in each version (support_plan_version.content). Pure: no tables, no pages.
 */

/** Who wrote a part of the plan, in the person's words or someone else's. */
export const WRITERS = [
  { key: 'person', label: 'The person' },
  { key: 'family', label: 'Family' },
  { key: 'circle', label: 'Their circle of support' },
  { key: 'broker', label: 'A support broker' },
  { key: 'peer', label: 'A peer supporter' },
  { key: 'staff', label: 'Staff' },
] as const;
export type Writer = (typeof WRITERS)[number]['key'];

/** The one-page profile's sections; each is a few pieces of text and who wrote it. */
export const PROFILE_SECTIONS = [
  {
    key: 'appreciations',
    title: 'What people like and admire about me',
    fields: [
      {
        key: 'text',
        label: 'What people like and admire about them',
        hint: 'Appreciations, in the words of the people who said them',
      },
    ],
  },
  {
    key: 'relationships',
    title: 'My relationship circle',
    fields: [
      {
        key: 'text',
        label: 'The people in their life, closest first',
        hint: 'Family, friends, neighbours, people who are paid to support them',
      },
    ],
  },
  {
    key: 'important',
    title: 'What is important to me and for me',
    fields: [
      { key: 'to', label: 'What is important to them', hint: 'What matters to them, from their point of view' },
      { key: 'for', label: 'What is important for them', hint: 'What others think they need to stay healthy and safe' },
    ],
  },
  {
    key: 'communication',
    title: 'How I communicate',
    fields: [
      {
        key: 'text',
        label: 'How they communicate, and how to communicate with them',
        hint: 'When they say or do this, it means this',
      },
    ],
  },
  {
    key: 'decisions',
    title: 'How I make decisions',
    fields: [
      {
        key: 'text',
        label: 'How they make decisions and who helps',
        hint: 'A decision-making agreement: which decisions, who is involved, who decides',
      },
    ],
  },
  {
    key: 'history',
    title: 'My history',
    fields: [{ key: 'text', label: 'Their history, as they tell it', hint: '' }],
  },
  {
    key: 'days',
    title: 'Good days and bad days',
    fields: [
      { key: 'good', label: 'What makes a good day', hint: '' },
      { key: 'bad', label: 'What makes a bad day', hint: '' },
    ],
  },
  {
    key: 'working',
    title: 'What is working and not working',
    fields: [
      { key: 'personWorking', label: 'What is working, from their point of view', hint: '' },
      { key: 'personNotWorking', label: 'What is not working, from their point of view', hint: '' },
      { key: 'familyWorking', label: 'What is working, from their family’s point of view', hint: '' },
      { key: 'familyNotWorking', label: 'What is not working, from their family’s point of view', hint: '' },
      { key: 'staffWorking', label: 'What is working, from staff’s point of view', hint: '' },
      { key: 'staffNotWorking', label: 'What is not working, from staff’s point of view', hint: '' },
    ],
  },
  {
    key: 'hopes',
    title: 'My hopes for the future',
    fields: [{ key: 'text', label: 'Their hopes and dreams for the future', hint: '' }],
  },
] as const;
export type ProfileKey = (typeof PROFILE_SECTIONS)[number]['key'];
export const profileSection = (key: string) => PROFILE_SECTIONS.find((s) => s.key === key);

/** Who gives a piece of support: paid or not, they sit in the plan as equals. */
export const SUPPORT_GIVERS = [
  { key: 'provider', label: 'A provider from the community directory' },
  { key: 'personal_assistant', label: 'A personal assistant' },
  { key: 'family', label: 'Family' },
  { key: 'friend', label: 'A friend' },
  { key: 'neighbour', label: 'A neighbour' },
  { key: 'community_group', label: 'A community group' },
  { key: 'timebank', label: 'A timebank' },
  { key: 'technology', label: 'Technology' },
  { key: 'nhs', label: 'The NHS' },
  { key: 'other', label: 'Someone else' },
] as const;
export type SupportGiver = (typeof SUPPORT_GIVERS)[number]['key'];

export interface ProfileEntry {
  fields: Record<string, string>;
  writtenBy: Writer;
}

export interface PlanQuote {
  supplier: string;
  amountPence: number;
  chosen: boolean;
}

export interface PlanItem {
  id: string;
  what: string;
  giver: SupportGiver;
  /** The giver's name as the plan shows it (a provider's is the directory's name). */
  giverName: string;
  directoryServiceId: string | null;
  /** When, in words: "Tuesday and Thursday mornings". */
  when: string;
  frequency: Frequency;
  amountPence: number;
  units: number;
  funding: Funding;
  quotes: PlanQuote[];
}

export interface PlanOutcome {
  id: string;
  /** In the person's own words. */
  words: string;
  itemIds: string[];
}

export interface PlanRisk {
  id: string;
  risk: string;
  howManaged: string;
  /** What the person gains by taking it: positive risk-taking recorded, not avoided. */
  positiveRiskTaking: string;
  /** The person accepts this risk as theirs to take. */
  personAccepts: boolean;
  /** When the risk stands in the way of the plan: what a risk enablement panel decided (absent before panels existed). */
  panel?: RiskPanel | null;
}

export interface RiskPanel {
  question: string;
  /** Who sat on the panel, in words. */
  members: string;
  personView: string;
  /** The person was told they could attend (and speak) at the panel. */
  personCouldAttend: boolean;
  decision: string;
  resourcesAgreed: string;
}

export interface PlanContent {
  profile: Partial<Record<ProfileKey, ProfileEntry>>;
  outcomes: PlanOutcome[];
  items: PlanItem[];
  risks: PlanRisk[];
  helpedBy: Writer[];
  /**
   * The weekly budget as it was typed by hand before the budget came from the allocation module. Only
   * versions saved then have it; it is shown in their history, and never used for costing or approval.
   */
  agreedWeeklyBudgetPence?: number | null;
  contingencyPence: number;
  fee: { label: string; weeklyPence: number } | null;
  /** Who agreed the plan as it stands; any later change clears it (absent in versions saved before agreement existed). */
  agreement?: PlanAgreement | null;
}

/** The standing of someone who agrees the plan for the person. */
export const REPRESENTATIVE_BASES = [
  { key: 'lpa_health_welfare', label: 'Lasting power of attorney for health and welfare' },
  { key: 'deputy', label: 'Deputy appointed by the Court of Protection' },
  { key: 'best_interests', label: 'Consulted in a best-interests decision' },
  { key: 'chosen_by_person', label: 'Someone the person chose to speak for them' },
] as const;
export type RepresentativeBasis = (typeof REPRESENTATIVE_BASES)[number]['key'];

export interface PlanAgreement {
  by: 'person' | 'representative';
  representativeName: string;
  representativeBasis: RepresentativeBasis | null;
  /** 'YYYY-MM-DD', the day it was recorded. */
  agreedOn: string;
}

export const emptyPlan = (): PlanContent => ({
  profile: {},
  outcomes: [],
  items: [],
  risks: [],
  helpedBy: [],
  contingencyPence: 0,
  fee: null,
  agreement: null,
});

export const writerLabel = (key: string) => WRITERS.find((w) => w.key === key)?.label ?? key;
export const giverLabel = (key: string) => SUPPORT_GIVERS.find((g) => g.key === key)?.label ?? key;
