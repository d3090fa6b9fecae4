import type { Tx } from '../../platform/db/scope.js';
import { formatDate } from '../../platform/views/format.js';
import type { RecordSection } from '../people/index.js';
import { CAME_FROM_LABELS } from './presenters.js';
import { requestsForPerson } from './requests-repository.js';

/**
 * The person record's "Assessment requests" section, read in the record's own transaction (its one
 * audit entry covers it), with the way to ask for one.
 */
export async function requestsRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const rows = await requestsForPerson(tx, personId);
  return {
    id: 'assessment-requests',
    heading: 'Assessment requests',
    items: rows.map((r) => ({
      href: `/people/${personId}/assessment-requests/${r.id}`,
      text: `Assessment requested on ${formatDate(r.received_on)}`,
      detail: `${CAME_FROM_LABELS[r.came_from]}. ${r.reason}`,
      open: r.status === 'waiting',
      tag:
        r.status === 'waiting'
          ? { text: 'Waiting', classes: 'govuk-tag--yellow' }
          : { text: 'Closed', classes: 'govuk-tag--grey' },
    })),
    empty: 'No requests for an assessment.',
    actions: [
      {
        href: `/people/${personId}/assessment-requests/new`,
        text: 'Ask for an assessment',
        policy: 'assessments.request',
      },
    ],
  };
}
