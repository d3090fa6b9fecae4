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
  /** Roughly how many bytes the answer holds, once it has arrived. */
  bytes: number;
}

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

const DEFAULT_MAX_BYTES = 32 * 2 ** 20;
/** Text is weighed by its length (two bytes a character); anything else counts as a typical search answer. */
function weigh(value: unknown): number {
  if (typeof value === 'string') return value.length * 2;
  if (value && typeof value === 'object' && 'html' in value && typeof value.html === 'string') return value.html.length * 2;
  return 16 * 1024;
}

export class PublicDirectoryCache {
  /** A Map iterates in insertion order: re-inserting on use makes its first key the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
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
    if (found && found.generation === generation) {
      this.hits += 1;
      this.entries.delete(fullKey);
      this.entries.set(fullKey, found);
      return found.value as Promise<T>;
    }
    this.misses += 1;
    if (found) this.remove(fullKey);
    const value = compute();
    const entry: Entry = { generation, value, bytes: 0 };
    this.entries.set(fullKey, entry);
    value.then((answer) => {
      if (this.entries.get(fullKey) !== entry) return;
      entry.bytes = weigh(answer);
      this.bytes += entry.bytes;
      this.evict();
    }, () => {
      if (this.entries.get(fullKey) === entry) this.remove(fullKey);
    });
    this.evict();
    return value;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  /** Forget the least recently used answers until both limits hold. */
  private evict(): void {
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    while (this.entries.size > this.options.maxEntries || this.bytes > maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  /** What the cache holds now (for tests and the benchmark notes). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

const caches = new WeakMap<Kysely<DB>, PublicDirectoryCache>();

/** One cache per database handle, shared by the information pages and the ORUK API. */
export function publicDirectoryCache(db: Kysely<DB>, maxEntries: number): PublicDirectoryCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PublicDirectoryCache(db, { maxEntries })));
  return cache;
}
