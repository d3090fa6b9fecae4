import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { withOrg } from '../../src/platform/db/scope.js';
import {
  accountBalances,
  councilAccount,
  openAccount,
  postJournal,
  type HoldingRoute,
} from '../../src/modules/budgets/index.js';

/**
 * Budget parts for tests, written straight to the tables (the parts service is the lead's): a part
 * with its own holding account, and payments into it from the council's funding account.
 */
export interface TestPart {
  id: string;
  accountId: string;
}

export async function insertPart(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  part: { route: HoldingRoute; weeklyPence: number; startsOn: string; cardRestrictions?: string; holder?: string },
): Promise<TestPart> {
  return withOrg(db, orgId, async (tx) => {
    const accountId = await openAccount(tx, { kind: 'holding', personId, label: `Test ${part.route}` });
    const row = await tx
      .insertInto('budget_part')
      .values({
        org_id: orgId,
        person_id: personId,
        route: part.route,
        holder: part.holder ?? 'The person',
        weekly_pence: part.weeklyPence,
        starts_on: part.startsOn,
        card_restrictions: part.cardRestrictions ?? null,
        cld_delivery_mechanism: 'Direct payment',
        account_id: accountId,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, accountId };
  });
}

export async function payIn(db: Kysely<DB>, orgId: string, personId: string, accountId: string, pence: number) {
  await withOrg(db, orgId, async (tx) => {
    const funding = await councilAccount(tx, 'council_funding');
    await postJournal(tx, null, {
      kind: 'pay',
      description: 'Test payment',
      effectiveOn: '2026-11-02',
      personId,
      postings: [
        { accountId: funding, amountPence: -pence },
        { accountId, amountPence: pence },
      ],
    });
  });
}

export async function balanceOf(db: Kysely<DB>, orgId: string, accountId: string): Promise<number> {
  return withOrg(db, orgId, async (tx) => (await accountBalances(tx, [accountId])).get(accountId)!);
}
