import { KeptAnswers } from '../../platform/cache/kept-answers.js';
import type { BoardEpisodeRow } from './board-repository.js';

/**
 * A crisis board page, kept per signed-in session and patch while nothing it shows has changed.
 *
 * Why: a busy patch's board lists 200 episodes, and rendering them (with every clock worked out)
 * costs more than everything else in the request together; a team keeps the board open and
 * refreshes it all day. The board is rebuilt as soon as (a) the organisation's 'crisis-board'
 * change number moves — any write to an episode, a person, a patch, a worker, the settings or who
 * may see a restricted record, in the same transaction (migrations/0014) — or (b) the clock moves
 * on: a kept board is exact until the next minute (its elapsed times are in minutes and its days
 * turn at midnight, a minute boundary) or, sooner, until a first-contact deadline it shows as
 * "waiting" passes, so a breach shows on the second it happens.
 *
 * The page is kept whole, bytes and gzip, for the session that asked (its name, navigation and
 * sign-out token are in it): a 200-row board is ~160 KB of HTML, and turning that text into bytes
 * and writing it cost more than everything else in the request; gzipped it is ~16 KB. A page
 * carrying a flash message is shown once and never kept. Every view is still audited (one entry
 * naming everyone shown) and the session and access are still checked per request before the
 * board is looked up: only the rendering is kept.
 */
export interface KeptBoard {
  /** The whole page, as sent, and gzipped (what every browser asks for). */
  page: Buffer;
  gzipped: Buffer;
  /** The patch shown, or null for every patch. */
  patchId: string | null;
  /** Everyone listed, for the audit entry. */
  personIds: string[];
  /** The board is exact until this moment (epoch milliseconds). */
  exactUntil: number;
  /**
   * The committed audit entry that first listed these people for this kept page (set after its
   * transaction commits, never before): later views of the same page point at it instead of
   * listing 200 people again.
   */
  listedIn: number | null;
}

/** Enough for every worker's board and a few patches each; a 200-row board is ~170 KB kept. */
const MAX_BOARDS = 500;
const MAX_BYTES = 32 * 2 ** 20;

export function boardCache(): KeptAnswers {
  return new KeptAnswers({
    maxEntries: MAX_BOARDS,
    maxBytes: MAX_BYTES,
    weigh: (answer) => {
      const board = answer as KeptBoard;
      return board.page.length + board.gzipped.length + board.personIds.length * 80;
    },
  });
}

/**
 * Until when a board built at `now` from these rows stays exact. A board that lists anyone on a
 * restricted record is never kept: whether this viewer may still see them can end mid-minute (a
 * break-glass grant expiring), so it is worked out afresh every time.
 */
export function exactUntil(rows: readonly BoardEpisodeRow[], now: Date): number {
  if (rows.some((r) => r.restricted)) return 0;
  let until = (Math.floor(now.getTime() / 60_000) + 1) * 60_000;
  for (const row of rows) {
    const due = row.response_due_at.getTime();
    if (row.first_contact_at === null && due >= now.getTime() && due < until) until = due;
  }
  return until;
}
