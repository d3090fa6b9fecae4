import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { councilAccount, openAccount, postJournal, type HoldingRoute } from '../../src/modules/budgets/index.js';

/**
 * A budget part straight into the tables (the parts service is another slice): its holding account,
 * the part, and optionally a payment into the account (council funding → holding) so it has money.
 */
export async function insertPart(
  db: Kysely<DB>,
  orgId: string,
  part: {
    personId: string;
    route: HoldingRoute;
    holder: string;
    weeklyPence: number;
    startsOn: string;
    poolId?: string;
    serviceId?: string;
    fundPence?: number;
    feeWeeklyPence?: number;
  },
): Promise<{ partId: string; accountId: string }> {
  return withOrg(db, orgId, async (tx) => {
    const accountId = await openAccount(tx, { kind: 'holding', personId: part.personId, label: `${part.route} part` });
    const { id: partId } = await tx
      .insertInto('budget_part')
      .values({
        org_id: orgId,
        person_id: part.personId,
        route: part.route,
        holder: part.holder,
        service_id: part.serviceId ?? null,
        weekly_pence: part.weeklyPence,
        fee_weekly_pence: part.feeWeeklyPence ?? 0,
        starts_on: part.startsOn,
        pool_id: part.poolId ?? null,
        cld_delivery_mechanism: part.route === 'isf' ? 'CASSR managed personal budget' : 'Direct payment',
        account_id: accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (part.fundPence)
      await postJournal(tx, null, {
        kind: 'pay',
        description: 'Payment into the part',
        effectiveOn: part.startsOn,
        personId: part.personId,
        postings: [
          { accountId: await councilAccount(tx, 'council_funding'), amountPence: -part.fundPence },
          { accountId, amountPence: part.fundPence },
        ],
      });
    return { partId, accountId };
  });
}

/**
 * A pool of one member, written as the database owner (no RLS, no audit) for the cross-cutting
 * suites: the pool with its account and three signatories (in one transaction, as the database
 * requires), the person's pool part and their membership. Returns the pool's id.
 */
export async function insertPoolWithMember(db: Kysely<DB>, orgId: string, personId: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const account = async (kind: 'pool' | 'holding', person: string | null) =>
      (
        await tx
          .insertInto('budget_account')
          .values({ org_id: orgId, kind, person_id: person, label: `Fixture ${kind}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const pool = await tx
      .insertInto('budget_pool')
      .values({
        org_id: orgId,
        name: 'Fixture pool',
        purpose: 'Matrix fixture',
        account_id: await account('pool', null),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('budget_pool_signatory')
      .values(['A', 'B', 'C'].map((name, i) => ({ org_id: orgId, pool_id: pool.id, position: i + 1, name })))
      .execute();
    const part = await tx
      .insertInto('budget_part')
      .values({
        org_id: orgId,
        person_id: personId,
        route: 'pool',
        holder: 'Fixture pool',
        weekly_pence: 1000,
        starts_on: '2026-01-05',
        pool_id: pool.id,
        cld_delivery_mechanism: 'Direct payment',
        account_id: await account('holding', personId),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('budget_pool_member')
      .values({ org_id: orgId, pool_id: pool.id, person_id: personId, part_id: part.id, joined_on: '2026-01-05' })
      .execute();
    return pool.id;
  });
}
