import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tx } from '../db/scope.js';
import type { DB } from '../db/schema.js';
import { actorId, type Actor } from '../access/roles.js';

export interface AuditEntry {
  /** What happened, e.g. 'person.view', 'person.search-result', 'person.update'. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  /** Why, when the person gave a reason (break glass) or the system knows one. */
  reason?: string | null;
}

export interface AuditContext {
  /** Who, always from the authenticated session or token, never from the request body. */
  actor: Actor | { kind: 'system'; orgId: string };
  requestId?: string | undefined;
}

export const GENESIS_HASH = Buffer.alloc(32);

/** The exact bytes that are hashed; verification rebuilds them from the stored columns. */
export function canonicalPayload(row: {
  org_id: string; seq: number; at: string; actor_kind: string; actor_id: string | null; action: string;
  resource_type: string; resource_id: string | null; person_id: string | null; reason: string | null; request_id: string | null;
}): string {
  return JSON.stringify([row.org_id, row.seq, row.at, row.actor_kind, row.actor_id, row.action, row.resource_type, row.resource_id, row.person_id, row.reason, row.request_id]);
}

export function chainHash(prev: Uint8Array, payload: string): Buffer {
  return createHash('sha256').update(prev).update(payload, 'utf8').digest();
}

/**
 * Append entries to the organisation's hash chain, inside the caller's transaction. Call it as the
 * last step of the transaction that read or wrote the data: if it fails, the transaction fails and
 * no personal data leaves the server (fail closed). The chain row lock is then held only until commit.
 */
export async function writeAudit(tx: Tx, ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const orgId = ctx.actor.orgId;
  let head = await tx.selectFrom('audit_chain').select(['last_seq', 'last_hash']).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
  if (!head) {
    await tx.insertInto('audit_chain').values({ org_id: orgId, last_seq: 0, last_hash: GENESIS_HASH }).onConflict((oc) => oc.doNothing()).execute();
    head = await tx.selectFrom('audit_chain').select(['last_seq', 'last_hash']).where('org_id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
  }
  const at = new Date().toISOString();
  const actorKind = ctx.actor.kind;
  const actor = actorKind === 'system' ? null : actorId(ctx.actor as Actor);
  let prev: Uint8Array = head.last_hash;
  let seq = Number(head.last_seq);
  const rows = entries.map((e) => {
    seq += 1;
    const base = {
      org_id: orgId, seq, at, actor_kind: actorKind, actor_id: actor, action: e.action, resource_type: e.resourceType,
      resource_id: e.resourceId ?? null, person_id: e.personId ?? null, reason: e.reason ?? null, request_id: ctx.requestId ?? null,
    };
    const payload = canonicalPayload(base);
    const hash = chainHash(prev, payload);
    const row = { ...base, payload, prev_hash: Buffer.from(prev), hash };
    prev = hash;
    return row;
  });
  await tx.insertInto('audit_event').values(rows).execute();
  await tx.updateTable('audit_chain').set({ last_seq: seq, last_hash: Buffer.from(prev) }).where('org_id', '=', orgId).execute();
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  problems: string[];
}

/** Walk every organisation's chain from the start: each row's hash must follow from the one before. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerification> {
  const problems: string[] = [];
  let checked = 0;
  const chains = await db.selectFrom('audit_chain').select(['org_id', 'last_seq', 'last_hash']).execute();
  for (const chain of chains) {
    let prev: Uint8Array = GENESIS_HASH;
    let expectedSeq = 1;
    let lastId = 0;
    for (;;) {
      const batch = await db.selectFrom('audit_event').selectAll().where('org_id', '=', chain.org_id).where('id', '>', lastId).orderBy('id').limit(5000).execute();
      if (batch.length === 0) break;
      for (const row of batch) {
        checked += 1;
        lastId = row.id;
        const payload = canonicalPayload({ ...row, seq: Number(row.seq), at: row.payload ? (JSON.parse(row.payload) as unknown[])[2] as string : '' });
        if (Number(row.seq) !== expectedSeq) problems.push(`organisation ${chain.org_id}: entry ${row.id} has sequence ${row.seq}, expected ${expectedSeq}`);
        if (payload !== row.payload || new Date(JSON.parse(row.payload)[2] as string).getTime() !== new Date(row.at).getTime()) {
          problems.push(`organisation ${chain.org_id}: entry ${row.id} does not match its recorded content`);
        }
        if (!Buffer.from(row.prev_hash).equals(Buffer.from(prev))) problems.push(`organisation ${chain.org_id}: entry ${row.id} does not follow the entry before it`);
        const expected = chainHash(prev, row.payload);
        if (!expected.equals(Buffer.from(row.hash))) problems.push(`organisation ${chain.org_id}: entry ${row.id} hash is wrong`);
        prev = row.hash;
        expectedSeq += 1;
      }
    }
    if (expectedSeq - 1 !== Number(chain.last_seq)) problems.push(`organisation ${chain.org_id}: chain head says ${chain.last_seq} entries, found ${expectedSeq - 1}`);
    if (!Buffer.from(chain.last_hash).equals(Buffer.from(prev))) problems.push(`organisation ${chain.org_id}: chain head hash does not match the last entry`);
  }
  return { ok: problems.length === 0, checked, problems };
}
