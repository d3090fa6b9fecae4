import type { Kysely } from 'kysely';
import type { AuditEventRow, DB } from '../db/schema.js';
import { GENESIS_HASH, canonicalPayload, chainHash } from './payload.js';

export interface ChainVerification {
  ok: boolean;
  checked: number;
  problems: string[];
}

/** Walk every chain of every organisation from the start: each entry's hash must follow from the one before. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerification> {
  const problems: string[] = [];
  let checked = 0;
  const chains = await db
    .selectFrom('audit_chain')
    .select(['org_id', 'chain', 'last_seq', 'last_hash'])
    .orderBy('org_id')
    .orderBy('chain')
    .execute();
  for (const head of chains) {
    const where = `organisation ${head.org_id} chain ${head.chain}`;
    let prev: Uint8Array = GENESIS_HASH;
    let expectedSeq = 1;
    let lastSeq = 0;
    for (;;) {
      const batch = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('org_id', '=', head.org_id)
        .where('chain', '=', head.chain)
        .where('seq', '>', lastSeq)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (batch.length === 0) break;
      for (const row of batch) {
        checked += 1;
        lastSeq = Number(row.seq);
        problems.push(...checkEntry(row, where, expectedSeq, prev));
        prev = row.hash;
        expectedSeq += 1;
      }
    }
    if (expectedSeq - 1 !== Number(head.last_seq))
      problems.push(`${where}: the chain head says ${head.last_seq} entries, found ${expectedSeq - 1}`);
    if (!Buffer.from(head.last_hash).equals(Buffer.from(prev)))
      problems.push(`${where}: the chain head hash does not match the last entry`);
  }
  const orphans = await db
    .selectFrom('audit_event as e')
    .leftJoin('audit_chain as c', (join) => join.onRef('c.org_id', '=', 'e.org_id').onRef('c.chain', '=', 'e.chain'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.org_id', 'is', null)
    .executeTakeFirst();
  if (Number(orphans?.n ?? 0) > 0) problems.push(`${orphans?.n} entries belong to no chain`);
  return { ok: problems.length === 0, checked, problems };
}

function checkEntry(row: AuditEventRow, where: string, expectedSeq: number, prev: Uint8Array): string[] {
  const problems: string[] = [];
  if (Number(row.seq) !== expectedSeq)
    problems.push(`${where}: entry ${row.id} has sequence ${row.seq}, expected ${expectedSeq}`);
  // The stored columns must say exactly what was hashed (the payload), and the hash must chain.
  const at = (JSON.parse(row.payload) as unknown[])[2];
  const rebuilt = canonicalPayload({
    ...row,
    chain: Number(row.chain),
    seq: Number(row.seq),
    at: typeof at === 'string' ? at : '',
  });
  if (rebuilt !== row.payload || typeof at !== 'string' || new Date(at).getTime() !== new Date(row.at).getTime()) {
    problems.push(`${where}: entry ${row.id} does not match its recorded content`);
  }
  if (!Buffer.from(row.prev_hash).equals(Buffer.from(prev)))
    problems.push(`${where}: entry ${row.id} does not follow the entry before it`);
  if (!chainHash(prev, row.payload).equals(Buffer.from(row.hash)))
    problems.push(`${where}: entry ${row.id} hash is wrong`);
  return problems;
}
