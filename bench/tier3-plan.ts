import type { PlanContent, PlanItem } from '../src/modules/planning/plan-content.js';
import {
  adultAnswersSchema,
  determineAdultEligibility,
  type AdultAnswersInput,
} from '../src/modules/assessment/index.js';

/**
 * The content the tier 3 benchmark writes in bulk: one support plan typed as PlanContent (so it is
 * valid by construction), either the benched plan (40 items, every one of the nine profile sections
 * and outcomes, risks — ten sections on the page) or a small one for everyone else; and one completed
 * adult assessment's answers and determination, judged by the real eligibility rule.
 */

const giver = [
  'provider',
  'personal_assistant',
  'family',
  'neighbour',
  'community_group',
  'timebank',
  'technology',
  'nhs',
] as const;
const funding = [
  'personal_budget',
  'personal_budget',
  'unpaid',
  'own_money',
  'free',
  'personal_budget',
  'personal_budget',
  'nhs',
] as const;
const frequency = ['weekly', 'fortnightly', 'four_weekly', 'monthly', 'one_off', 'weekly'] as const;

function item(i: number): PlanItem {
  return {
    id: `item-${i + 1}`,
    what: `Support ${i + 1}: help with getting up, washing and breakfast on weekday mornings`,
    giver: giver[i % giver.length]!,
    giverName: `Giver ${i + 1}`,
    directoryServiceId: null,
    when: 'Monday to Friday mornings',
    frequency: frequency[i % frequency.length]!,
    amountPence: 1500 + (i % 7) * 250,
    units: 1 + (i % 3) * 0.5,
    funding: funding[i % funding.length]!,
    quotes:
      i % 10 === 0
        ? [
            { supplier: 'Nene Valley Care Ltd', amountPence: 2400, chosen: true },
            { supplier: 'Fen Home Help', amountPence: 2800, chosen: false },
          ]
        : [],
  };
}

const text = (what: string) =>
  `${what}, in their own words: a few sentences as a plan really holds them, written with the person and read back to them.`;

export function planContent(items: number): PlanContent {
  const planItems = Array.from({ length: items }, (_, i) => item(i));
  const writtenBy = 'person' as const;
  return {
    profile: {
      appreciations: { fields: { text: text('Kind, funny, a great cook') }, writtenBy },
      relationships: { fields: { text: text('My daughter, my neighbours, the choir') }, writtenBy: 'family' },
      important: { fields: { to: text('My garden and my cat'), for: text('Taking my tablets on time') }, writtenBy },
      communication: { fields: { text: text('When I go quiet I am worried') }, writtenBy },
      decisions: { fields: { text: text('I decide about my money with my daughter') }, writtenBy },
      history: { fields: { text: text('Worked at the sugar beet factory for 30 years') }, writtenBy },
      days: { fields: { good: text('Sun, the radio and a visit'), bad: text('Pain in the morning') }, writtenBy },
      working: {
        fields: {
          personWorking: text('Day centre on Tuesdays'),
          personNotWorking: text('Evenings are long'),
          familyWorking: text('Neighbour checks in'),
          familyNotWorking: text('Too much for my daughter'),
          staffWorking: text('Reablement went well'),
          staffNotWorking: text('Missed medication twice'),
        },
        writtenBy: 'staff',
      },
      hopes: { fields: { text: text('To go to the coast in the summer') }, writtenBy },
    },
    outcomes: Array.from({ length: Math.min(5, items) }, (_, i) => ({
      id: `outcome-${i + 1}`,
      words: text(`Outcome ${i + 1}`),
      itemIds: planItems.filter((_, j) => j % 5 === i).map((it) => it.id),
    })),
    items: planItems,
    risks: [
      {
        id: 'risk-1',
        risk: text('Falling in the garden'),
        howManaged: text('A pendant alarm and a neighbour'),
        positiveRiskTaking: text('Gardening is what keeps me going'),
        personAccepts: true,
        panel: null,
      },
    ],
    helpedBy: ['person', 'family', 'staff'],
    agreedWeeklyBudgetPence: 60_000,
    contingencyPence: 2_000,
    fee: { label: 'Managed account', weeklyPence: 1_000 },
    agreement: { by: 'person', representativeName: '', representativeBasis: null, agreedOn: '2026-04-20' },
  };
}

const way = (words: string) => ({ ways: ['without_assistance'], words: { without_assistance: words } });

/** A completed adult assessment's answers and determination (eligible: three outcomes, impairment, wellbeing). */
export function assessmentAnswers(): { answers: unknown; determination: unknown; eligible: boolean } {
  const input = {
    impairmentOrIllness: { met: true, words: 'Arthritis in both hands and knees; heart failure' },
    outcomes: {
      nutrition: way('Cannot prepare a hot meal without help'),
      personal_hygiene: way('Cannot get in or out of the bath without help'),
      clothed: way('Cannot manage buttons or shoes'),
    },
    wellbeingImpact: { met: true, words: 'Stays in bed on bad days and is losing touch with friends' },
    fluctuation: 'Worse in winter',
  } as AdultAnswersInput;
  const result = determineAdultEligibility(input);
  if (!result.ok)
    throw new Error(`The benchmark's assessment answers are not valid: ${JSON.stringify(result.problems)}`);
  const { ok: _ok, ...determination } = result;
  return { answers: adultAnswersSchema.parse(input), determination, eligible: determination.eligible };
}
