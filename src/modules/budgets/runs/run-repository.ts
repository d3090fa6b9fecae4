import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import type { ContributionForRun, PartForRun, Payee, Period } from './schedule.js';
import { PROVIDER_ROUTES } from './schedule.js';

/** The reads a payment run's preparation needs, each for one batch of parts. */

const partColumns = [
  'id',
  'person_id',
  'route',
  'holder',
  'service_id',
  'weekly_pence',
  'one_off_pence',
  'starts_on',
  'ends_on',
  'account_id',
] as const;

type PartRow = {
  id: string;
  person_id: string;
  route: PartForRun['route'];
  holder: string;
  service_id: string | null;
  weekly_pence: string | number | null;
  one_off_pence: string | number | null;
  starts_on: string;
  ends_on: string | null;
  account_id: string;
};

function toPart(row: PartRow): PartForRun {
  return {
    id: row.id,
    personId: row.person_id,
    route: row.route,
    holder: row.holder,
    serviceId: row.service_id,
    weeklyPence: row.weekly_pence === null ? null : Number(row.weekly_pence),
    oneOffPence: row.one_off_pence === null ? null : Number(row.one_off_pence),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    accountId: row.account_id,
  };
}

/** Parts that fund something in the period: weekly parts overlapping it, one-offs starting in it. */
const inForce = (period: Period) => sql<boolean>`(
  (route <> 'one_off' and starts_on <= ${period.end} and (ends_on is null or ends_on >= ${period.start}))
  or (route = 'one_off' and starts_on between ${period.start} and ${period.end}))`;

/**
 * The next parts in force in the period after `afterId` (the run's cursor), in id order: an index
 * walk that needs no statistics on the payments being written as the run goes.
 */
export async function partsAfter(tx: Tx, period: Period, afterId: string | null, limit: number): Promise<PartForRun[]> {
  let query = tx.selectFrom('budget_part').select(partColumns).where(inForce(period));
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.orderBy('id').limit(limit).execute()).map(toPart);
}

/**
 * Parts in force with no payment in the run: any added behind the cursor while the run was being
 * prepared. Compared in memory from two plain scans, so a bad plan for an anti-join on a table
 * that has just grown (no statistics yet) cannot make it slow.
 */
export async function unpaidBehindCursor(tx: Tx, runId: string, period: Period, limit: number): Promise<PartForRun[]> {
  const inForceIds = await tx.selectFrom('budget_part').select('id').where(inForce(period)).execute();
  const paid = new Set(
    (await tx.selectFrom('payment').select('part_id').where('run_id', '=', runId).execute()).map((r) => r.part_id),
  );
  const missing = inForceIds
    .map((r) => r.id)
    .filter((id) => !paid.has(id))
    .sort()
    .slice(0, limit);
  if (missing.length === 0) return [];
  const rows = await tx
    .selectFrom('budget_part')
    .select(partColumns)
    .where('id', 'in', missing)
    .orderBy('id')
    .execute();
  return rows.map(toPart);
}

/** Every part in force in the period of these people, by person (contributions are shared across them). */
export async function partsOfPeople(
  tx: Tx,
  personIds: readonly string[],
  period: Period,
): Promise<Map<string, PartForRun[]>> {
  const byPerson = new Map<string, PartForRun[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await tx
    .selectFrom('budget_part')
    .select(partColumns)
    .where('person_id', 'in', personIds)
    .where(inForce(period))
    .execute();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), toPart(row)]);
  return byPerson;
}

/** These people's client contributions overlapping the period, by person. */
export async function contributionsOf(
  tx: Tx,
  personIds: readonly string[],
  period: Period,
): Promise<Map<string, ContributionForRun[]>> {
  const byPerson = new Map<string, ContributionForRun[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await tx
    .selectFrom('client_contribution')
    .select(['person_id', 'account_id', 'weekly_pence', 'starts_on', 'ends_on'])
    .where('person_id', 'in', personIds)
    .where('starts_on', '<=', period.end)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', period.start)]))
    .where('weekly_pence', '>', 0)
    .execute();
  for (const row of rows) {
    const c = {
      personId: row.person_id,
      accountId: row.account_id,
      weeklyPence: Number(row.weekly_pence),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    };
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), c]);
  }
  return byPerson;
}

/** The suitable-person parts among these that have an appointment recorded. */
export async function appointedParts(tx: Tx, partIds: readonly string[]): Promise<Set<string>> {
  if (partIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('suitable_person_appointment')
    .select('part_id')
    .where('part_id', 'in', partIds)
    .execute();
  return new Set(rows.map((r) => r.part_id));
}

/** Who each part is paid to: the provider's account for provider routes, the part's own otherwise. */
export async function payeesFor(tx: Tx, parts: readonly PartForRun[]): Promise<(part: PartForRun) => Payee | null> {
  const partIds = parts.map((p) => p.id);
  const serviceIds = [...new Set(parts.flatMap((p) => (p.serviceId ? [p.serviceId] : [])))];
  const rows = await tx
    .selectFrom('payee_bank_account')
    .select(['part_id', 'service_id', 'account_name', 'sort_code', 'account_number'])
    .where((eb) =>
      eb.or([
        ...(partIds.length ? [eb('part_id', 'in', partIds)] : []),
        ...(serviceIds.length ? [eb('service_id', 'in', serviceIds)] : []),
        eb.val(false),
      ]),
    )
    .execute();
  const toPayee = (r: (typeof rows)[number]): Payee => ({
    name: r.account_name,
    sortCode: r.sort_code,
    accountNumber: r.account_number,
  });
  const byPart = new Map(rows.filter((r) => r.part_id).map((r) => [r.part_id!, toPayee(r)]));
  const byService = new Map(rows.filter((r) => r.service_id).map((r) => [r.service_id!, toPayee(r)]));
  return (part) =>
    PROVIDER_ROUTES.has(part.route)
      ? ((part.serviceId ? byService.get(part.serviceId) : undefined) ?? null)
      : (byPart.get(part.id) ?? null);
}

/** Whether the council collects client contributions by paying direct payments net of them (the default). */
export async function collectsContributionsNet(tx: Tx): Promise<boolean> {
  const row = await tx.selectFrom('budget_settings').select('contribution_collection').executeTakeFirst();
  return (row?.contribution_collection ?? 'net') === 'net';
}
