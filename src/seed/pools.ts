import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { withOrg } from '../platform/db/scope.js';
import { MoneyService, PoolService, councilAccount, postJournal } from '../modules/budgets/index.js';
import type { SeededOrganisation } from './organisation.js';
import { scenarioPeople } from './scenario-people-data.js';
import { agreeBudget, boxes, ctxFor, thisMonday } from './budgets.js';

const MEMBERS = 25;
const SIGNATORIES = ['Hazel Brook', 'Tom Ashby', 'Rukhsana Begum'] as const;
/** Who took over from the third signatory when she stood down. */
const NEW_SIGNATORY = 'Gloria Mensah';

/**
 * S9, pooled direct payments: 25 residents each put £100 of their direct payment into the Wednesday
 * Friends group's account, which three named signatories hold. A coach trip approved by two of them
 * is paid; the hall hire approved by one waits. Everything goes through the budgets services, so
 * the pool's record sheets add up. Returns the pool's id (null if the county is too small).
 */
export async function seedPool(db: Kysely<DB>, org: SeededOrganisation): Promise<string | null> {
  const residents = await db
    .selectFrom('person as p')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('p.org_id', '=', org.orgId)
    .where('p.restricted', '=', false)
    .where('p.date_of_death', 'is', null)
    .where((eb) =>
      eb.or([
        eb('p.nhs_number', 'is', null),
        eb(
          'p.nhs_number',
          'not in',
          scenarioPeople.map((s) => s.nhs_number),
        ),
      ]),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('budget_allocation as b').select('b.id').whereRef('b.person_id', '=', 'p.id'))),
    )
    .orderBy('p.council_person_id', 'desc')
    .limit(MEMBERS)
    .execute();
  if (residents.length < MEMBERS) return null;
  const sam = ctxFor(org, 'sam.practitioner', 'practitioner');
  const pools = new PoolService(db);
  const money = new MoneyService(db);
  const monday = thisMonday();
  const today = monday.add({ days: 2 }).toString();
  const started = monday.subtract({ weeks: 6 });
  const poolId = await pools.create(sam, {
    name: 'Wednesday Friends group',
    purpose: 'Days out, a tea dance and a lunch club the members choose together',
    signatory1: SIGNATORIES[0],
    signatory2: SIGNATORIES[1],
    signatory3: SIGNATORIES[2],
  });
  for (const person of residents) {
    await agreeBudget(
      db,
      org,
      person.id,
      { agreedPence: 2_000, reason: 'Their share of the group’s activities', weeksAgo: 6 },
      monday,
    );
    const partId = await money.setUpPart(sam, person.id, {
      route: 'pool',
      holder: `${person.given_name} ${person.family_name}`,
      weekly: '20.00',
      poolId,
      signedBy: `${person.given_name} ${person.family_name}`,
      ...boxes('startsOn', started),
      ...boxes('signedOn', started.subtract({ days: 7 })),
    });
    await payIntoPart(db, org.orgId, person.id, partId, started.toString());
    await pools.addMember(sam, poolId, { partId, ...boxes('joinedOn', started) }, today);
  }
  const members = await db
    .selectFrom('budget_pool_member')
    .select('id')
    .where('pool_id', '=', poolId)
    .orderBy('id')
    .execute();
  for (const m of members)
    await pools.contribute(
      sam,
      poolId,
      { submission: randomUUID(), memberId: m.id, amount: '100.00', ...boxes('contributedOn', started) },
      today,
    );
  await expenses(
    db,
    pools,
    sam,
    poolId,
    members.map((m) => m.id),
    monday,
    today,
  );
  return poolId;
}

/** The first five weeks of a member's £20 a week, paid into their part's account (as a payment run would). */
async function payIntoPart(db: Kysely<DB>, orgId: string, personId: string, partId: string, on: string) {
  await withOrg(db, orgId, async (tx) => {
    const part = await tx
      .selectFrom('budget_part')
      .select('account_id')
      .where('id', '=', partId)
      .executeTakeFirstOrThrow();
    await postJournal(tx, null, {
      kind: 'pay',
      description: 'Direct payment for the pool: five weeks',
      effectiveOn: on,
      personId,
      idempotencyKey: `seed-pool:${partId}`,
      postings: [
        { accountId: await councilAccount(tx, 'council_funding'), amountPence: -10_000 },
        { accountId: part.account_id, amountPence: 10_000 },
      ],
    });
  });
}

async function expenses(
  db: Kysely<DB>,
  pools: PoolService,
  ctx: ReturnType<typeof ctxFor>,
  poolId: string,
  memberIds: string[],
  monday: ReturnType<typeof thisMonday>,
  today: string,
) {
  const signatories = await db
    .selectFrom('budget_pool_signatory')
    .select(['id', 'name'])
    .where('pool_id', '=', poolId)
    .orderBy('position')
    .execute();
  const [first, second, third] = signatories.map((s) => s.id) as [string, string, string];
  const trip = await pools.requestExpense(
    ctx,
    poolId,
    {
      amount: '450.00',
      description: 'Coach trip to the coast',
      members: memberIds.slice(0, 18),
      requestedBy: first,
      ...boxes('spentOn', monday.subtract({ weeks: 2 })),
    },
    today,
  );
  for (const signatoryId of [second, third])
    await pools.approve(
      ctx,
      poolId,
      trip,
      { signatoryId, ...boxes('approvedOn', monday.subtract({ weeks: 2 })) },
      today,
    );
  const hall = await pools.requestExpense(
    ctx,
    poolId,
    {
      amount: '120.00',
      description: 'Hall hire for the tea dance',
      members: memberIds.slice(5, 17),
      requestedBy: first,
      ...boxes('spentOn', monday.subtract({ days: 5 })),
    },
    today,
  );
  // Approved by one holder only: it waits for a second, and is not paid.
  await pools.approve(
    ctx,
    poolId,
    hall,
    { signatoryId: second, ...boxes('approvedOn', monday.subtract({ days: 4 })) },
    today,
  );
  // The third signatory, who approved the trip, stood down last week; her approval still counts.
  await pools.replaceSignatory(
    ctx,
    poolId,
    third,
    { name: NEW_SIGNATORY, ...boxes('from', monday.subtract({ weeks: 1 })) },
    today,
  );
}
