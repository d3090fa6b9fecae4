import type { Tx } from '../../platform/db/scope.js';
import { todayInLondon } from '../../platform/dates.js';
import type { OpenWork, WorkQuery, WorkSource } from '../casework/index.js';
import type { SupportPlanRow } from './tables.js';

/**
 * Support plans not yet approved, for casework's caseloads and queues: a draft still being written
 * with the person, or a plan the person has agreed that is awaiting approval. A plan has no patch of
 * its own, so it waits in the person's.
 */
async function unapprovedPlans(tx: Tx, q: WorkQuery): Promise<SupportPlanRow[]> {
  if (q.workIds !== undefined && q.workIds.length === 0) return [];
  let query = tx.selectFrom('support_plan').selectAll().where('status', 'in', ['draft', 'agreed']);
  if (q.workIds) query = query.where('id', 'in', [...q.workIds]);
  if (q.personId) query = query.where('person_id', '=', q.personId);
  return query.execute();
}

function planWork(plan: SupportPlanRow): OpenWork {
  const agreed = plan.status === 'agreed';
  return {
    workId: plan.id,
    personId: plan.person_id,
    teamId: null,
    what: agreed ? 'Support plan awaiting approval' : 'Support plan being written',
    // An agreed plan has waited since its last change (the agreement); a draft since it was begun.
    since: todayInLondon(agreed ? plan.updated_at : plan.created_at).toString(),
    due: agreed ? { text: 'Approve the plan', on: null } : { text: 'Agree the plan with the person', on: null },
    href: `/people/${plan.person_id}/support-plan`,
  };
}

export const unapprovedPlansSource: WorkSource = {
  kind: 'support-plan',
  label: 'Plans not yet approved',
  policy: 'support-plans.read',
  listOpen: async (tx, q) => (await unapprovedPlans(tx, q)).map(planWork),
};
