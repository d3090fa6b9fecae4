import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import { accountBalances } from '../ledger.js';

/**
 * Individual service funds: budget parts with route 'isf', lodged with a provider's directory service
 * and ring-fenced per person (each part has its own holding account), and what the provider delivered.
 */
export interface IsfPart {
  id: string;
  person_id: string;
  holder: string;
  service_id: string | null;
  weekly_pence: number;
  starts_on: string;
  ends_on: string | null;
  account_id: string;
}

const PART_COLUMNS = [
  'id',
  'person_id',
  'holder',
  'service_id',
  'weekly_pence',
  'starts_on',
  'ends_on',
  'account_id',
] as const;

const partOf = (r: Omit<IsfPart, 'weekly_pence'> & { weekly_pence: string | number | null }): IsfPart => ({
  ...r,
  weekly_pence: Number(r.weekly_pence ?? 0),
});

/** ISF parts, newest first; only those lodged with `serviceIds` when given (a provider's own). */
export async function listIsfParts(tx: Tx, serviceIds: readonly string[] | null): Promise<IsfPart[]> {
  if (serviceIds !== null && serviceIds.length === 0) return [];
  let query = tx.selectFrom('budget_part').select(PART_COLUMNS).where('route', '=', 'isf');
  if (serviceIds !== null) query = query.where('service_id', 'in', serviceIds);
  const rows = await query.orderBy('starts_on', 'desc').orderBy('id').execute();
  return rows.map(partOf);
}

/** One ISF part; locked when a delivery is spent from it, so two deliveries cannot both spend its last pound. */
export async function findIsfPart(tx: Tx, partId: string, opts: { lock?: boolean } = {}): Promise<IsfPart | undefined> {
  const query = tx.selectFrom('budget_part').select(PART_COLUMNS).where('route', '=', 'isf').where('id', '=', partId);
  const row = await (opts.lock ? query.forUpdate() : query).executeTakeFirst();
  return row ? partOf(row) : undefined;
}

export async function insertDelivery(
  tx: Tx,
  createdBy: string | null,
  d: { partId: string; deliveredOn: string; what: string; hours: number | null; costPence: number; journalId: string },
): Promise<string> {
  const row = await tx
    .insertInto('budget_isf_delivery')
    .values({
      org_id: scopedOrgId,
      part_id: d.partId,
      delivered_on: d.deliveredOn,
      what: d.what,
      hours: d.hours,
      cost_pence: d.costPence,
      journal_id: d.journalId,
      created_by: createdBy,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listDeliveries(tx: Tx, partId: string) {
  const rows = await tx
    .selectFrom('budget_isf_delivery')
    .select(['id', 'delivered_on', 'what', 'hours', 'cost_pence'])
    .where('part_id', '=', partId)
    .orderBy('delivered_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    hours: r.hours === null ? null : Number(r.hours),
    cost_pence: Number(r.cost_pence),
  }));
}

/** What was spent from each part (the sum of its deliveries). */
export async function spentByPart(tx: Tx, partIds: readonly string[]): Promise<Map<string, number>> {
  const spent = new Map(partIds.map((id) => [id, 0]));
  if (!partIds.length) return spent;
  const rows = await tx
    .selectFrom('budget_isf_delivery')
    .select(['part_id', sql<string>`sum(cost_pence)`.as('spent')])
    .where('part_id', 'in', partIds)
    .groupBy('part_id')
    .execute();
  for (const r of rows) spent.set(r.part_id, Number(r.spent));
  return spent;
}

export interface IsfSummary {
  part: IsfPart;
  balancePence: number;
  spentPence: number;
}

/** Balance and spending of each of the parts. */
export async function summarise(tx: Tx, parts: readonly IsfPart[]): Promise<IsfSummary[]> {
  const [balances, spent] = await Promise.all([
    accountBalances(
      tx,
      parts.map((p) => p.account_id),
    ),
    spentByPart(
      tx,
      parts.map((p) => p.id),
    ),
  ]);
  return parts.map((part) => ({
    part,
    balancePence: balances.get(part.account_id) ?? 0,
    spentPence: spent.get(part.id) ?? 0,
  }));
}

/**
 * A person's ISFs with balance and spending, for their record (exported from the budgets module).
 * The caller has checked that the viewer may see the person and audits the view in its transaction.
 */
export async function isfSummariesFor(tx: Tx, personId: string): Promise<IsfSummary[]> {
  const rows = await tx
    .selectFrom('budget_part')
    .select(PART_COLUMNS)
    .where('route', '=', 'isf')
    .where('person_id', '=', personId)
    .orderBy('starts_on', 'desc')
    .execute();
  return summarise(tx, rows.map(partOf));
}
