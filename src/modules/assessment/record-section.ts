import type { Tx } from '../../platform/db/scope.js';
import type { RecordSection } from '../people/index.js';
import { formatDate } from '../../platform/views/format.js';
import { listAssessments } from './record-repository.js';
import { assessmentTitle } from './record-wording.js';
import { assessmentHref } from './record-view.js';

/**
 * The person's assessments on their record page, read in the record's transaction (its one audit entry
 * covers them). A carer's is named by the care they give: the record page does not load whether they
 * accept the word "carer", so it never uses it.
 */
export async function assessmentRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const rows = await listAssessments(tx, personId);
  return {
    id: 'assessments',
    heading: 'Assessments',
    items: rows.map((a) => ({
      href: assessmentHref(personId, a.id),
      text: `${assessmentTitle(a.kind, { acceptsCarerLabel: false, caredForNames: [] })}, started ${formatDate(a.started_on)}`,
      detail: a.eligible === null ? undefined : a.eligible ? 'Eligible needs' : 'No eligible needs',
      open: a.status !== 'completed',
      tag:
        a.status === 'completed'
          ? { text: 'Completed', classes: 'govuk-tag--green' }
          : { text: 'In progress', classes: 'govuk-tag--blue' },
    })),
    empty: 'No assessments.',
    actions: [
      { href: `/people/${personId}/assessments/new`, text: 'Start an assessment', policy: 'assessments.record' },
      { href: `/people/${personId}/assessments`, text: 'All assessments', policy: 'assessments.view' },
    ],
  };
}
