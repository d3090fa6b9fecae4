import type { PlanContent } from './schema.js';
import type { Activation } from './repository.js';

export const statusLabels: Record<Activation['status'], string> = {
  awaiting_crisis_episode: 'Awaiting a crisis episode',
  crisis_episode_opened: 'Crisis episode opened',
};

/** A plan version for the page: every part in the order a worker reads it in a hurry. */
export function planView(c: PlanContent, firstName: string) {
  const agreedWith = [c.agreedWithPerson ? firstName : null, c.agreedWithOthers].filter(Boolean).join(', ');
  return {
    situations: c.situations,
    wants: c.wants,
    doesNotWant: c.doesNotWant,
    increasesDistress: c.increasesDistress,
    reducesDistress: c.reducesDistress,
    helpers: c.helpers,
    callList: c.callList,
    support: c.support.map((s) => ({
      what: s.what,
      providedBy: s.directoryServiceName ?? s.providedBy,
      href: s.directoryServiceId ? `/information/services/${s.directoryServiceId}` : null,
      note: s.directoryServiceName && s.providedBy && s.providedBy !== s.directoryServiceName ? s.providedBy : null,
    })),
    agreedWith,
    agreedOn: c.agreedOn,
    reviewDate: c.reviewDate,
  };
}

export function activationView(a: Activation) {
  return {
    id: a.id,
    situation: a.situation,
    note: a.note,
    planVersion: a.plan_version,
    status: a.status,
    statusLabel: statusLabels[a.status],
    activatedAt: a.activated_at,
    activatedBy: a.activated_by_name ?? 'A partner system',
    episodeHref: a.crisis_episode_href,
    href: `/people/${a.person_id}/contingency-plans/activations/${a.id}`,
  };
}
