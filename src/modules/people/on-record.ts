import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit, type AuditEntry } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { findVisiblePerson } from './repository.js';
import type { PersonRow } from './tables.js';

/** The audit entry for work on one person's record: the person is filled in. */
export type RecordAudit = Omit<AuditEntry, 'personId' | 'personIds'>;

/** What work on a person's record returns: its result and how it is audited. */
export interface RecordWork<T> {
  result: T;
  audit: RecordAudit;
  /** Entries about other people the same work touched (a network change), written before the person's own. */
  alsoAudit?: readonly AuditEntry[];
}

/**
 * The way a module reads or changes one person's record: in one transaction, the person first (not
 * found unless this actor may see them, so a hidden record and a missing one look the same), then
 * the work, then its audit entry, last, so that if the audit cannot be written the transaction fails
 * and nothing read leaves the server and nothing written stays.
 */
export function onVisibleRecord<T>(
  db: Kysely<DB>,
  ctx: RequestContext,
  personId: string,
  work: (tx: Tx, person: PersonRow) => Promise<RecordWork<T>>,
): Promise<T> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const person = await findVisiblePerson(tx, ctx.actor, personId);
    if (!person) throw new NotFoundError();
    const { result, audit, alsoAudit = [] } = await work(tx, person);
    await writeAudit(tx, ctx, [...alsoAudit, { ...audit, personId }]);
    return result;
  });
}
