import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/scope.js';
import { PREPARE_MARK } from '../db/prepared.js';
import { actorId, type Actor } from '../access/roles.js';
import { canonicalId } from '../http/ids.js';
import { GENESIS_HASH, canonicalPayload, chainHash, payloadAroundSeq, type PayloadRow } from './payload.js';

// The chain's payload and hash, and its verification, live beside this file; callers keep one front door.
export {
  GENESIS_HASH,
  canonicalPayload,
  chainHash,
  payloadAroundSeq,
  peopleDigest,
  type PayloadRow,
} from './payload.js';
export { verifyAuditChain, type ChainVerification } from './verify.js';

export interface AuditEntry {
  /** What happened, e.g. 'person.view', 'person.search-result', 'person.update'. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  /**
   * Everyone a listing page showed (a board, a register), in the order shown: one entry for the
   * page view instead of one per person. "Who has looked at this record" finds either kind.
   */
  personIds?: readonly string[] | null;
  /** Why, when the person gave a reason (break glass) or the system knows one. */
  reason?: string | null;
}

export interface AuditContext {
  /** Who, always from the authenticated session or token, never from the request body. */
  actor: Actor | { kind: 'system'; orgId: string };
  requestId?: string | undefined;
}

/**
 * Each organisation's log is split across this many independent hash chains. A writer locks one
 * chain head, chosen at random, until its transaction commits; with one chain, every audited
 * request in the council queued behind the last (measured: the lock wait dominated the record page
 * under load). Sixteen heads make two concurrent writers on the same head rare, and each chain is
 * still complete and verifiable on its own.
 */
export const AUDIT_CHAINS = 16;

/** One entry for a page that lists people: everyone shown, each once, in the order shown. */
export function listingEntry(
  action: string,
  resourceType: string,
  resourceId: string | null,
  personIds: Iterable<string | null>,
): AuditEntry[] {
  const ids = [...new Set([...personIds].filter((id): id is string => id !== null))];
  return ids.length === 0 ? [] : [{ action, resourceType, resourceId, personIds: ids }];
}

/**
 * A transaction that writes audit entries more than once (a partner event that also opens a crisis
 * episode) keeps to the chain it locked first: locking a second head in the same transaction could
 * deadlock against another writer holding them in the other order.
 */
const chainOfTransaction = new WeakMap<Tx, number>();

/**
 * Append entries to one of the organisation's hash chains, inside the caller's transaction — the
 * one function that writes audit entries. The transaction is the request's (withOrg: the application
 * role, the organisation's scope). Call it as the last step of the transaction that read or wrote
 * the data: if it fails, the transaction fails and no personal data leaves the server (fail closed).
 * The chain head stays locked only until that commit. Returns the new entries' ids, in order.
 */
export async function writeAudit(tx: Tx, ctx: AuditContext, entries: readonly AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const orgId = ctx.actor.orgId;
  const chain = chainOfTransaction.get(tx) ?? randomInt(AUDIT_CHAINS);
  chainOfTransaction.set(tx, chain);
  const at = new Date().toISOString();
  if (entries.length === 1) {
    const id = await appendOne(tx, entryColumns(ctx, entries[0]!, chain, at));
    if (id !== null) return [id];
    // No head yet for this chain (the council's first entries on it): the path below creates it.
  }
  const head = await lockChainHead(tx, orgId, chain);
  let prev: Uint8Array = head.last_hash;
  let seq = Number(head.last_seq);
  const rows = entries.map((e) => {
    seq += 1;
    const base = { ...entryColumns(ctx, e, chain, at), seq };
    const payload = canonicalPayload(base);
    const hash = chainHash(prev, payload);
    const row = { ...base, payload, prev_hash: Buffer.from(prev), hash };
    prev = hash;
    return row;
  });
  // One round trip for both: the chain head is locked until commit, so every trip counts. The rows
  // travel as one array per column (unnest), not as a VALUES list: a page listing 200 people made a
  // 3,000-parameter statement whose building and parsing cost more than the rows themselves.
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  const hex = (key: 'prev_hash' | 'hash') => rows.map((r) => Buffer.from(r[key]).toString('hex'));
  // A listing's people travel as one array literal per row (uuids need no quoting): unnest would
  // flatten an array of arrays.
  const people = rows.map((r) => (r.person_ids ? `{${r.person_ids.join(',')}}` : null));
  const first = rows[0]!;
  const result = await sql<{ id: string | number }>`${sql.raw(PREPARE_MARK)}
    with appended as (
      insert into audit_event (org_id, chain, seq, at, actor_kind, actor_id, action, resource_type, resource_id, person_id, person_ids, reason, request_id, payload, prev_hash, hash)
      select ${orgId}::uuid, ${chain}::smallint, e.seq, ${at}::timestamptz, ${first.actor_kind}, ${first.actor_id}::uuid, e.action, e.resource_type, e.resource_id,
        e.person_id, e.person_ids::uuid[], e.reason, ${ctx.requestId ?? null}, e.payload, decode(e.prev_hash, 'hex'), decode(e.hash, 'hex')
      from unnest(${column('seq')}::int8[], ${column('action')}::text[], ${column('resource_type')}::text[], ${column('resource_id')}::text[],
        ${column('person_id')}::uuid[], ${people}::text[], ${column('reason')}::text[], ${column('payload')}::text[],
        ${hex('prev_hash')}::text[], ${hex('hash')}::text[])
        as e(seq, action, resource_type, resource_id, person_id, person_ids, reason, payload, prev_hash, hash)
      returning id, seq
    ), moved as (
      update audit_chain set last_seq = ${seq}, last_hash = decode(${Buffer.from(prev).toString('hex')}, 'hex')
      where org_id = ${orgId}::uuid and chain = ${chain}
    )
    select id from appended order by seq`.execute(tx);
  return result.rows.map((r) => Number(r.id));
}

/**
 * One entry — nearly every audited request writes exactly one — appended in ONE statement: lock the
 * chain head, number the entry, hash it (sha256 of the previous hash and the payload's UTF-8, as
 * chainHash does), store it and move the head. The payload is built here but for its number, so the
 * database computes nothing that verification does not rebuild the same way. The head stays locked
 * until commit, as on the longer path. Null when the chain has no head yet (nothing appended).
 */
async function appendOne(tx: Tx, e: Omit<PayloadRow, 'seq'>): Promise<number | null> {
  const { prefix, suffix } = payloadAroundSeq(e);
  const people = e.person_ids ? `{${e.person_ids.join(',')}}` : null;
  const result = await sql<{ id: string | number }>`${sql.raw(PREPARE_MARK)}
    with head as (
      select last_seq, last_hash from audit_chain where org_id = ${e.org_id}::uuid and chain = ${e.chain}::smallint
      for update
    ), entry as (
      select last_seq + 1 as seq, last_hash as prev_hash, ${prefix}::text || (last_seq + 1)::text || ${suffix}::text as payload
      from head
    ), appended as (
      insert into audit_event (org_id, chain, seq, at, actor_kind, actor_id, action, resource_type, resource_id, person_id, person_ids, reason, request_id, payload, prev_hash, hash)
      select ${e.org_id}::uuid, ${e.chain}::smallint, n.seq, ${e.at}::timestamptz, ${e.actor_kind}, ${e.actor_id}::uuid, ${e.action},
        ${e.resource_type}, ${e.resource_id}, ${e.person_id}::uuid, ${people}::uuid[], ${e.reason}, ${e.request_id},
        n.payload, n.prev_hash, sha256(n.prev_hash || convert_to(n.payload, 'UTF8'))
      from entry n
      returning id, seq, hash
    ), moved as (
      update audit_chain c set last_seq = a.seq, last_hash = a.hash from appended a
      where c.org_id = ${e.org_id}::uuid and c.chain = ${e.chain}::smallint
    )
    select id from appended`.execute(tx);
  const row = result.rows[0];
  return row ? Number(row.id) : null;
}

/** The stored columns of an entry, but its sequence number (which the chain head decides). */
function entryColumns(ctx: AuditContext, e: AuditEntry, chain: number, at: string): Omit<PayloadRow, 'seq'> {
  return {
    org_id: ctx.actor.orgId,
    chain,
    at,
    actor_kind: ctx.actor.kind,
    actor_id: ctx.actor.kind === 'system' ? null : actorId(ctx.actor as Actor),
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId ?? null,
    person_id: e.personId ? storedId(e.personId) : null,
    reason: e.reason ?? null,
    request_id: ctx.requestId ?? null,
    person_ids: e.personIds && e.personIds.length > 0 ? e.personIds.map(storedId) : null,
  };
}

/**
 * A person id as the uuid column will store it. The hash is over the payload built here, and
 * verification rebuilds it from the stored column, so an id in any other spelling (upper case,
 * braces) would read back differently and the chain would look tampered with. Ids are canonical
 * from where they are parsed (platform/http/ids.ts); this is the last line, and refuses a value
 * that is not an id at all rather than letting the database refuse it after hashing.
 */
function storedId(id: string): string {
  const canonical = canonicalId(id);
  if (!canonical) throw new Error('An audit entry named a person with something that is not an id');
  return canonical;
}

async function lockChainHead(tx: Tx, orgId: string, chain: number) {
  const select = () =>
    tx
      .selectFrom('audit_chain')
      .modifyFront(sql.raw(PREPARE_MARK))
      .select(['last_seq', 'last_hash'])
      .where('org_id', '=', orgId)
      .where('chain', '=', chain)
      .forUpdate()
      .executeTakeFirst();
  const head = await select();
  if (head) return head;
  await tx
    .insertInto('audit_chain')
    .values({ org_id: orgId, chain, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const created = await select();
  if (!created) throw new Error('audit chain head could not be created');
  return created;
}
