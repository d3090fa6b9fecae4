import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { completeRun, createRun, prepareRun, releaseRun } from '../modules/budgets/index.js';
import type { SeededOrganisation } from './organisation.js';
import { demoAccounts } from './organisation.js';
import { ctxFor, thisMonday } from './budgets.js';

/** Routes paid to the holder's own bank account (council-managed parts and ISFs are paid to the provider). */
const PAID_TO_HOLDER = [
  'direct_payment',
  'suitable_person',
  'prepaid_card',
  'managed_account',
  'trust',
  'pool',
  'one_off',
];

/**
 * Payment runs as the demo county has them (issue 14 §3), after the holdings seed: bank details for
 * every holder and for the ISF providers (made-up numbers), this period's run prepared by Frank,
 * released by Fiona with her password and marked sent (completed), and the next period's run
 * prepared and waiting for a second person to release it (in progress). George's and Mrs N's
 * council-managed parts name no provider, so each run holds them back and says why.
 */
export async function seedPaymentRuns(db: Kysely<DB>, org: SeededOrganisation): Promise<string[]> {
  await seedBankDetails(db, org);
  const frank = ctxFor(org, 'frank.finance', 'finance_officer');
  const fiona = ctxFor(org, 'fiona.finance', 'finance_officer');
  const monday = thisMonday();
  const current = await createRun(db, frank, monday.toString());
  await prepareRun(db, frank, current);
  const totals = await db
    .selectFrom('payment_run')
    .select(['payment_count', 'total_pence'])
    .where('id', '=', current)
    .executeTakeFirstOrThrow();
  const password = demoAccounts.find((a) => a.username === 'fiona.finance')!.password;
  await releaseRun(
    db,
    fiona,
    current,
    { password, seenCount: totals.payment_count, seenTotalPence: Number(totals.total_pence) },
    '127.0.0.1',
  );
  await completeRun(db, fiona, current);
  const next = await createRun(db, frank, monday.add({ weeks: 4 }).toString());
  await prepareRun(db, frank, next);
  return [current, next];
}

async function seedBankDetails(db: Kysely<DB>, org: SeededOrganisation) {
  const parts = await db
    .selectFrom('budget_part')
    .select(['id', 'holder', 'route', 'service_id'])
    .where('org_id', '=', org.orgId)
    .orderBy('created_at')
    .execute();
  const rows = parts
    .filter((p) => PAID_TO_HOLDER.includes(p.route))
    .map((p, n) => ({
      org_id: org.orgId,
      part_id: p.id,
      account_name:
        p.holder
          .replace(/[^A-Za-z0-9 .&'-]/g, ' ')
          .slice(0, 60)
          .trim() || 'Account holder',
      sort_code: '40' + String(1000 + n).padStart(4, '0'),
      account_number: String(31_000_000 + n * 7919).padStart(8, '0'),
    }));
  if (rows.length) await db.insertInto('payee_bank_account').values(rows).execute();
  const providers = [...new Set(parts.filter((p) => p.route === 'isf' && p.service_id).map((p) => p.service_id!))].map(
    (serviceId, n) => ({
      org_id: org.orgId,
      service_id: serviceId,
      account_name: `Provider account ${n + 1}`,
      sort_code: '60' + String(2000 + n).padStart(4, '0'),
      account_number: String(52_000_000 + n * 104_729).padStart(8, '0'),
    }),
  );
  if (providers.length) await db.insertInto('payee_bank_account').values(providers).execute();
}
