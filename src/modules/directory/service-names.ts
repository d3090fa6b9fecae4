import type { Tx } from '../../platform/db/scope.js';

/**
 * Directory services as other modules name them on their own records (a conversation's advice, a
 * crisis episode's support and connections): by id, withdrawn ones included, because a record keeps
 * naming what was chosen then. The directory's tables stay the directory's: callers get names, not rows.
 */
export interface ServiceName {
  id: string;
  name: string;
  description: string;
  withdrawn: boolean;
}

export async function findServiceNames(tx: Tx, ids: readonly (string | null)[]): Promise<Map<string, ServiceName>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await tx
    .selectFrom('directory_service')
    .select(['id', 'name', 'description', 'tl_withdrawn_at'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, description: r.description ?? '', withdrawn: r.tl_withdrawn_at !== null },
    ]),
  );
}

/** Active, not withdrawn services whose name contains what staff typed, names in order: a picker's choices. */
export async function findActiveServicesNamed(tx: Tx, words: string, limit = 10) {
  const escaped = words.replace(/[\\%_]/g, (c) => `\\${c}`);
  return tx
    .selectFrom('directory_service')
    .select(['id', 'name', 'description'])
    .where('name', 'ilike', `%${escaped}%`)
    .where('tl_withdrawn_at', 'is', null)
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(limit)
    .execute();
}

/**
 * The services a partner's user owns (`tl_owner_user_id`), withdrawn ones included: another module
 * decides from these what that user may see of its own records (budgets: the ISFs lodged with them).
 */
export async function findServiceIdsOwnedBy(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('directory_service')
    .select('id')
    .where('tl_owner_user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
