import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import type { UserActor } from '../platform/access/roles.js';
import type { RequestContext } from '../platform/http/context.js';
import { SupportPlanService, type PlanEdit } from '../modules/planning/index.js';
import { CapacityService } from '../modules/capacity/index.js';
import type { SeededOrganisation } from './organisation.js';
import { stableUuid } from './generate/random.js';
import { PLAN_SEEDS, type PlanSeed } from './support-plans-data.js';

const LONDON = 'Europe/London';
const JOAN_NHS = '9990000077';

/**
 * Tier 3 as the demo county has it before anyone plays it: draft support plans for George (S4) and
 * Mrs N (S2), and Joan's capacity records (S6). Everything is written through the planning and
 * capacity modules' own services, as Sam Okafor, so each part is checked, versioned and audited as
 * it would be from the pages. Edna and Harold are left alone: S1 step 4 is played live.
 */
export async function seedSupportPlans(db: Kysely<DB>, org: SeededOrganisation): Promise<void> {
  const actor: UserActor = {
    kind: 'user',
    userId: org.userIds['sam.practitioner']!,
    orgId: org.orgId,
    role: 'practitioner',
    teamId: null,
    displayName: 'Demo seed',
  };
  const ctx: RequestContext = { actor, requestId: 'demo-seed' };
  const people = await peopleByNhs(db, org.orgId, [...PLAN_SEEDS.map((p) => p.nhs), JOAN_NHS]);
  const plans = new SupportPlanService(db);
  for (const plan of PLAN_SEEDS) {
    const personId = people.get(plan.nhs);
    if (personId) await writePlan(plans, ctx, personId, planEdits(plan));
  }
  const joan = people.get(JOAN_NHS);
  if (joan) await seedJoansCapacityRecords(new CapacityService(db), ctx, joan);
}

async function peopleByNhs(db: Kysely<DB>, orgId: string, nhsNumbers: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('person')
    .select(['id', 'nhs_number'])
    .where('org_id', '=', orgId)
    .where('nhs_number', 'in', nhsNumbers)
    .execute();
  return new Map(rows.map((r) => [r.nhs_number!, r.id]));
}

/** Each part saved in turn, as a new version, so the plan's history reads as it was written. */
async function writePlan(plans: SupportPlanService, ctx: RequestContext, personId: string, edits: PlanEdit[]) {
  let version = 0;
  for (const edit of edits) version = await plans.save(ctx, personId, version, edit);
}

/** The plan's parts in the order they were written: about the person, then support, then outcomes. */
function planEdits(plan: PlanSeed): PlanEdit[] {
  const itemId = (key: string) => stableUuid(1, `support-plan:${plan.key}:item:${key}`);
  return [
    ...plan.profile.map(([key, entry]): PlanEdit => ({ kind: 'profile', key, entry })),
    ...plan.items.map(({ key, units, quotes, ...item }): PlanEdit => ({
      kind: 'item',
      item: { ...item, id: itemId(key), units: units ?? 1, quotes: quotes ?? [], directoryServiceId: null },
    })),
    ...plan.outcomes.map(([words, keys], i): PlanEdit => ({
      kind: 'outcome',
      outcome: { id: stableUuid(1, `support-plan:${plan.key}:outcome:${i}`), words, itemIds: keys.map(itemId) },
    })),
  ];
}

/** A GOV.UK date input's three boxes, as the capacity forms post them. */
function dateBoxes(field: string, date: Temporal.PlainDate): Record<string, string> {
  return {
    [`${field}-day`]: String(date.day),
    [`${field}-month`]: String(date.month),
    [`${field}-year`]: String(date.year),
  };
}

/**
 * S6: Joan lacks capacity to consent to a direct payment; the best-interests decision that followed,
 * with her friend Sheila consulted; and Sheila's enduring power of attorney for her property and
 * financial affairs. The appointment of Sheila as suitable person is the budgets issue's to record.
 */
async function seedJoansCapacityRecords(capacity: CapacityService, ctx: RequestContext, joan: string) {
  const today = Temporal.Now.zonedDateTimeISO(LONDON).toPlainDate();
  const assessedOn = today.subtract({ days: 40 });
  const assessmentId = await capacity.recordAssessment(ctx, joan, {
    decision: 'Whether Joan agrees to a direct payment to pay for her support at home',
    decisionCategory: 'direct_payment_consent',
    impairment: 'yes',
    impairmentDetail: 'Dementia (Alzheimer’s type)',
    canUnderstand: 'yes',
    canRetain: 'no',
    canUseOrWeigh: 'no',
    canCommunicate: 'yes',
    practicableSteps:
      'Seen at home in the morning, her best time of day, with Sheila there as she asked. An easy-read leaflet about direct payments, explained twice over two visits, one thing at a time.',
    result: 'lacks_capacity',
    reasons:
      'Joan understood that the council would help her, but on both visits could not remember that money would be paid to someone each month, and could not weigh up managing it against the council arranging her support.',
    assessorName: 'Sam Okafor',
    assessorRole: 'Social worker',
    ...dateBoxes('assessedOn', assessedOn),
  });
  await capacity.recordBestInterests(ctx, joan, assessmentId, {
    'consulted-0-name': 'Sheila Parr',
    'consulted-0-role': 'Friend, holds enduring power of attorney',
    'consulted-0-view':
      'Joan was unhappy in the care home; with support at home she is herself again. I am willing to manage the payments.',
    'consulted-1-name': 'Dr Anika Rahman',
    'consulted-1-role': 'GP',
    'consulted-1-view': 'Joan is more settled at home with familiar people; a move would unsettle her.',
    wishesAndFeelings:
      'Joan has always said she wants to live in her own home, and to choose who helps her. In the care home she lost confidence and became agitated.',
    beliefsAndValues: 'Independence; her own routines and her own front door.',
    decisionMade:
      'Her personal budget is paid as a direct payment to Sheila, as suitable person, to arrange support at home with Joan involved in choosing her personal assistant.',
    reasons:
      'It keeps Joan at home as she wishes, with people she chooses; the care home, though good, did not suit her. Sheila knows her well and can tell when she is happy with a decision.',
    decidedBy: 'Sam Okafor, social worker',
    ...dateBoxes('decidedOn', assessedOn.add({ days: 7 })),
  });
  await capacity.recordPower(ctx, joan, {
    kind: 'epa',
    scope: 'property_and_financial',
    holders: 'Sheila Parr',
    reference: '7000-4312-8876',
    ...dateBoxes('registeredOn', Temporal.PlainDate.from('2019-05-14')),
  });
}
