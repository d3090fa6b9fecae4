import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { authorize } from '../../../platform/access/authorize.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { formatDate } from '../../../platform/views/format.js';
import { caredForPeople } from '../../people/index.js';
import { findPublishedServices } from '../../directory/index.js';
import type { ActivationSnapshot } from '../../contingency-plans/index.js';
import { crisisSupportCoding } from '../cld-events.js';
import { LONG_TERM_RULE, longTermTypes } from '../choices.js';
import type { CrisisEpisodeRow } from '../tables.js';
import * as repo from './workspace-repository.js';
import type { ServiceInput } from './support-schema.js';

/** The checks and coding behind "Put support in": which planned item, who provides it, how it reports. */

/**
 * The contingency plan's planned support this is put in from ("Put this in" posts its index), or
 * null. Once put in (and not cancelled), it is not put in again: a second copy would be reported twice.
 */
export async function plannedSupportNotYetPutIn(
  tx: Tx,
  episode: CrisisEpisodeRow,
  from: unknown,
): Promise<number | null> {
  const index = typeof from === 'string' && /^\d{1,3}$/.test(from) ? Number(from) : null;
  const planned = (episode.prefill as ActivationSnapshot | null)?.support ?? [];
  if (index === null || index >= planned.length) return null;
  const already = (await repo.listServices(tx, episode.id)).find(
    (s) => s.planned_index === index && s.status === 'active',
  );
  if (already)
    throw new ConflictError(
      `“${planned[index]!.what}” from the contingency plan was put in on ${formatDate(already.created_at)}. Change or end that support instead of adding a second copy. Nothing has been saved.`,
    );
  return index;
}

/** Long-term support in a crisis only by a manager's agreement, with the reason for it. */
export function checkLongTerm(actor: Actor, input: ServiceInput): void {
  if (input.kind !== 'long_term') return;
  if (authorize(actor, 'crisis.decide') !== 'allow')
    throw new ValidationError([{ text: `${LONG_TERM_RULE} Ask your manager to add it.`, href: '#kind' }]);
  if (!input.overrideReason)
    throw new ValidationError([
      { text: 'Enter why long-term support is agreed during a crisis', href: '#overrideReason' },
    ]);
}

/** The directory service and the person from their network the support names, each checked to exist. */
export async function serviceProviders(tx: Tx, personId: string, input: ServiceInput) {
  const directory = input.directoryServiceId
    ? (await findPublishedServices(tx, [input.directoryServiceId]))[0]
    : undefined;
  if (input.directoryServiceId && !directory)
    throw new ValidationError([
      {
        text: 'No open community directory service has that address. Check it, or leave it blank',
        href: '#directoryServiceId',
      },
    ]);
  const helper = input.relationshipId
    ? (await repo.listNetwork(tx, personId)).find((r) => r.id === input.relationshipId)
    : undefined;
  if (input.relationshipId && !helper)
    throw new ValidationError([{ text: 'Select someone from their network', href: '#relationshipId' }]);
  return { directory, helper };
}

/**
 * The support's kind and how it reports while the crisis lasts (../cld-events.ts): a long-term
 * one's agreed type and component; null for help that is not a council service.
 */
export async function serviceCoding(tx: Tx, personId: string, input: ServiceInput, fromNetwork: boolean) {
  const longTerm = input.kind === 'long_term';
  if (longTerm) {
    const type = longTermTypes.find((t) => t.serviceType === input.longTermType)!;
    return { kind: input.kind, longTerm, serviceType: type.serviceType, component: type.component };
  }
  const caresFor = input.kind === 'carers_cover' ? await caredForPeople(tx, personId) : [];
  const coding = crisisSupportCoding({ kind: input.kind, fromNetwork, longTermComponent: null }, caresFor);
  return {
    kind: input.kind,
    longTerm,
    serviceType: coding?.serviceType ?? null,
    component: coding?.serviceComponent ?? null,
  };
}
