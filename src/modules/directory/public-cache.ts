import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Answers of the public directory (the information pages' searches, the open ORUK API's pages),
 * kept in memory and served again only while the organisation's directory generation is unchanged.
 *
 * Why: these answers are the same for everyone and change only when the directory does, but a
 * search near a postcode ranks and counts ~1,300 services and an ORUK page serialises fifty; at 50
 * connections on two cores that work, not the database, set the response time. Checking one row
 * (directory_generation, moved by triggers in the same transaction as any directory write — see
 * migrations/0011) keeps every answer exactly as fresh as the data, across processes.
 *
 * The generation is read BEFORE the answer is computed: a write that commits in between makes the
 * kept answer newer than its generation says, which only costs one extra recomputation; the other
 * order could keep an old answer under a new number.
 */
interface Entry {
  generation: string;
  value: Promise<unknown>;
}

export interface PublicCacheOptions {
  /** How many answers to keep (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
}

export class PublicDirectoryCache {
  /** A Map iterates in insertion order: re-inserting on use makes its first key the least recently used. */
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly db: Kysely<DB>, private readonly options: PublicCacheOptions = { maxEntries: 2_000 }) {}

  /** The organisation's current directory generation ('0' before its directory was ever written). */
  async generation(orgId: string): Promise<string> {
    const row = await this.db.selectFrom('directory_generation').select('generation').where('org_id', '=', orgId).executeTakeFirst();
    return row ? String(row.generation) : '0';
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
    if (this.options.maxEntries <= 0) return { get: (_key, compute) => compute() };
    const generation = await this.generation(orgId);
    return { get: (key, compute) => this.lookup(`${orgId}\u0000${key}`, generation, compute) };
  }

  private lookup<T>(fullKey: string, generation: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(fullKey);
    this.entries.delete(fullKey);
    if (found && found.generation === generation) {
      this.hits += 1;
      this.entries.set(fullKey, found);
      return found.value as Promise<T>;
    }
    this.misses += 1;
    const value = compute();
    const entry: Entry = { generation, value };
    this.entries.set(fullKey, entry);
    value.catch(() => {
      if (this.entries.get(fullKey) === entry) this.entries.delete(fullKey);
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

const caches = new WeakMap<Kysely<DB>, PublicDirectoryCache>();

/** One cache per database handle, shared by the information pages and the ORUK API. */
export function publicDirectoryCache(db: Kysely<DB>, maxEntries: number): PublicDirectoryCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PublicDirectoryCache(db, { maxEntries })));
  return cache;
}
