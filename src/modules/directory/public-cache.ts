import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { KeptAnswers } from '../../platform/cache/kept-answers.js';
import { changeGeneration } from '../../platform/db/change-generation.js';

/**
 * Answers of the public directory (the information pages' searches, the open ORUK API's pages),
 * kept in memory and served again only while the organisation's 'directory' change number is unchanged.
 *
 * Why: these answers are the same for everyone and change only when the directory does, but a
 * search near a postcode ranks and counts ~1,300 services and an ORUK page serialises fifty; at 50
 * connections on two cores that work, not the database, set the response time. Checking one row
 * (change_generation's 'directory' number, moved by triggers in the same transaction as any write
 * to a table listed in platform/db/change-generation.ts) keeps every answer exactly as fresh as the data, across processes.
 *
 * The generation is read BEFORE the answer is computed: a write that commits in between makes the
 * kept answer newer than its generation says, which only costs one extra recomputation; the other
 * order could keep an old answer under a new number.
 */
export interface PublicCacheOptions {
  /** How many answers to keep (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  /**
   * How much memory the kept answers may hold. Anyone can ask for any search, so without a bound on
   * size a stream of distinct searches (whole pages of ~100 KB each) could grow the process by
   * hundreds of megabytes; with it, they only push older answers out.
   */
  maxBytes?: number;
}

/** Text is weighed by its length (two bytes a character); anything else counts as a typical search answer. */
function weigh(value: unknown): number {
  if (typeof value === 'string') return value.length * 2;
  if (value && typeof value === 'object' && 'html' in value && typeof value.html === 'string')
    return value.html.length * 2;
  return 16 * 1024;
}

export class PublicDirectoryCache {
  private readonly kept: KeptAnswers;

  constructor(
    private readonly db: Kysely<DB>,
    options: PublicCacheOptions = { maxEntries: 2_000 },
  ) {
    this.kept = new KeptAnswers({ ...options, area: 'directory', weigh });
  }

  get hits(): number {
    return this.kept.hits;
  }
  get misses(): number {
    return this.kept.misses;
  }

  /** The organisation's current 'directory' change number ('0' before its directory was ever written). */
  generation(orgId: string): Promise<string> {
    return changeGeneration(this.db, orgId, 'directory');
  }

  /**
   * The kept answer for `key` if the directory has not changed since it was computed; otherwise
   * compute it (once, however many requests ask at the same moment) and keep it. A failed
   * computation is never kept.
   */
  async get<T>(orgId: string, key: string, compute: () => Promise<T>): Promise<T> {
    return (await this.at(orgId)).get(key, compute);
  }

  /**
   * Read the generation once and answer several keys against it (one round trip per request, not
   * one per key). Never call this inside a transaction on the embedded database: it queries on its
   * own connection.
   */
  async at(orgId: string): Promise<{ get<T>(key: string, compute: () => Promise<T>): Promise<T> }> {
    if (!this.kept.enabled) return { get: (_key, compute) => compute() };
    const generation = await this.generation(orgId);
    return { get: (key, compute) => this.kept.get(`${orgId}\u0000${key}`, generation, compute) };
  }

  /** What the cache holds now (for tests and the benchmark notes). */
  get size(): { entries: number; bytes: number } {
    return this.kept.size;
  }
}
