import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import { withOrg } from '../platform/db/scope.js';
import { MonitoringService, councilAccount, demoStatementCsv, postJournal } from '../modules/budgets/index.js';
import type { SeededOrganisation } from './organisation.js';
import { scenarioPeople } from './scenario-people-data.js';
import { ctxFor, thisMonday } from './budgets.js';

/**
 * Monitoring as the demo county has it (issue 14 §4), after the holdings seed: the four-weekly
 * payments already made into Shirley's and Leonard's accounts (whole periods ending before this
 * week), each one's statement imported through the monitoring service — Shirley spends as planned
 * (light touch: nothing flagged), Leonard's managed account builds a surplus that the check flags
 * for a conversation — and Leonard's saved-up hours (S8).
 */
export async function seedMonitoring(db: Kysely<DB>, org: SeededOrganisation): Promise<void> {
  const monitoring = new MonitoringService(db);
  const sam = ctxFor(org, 'sam.practitioner', 'practitioner');
  for (const [key, spentShare] of [
    ['shirley', 0.97],
    ['mrL', 0.4],
  ] as const) {
    const part = await partOf(db, org.orgId, key);
    if (!part) continue;
    const weeks = await payHistory(db, org.orgId, part);
    const statement = demoStatementCsv({
      weeklyPence: Number(part.weekly_pence),
      from: part.starts_on,
      weeks,
      spentShare,
    });
    await monitoring.importStatement(sam, part.person_id, part.id, statement.csv);
  }
  await monitoring.checkAll(sam);
  const leonard = await partOf(db, org.orgId, 'mrL');
  if (!leonard) return;
  const monday = thisMonday();
  for (const [weeksAgo, direction, hundredths, note] of [
    [6, 'save', 300, 'Three floating hours not needed: Lilian was well'],
    [4, 'save', 250, 'The agency day was shortened'],
    [2, 'use', 200, 'Two hours of a sitting service so Leonard could go to the carers’ group'],
  ] as const)
    await monitoring.addSavedHours(sam, leonard.person_id, leonard.id, {
      direction,
      hundredths,
      weekOf: monday.subtract({ weeks: weeksAgo }).toString(),
      note,
    });
}

async function partOf(db: Kysely<DB>, orgId: string, key: string) {
  const nhs = scenarioPeople.find((p) => p.key === key)?.nhs_number ?? '';
  return db
    .selectFrom('budget_part as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .selectAll('b')
    .where('p.org_id', '=', orgId)
    .where('p.nhs_number', '=', nhs)
    .where('b.ends_on', 'is', null)
    .executeTakeFirst();
}

/** Four weeks in advance from the part's start, for every whole period that ends before this Monday. Returns the weeks paid. */
async function payHistory(
  db: Kysely<DB>,
  orgId: string,
  part: { id: string; person_id: string; account_id: string; starts_on: string; weekly_pence: string | number | null },
) {
  const monday = thisMonday();
  let start = Temporal.PlainDate.from(part.starts_on);
  let weeks = 0;
  await withOrg(db, orgId, async (tx) => {
    const funding = await councilAccount(tx, 'council_funding');
    while (Temporal.PlainDate.compare(start.add({ weeks: 4 }), monday) <= 0) {
      const pence = 4 * Number(part.weekly_pence);
      await postJournal(tx, null, {
        kind: 'pay',
        description: `Four-weekly payment from ${start.toString()}`,
        effectiveOn: start.toString(),
        personId: part.person_id,
        idempotencyKey: `seed-history:${part.id}:${start.toString()}`,
        postings: [
          { accountId: funding, amountPence: -pence },
          { accountId: part.account_id, amountPence: pence },
        ],
      });
      start = start.add({ weeks: 4 });
      weeks += 4;
    }
  });
  return weeks;
}
