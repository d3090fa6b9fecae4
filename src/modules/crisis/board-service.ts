import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { appendAuditEntryIfUnchanged } from '../../platform/audit/append-batch.js';
import { writeAudit, type AuditEntry } from '../../platform/audit/audit.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { ConflictError } from '../../platform/http/errors.js';
import { crisisSettings, type CrisisSettings, type UrgencyLevel } from './settings.js';
import { listOpenEpisodes } from './board-repository.js';
import { patchTeams } from '../../platform/db/teams.js';
import { sortBoard, summarise, type BoardItem, type BoardSummary } from './board-view.js';
import { boardCache, exactUntil, type KeptBoard } from './board-cache.js';
import { changeGeneration } from '../../platform/db/change-generation.js';
import { todayInLondon } from '../../platform/dates.js';
import { crisisFigures, type FiguresRange } from './figures-repository.js';
import type { RequestContext } from '../../platform/http/context.js';

/** The audit entry for one view of a board: everyone listed, by the patch shown. */
function boardViewEntry(board: KeptBoard): AuditEntry {
  const entry = { action: 'crisis-board.list', resourceType: 'crisis_board', resourceId: board.patchId ?? 'all' };
  return board.listedIn === null
    ? { ...entry, personIds: board.personIds }
    : { ...entry, samePeopleAs: board.listedIn };
}

/** What the board's content template is given. */
export interface BoardContent {
  items: BoardItem[];
  summary: BoardSummary;
  patches: { id: string; name: string }[];
  patchId: string | null;
  patchName: string | null;
}

/** Someone saved the settings after this form was loaded: refuse, never overwrite their change. */
export class StaleSettingsError extends ConflictError {
  constructor() {
    super(
      'Someone else changed the crisis settings while you were editing them. Your changes have not been saved: check the settings below and make your changes again.',
    );
  }
}

/**
 * The crisis board, the figures and the settings. Each method is one transaction with row-level
 * security, except a view of a kept board, which is one guarded audit call; every view of a board
 * writes one audit entry naming everyone shown (or pointing at the entry that did), before it is sent.
 */
export class CrisisBoardService {
  private readonly kept = boardCache();

  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The board page of one patch (or every patch, when `patchId` is not one of them), rendered by
   * `render` and, when `keepFor` names the viewer's session, kept until something on it changes
   * (board-cache.ts). Every view is audited: one entry naming everyone listed.
   */
  async board(
    ctx: RequestContext,
    patchId: string | null,
    now: Date,
    options: { keepFor: string | null; render: (board: BoardContent) => string },
  ): Promise<KeptBoard> {
    const orgId = ctx.actor.orgId;
    const viewer = `${actorId(ctx.actor)}\u0000${ctx.actor.kind === 'user' ? ctx.actor.role : ctx.actor.kind}`;
    const key =
      options.keepFor === null ? null : `${orgId}\u0000${options.keepFor}\u0000${viewer}\u0000${patchId ?? 'all'}`;
    // A kept board still current by the clock is served if one database call (shared with other
    // views arriving at the same moment) finds the change number unchanged and, in the same breath,
    // commits the audit entry for this view; otherwise it is built again below.
    const kept = key === null ? null : this.kept.peek<KeptBoard>(key);
    if (
      kept &&
      (await appendAuditEntryIfUnchanged(this.db, ctx, boardViewEntry(kept.answer), {
        area: 'crisis-board',
        generation: kept.stamp,
      }))
    )
      return kept.answer;
    const { board, auditIds } = await withOrg(this.db, orgId, async (tx) => {
      // First, before anything the board is built from: see platform/db/change-generation.ts.
      const generation = await changeGeneration(tx, orgId, 'crisis-board');
      const build = () => this.build(tx, ctx.actor, patchId, now, options.render);
      const built =
        key === null ? await build() : await this.kept.get(key, generation, build, (b) => Date.now() < b.exactUntil);
      return { board: built, auditIds: await writeAudit(tx, ctx, [boardViewEntry(built)]) };
    });
    // Committed: from now on a view of this same kept page can point at this entry.
    board.listedIn ??= auditIds[0] ?? null;
    return board;
  }

  private async build(
    tx: Tx,
    actor: Actor,
    patchId: string | null,
    now: Date,
    render: (board: BoardContent) => string,
  ): Promise<KeptBoard> {
    const [settings, patches] = await Promise.all([crisisSettings(tx), patchTeams(tx)]);
    // A team that is not one of this council's patches shows every patch, and says so.
    const shownPatchId = patches.some((p) => p.id === patchId) ? patchId : null;
    const rows = await listOpenEpisodes(tx, actor, shownPatchId);
    const items = sortBoard(rows, now, todayInLondon(now), settings.warnDays);
    const patchName = patches.find((p) => p.id === shownPatchId)?.name ?? null;
    const page = Buffer.from(
      render({ items, summary: summarise(items), patches, patchId: shownPatchId, patchName }),
      'utf8',
    );
    return {
      page,
      gzipped: gzipSync(page),
      patchId: shownPatchId,
      personIds: rows.map((r) => r.person_id),
      exactUntil: exactUntil(rows, now),
      listedIn: null,
    };
  }

  /** Counts only: no person is named, so nothing personal is disclosed and nothing is audited. */
  async figures(ctx: RequestContext, range: FiguresRange) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => crisisFigures(tx, range));
  }

  async settings(ctx: RequestContext): Promise<{ settings: CrisisSettings; version: string }> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => ({
      settings: await crisisSettings(tx),
      version: await settingsVersion(tx),
    }));
  }

  /** Replace the urgency levels and the time limit, if nobody has saved since `version` was read. */
  async saveSettings(
    ctx: RequestContext,
    input: { timeLimitDays: number; warnDays: number; urgencyLevels: UrgencyLevel[] },
    version: string,
  ): Promise<void> {
    await withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if ((await settingsVersion(tx, true)) !== version) throw new StaleSettingsError();
      const orgId = ctx.actor.orgId;
      const by = actorId(ctx.actor);
      const values = {
        time_limit_days: input.timeLimitDays,
        warn_days: input.warnDays,
        updated_at: new Date(),
        updated_by: by,
      };
      await tx
        .insertInto('crisis_setting')
        .values({ org_id: orgId, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
      await tx.deleteFrom('crisis_urgency_level').where('org_id', '=', orgId).execute();
      await tx
        .insertInto('crisis_urgency_level')
        .values(
          input.urgencyLevels.map((l, i) => ({
            org_id: orgId,
            key: l.key,
            label: l.label,
            response_minutes: l.responseMinutes,
            position: i + 1,
          })),
        )
        .execute();
      await writeAudit(tx, ctx, [
        { action: 'crisis-settings.update', resourceType: 'crisis_setting', resourceId: orgId },
      ]);
    });
  }
}

/** When the settings were last saved ('' while the defaults apply): the form's guard against lost updates. */
async function settingsVersion(tx: Tx, lock = false): Promise<string> {
  let query = tx.selectFrom('crisis_setting').select('updated_at');
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? row.updated_at.toISOString() : '';
}
