import type { Tx } from '../../platform/db/scope.js';
import type { RecordSection } from '../people/index.js';
import { findSupportPlan, findVersion } from './repository.js';

const STATUS_TAGS = { draft: 'Draft', agreed: 'Agreed', approved: 'Approved' } as const;

/**
 * The support plan on the person's record: whether there is one, its status and its last change.
 * Read inside the record's own transaction, so the record's audit entry covers it.
 */
export async function supportPlanRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const href = `/people/${personId}/support-plan`;
  const plan = await findSupportPlan(tx, personId);
  const current = plan && plan.current_version > 0 ? await findVersion(tx, plan.id, plan.current_version) : undefined;
  return {
    id: 'support-plan',
    heading: 'Support plan',
    items:
      plan && current
        ? [
            {
              href,
              text: `Support plan, version ${current.version}`,
              detail: `Last change: ${current.changed_part}`,
              tag: { text: STATUS_TAGS[plan.status], classes: 'govuk-tag--grey' },
              // A plan in place is ongoing work, whatever its stage.
              open: true,
            },
          ]
        : [],
    empty: 'No support plan yet.',
    actions: [{ href, text: 'Write the support plan with them', policy: 'support-plans.write' }],
  };
}
