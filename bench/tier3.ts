import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { demoCouncil } from '../src/seed/organisation.js';
import { DEMO_RAS_VERSIONS, priceForPoints, type RasVersion } from '../src/modules/allocation/index.js';
import { assessmentAnswers, planContent } from './tier3-plan.js';
import type { LoadJob } from './load.js';

/**
 * The tier 3 benchmark's data (issue 13 §5), added in bulk SQL to the large county when missing:
 * the two demo RAS versions, and for 20,000 people a completed assessment, an agreed budget under
 * one of the versions and an approved support plan. BENCHED_PLANS of them have the benched plan
 * (40 items, ten sections); the rest a small one. Reruns find it there and reuse it.
 */
export const TIER3_PEOPLE = 20_000;
export const BENCHED_PLANS = 500;
const PLAN_ITEMS = 40;

export interface Tier3Bench {
  /** People whose plan has 40 items, and their completed assessment. */
  benched: { personId: string; assessmentId: string }[];
  versionIds: string[];
  seedSeconds: number | null;
}

async function ensureVersions(db: Kysely<DB>, orgId: string): Promise<{ id: string; version: RasVersion }[]> {
  const found: { id: string; version: RasVersion }[] = [];
  for (const version of DEMO_RAS_VERSIONS) {
    const existing = await db
      .selectFrom('ras_version')
      .select('id')
      .where('org_id', '=', orgId)
      .where('label', '=', version.label)
      .executeTakeFirst();
    const { id: _id, ...definition } = version;
    const id =
      existing?.id ??
      (
        await db
          .insertInto('ras_version')
          .values({
            org_id: orgId,
            label: version.label,
            effective_from: version.effectiveFrom,
            status: 'published',
            definition: JSON.stringify(definition),
            published_at: new Date(`${version.effectiveFrom}T09:00:00Z`),
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    found.push({ id, version });
  }
  return found;
}

/** Each version's indicative weekly budget for 0…100 points (its price bands, floor and ceiling). */
function indicativeTable(version: RasVersion): number[] {
  return Array.from({ length: 101 }, (_, points) =>
    Math.min(
      version.ceilingWeeklyPence,
      Math.max(version.floorWeeklyPence, Number(priceForPoints(version.bands, points))),
    ),
  );
}

export async function ensureTier3(db: Kysely<DB>, log: (line: string) => void): Promise<Tier3Bench> {
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirstOrThrow();
  const versions = await ensureVersions(db, org.id);
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('support_plan')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', org.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  let seedSeconds: number | null = null;
  if ((await count()) < TIER3_PEOPLE) {
    log(`Adding assessments, agreed budgets and support plans for ${TIER3_PEOPLE.toLocaleString('en-GB')} people…`);
    const started = Date.now();
    await db.transaction().execute((tx) => insertTier3(tx as unknown as Kysely<DB>, org.id, versions));
    await sql`analyze assessment, budget_allocation, support_plan, support_plan_version`.execute(db);
    seedSeconds = (Date.now() - started) / 1000;
    log(`Added them in ${seedSeconds.toFixed(1)} s`);
  }
  const benched = await db
    .selectFrom('support_plan as p')
    .innerJoin('assessment as a', (join) =>
      join.onRef('a.person_id', '=', 'p.person_id').on('a.status', '=', 'completed'),
    )
    .select(['p.person_id as personId', 'a.id as assessmentId'])
    .where('p.org_id', '=', org.id)
    .where(
      sql<boolean>`jsonb_array_length((select v.content -> 'items' from support_plan_version v where v.plan_id = p.id and v.version = p.current_version)) = ${PLAN_ITEMS}`,
    )
    .orderBy('p.person_id')
    .limit(BENCHED_PLANS)
    .execute();
  return { benched, versionIds: versions.map((v) => v.id), seedSeconds };
}

/**
 * One transaction: pick the people (a fixed order, so every run picks the same), then one statement
 * each for assessments, budgets, plans and their versions. Points spread 4–80; the agreed budget is
 * the indicative one, or within about ±30 % of it with a reason for one in three.
 */
async function insertTier3(tx: Kysely<DB>, orgId: string, versions: { id: string; version: RasVersion }[]) {
  const { answers, determination, eligible } = assessmentAnswers();
  const [v2025, v2026] = versions as [{ id: string; version: RasVersion }, { id: string; version: RasVersion }];
  await sql`
    create temporary table tier3_people on commit drop as
    select id as person_id, row_number() over (order by md5(id::text)) as n
    from person
    where org_id = ${orgId} and not restricted and date_of_death is null
      and not exists (select 1 from support_plan s where s.person_id = person.id)
    order by md5(id::text)
    limit ${TIER3_PEOPLE}
  `.execute(tx);
  await sql`
    insert into assessment (org_id, person_id, kind, status, method, started_on, completed_on, can_do, matters,
      network_does, needs, own_words, answers, determination, eligible, updated_at)
    select ${orgId}, person_id, 'adult', 'completed', 'face_to_face', date '2026-04-01' - (n % 200)::int,
      date '2026-04-10' - (n % 200)::int,
      'Can walk to the corner shop on good days; manages own tablets', 'Seeing the grandchildren; the garden',
      'Daughter visits three times a week; a neighbour shops', 'Help to wash, dress and eat well',
      'I want to stay in my own home', ${JSON.stringify(answers)}::jsonb, ${JSON.stringify(determination)}::jsonb,
      ${eligible}, now()
    from tier3_people
  `.execute(tx);
  await sql`
    insert into budget_allocation (org_id, person_id, assessment_id, ras_version_id, answers, points,
      indicative_weekly_pence, lines, calculated_on, status, agreed_weekly_pence, difference_reason,
      decided_role, decided_at, updated_at)
    select ${orgId}, t.person_id, a.id, case when t.n % 2 = 0 then ${v2025.id}::uuid else ${v2026.id}::uuid end,
      '{}'::jsonb, x.points, x.indicative, '[]'::jsonb, a.completed_on, 'agreed',
      x.agreed, case when x.agreed <> x.indicative then 'Agreed with the person after planning' end,
      'team_manager', a.completed_on + time '12:00', now()
    from tier3_people t
    join assessment a on a.person_id = t.person_id and a.org_id = ${orgId} and a.status = 'completed'
    cross join lateral (
      select p.points, p.indicative,
        case when t.n % 3 = 0 then (p.indicative * (70 + (t.n * 7919) % 61) / 100) else p.indicative end as agreed
      from (select 4 + ((t.n * 2654435761) % 77)::int as points) q
      cross join lateral (select q.points,
        (case when t.n % 2 = 0 then ${indicativeTable(v2025.version)}::bigint[] else ${indicativeTable(v2026.version)}::bigint[] end)[q.points + 1] as indicative) p
    ) x
  `.execute(tx);
  await sql`
    insert into support_plan (org_id, person_id, status, agreed_weekly_budget_pence, current_version, updated_at)
    select ${orgId}, t.person_id, 'approved', b.agreed_weekly_pence, 1, now()
    from tier3_people t join budget_allocation b on b.person_id = t.person_id and b.org_id = ${orgId}
  `.execute(tx);
  await sql`
    insert into support_plan_version (org_id, plan_id, person_id, version, content, changed_part)
    select ${orgId}, p.id, p.person_id, 1,
      case when t.n <= ${BENCHED_PLANS} then ${JSON.stringify(planContent(PLAN_ITEMS))}::jsonb
           else ${JSON.stringify(planContent(8))}::jsonb end,
      'Agreed with the person'
    from tier3_people t join support_plan p on p.person_id = t.person_id and p.org_id = ${orgId}
  `.execute(tx);
}

type Job = Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>;

export function tier3Jobs(
  bench: Tier3Bench,
  cookie: Record<string, string>,
  has: (url: string) => boolean,
): [string, Job][] {
  // As a browser asks (every browser accepts gzip), so a page sent compressed is measured as it is sent.
  const headers = { ...cookie, 'accept-encoding': 'gzip, deflate, br' };
  const jobs: [string, Job][] = [];
  if (has('/people/:id/support-plan'))
    jobs.push([
      `Support plan: GET /people/:id/support-plan (${PLAN_ITEMS} items, ten sections), ${bench.benched.length} people`,
      { method: 'GET', headers, paths: bench.benched.map((b) => `/people/${b.personId}/support-plan`) },
    ]);
  if (has('/people/:id/assessments/:assessmentId'))
    jobs.push([
      `Assessment page: GET /people/:id/assessments/:assessmentId (completed), ${bench.benched.length} people`,
      {
        method: 'GET',
        headers,
        paths: bench.benched.map((b) => `/people/${b.personId}/assessments/${b.assessmentId}`),
      },
    ]);
  return jobs;
}

/** The fairness report alone: one client, each version in turn, `rounds` times; the slowest answer counts. */
export async function timeFairnessReport(
  base: string,
  cookie: string,
  versionIds: string[],
  rounds = 3,
): Promise<{ slowestMs: number; timesMs: number[] }> {
  const timesMs: number[] = [];
  for (let round = 0; round < rounds; round++)
    for (const id of versionIds) {
      const started = performance.now();
      const response = await fetch(`${base}/allocation/fairness?version=${id}&band=20&split=ethnicity`, {
        headers: { cookie },
      });
      await response.text();
      if (response.status !== 200) throw new Error(`The fairness report answered ${response.status}`);
      timesMs.push(Math.round(performance.now() - started));
    }
  return { slowestMs: Math.max(...timesMs), timesMs };
}

export const tier3Notes = [
  `Tier 3 (issue 13): ${TIER3_PEOPLE.toLocaleString('en-GB')} people of the large county have a completed assessment, an agreed budget under one of the two demo RAS versions (points 4–80, a third agreed within about ±30 % of the indicative budget) and an approved support plan, written in bulk SQL by bench/tier3.ts; ${BENCHED_PLANS} of the plans are the benched one: ${PLAN_ITEMS} support items (paid, unpaid, quotes), all nine profile sections, outcomes and a risk. The support plan and assessment pages are measured at 50 connections against the signed-in home page; the fairness report is timed alone (one client, each version three times, split by ethnicity), over every agreed budget under a version.`,
];
