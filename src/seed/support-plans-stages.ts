import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { Role } from '../platform/access/roles.js';
import type { RequestContext } from '../platform/http/context.js';
import { todayInLondon } from '../platform/dates.js';
import { PlanApprovals, SupportPlanService, type PanelDecision, type PlanEdit } from '../modules/planning/index.js';
import type { SeededOrganisation } from './organisation.js';
import { scenarioPeople } from './scenario-people-data.js';
import { stableUuid } from './generate/random.js';
import { STAGE_PLANS, type StagePlan } from './support-plans-stages-data.js';

/**
 * Support plans at every stage after a draft (issue 13 §5), for residents whose budgets the
 * allocations seed agreed — never the case study people, whose plans are played live. Each is
 * written, agreed and approved through the planning module's own services, as the pages would: one
 * agreed and awaiting approval; one approved by Sam within his delegated limit; one above every
 * limit, approved by Priya with the panel's decision recorded. Approval starts each funded item's
 * CLD long-term support Service event, as it does from the page. Runs after seedAllocations.
 */
export async function seedPlansAtEveryStage(db: Kysely<DB>, org: SeededOrganisation): Promise<string[]> {
  const people = await agreedBudgets(db, org.orgId);
  const panelPerson = people.find((p) => p.decided_role === 'panel');
  const others = people.filter((p) => p !== panelPerson);
  const chosen: [StagePlan, string | undefined][] = [
    [STAGE_PLANS.approved, others[0]?.person_id],
    [STAGE_PLANS.agreed, others[1]?.person_id],
    [STAGE_PLANS.panel, panelPerson?.person_id],
  ];
  const written: string[] = [];
  for (const [plan, personId] of chosen) {
    if (!personId) continue;
    await writeAgreedPlan(db, ctxFor(org, 'sam.practitioner', 'practitioner'), personId, plan);
    if (plan.approveAs) {
      const approver = ctxFor(org, plan.approveAs.username, plan.approveAs.role);
      await approve(db, approver, personId, plan.approveAs.panel ? panelDecision() : null);
    }
    written.push(personId);
  }
  return written;
}

/** Residents (not the case study people) whose budget is agreed, the oldest agreement first. */
function agreedBudgets(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('budget_allocation as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .select(['b.person_id', 'b.decided_role'])
    .where('b.org_id', '=', orgId)
    .where('b.status', '=', 'agreed')
    .where('p.restricted', '=', false)
    .where((eb) =>
      eb.or([
        eb('p.nhs_number', 'is', null),
        eb(
          'p.nhs_number',
          'not in',
          scenarioPeople.map((s) => s.nhs_number),
        ),
      ]),
    )
    .orderBy('b.calculated_on')
    .execute();
}

/** A demo seed's request context: acting as one of the demo accounts, as the pages would. */
export function ctxFor(org: SeededOrganisation, username: string, role: Role): RequestContext {
  return {
    actor: {
      kind: 'user',
      userId: org.userIds[username]!,
      orgId: org.orgId,
      role,
      teamId: null,
      displayName: 'Demo seed',
    },
    requestId: 'demo-seed',
  };
}

/** The plan's support a part at a time, then the person's agreement: a plan awaiting approval. */
async function writeAgreedPlan(db: Kysely<DB>, ctx: RequestContext, personId: string, plan: StagePlan) {
  const plans = new SupportPlanService(db);
  const itemId = (i: number) => stableUuid(1, `support-plan:${plan.key}:item:${i}`);
  const edits: PlanEdit[] = [
    { kind: 'profile', key: 'important', entry: { writtenBy: 'person', fields: plan.important } },
    ...plan.items.map((item, i): PlanEdit => ({
      kind: 'item',
      item: { ...item, id: itemId(i), directoryServiceId: null, quotes: [] },
    })),
    {
      kind: 'outcome',
      outcome: {
        id: stableUuid(1, `support-plan:${plan.key}:outcome`),
        words: plan.outcome,
        itemIds: plan.items.map((_item, i) => itemId(i)),
      },
    },
    { kind: 'about', about: { helpedBy: ['person', 'family'], contingencyPence: plan.contingencyPence, fee: null } },
    {
      kind: 'agree',
      agreement: {
        by: 'person',
        representativeName: '',
        representativeBasis: null,
        agreedOn: todayInLondon().toString(),
      },
    },
  ];
  let version = 0;
  for (const edit of edits) version = await plans.save(ctx, personId, version, edit);
  return version;
}

async function approve(db: Kysely<DB>, ctx: RequestContext, personId: string, panel: PanelDecision | null) {
  const approvals = new PlanApprovals(db);
  const { version } = await approvals.form(ctx, personId);
  const decision = await approvals.approve(ctx, personId, version, panel);
  // The seed's plans are sized to their budgets and limits: a refusal is a seed out of step with them.
  if (!decision.ok) throw new Error(`Demo plan not approved: ${decision.reasons.join('; ')}`);
}

function panelDecision(): PanelDecision {
  return {
    decidedOn: todayInLondon().subtract({ days: 2 }).toString(),
    members: 'Priya Shah (team manager), head of adult social care, finance lead, a district nurse',
    decision:
      'Agreed: waking nights three times a week and a second carer for transfers keep them at home with ' +
      'their family, which is what they want; reviewed in six months.',
  };
}
