import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import {
  DEFAULT_APPROVAL_LIMITS,
  checkApproval,
  deriveRasVersion,
  indicativeBudget,
  rasVersion2025,
  rasVersion2026,
  type BudgetStatus,
  type RasAnswers,
  type RasVersion,
} from '../modules/allocation/index.js';
import type { SeededOrganisation } from './organisation.js';
import { scenarioPeople } from './scenario-people-data.js';

/**
 * The demo county's budgets (issue 13 §2). Both demo RAS versions stored as published (2025 from
 * 2025-04-01, 2026 from 2026-04-01) and a 2027 draft to test and publish; completed adult assessments
 * for a handful of people (the seed writes straight into the tables, as the other seeds do), costed
 * under the version in force when each was completed, at every status. Edna and Harold Jones are left
 * alone: S1 step 4 is played live from their waiting requests.
 */

const definitionOf = (v: RasVersion) => {
  const { id: _id, ...definition } = v;
  return JSON.stringify(definition);
};

/** The two demo versions, published, and a draft made from 2026. Returns their ids by demo id. */
export async function storeDemoRasVersions(db: Kysely<DB>, orgId: string, authorId: string | null) {
  const ids: Record<string, string> = {};
  for (const v of [rasVersion2025, rasVersion2026]) {
    const row = await db
      .insertInto('ras_version')
      .values({
        org_id: orgId,
        label: v.label,
        effective_from: v.effectiveFrom,
        status: 'published',
        definition: definitionOf(v),
        published_at: new Date(`${v.effectiveFrom}T09:00:00Z`),
        published_by: authorId,
        created_by: authorId,
        updated_by: authorId,
        updated_at: new Date(`${v.effectiveFrom}T09:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[v.id] = row.id;
  }
  const draft = deriveRasVersion(rasVersion2026, {
    id: 'ras-2027-draft',
    label: 'Fenshire RAS 2027 (draft)',
    effectiveFrom: '2027-04-01',
    bands: rasVersion2026.bands.map((b) => ({ ...b, pencePerPoint: Math.round(b.pencePerPoint * 1.03) })),
  });
  const row = await db
    .insertInto('ras_version')
    .values({
      org_id: orgId,
      label: draft.label,
      effective_from: draft.effectiveFrom,
      definition: definitionOf(draft),
      based_on: ids[rasVersion2026.id]!,
      created_by: authorId,
      updated_by: authorId,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[draft.id] = row.id;
  return ids;
}

/** Answers of growing need: the n-th person's answer to each question steps through its list. */
export function demoAnswers(version: RasVersion, n: number): RasAnswers {
  const questions = version.domains.flatMap((d) => d.questions);
  const answers = Object.fromEntries(
    questions.map((q, i) => [q.key, q.answers[Math.min(q.answers.length - 1, (n + i) % (n + 2))]!.key]),
  );
  const networkMeetsNeed = n % 3 === 0 ? ['home'] : [];
  return { answers, networkMeetsNeed };
}

export interface DemoBudget {
  completedOn: string;
  version: RasVersion;
  status: BudgetStatus;
  /** Agreed or proposed amount relative to the indicative one, in pence (0: the same). */
  plus?: number;
  /** The agreed or proposed amount itself, in pence, when it is not worked out from the indicative one. */
  agreedPence?: number;
  reason?: string;
  panel?: true;
  method?: 'face_to_face' | 'supported_self_assessment';
}

/** Every status, under both versions: older assessments under 2025. */
const DEMO_BUDGETS: DemoBudget[] = [
  { completedOn: '2025-06-12', version: rasVersion2025, status: 'agreed' },
  {
    completedOn: '2025-09-03',
    version: rasVersion2025,
    status: 'agreed',
    plus: 4500,
    reason: 'Two extra hours a week of personal care while a leg wound heals, reviewed in 12 weeks',
  },
  { completedOn: '2026-02-18', version: rasVersion2025, status: 'indicative' },
  { completedOn: '2026-05-07', version: rasVersion2026, status: 'indicative' },
  {
    completedOn: '2026-07-21',
    version: rasVersion2026,
    status: 'awaiting_approval',
    plus: 12_000,
    reason: 'A night sitter twice a week so the family can sleep',
  },
  {
    completedOn: '2026-09-30',
    version: rasVersion2026,
    status: 'awaiting_panel',
    plus: 60_000,
    reason: 'Two carers for every call while the hoist assessment is done',
  },
  {
    completedOn: '2026-10-14',
    version: rasVersion2026,
    status: 'agreed',
    plus: 60_000,
    reason: 'Waking nights agreed by panel for six months',
    panel: true,
  },
];

/** The scenario people's own budgets (below); the rest of the demo budgets go to other residents. */
const SCENARIO_NHS = scenarioPeople.map((p) => p.nhs_number);

export async function seedAllocations(db: Kysely<DB>, org: SeededOrganisation): Promise<number> {
  const ids = await storeDemoRasVersions(db, org.orgId, org.userIds['ada.admin'] ?? null);
  const people = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('date_of_death', 'is', null)
    .where('date_of_birth', '<', '1990-01-01')
    .where('restricted', '=', false)
    // The case study people (Edna and Harold, George, Mrs N, Joan…) have their own stories, not these.
    .where((eb) => eb.or([eb('nhs_number', 'is', null), eb('nhs_number', 'not in', SCENARIO_NHS)]))
    .orderBy('council_person_id')
    .limit(DEMO_BUDGETS.length)
    .execute();
  for (const [n, person] of people.entries()) {
    const demo = DEMO_BUDGETS[n]!;
    const version = { ...demo.version, id: ids[demo.version.id]! };
    await insertBudget(db, org, person.id, demo, version, demoAnswers(version, n + 1));
  }
  await seedScenarioBudgets(db, org, ids);
  return people.length;
}

/** A completed adult assessment and its budget, decided as the delegated limits allow. */
export async function insertBudget(
  db: Kysely<DB>,
  org: SeededOrganisation,
  personId: string,
  demo: DemoBudget,
  version: RasVersion,
  answers: RasAnswers,
) {
  const author = org.userIds['sam.practitioner'] ?? null;
  const manager = org.userIds['priya.manager'] ?? null;
  const assessment = await db
    .insertInto('assessment')
    .values({
      org_id: org.orgId,
      person_id: personId,
      kind: 'adult',
      status: 'completed',
      method: demo.method ?? 'face_to_face',
      started_on: demo.completedOn,
      completed_on: demo.completedOn,
      eligible: true,
      created_by: author,
      updated_by: author,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const budget = indicativeBudget(version, answers);
  const proposed = demo.status === 'indicative' ? null : (demo.agreedPence ?? budget.weeklyPence + (demo.plus ?? 0));
  const decided = demo.status === 'agreed';
  // Agreed by whoever's delegated limit covers it, as the pages would have it: sam within his, else priya.
  const byPractitioner = checkApproval(DEFAULT_APPROVAL_LIMITS, 'practitioner', proposed ?? 0).kind === 'within';
  const decider = demo.panel ? 'panel' : byPractitioner ? 'practitioner' : 'team_manager';
  await db
    .insertInto('budget_allocation')
    .values({
      org_id: org.orgId,
      person_id: personId,
      assessment_id: assessment.id,
      ras_version_id: version.id,
      answers: JSON.stringify(answers),
      points: budget.points,
      indicative_weekly_pence: budget.weeklyPence,
      lines: JSON.stringify(budget.lines),
      calculated_on: demo.completedOn,
      status: demo.status,
      agreed_weekly_pence: proposed,
      difference_reason: demo.reason ?? null,
      decided_by: decided ? (decider === 'practitioner' ? author : manager) : null,
      decided_role: decided ? decider : null,
      decided_at: decided ? new Date(`${demo.completedOn}T15:00:00Z`) : null,
      panel_date: demo.panel ? demo.completedOn : null,
      panel_members: demo.panel ? 'Priya Shah (team manager), head of service, finance lead' : null,
      panel_decision: demo.panel ? 'Agreed for six months, then reviewed' : null,
      created_by: author,
      updated_by: author,
      updated_at: new Date(`${demo.completedOn}T14:00:00Z`),
    })
    .execute();
}

const MRS_N_NHS = '9990000034';

/**
 * S2: Mrs N's supported self-assessment and her budget, agreed by Sam at £213.00 a week (£6.25 over
 * the indicative £206.75, for her float). Her draft plan (support-plans-data.ts) with the £40 gardening
 * quote costs £217.48 a week, £4.48 over; with the £25 one and a £2.50 float, £212.48, so it fits.
 * Exported for the S2 browser test, which seeds only the scenario people.
 */
export const MRS_N_BUDGET: DemoBudget = {
  completedOn: '2026-10-28',
  version: rasVersion2026,
  status: 'agreed',
  method: 'supported_self_assessment',
  agreedPence: 21_300,
  reason:
    'Her own costed plan: the agency’s hourly rate, her grandson’s student rate and a small float for bank-holiday rates',
};
export const MRS_N_ANSWERS: RasAnswers = {
  answers: {
    washing: 'all',
    dressing: 'most',
    toilet: 'none',
    meals: 'most',
    eating: 'none',
    moving_home: 'some',
    going_out: 'transport',
    housework: 'most',
    contact: 'some',
    activities: 'some',
    night: 'check',
    care_hours: 'none',
    carer_coping: 'fine',
  },
  networkMeetsNeed: [],
};

/** The scenario people's budgets: Mrs N's (S2). `ids`: the stored RAS versions, by demo id (else stored now). */
export async function seedScenarioBudgets(db: Kysely<DB>, org: SeededOrganisation, ids?: Record<string, string>) {
  const mrsN = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('nhs_number', '=', MRS_N_NHS)
    .executeTakeFirst();
  if (!mrsN) return;
  const versionIds = ids ?? (await storeDemoRasVersions(db, org.orgId, org.userIds['ada.admin'] ?? null));
  const version = { ...MRS_N_BUDGET.version, id: versionIds[MRS_N_BUDGET.version.id]! };
  await insertBudget(db, org, mrsN.id, MRS_N_BUDGET, version, MRS_N_ANSWERS);
}
