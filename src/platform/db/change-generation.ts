import type { Tx } from './scope.js';

/** Areas whose tables move a change number (migrations/0014_change_generation.ts lists their tables). */
export type ChangeArea = 'crisis-board';

/**
 * The organisation's current change number for an area ('0' before anything in it was written).
 * Read it BEFORE reading the data a kept answer is built from: a write that commits in between makes
 * the answer newer than its number says, which costs one extra recomputation; the other order could
 * keep an old answer under a new number.
 */
export async function changeGeneration(tx: Tx, orgId: string, area: ChangeArea): Promise<string> {
  const row = await tx
    .selectFrom('change_generation')
    .select('generation')
    .where('org_id', '=', orgId)
    .where('area', '=', area)
    .executeTakeFirst();
  return row ? String(row.generation) : '0';
}
