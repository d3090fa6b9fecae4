import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { isOwnTeam, patchTeams } from '../../platform/db/teams.js';
import { caseworkers } from '../../platform/db/staff.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { gatherWork, type WorkItem } from './open-work.js';
import { historyOf, type HistoryEntry } from './repository.js';
import { allocateWork } from './allocate.js';
import type { AllocateInput } from './schema.js';

export interface Worker {
  id: string;
  display_name: string;
  team_id: string | null;
}

export interface WorkerCount {
  worker: Worker;
  people: number;
  items: number;
}

/** Casework's reads: a worker's caseload, a team's counts and queue, one piece of work and its history. */
export class CaseworkService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The signed-in worker's open work (their worklist) and their team's unallocated queue. */
  async myCaseload(ctx: RequestContext) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const me = ctx.actor.kind === 'user' ? ctx.actor.userId : '';
      const teamId = ctx.actor.kind === 'user' ? ctx.actor.teamId : null;
      const mine = await gatherWork(tx, ctx.actor, { workerId: me });
      const queue = teamId ? unallocatedIn(await gatherWork(tx, ctx.actor, { all: true }), teamId) : [];
      const team = teamId ? (await patchTeams(tx)).find((t) => t.id === teamId) : undefined;
      await auditListing(tx, ctx, { action: 'caseload.list', resourceId: me }, [...mine, ...queue]);
      return { mine, queue, team: team ?? null };
    });
  }

  /** A team's workers with their caseload counts, the team's unallocated queue, and one worker's work if asked. */
  async teamCaseload(ctx: RequestContext, teamId: string, workerId: string | null = null) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await isOwnTeam(tx, teamId, { patchOnly: false }))) throw new NotFoundError();
      mayViewTeam(ctx, teamId);
      const teams = await patchTeams(tx);
      const workers = (await caseworkers(tx)).filter((w) => w.team_id === teamId);
      const work = await gatherWork(tx, ctx.actor, { all: true });
      const counts = workers.map((worker) => countFor(worker, work));
      const queue = unallocatedIn(work, teamId);
      const worker = workers.find((w) => w.id === workerId) ?? null;
      const held = worker ? work.filter((w) => w.workerId === worker.id) : [];
      await auditListing(tx, ctx, { action: 'team-caseload.list', resourceId: teamId }, [...queue, ...held]);
      const team = teams.find((t) => t.id === teamId) ?? { id: teamId, name: 'Team' };
      return { team, teams, counts, queue, worker, held };
    });
  }

  /** One piece of open work: who holds it, who could, and its allocation history. */
  async workItem(ctx: RequestContext, workId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const item = await findWork(tx, ctx, workId);
      const history: HistoryEntry[] = await historyOf(tx, item.kind, item.workId);
      const everyone = await caseworkers(tx);
      const workers = item.teamId ? everyone.filter((w) => w.team_id === item.teamId) : everyone;
      const names = new Map(everyone.map((w) => [w.id, w.display_name]));
      await writeAudit(tx, ctx, [
        {
          action: 'work-allocation.view',
          resourceType: 'work_allocation',
          resourceId: item.workId,
          personId: item.person.id,
        },
      ]);
      return { item, history, workers, names };
    });
  }

  /** Allocate, transfer or return to the queue; the change and its history in one transaction. */
  async allocate(ctx: RequestContext, workId: string, input: AllocateInput): Promise<WorkItem> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const item = await findWork(tx, ctx, workId);
      return allocateWork(tx, ctx, item, input, await workersFor(tx, item));
    });
  }
}

async function findWork(tx: Tx, ctx: RequestContext, workId: string): Promise<WorkItem> {
  const [item] = await gatherWork(tx, ctx.actor, { workId });
  if (!item) throw new NotFoundError();
  return item;
}

/** Who may be given the work: the caseworkers of its team (everyone's, when it has none). */
async function workersFor(tx: Tx, item: WorkItem): Promise<Worker[]> {
  const all = await caseworkers(tx);
  return item.teamId ? all.filter((w) => w.team_id === item.teamId) : all;
}

/** Practitioners see their own team; team managers see any team of the council. */
function mayViewTeam(ctx: RequestContext, teamId: string): void {
  if (ctx.actor.kind !== 'user') throw new ForbiddenError();
  if (ctx.actor.role === 'team_manager' || ctx.actor.teamId === teamId) return;
  throw new ForbiddenError('You can see your own team’s caseloads only');
}

function unallocatedIn(work: WorkItem[], teamId: string): WorkItem[] {
  return work.filter((w) => w.teamId === teamId && w.workerId === null);
}

function countFor(worker: Worker, work: WorkItem[]): WorkerCount {
  const held = work.filter((w) => w.workerId === worker.id);
  return { worker, people: new Set(held.map((w) => w.person.id)).size, items: held.length };
}

/** One listing entry naming everyone shown, as every page that lists people writes. */
async function auditListing(
  tx: Tx,
  ctx: RequestContext,
  entry: { action: string; resourceId: string },
  shown: WorkItem[],
) {
  const personIds = [...new Set(shown.map((w) => w.person.id))];
  await writeAudit(tx, ctx, [{ ...entry, resourceType: 'caseload', personIds }]);
}
