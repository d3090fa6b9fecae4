import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';

/**
 * Pools' rows. Every function runs inside the caller's withOrg transaction (row-level security keeps
 * it to the council); the rules — who may approve, when an expense is paid — are in service.ts.
 */

export interface PoolRow {
  id: string;
  name: string;
  purpose: string;
  account_id: string;
}

export interface SignatoryRow {
  id: string;
  position: number;
  name: string;
  /** The first day they no longer sign; null while they are a signatory. */
  replaced_on: string | null;
  /** The signatory they took over from. */
  replaces_id: string | null;
}

export interface MemberRow {
  id: string;
  person_id: string;
  part_id: string;
  joined_on: string;
  account_id: string;
  weekly_pence: number | null;
}

const POOL_COLUMNS = ['id', 'name', 'purpose', 'account_id'] as const;

export async function insertPool(
  tx: Tx,
  createdBy: string | null,
  pool: { name: string; purpose: string; accountId: string; signatories: readonly string[] },
): Promise<string> {
  const { id } = await tx
    .insertInto('budget_pool')
    .values({
      org_id: scopedOrgId,
      name: pool.name,
      purpose: pool.purpose,
      account_id: pool.accountId,
      created_by: createdBy,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('budget_pool_signatory')
    .values(pool.signatories.map((name, i) => ({ org_id: scopedOrgId, pool_id: id, position: i + 1, name })) as never)
    .execute();
  return id;
}

export async function listPools(tx: Tx): Promise<PoolRow[]> {
  return tx.selectFrom('budget_pool').select(POOL_COLUMNS).orderBy('name').orderBy('id').execute();
}

/** One pool; locked for the rest of the transaction when paying from it, so two payments cannot both spend its last pound. */
export async function findPool(tx: Tx, poolId: string, opts: { lock?: boolean } = {}): Promise<PoolRow | undefined> {
  const query = tx.selectFrom('budget_pool').select(POOL_COLUMNS).where('id', '=', poolId);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Every signatory the pool has had, current and replaced (earlier approvals still name them), by position. */
export async function listSignatories(tx: Tx, poolId: string): Promise<SignatoryRow[]> {
  return tx
    .selectFrom('budget_pool_signatory')
    .select(['id', 'position', 'name', 'replaced_on', 'replaces_id'])
    .where('pool_id', '=', poolId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export const isCurrentSignatory = (s: SignatoryRow) => s.replaced_on === null;

/**
 * A new signatory takes over from a current one from `from` (the old one's first day not signing).
 * False when that signatory had already been replaced (someone else got there first): nothing written.
 */
export async function replaceSignatory(
  tx: Tx,
  change: { poolId: string; signatory: SignatoryRow; name: string; from: string },
): Promise<boolean> {
  const ended = await tx
    .updateTable('budget_pool_signatory')
    .set({ replaced_on: change.from })
    .where('id', '=', change.signatory.id)
    .where('pool_id', '=', change.poolId)
    .where('replaced_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!ended) return false;
  await tx
    .insertInto('budget_pool_signatory')
    .values({
      org_id: scopedOrgId,
      pool_id: change.poolId,
      position: change.signatory.position,
      name: change.name,
      replaces_id: change.signatory.id,
    } as never)
    .execute();
  return true;
}

export async function listMembers(tx: Tx, poolId: string): Promise<MemberRow[]> {
  const rows = await tx
    .selectFrom('budget_pool_member as m')
    .innerJoin('budget_part as p', 'p.id', 'm.part_id')
    .select(['m.id', 'm.person_id', 'm.part_id', 'm.joined_on', 'p.account_id', 'p.weekly_pence'])
    .where('m.pool_id', '=', poolId)
    .orderBy('m.joined_on')
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, weekly_pence: r.weekly_pence === null ? null : Number(r.weekly_pence) }));
}

/** The budget parts held in this pool (route 'pool', naming it) whose person is not yet a member. */
export async function partsNotYetMembers(tx: Tx, poolId: string) {
  return tx
    .selectFrom('budget_part as p')
    .select(['p.id', 'p.person_id', 'p.holder', 'p.weekly_pence', 'p.starts_on'])
    .where('p.route', '=', 'pool')
    .where('p.pool_id', '=', poolId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('budget_pool_member as m')
            .select(sql`1`.as('one'))
            .whereRef('m.person_id', '=', 'p.person_id')
            .where('m.pool_id', '=', poolId),
        ),
      ),
    )
    .orderBy('p.starts_on')
    .orderBy('p.id')
    .execute();
}

export async function insertMember(
  tx: Tx,
  createdBy: string | null,
  member: { poolId: string; personId: string; partId: string; joinedOn: string },
): Promise<string | null> {
  const row = await tx
    .insertInto('budget_pool_member')
    .values({
      org_id: scopedOrgId,
      pool_id: member.poolId,
      person_id: member.personId,
      part_id: member.partId,
      joined_on: member.joinedOn,
      created_by: createdBy,
    } as never)
    .onConflict((oc) => oc.columns(['pool_id', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertContribution(
  tx: Tx,
  createdBy: string | null,
  c: { poolId: string; memberId: string; amountPence: number; contributedOn: string; journalId: string },
): Promise<void> {
  await tx
    .insertInto('budget_pool_contribution')
    .values({
      org_id: scopedOrgId,
      pool_id: c.poolId,
      member_id: c.memberId,
      amount_pence: c.amountPence,
      contributed_on: c.contributedOn,
      journal_id: c.journalId,
      created_by: createdBy,
    } as never)
    .execute();
}

export async function listContributions(tx: Tx, poolId: string, memberId?: string) {
  let query = tx
    .selectFrom('budget_pool_contribution')
    .select(['id', 'member_id', 'amount_pence', 'contributed_on'])
    .where('pool_id', '=', poolId);
  if (memberId) query = query.where('member_id', '=', memberId);
  const rows = await query.orderBy('contributed_on').orderBy('created_at').execute();
  return rows.map((r) => ({ ...r, amount_pence: Number(r.amount_pence) }));
}

export * from './expense-repository.js';
