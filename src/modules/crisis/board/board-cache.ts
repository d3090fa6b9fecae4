import { KeptAnswers } from '../../../platform/cache/kept-answers.js';
import type { BoardEpisodeRow } from './board-repository.js';
import type { CrisisSettings } from '../settings.js';

/**
 * What is kept of a crisis board: its data, never its page. Per organisation and patch asked for,
 * under the organisation's 'crisis-board' change number (platform/db/change-generation.ts: any
 * write to an episode, a person, a patch, a worker, the settings or who may see a restricted record
 * moves it, in the same transaction), so kept rows are never older than the data, whoever wrote it.
 *
 * Only what every member of the organisation's staff sees alike is kept: the episodes of people
 * without a restricted record. Restricted records' episodes depend on who is asking (named access,
 * a break-glass grant that can expire mid-minute), so they are read for each view — and only when
 * `anyRestricted` says there are some. The clocks, the order, the page and the audit entry are all
 * worked out for each request (board-service.ts).
 *
 * Why keep anything: a team keeps its board open all day and a busy patch's board is 200 episodes
 * with four joins; reading one change number instead is the difference.
 */
export interface KeptBoardRows {
  /** The patch shown (null: every patch, also when the one asked for is not one of this council's). */
  patchId: string | null;
  patches: { id: string; name: string }[];
  settings: CrisisSettings;
  /** The episodes of people without a restricted record, oldest referral first. */
  rows: BoardEpisodeRow[];
  /** Whether the patch has open episodes of restricted records (read per view, for the viewer). */
  anyRestricted: boolean;
}

/** Enough for every patch of a few councils; a 200-row board's rows are ~100 KB kept. */
const MAX_BOARDS = 200;
const MAX_BYTES = 32 * 2 ** 20;
/** Roughly what one episode row holds in memory (its strings, dates and object). */
const ROW_BYTES = 500;

export function crisisBoardRows(): KeptAnswers {
  return new KeptAnswers({
    area: 'crisis-board',
    maxEntries: MAX_BOARDS,
    maxBytes: MAX_BYTES,
    weigh: (answer) => 1_000 + (answer as KeptBoardRows).rows.length * ROW_BYTES,
  });
}

/** The key of a board's kept rows: what they depend on besides the change number. */
export function boardRowsKey(orgId: string, patchId: string | null): string {
  return `${orgId}\u0000${patchId ?? 'all'}`;
}
