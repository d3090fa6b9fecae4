import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../../platform/db/scope.js';
import type { OpenWork, WorkQuery, WorkSource } from '../casework/index.js';
import { assessmentHref } from './record-view.js';
import type { AssessmentRequestRow, AssessmentRow } from './tables.js';

/**
 * The assessment module's open work for casework's caseloads and queues: requests waiting for an
 * assessment, and assessments in progress. The Care Act sets no timescale; these are the council's own
 * targets ("start within 28 days of the request, complete within 28 days of starting"), kept here so a
 * council changes them in one place.
 */
export const START_WITHIN_DAYS = 28;
export const COMPLETE_WITHIN_DAYS = 28;

const plus = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();

/** Asked for no ids in particular means none (an empty `in` list is not valid SQL). */
const asksForNone = (q: WorkQuery) => q.workIds !== undefined && q.workIds.length === 0;

async function waitingRequests(tx: Tx, q: WorkQuery): Promise<AssessmentRequestRow[]> {
  if (asksForNone(q)) return [];
  let query = tx.selectFrom('assessment_request').selectAll().where('status', '=', 'waiting');
  if (q.workIds) query = query.where('id', 'in', [...q.workIds]);
  if (q.personId) query = query.where('person_id', '=', q.personId);
  return query.execute();
}

async function assessmentsInProgress(tx: Tx, q: WorkQuery) {
  if (asksForNone(q)) return [];
  let query = tx
    .selectFrom('assessment as a')
    .leftJoin('assessment_request as r', 'r.id', 'a.request_id')
    .selectAll('a')
    .select('r.patch_id')
    .where('a.status', '=', 'in_progress');
  if (q.workIds) query = query.where('a.id', 'in', [...q.workIds]);
  if (q.personId) query = query.where('a.person_id', '=', q.personId);
  return query.execute();
}

/**
 * Caseloads show work for many people at once, so a carer's request is named by what it is about,
 * never "carer's": someone who gives care may not accept the word (S1: Harold Jones), and the
 * person's own record lists this work too.
 */
const CARE_GIVEN_REQUEST = 'Request for an assessment of the care they give';
const CARE_GIVEN_ASSESSMENT = 'Assessment of the care they give, in progress';

const requestWork = (r: AssessmentRequestRow): OpenWork => ({
  workId: r.id,
  personId: r.person_id,
  teamId: r.patch_id,
  what: r.kind === 'carer' ? CARE_GIVEN_REQUEST : 'Request for an assessment',
  since: r.received_on,
  due: { text: 'Start the assessment', on: plus(r.received_on, START_WITHIN_DAYS) },
  href: `/people/${r.person_id}/assessment-requests/${r.id}`,
});

const assessmentWork = (a: AssessmentRow & { patch_id: string | null }): OpenWork => ({
  workId: a.id,
  personId: a.person_id,
  teamId: a.patch_id,
  what: a.kind === 'carer' ? CARE_GIVEN_ASSESSMENT : 'Assessment in progress',
  since: a.started_on,
  due: { text: 'Complete the assessment', on: plus(a.started_on, COMPLETE_WITHIN_DAYS) },
  href: assessmentHref(a.person_id, a.id),
});

export const requestsWaitingSource: WorkSource = {
  kind: 'assessment-request',
  label: 'Requests waiting',
  policy: 'assessments.read',
  listOpen: async (tx, q) => (await waitingRequests(tx, q)).map(requestWork),
};

export const assessmentsInProgressSource: WorkSource = {
  kind: 'assessment',
  label: 'Assessments in progress',
  policy: 'assessments.view',
  listOpen: async (tx, q) => (await assessmentsInProgress(tx, q)).map(assessmentWork),
};
