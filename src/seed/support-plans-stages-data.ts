import type { Role } from '../platform/access/roles.js';
import type { PlanItem } from '../modules/planning/index.js';

/**
 * The demo's plans past draft (support-plans-stages.ts), each sized to the budget the allocations seed
 * agreed for its person: £136.00 a week against £161.50 (Sam may approve up to £250); £260.00 against
 * £269.50, over Sam's limit, so it waits for a team manager; £858.00 against £956.00, above every
 * limit (£800), so a panel decided.
 */
export interface StagePlan {
  key: string;
  important: { to: string; for: string };
  items: Omit<PlanItem, 'id' | 'directoryServiceId' | 'quotes'>[];
  outcome: string;
  contingencyPence: number;
  /** Who approves it, as the approve page would; absent: agreed, awaiting approval. */
  approveAs?: { username: string; role: Role; panel?: true };
}

const weekly = { frequency: 'weekly', funding: 'personal_budget' } as const;

const approved: StagePlan = {
  key: 'stage-approved',
  important: {
    to: 'My Wednesday at the day centre with my friends. My own routine in the mornings.',
    for: 'Help to wash and dress safely; company during the week.',
  },
  items: [
    {
      ...weekly,
      what: 'Help to wash and dress',
      giver: 'other',
      giverName: 'Fenshire Home Support',
      when: 'Monday to Thursday mornings',
      amountPence: 2150,
      units: 4,
    },
    {
      ...weekly,
      what: 'A day at the day centre, with lunch',
      giver: 'other',
      giverName: 'Riverside Day Centre',
      when: 'Wednesdays',
      amountPence: 4500,
      units: 1,
    },
    {
      ...weekly,
      what: 'Looks in every evening',
      giver: 'neighbour',
      giverName: 'Pat next door',
      when: 'Evenings',
      amountPence: 0,
      units: 1,
      funding: 'unpaid',
    },
  ],
  outcome: 'I want to keep seeing my friends every week',
  contingencyPence: 500,
  approveAs: { username: 'sam.practitioner', role: 'practitioner' },
};

const agreed: StagePlan = {
  key: 'stage-agreed',
  important: {
    to: 'Being at home with my cat. Getting to church on Sundays.',
    for: 'Help with personal care twice a day while the wound on my leg heals.',
  },
  items: [
    {
      ...weekly,
      what: 'Help with personal care, mornings and evenings',
      giver: 'other',
      giverName: 'Fenshire Home Support',
      when: 'Every day',
      amountPence: 2150,
      units: 10,
    },
    {
      ...weekly,
      what: 'A day at the day centre, with transport',
      giver: 'other',
      giverName: 'Riverside Day Centre',
      when: 'Fridays',
      amountPence: 4500,
      units: 1,
    },
    {
      ...weekly,
      what: 'A lift to church',
      giver: 'community_group',
      giverName: 'St Mary’s church',
      when: 'Sunday mornings',
      amountPence: 0,
      units: 1,
      funding: 'free',
    },
  ],
  outcome: 'I want to stay well at home while my leg heals',
  contingencyPence: 0,
};

const panel: StagePlan = {
  key: 'stage-panel',
  important: {
    to: 'Staying at home with my family. Sleeping through the night.',
    for: 'Someone awake at night three times a week so my family can sleep; two carers for every transfer.',
  },
  items: [
    {
      ...weekly,
      what: 'Waking nights',
      giver: 'other',
      giverName: 'Fenshire Home Support',
      when: 'Monday, Wednesday and Friday nights',
      amountPence: 18_000,
      units: 3,
    },
    {
      ...weekly,
      what: 'Personal care with two carers for transfers',
      giver: 'other',
      giverName: 'Fenshire Home Support',
      when: 'Every morning',
      amountPence: 2200,
      units: 14,
    },
  ],
  outcome: 'I want to stay at home with my family',
  contingencyPence: 1000,
  approveAs: { username: 'priya.manager', role: 'team_manager', panel: true },
};

export const STAGE_PLANS = { approved, agreed, panel } as const;
