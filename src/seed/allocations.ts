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

interface DemoBudget {
  completedOn: string;
  version: RasVersion;
  status: BudgetStatus;
  /** Agreed or proposed amount relative to the indicative one, in pence (0: the same). */
  plus?: number;
  reason?: string;
  panel?: true;
}

/** Every status, under both versions: older assessments under 2025. */
const DEMO_BUDGETS: DemoBudget[] = [
  { completedOn: '2025-06-12', version: rasVersion2025, status: 'agreed' },
  {
    completedOn: '2025-09-03',
    version: rasVersion2025,
    status: 'agreed',
    plus: 4500,
    reason: 'Two extra hours a week of personal care while her wound heals, reviewed in 12 weeks',
  },
  { completedOn: '2026-02-18', version: rasVersion2025, status: 'indicative' },
  { completedOn: '2026-05-07', version: rasVersion2026, status: 'indicative' },
  {
    completedOn: '2026-07-21',
    version: rasVersion2026,
    status: 'awaiting_approval',
    plus: 12_000,
    reason: 'A night sitter twice a week so his wife can sleep',
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

export async function seedAllocations(db: Kysely<DB>, org: SeededOrganisation): Promise<number> {
  const author = org.userIds['sam.practitioner'] ?? null;
  const manager = org.userIds['priya.manager'] ?? null;
  const ids = await storeDemoRasVersions(db, org.orgId, org.userIds['ada.admin'] ?? null);
  const people = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('date_of_death', 'is', null)
    .where('date_of_birth', '<', '1990-01-01')
    .where((eb) => eb.not(eb.and([eb('family_name', '=', 'Jones'), eb('given_name', 'in', ['Edna', 'Harold'])])))
    .orderBy('council_person_id')
    .limit(DEMO_BUDGETS.length)
    .execute();
  for (const [n, person] of people.entries()) {
    const demo = DEMO_BUDGETS[n]!;
    const version = { ...demo.version, id: ids[demo.version.id]! };
    const assessment = await db
      .insertInto('assessment')
      .values({
        org_id: org.orgId,
        person_id: person.id,
        kind: 'adult',
        status: 'completed',
        method: 'face_to_face',
        started_on: demo.completedOn,
        completed_on: demo.completedOn,
        eligible: true,
        created_by: author,
        updated_by: author,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = demoAnswers(version, n + 1);
    const budget = indicativeBudget(version, answers);
    const proposed = demo.status === 'indicative' ? null : budget.weeklyPence + (demo.plus ?? 0);
    const decided = demo.status === 'agreed';
    // Agreed by whoever's delegated limit covers it, as the pages would have it: sam within his, else priya.
    const byPractitioner = checkApproval(DEFAULT_APPROVAL_LIMITS, 'practitioner', proposed ?? 0).kind === 'within';
    const decider = demo.panel ? 'panel' : byPractitioner ? 'practitioner' : 'team_manager';
    await db
      .insertInto('budget_allocation')
      .values({
        org_id: org.orgId,
        person_id: person.id,
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
  return people.length;
}
