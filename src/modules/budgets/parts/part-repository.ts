import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import type { BudgetPartRow } from '../tables.js';
import { HOLDING_ROUTES } from './holding-routes.js';
import type { ContributionInput, PartInput } from './part-forms.js';

/** The council's budget settings, or the defaults the migration gives until an administrator sets them. */
export async function findSettings(tx: Tx) {
  const row = await tx.selectFrom('budget_settings').selectAll().executeTakeFirst();
  return {
    smallPaymentLimitPence: row ? Number(row.small_payment_limit_pence) : 50000,
    contributionCollection: row?.contribution_collection ?? ('net' as const),
    surplusWeeks: row?.surplus_weeks ?? 8,
    directPaymentTermsVersion: row?.direct_payment_terms_version ?? '2026-1',
  };
}

/** The weekly amounts of the person's parts in force on or after `from` (a conservative sum: no double funding). */
export async function committedWeeklyPence(
  tx: Tx,
  personId: string,
  from: string,
  exceptPartId: string | null = null,
): Promise<number> {
  let query = tx
    .selectFrom('budget_part')
    .select(sql<string>`coalesce(sum(weekly_pence), 0)`.as('total'))
    .where('person_id', '=', personId)
    .where('route', '<>', 'one_off')
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]));
  if (exceptPartId) query = query.where('id', '<>', exceptPartId);
  return Number((await query.executeTakeFirstOrThrow()).total);
}

export type PartRow = BudgetPartRow;

export async function findPartForUpdate(tx: Tx, personId: string, partId: string): Promise<BudgetPartRow | undefined> {
  return tx
    .selectFrom('budget_part')
    .selectAll()
    .where('id', '=', partId)
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewPart {
  personId: string;
  allocationId: string | null;
  input: PartInput;
  accountId: string;
  serviceId: string | null;
  switchedFromId?: string | null;
}

/** A part with what its route needs recorded beside it (trustees, the agreement, the suitable person). */
export async function insertPart(tx: Tx, createdBy: string | null, part: NewPart, termsVersion: string) {
  const { input } = part;
  const row = await tx
    .insertInto('budget_part')
    .values({
      org_id: scopedOrgId,
      person_id: part.personId,
      allocation_id: part.allocationId,
      route: input.route,
      holder: input.holder,
      service_id: part.serviceId,
      weekly_pence: input.weeklyPence,
      one_off_pence: input.oneOffPence,
      starts_on: input.startsOn,
      fee_weekly_pence: input.feeWeeklyPence,
      card_restrictions: input.cardRestrictions,
      pool_id: input.poolId,
      cld_delivery_mechanism: HOLDING_ROUTES[input.route].cld,
      account_id: part.accountId,
      switched_from_id: part.switchedFromId ?? null,
      created_by: createdBy,
      updated_by: createdBy,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertRouteRecords(tx, createdBy, row.id, input, termsVersion);
  return row.id;
}

/** End a part the day before `from`, if nobody changed it since it was read (false: stale). */
export async function endPart(tx: Tx, updatedBy: string | null, part: BudgetPartRow, endsOn: string) {
  const result = await tx
    .updateTable('budget_part')
    .set({ ends_on: endsOn, updated_by: updatedBy, updated_at: new Date(), version: sql`version + 1` } as never)
    .where('id', '=', part.id)
    .where('version', '=', part.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new contribution; the one before it (if still open) ends the day before. */
export async function insertContribution(
  tx: Tx,
  createdBy: string | null,
  personId: string,
  input: ContributionInput,
  accountId: string,
  dayBefore: string,
) {
  await tx
    .updateTable('client_contribution')
    .set({ ends_on: dayBefore })
    .where('person_id', '=', personId)
    .where('ends_on', 'is', null)
    .where('starts_on', '<', input.startsOn)
    .execute();
  await tx
    .insertInto('client_contribution')
    .values({
      org_id: scopedOrgId,
      person_id: personId,
      weekly_pence: input.weeklyPence,
      starts_on: input.startsOn,
      financial_assessment_reference: input.reference,
      account_id: accountId,
      created_by: createdBy,
    } as never)
    .execute();
}

/** The person's contributions account, if they have one. */
export async function findContributionAccount(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('budget_account')
    .select('id')
    .where('person_id', '=', personId)
    .where('kind', '=', 'contribution')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The person's parts, oldest first: what the switch form offers. */
export async function listParts(tx: Tx, personId: string) {
  const rows = await tx
    .selectFrom('budget_part')
    .select(['id', 'version', 'route', 'holder', 'weekly_pence', 'starts_on', 'ends_on'])
    .where('person_id', '=', personId)
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    route: r.route,
    holder: r.holder,
    weeklyPence: r.weekly_pence === null ? null : Number(r.weekly_pence),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }));
}

/** What a route needs recorded beside its part: the trustees, the direct payment agreement, the suitable person. */
async function insertRouteRecords(
  tx: Tx,
  createdBy: string | null,
  partId: string,
  input: PartInput,
  termsVersion: string,
): Promise<void> {
  if (input.trustees.length)
    await tx
      .insertInto('budget_trustee')
      .values(input.trustees.map((name) => ({ org_id: scopedOrgId, part_id: partId, name })) as never)
      .execute();
  if (input.agreement)
    await tx
      .insertInto('direct_payment_agreement')
      .values({
        org_id: scopedOrgId,
        part_id: partId,
        signed_on: input.agreement.signedOn,
        signed_by: input.agreement.signedBy,
        terms_version: termsVersion,
        created_by: createdBy,
      } as never)
      .execute();
  if (input.suitablePerson) {
    const sp = input.suitablePerson;
    await tx
      .insertInto('suitable_person_appointment')
      .values({
        org_id: scopedOrgId,
        part_id: partId,
        name: sp.name,
        relationship: sp.relationship,
        dbs_checked_on: sp.dbsCheckedOn,
        references_checked: sp.referencesChecked,
        agrees_to_act_in_best_interests: sp.agreesToActInBestInterests,
        appointed_on: sp.appointedOn,
        created_by: createdBy,
      } as never)
      .execute();
  }
}
