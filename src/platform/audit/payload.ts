import { createHash } from 'node:crypto';

/**
 * What an audit entry's hash covers: the exact bytes (canonicalPayload) and how each hash follows the one
 * before (chainHash). Writing (audit.ts) and verification (verify.ts) both use only these.
 */

/** The first entry of every chain follows this hash. */
export const GENESIS_HASH = Buffer.alloc(32);

export type PayloadRow = {
  org_id: string;
  chain: number;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  reason: string | null;
  request_id: string | null;
  person_ids?: readonly string[] | null;
  /**
   * Only in entries written before migration 0016: a view of a kept page that pointed at an earlier
   * entry listing the same people instead of listing them. Nothing writes it now; verification
   * still rebuilds those entries' payloads with it, so history verifies as written.
   */
  same_people_as?: number | string | null;
};

/**
 * The exact bytes that are hashed; verification rebuilds them from the stored columns. This and
 * chainHash are the only place the chain is computed: writeAudit appends with them, verify checks.
 */
export function canonicalPayload(row: PayloadRow): string {
  const fields: unknown[] = [
    row.org_id,
    row.seq,
    row.at,
    row.actor_kind,
    row.actor_id,
    row.action,
    row.resource_type,
    row.resource_id,
    row.person_id,
    row.reason,
    row.request_id,
    row.chain,
  ];
  // Added with listing entries (migration 0013): only entries that name people this way carry the
  // thirteenth field, so every entry written before still hashes to exactly what it did. The field
  // is a digest of the list, not the list: the list is stored once (person_ids), and hashing 200
  // people's ids twice over into every board view's payload was most of the cost of auditing it.
  if (row.person_ids) fields.push(peopleDigest(row.person_ids));
  else if (row.same_people_as !== null && row.same_people_as !== undefined)
    fields.push(`same-as:${row.same_people_as}`);
  return JSON.stringify(fields);
}

/** What a listing entry's payload says of the people it lists: the SHA-256 of their ids in order. */
export function peopleDigest(personIds: readonly string[]): string {
  return `sha256:${createHash('sha256').update(personIds.join(','), 'utf8').digest('hex')}`;
}

export function chainHash(prev: Uint8Array, payload: string): Buffer {
  return createHash('sha256').update(prev).update(payload, 'utf8').digest();
}

/**
 * The canonical payload around its sequence number: payload = prefix + seq + suffix, exactly as
 * canonicalPayload writes it (seq is its second field, a plain integer). So the database can finish
 * an entry's payload and hash once it knows the chain's next number, in the statement that appends it.
 */
export function payloadAroundSeq(row: Omit<PayloadRow, 'seq'>): { prefix: string; suffix: string } {
  const prefix = `[${JSON.stringify(row.org_id)},`;
  const whole = canonicalPayload({ ...row, seq: 0 });
  if (!whole.startsWith(`${prefix}0,`)) throw new Error('The audit payload no longer starts with its org and seq');
  return { prefix, suffix: whole.slice(prefix.length + 1) };
}
