import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import type { RequestContext } from '../platform/http/context.js';
import { todayInLondon } from '../platform/dates.js';
import { rasVersion2026 } from '../modules/allocation/index.js';
import { MoneyService } from '../modules/budgets/index.js';
import type { SeededOrganisation } from './organisation.js';
import { scenarioPeople } from './scenario-people-data.js';
import { demoAnswers, insertBudget } from './allocations.js';
import { DEMO_HOLDINGS, type DemoHolding } from './budgets-data.js';
import { ctxFor } from './support-plans-stages.js';

export { ctxFor };

/**
 * How the demo county's budgets are held (issue 14 §2): each case study person's way (S3–S10) and a
 * trust for one resident, set up through the budgets module's own service exactly as the Money tab
 * does, so every rule holds (Joan's suitable person rests on the capacity records the plans seed
 * wrote). Runs after seedAllocations and seedSupportPlans.
 */
export async function seedBudgetHoldings(db: Kysely<DB>, org: SeededOrganisation): Promise<number> {
  const money = new MoneyService(db);
  const sam = ctxFor(org, 'sam.practitioner', 'practitioner');
  const frank = ctxFor(org, 'frank.finance', 'finance_officer');
  const monday = thisMonday();
  const services = await demoServices(db, org);
  let parts = 0;
  for (const holding of DEMO_HOLDINGS) {
    const personId = await scenarioPersonId(db, org.orgId, holding.person);
    if (!personId) continue;
    if (holding.agreedPence !== null) await agreeBudget(db, org, personId, holding, monday);
    const startsOn = monday.subtract({ weeks: holding.weeksAgo });
    await money.setUpPart(sam, personId, formFor(holding, startsOn, services));
    parts += 1;
    if (holding.switchTo) {
      const part = await db
        .selectFrom('budget_part')
        .select(['id', 'version'])
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      const from = monday.subtract({ weeks: holding.switchTo.weeksAgo });
      await money.switchPart(sam, personId, part.id, part.version, {
        ...holding.switchTo.form,
        ...boxes('from', from),
      });
      parts += 2;
    }
    if (holding.contribution)
      await money.recordContribution(frank, personId, { ...holding.contribution, ...boxes('startsOn', startsOn) });
  }
  return (
    parts +
    (await seedTrust(db, org, money, sam, monday)) +
    (await seedSecondIsf(db, org, money, sam, monday, services))
  );
}

/** A second provider holding an individual service fund, for another resident: ISFs at two providers (S3). */
async function seedSecondIsf(
  db: Kysely<DB>,
  org: SeededOrganisation,
  money: MoneyService,
  ctx: RequestContext,
  monday: Temporal.PlainDate,
  services: { isf: string; managed: string },
) {
  const resident = await agreedResidentWithoutParts(db, org.orgId);
  if (!resident) return 0;
  await money.setUpPart(ctx, resident.id, {
    route: 'isf',
    holder: services.managed,
    service: services.managed,
    weekly: (Number(resident.agreed_weekly_pence) / 100).toFixed(2),
    ...boxes('startsOn', monday.subtract({ weeks: 5 })),
  });
  return 1;
}

/** A user-controlled trust for one resident whose budget is agreed (not a case study person). */
async function seedTrust(
  db: Kysely<DB>,
  org: SeededOrganisation,
  money: MoneyService,
  ctx: RequestContext,
  monday: Temporal.PlainDate,
) {
  const resident = await agreedResidentWithoutParts(db, org.orgId);
  if (!resident) return 0;
  const startsOn = monday.subtract({ weeks: 6 });
  await money.setUpPart(ctx, resident.id, {
    route: 'trust',
    holder: `The ${resident.family_name} Family Trust`,
    weekly: (Number(resident.agreed_weekly_pence) / 100).toFixed(2),
    trustees: `Anne ${resident.family_name} (sister)\nDavid Cole (family friend)\nRuth Evans (former teacher)`,
    signedBy: 'The three trustees',
    ...boxes('startsOn', startsOn),
    ...boxes('signedOn', startsOn.subtract({ days: 7 })),
  });
  return 1;
}

function formFor(holding: DemoHolding, startsOn: Temporal.PlainDate, services: { isf: string; managed: string }) {
  const form: Record<string, string> = { ...holding.form, ...boxes('startsOn', startsOn) };
  const service =
    holding.form.route === 'isf' ? services.isf : holding.form.route === 'managed_account' ? services.managed : null;
  if (service) Object.assign(form, { service, holder: service });
  // A council-managed budget names its provider by role ('managed'): the directory's name is found at run time.
  if (holding.form.service === 'managed' && !service) form.service = services.managed;
  if (holding.form.signedBy) Object.assign(form, boxes('signedOn', startsOn.subtract({ days: 7 })));
  if (holding.form.route === 'suitable_person')
    Object.assign(form, boxes('spAppointed', startsOn.subtract({ days: 7 })));
  return form;
}

/**
 * Margaret's agency (an ISF, S3) is one the demo provider account curates, so Paul sees it; the
 * managed account (S8) is another organisation's.
 */
async function demoServices(db: Kysely<DB>, org: SeededOrganisation) {
  const paul = org.userIds['paul.provider'] ?? null;
  const active = db
    .selectFrom('directory_service')
    .select(['id', 'name'])
    .where('org_id', '=', org.orgId)
    .where('status', '=', 'active')
    .where('tl_withdrawn_at', 'is', null)
    .orderBy('name')
    .limit(1);
  let isf = paul ? await active.where('tl_owner_user_id', '=', paul).executeTakeFirst() : undefined;
  if (!isf && paul) {
    // The demo directory's curators are council staff: hand one home care entry to Paul's agency to keep up to date.
    isf = (await active.where('name', 'ilike', '%home%').executeTakeFirst()) ?? (await active.executeTakeFirst());
    if (isf)
      await db.updateTable('directory_service').set({ tl_owner_user_id: paul }).where('id', '=', isf.id).execute();
  }
  const managed = await active
    .where((eb) =>
      paul ? eb.or([eb('tl_owner_user_id', 'is', null), eb('tl_owner_user_id', '<>', paul)]) : eb.val(true),
    )
    .where('name', '<>', isf?.name ?? '')
    .executeTakeFirst();
  const fallback = (await active.executeTakeFirst())?.name ?? 'Homecare Fenshire';
  return { isf: isf?.name ?? fallback, managed: managed?.name ?? fallback };
}

export async function agreeBudget(
  db: Kysely<DB>,
  org: SeededOrganisation,
  personId: string,
  holding: Pick<DemoHolding, 'agreedPence' | 'reason' | 'weeksAgo'>,
  monday: Temporal.PlainDate,
) {
  const stored = await db
    .selectFrom('ras_version')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('label', '=', rasVersion2026.label)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const version = { ...rasVersion2026, id: stored.id };
  const completedOn = monday.subtract({ weeks: holding.weeksAgo + 2 }).toString();
  await insertBudget(
    db,
    org,
    personId,
    {
      completedOn,
      version: rasVersion2026,
      status: 'agreed',
      agreedPence: holding.agreedPence!,
      reason: holding.reason!,
    },
    version,
    demoAnswers(version, 7),
  );
}

async function scenarioPersonId(db: Kysely<DB>, orgId: string, key: string) {
  const nhs = scenarioPeople.find((p) => p.key === key)?.nhs_number;
  if (!nhs) return null;
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', orgId)
    .where('nhs_number', '=', nhs)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function thisMonday(): Temporal.PlainDate {
  const today = todayInLondon();
  return today.subtract({ days: today.dayOfWeek - 1 });
}

export const boxes = (field: string, date: Temporal.PlainDate) => ({
  [`${field}-day`]: String(date.day),
  [`${field}-month`]: String(date.month),
  [`${field}-year`]: String(date.year),
});

/** The first resident (not a case study person) whose budget is agreed and not yet held any way. */
async function agreedResidentWithoutParts(db: Kysely<DB>, orgId: string) {
  return (
    db
      .selectFrom('budget_allocation as b')
      .innerJoin('person as p', 'p.id', 'b.person_id')
      .select(['p.id', 'p.family_name', 'b.agreed_weekly_pence'])
      .where('b.org_id', '=', orgId)
      .where('b.status', '=', 'agreed')
      // Residents made by the generator or the tests may have no NHS number; `not in` alone would drop them.
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
        eb.not(eb.exists(eb.selectFrom('budget_part as x').select('x.id').whereRef('x.person_id', '=', 'p.id'))),
      )
      .orderBy('p.council_person_id')
      .executeTakeFirst()
  );
}
