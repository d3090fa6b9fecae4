import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/scope.js';
import type { SeededOrganisation } from './organisation.js';

/**
 * The demo county's allocations (casework, issue 13 §4), written as the database owner after the
 * requests, assessments and plans exist. Each patch gets a practitioner of its own (they cannot sign
 * in: no password), so each team's page has caseloads to count; in each patch the older waiting
 * requests are allocated round the team and the newest wait in its unallocated queue. Mr and Mrs
 * Jones's requests (S1 step 4) go to Sam, Edna's transferred from Priya with a reason, so a transfer
 * with its history is there to see; the plans Sam began go to Sam. A crisis episode's lead worker is
 * its allocation: those led from another patch are handed to the patch's own practitioner, with history.
 */
export const demoColleagues = [
  { username: 'jo.bennett', displayName: 'Jo Bennett', patch: 'Fenland North' },
  { username: 'dev.patel', displayName: 'Dev Patel', patch: 'Cathedral City' },
  { username: 'morgan.price', displayName: 'Morgan Price', patch: 'Southern Villages' },
];

/** Requests left in each team's unallocated queue (the newest ones). */
const LEFT_IN_QUEUE = 2;
const HAROLD_NHS = '9990000018';
const EDNA_NHS = '9990000026';
const JONES_NHS = [HAROLD_NHS, EDNA_NHS];
const DAY = 86_400_000;

/** A piece of work casework holds the allocation of (not a crisis episode: its lead worker is its own). */
interface Work {
  kind: string;
  id: string;
  person_id: string;
  patch_id: string | null;
}

interface Waiting {
  id: string;
  person_id: string;
  patch_id: string | null;
  nhs_number: string | null;
}

export async function seedCasework(db: Kysely<DB>, org: SeededOrganisation): Promise<{ allocated: number }> {
  return db.transaction().execute(async (tx) => {
    const colleagueIds = await addColleagues(tx, org);
    const teamOf = await workersByTeam(tx, org, colleagueIds);
    const waiting = await waitingRequests(tx, org);
    const priya = org.userIds['priya.manager'] ?? null;
    let allocated = 0;
    for (const [teamId, requests] of groupByTeam(waiting.filter((w) => !isJones(w)))) {
      const workers = teamOf.get(teamId) ?? [];
      // The newest half (at most LEFT_IN_QUEUE) wait in the queue; the rest go round the team.
      const toAllocate = requests.slice(0, requests.length - Math.min(LEFT_IN_QUEUE, Math.ceil(requests.length / 2)));
      for (const [i, request] of toAllocate.entries()) {
        if (workers.length === 0) break;
        await allocateWork(
          tx,
          org,
          { ...request, kind: 'assessment-request' },
          workers[i % workers.length]!,
          null,
          priya,
        );
        allocated += 1;
      }
    }
    const sam = org.userIds['sam.practitioner'];
    for (const request of waiting.filter(isJones)) {
      if (!sam) continue;
      // Edna's came to Priya first, then Sam took both: the transfer to see.
      await allocateWork(
        tx,
        org,
        { ...request, kind: 'assessment-request' },
        sam,
        request.nhs_number === EDNA_NHS ? priya : null,
        priya,
      );
      allocated += 1;
    }
    allocated += await allocatePlansToAuthors(tx, org, priya);
    return { allocated: allocated + (await handOverEpisodes(tx, org, colleagueIds, priya)) };
  });
}

/** Plans not yet approved go to the caseworker who began writing them with the person. */
async function allocatePlansToAuthors(tx: Tx, org: SeededOrganisation, by: string | null): Promise<number> {
  const plans = await tx
    .selectFrom('support_plan as sp')
    .innerJoin('person as p', 'p.id', 'sp.person_id')
    .innerJoin('staff_user as s', 's.id', 'sp.created_by')
    .select(['sp.id', 'sp.person_id', 'p.patch_id', 'sp.created_by'])
    .where('sp.org_id', '=', org.orgId)
    .where('sp.status', 'in', ['draft', 'agreed'])
    .where('s.role', 'in', ['practitioner', 'team_manager'])
    .execute();
  for (const plan of plans) await allocateWork(tx, org, { ...plan, kind: 'support-plan' }, plan.created_by!, null, by);
  return plans.length;
}

const isJones = (w: Waiting) => JONES_NHS.includes(w.nhs_number ?? '');

/**
 * A crisis episode's lead worker is its allocation. The crisis seed has Sam and Priya (Fenland
 * North) leading episodes in the other patches too; hand each of those to the patch's own
 * practitioner, as a manager would from the team page, with the history that leaves.
 */
async function handOverEpisodes(
  tx: Tx,
  org: SeededOrganisation,
  colleagueIds: Map<string, string>,
  by: string | null,
): Promise<number> {
  const staffTeams = new Map(
    (await tx.selectFrom('staff_user').select(['id', 'team_id']).where('org_id', '=', org.orgId).execute()).map((s) => [
      s.id,
      s.team_id,
    ]),
  );
  const episodes = await tx
    .selectFrom('crisis_episode')
    .select(['id', 'person_id', 'patch_id', 'lead_worker_id'])
    .where('org_id', '=', org.orgId)
    .where('status', '=', 'open')
    .where('lead_worker_id', 'is not', null)
    .orderBy('referred_at')
    .execute();
  let handed = 0;
  for (const e of episodes) {
    const colleague = e.patch_id ? colleagueIds.get(e.patch_id) : undefined;
    if (!colleague || staffTeams.get(e.lead_worker_id!) === e.patch_id) continue;
    await tx
      .updateTable('crisis_episode')
      .set((eb) => ({ lead_worker_id: colleague, version: eb('version', '+', 1) }))
      .where('id', '=', e.id)
      .execute();
    await tx
      .insertInto('work_allocation_history')
      .values({
        org_id: org.orgId,
        kind: 'crisis-episode',
        work_id: e.id,
        person_id: e.person_id,
        action: 'transfer',
        from_worker_id: e.lead_worker_id,
        to_worker_id: colleague,
        note: 'Handed to the patch’s own practitioner',
        created_at: new Date(Date.now() - DAY),
        created_by: by,
      })
      .execute();
    handed += 1;
  }
  return handed;
}

/** One practitioner per patch beside the demo accounts; their ids by patch. */
async function addColleagues(tx: Tx, org: SeededOrganisation): Promise<Map<string, string>> {
  const rows = demoColleagues
    .filter((c) => org.patchIds[c.patch])
    .map((c) => ({
      org_id: org.orgId,
      username: c.username,
      display_name: c.displayName,
      role: 'practitioner',
      team_id: org.patchIds[c.patch]!,
    }));
  if (rows.length === 0) return new Map();
  const added = await tx.insertInto('staff_user').values(rows).returning(['id', 'team_id']).execute();
  return new Map(added.map((a) => [a.team_id!, a.id]));
}

/** Each team's caseworkers, its own new practitioner first (so they have work even in a small patch). */
async function workersByTeam(
  tx: Tx,
  org: SeededOrganisation,
  colleagueIds: Map<string, string>,
): Promise<Map<string, string[]>> {
  const staff = await tx
    .selectFrom('staff_user')
    .select(['id', 'team_id'])
    .where('org_id', '=', org.orgId)
    .where('role', 'in', ['practitioner', 'team_manager'])
    .where('team_id', 'is not', null)
    .orderBy('display_name')
    .execute();
  const byTeam = new Map<string, string[]>();
  for (const s of staff) byTeam.set(s.team_id!, [...(byTeam.get(s.team_id!) ?? []), s.id]);
  for (const [teamId, ids] of byTeam) {
    const own = colleagueIds.get(teamId);
    if (own) byTeam.set(teamId, [own, ...ids.filter((id) => id !== own)]);
  }
  return byTeam;
}

/** Waiting requests, oldest first, with the person's NHS number (to find Mr and Mrs Jones). */
async function waitingRequests(tx: Tx, org: SeededOrganisation): Promise<Waiting[]> {
  return tx
    .selectFrom('assessment_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.patch_id', 'p.nhs_number'])
    .where('r.org_id', '=', org.orgId)
    .where('r.status', '=', 'waiting')
    .orderBy('r.received_on')
    .orderBy('r.id')
    .execute();
}

function groupByTeam(requests: Waiting[]): Map<string, Waiting[]> {
  const groups = new Map<string, Waiting[]>();
  for (const r of requests) if (r.patch_id) groups.set(r.patch_id, [...(groups.get(r.patch_id) ?? []), r]);
  return groups;
}

/**
 * Allocate a request to `worker`, as a manager would: first to `firstTo` and then transferred with a
 * reason when given, so the history shows both steps.
 */
async function allocateWork(
  tx: Tx,
  org: SeededOrganisation,
  request: Work,
  worker: string,
  firstTo: string | null,
  by: string | null,
): Promise<void> {
  const now = Date.now();
  const steps = firstTo
    ? [
        { action: 'allocate' as const, from: null, to: firstTo, note: null, at: new Date(now - 2 * DAY) },
        {
          action: 'transfer' as const,
          from: firstTo,
          to: worker,
          note: 'Sam knows the family from the crisis episode and will assess both of them',
          at: new Date(now - DAY),
        },
      ]
    : [{ action: 'allocate' as const, from: null, to: worker, note: null, at: new Date(now - DAY) }];
  const base = { org_id: org.orgId, kind: request.kind, work_id: request.id, person_id: request.person_id };
  await tx
    .insertInto('work_allocation')
    .values({
      ...base,
      team_id: request.patch_id,
      worker_id: worker,
      allocated_at: steps.at(-1)!.at,
      allocated_by: by,
      version: steps.length,
    })
    .execute();
  await tx
    .insertInto('work_allocation_history')
    .values(
      steps.map((s) => ({
        ...base,
        action: s.action,
        from_worker_id: s.from,
        to_worker_id: s.to,
        note: s.note,
        created_at: s.at,
        created_by: by,
      })),
    )
    .execute();
}
