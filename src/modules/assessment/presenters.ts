import { Temporal } from 'temporal-polyfill';
import type { AssessmentRequestRow, RequestCameFrom } from './tables.js';

/** How a request came in, in words. */
export const CAME_FROM_LABELS: Record<RequestCameFrom, string> = {
  conversation: 'After a conversation',
  crisis_step_up: 'Crisis episode stepped up',
  partner: 'Asked by a partner',
  carer_asked: 'Asked for their own needs as someone who cares',
  practitioner: 'Asked by a practitioner',
};

/** The record the request came from, to open; null when it came from nowhere else (a form, the API). */
export function cameFromHref(r: AssessmentRequestRow): string | null {
  if (r.source_module === 'conversations') return `/people/${r.person_id}/conversations/${r.source_id}`;
  if (r.source_module === 'crisis') return `/crisis/episodes/${r.source_id}`;
  return null;
}

export function daysWaiting(receivedOn: string, today: Temporal.PlainDate): number {
  return Temporal.PlainDate.from(receivedOn).until(today, { largestUnit: 'days' }).days;
}

/** What the request and worklist pages show of one request. */
export function requestView(r: AssessmentRequestRow, today: Temporal.PlainDate) {
  return {
    id: r.id,
    personId: r.person_id,
    href: `/people/${r.person_id}/assessment-requests/${r.id}`,
    kind: r.kind,
    forWhat: r.kind === 'carer' ? 'Their own needs as someone who cares' : 'Their care and support needs',
    cameFrom: CAME_FROM_LABELS[r.came_from],
    cameFromHref: cameFromHref(r),
    referredBy: r.referred_by,
    partnerReference: r.source_module === 'partner' ? r.source_id : null,
    reason: r.reason,
    receivedOn: r.received_on,
    daysWaiting: daysWaiting(r.received_on, today),
    status: r.status,
    closedReason: r.closed_reason,
  };
}
