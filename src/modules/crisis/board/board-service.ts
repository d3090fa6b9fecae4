import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import { ConflictError } from '../../../platform/http/errors.js';
import type { KeptAnswers } from '../../../platform/cache/kept-answers.js';
import { crisisSettings, type CrisisSettings, type UrgencyLevel } from '../settings.js';
import { anyRestrictedOpen, listOpenEpisodes } from './board-repository.js';
import { patchTeams } from '../../../platform/db/teams.js';
import { sortBoard, summarise, type BoardItem, type BoardSummary } from './board-view.js';
import { boardRowsKey, type KeptBoardRows } from './board-cache.js';
import { changeGeneration } from '../../../platform/db/change-generation.js';
import { todayInLondon } from '../../../platform/dates.js';
import { crisisFigures, type FiguresRange } from '../figures/index.js';
import type { RequestContext } from '../../../platform/http/context.js';

/** What the board's page is rendered from. */
export interface BoardContent {
  /** The page of the board shown: the most urgent first. */
  items: BoardItem[];
  /** Counts over every open episode on the board, not only the page shown. */
  summary: BoardSummary;
  page: number;
  pageCount: number;
  /** The position on the whole board of the first item shown (1-based). */
  firstShown: number;
  patches: { id: string; name: string }[];
  patchId: string | null;
  patchName: string | null;
}

/**
 * How many episodes one page of the board shows, most urgent first. A busy patch has 200 open
 * episodes: a team works the top of the list, and every person shown is disclosed and audited, so the
 * board shows a page at a time (GOV.UK pagination) with the counts for all of them above it.
 */
export const BOARD_PAGE_SIZE = 25;

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
 * security; every view of a board writes one audit entry naming everyone shown, in that transaction.
 */
export class CrisisBoardService {
  constructor(
    private readonly db: Kysely<DB>,
    /** The boards' kept rows (board-cache.ts), built once per app in createApp. */
    private readonly kept: KeptAnswers,
  ) {}

  /**
   * One page of the board of one patch (or every patch, when `patchId` is not one of them) as it
   * stands at `now`, audited: one entry naming everyone on the page, written last in the same
   * transaction, so a board whose audit fails is never shown. The rows everyone sees alike come from
   * the kept rows while the crisis-board change number holds; the clocks and the order are worked
   * out afresh. A page past the end shows the last page.
   */
  async board(ctx: RequestContext, patchId: string | null, now: Date, page = 1): Promise<BoardContent> {
    const orgId = ctx.actor.orgId;
    return withOrg(this.db, orgId, async (tx) => {
      // First, before anything the board is read from: see platform/db/change-generation.ts.
      const generation = await changeGeneration(tx, orgId, 'crisis-board');
      const kept = await this.kept.get(boardRowsKey(orgId, patchId), generation, () =>
        this.readRows(tx, ctx.actor, patchId),
      );
      const restricted = kept.anyRestricted ? await listOpenEpisodes(tx, ctx.actor, kept.patchId, true) : [];
      const rows = restricted.length === 0 ? kept.rows : [...kept.rows, ...restricted];
      const all = sortBoard(rows, now, todayInLondon(now), kept.settings.warnDays);
      const pageCount = Math.max(1, Math.ceil(all.length / BOARD_PAGE_SIZE));
      const shownPage = Math.min(Math.max(1, page), pageCount);
      const start = (shownPage - 1) * BOARD_PAGE_SIZE;
      const items = all.slice(start, start + BOARD_PAGE_SIZE);
      await writeAudit(tx, ctx, [
        {
          action: 'crisis-board.list',
          resourceType: 'crisis_board',
          resourceId: kept.patchId ?? 'all',
          personIds: items.map((item) => item.personId),
        },
      ]);
      const patchName = kept.patches.find((p) => p.id === kept.patchId)?.name ?? null;
      return {
        items,
        summary: summarise(all),
        page: shownPage,
        pageCount,
        firstShown: start + 1,
        patches: kept.patches,
        patchId: kept.patchId,
        patchName,
      };
    });
  }

  /** What the board keeps: the same for every member of the organisation's staff (board-cache.ts). */
  private async readRows(tx: Tx, actor: Actor, patchId: string | null): Promise<KeptBoardRows> {
    const [settings, patches] = await Promise.all([crisisSettings(tx), patchTeams(tx)]);
    // A team that is not one of this council's patches shows every patch, and says so.
    const shownPatchId = patches.some((p) => p.id === patchId) ? patchId : null;
    const [rows, anyRestricted] = await Promise.all([
      listOpenEpisodes(tx, actor, shownPatchId, false),
      anyRestrictedOpen(tx, shownPatchId),
    ]);
    return { patchId: shownPatchId, patches, settings, rows, anyRestricted };
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
