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
        starts_on: part.startsOn,
        pool_id: part.poolId ?? null,
        cld_delivery_mechanism: part.route === 'isf' ? 'CASSR Managed Personal Budget' : 'Direct Payment only',
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
