import { AsyncLocalStorage } from 'node:async_hooks';
import { LRUCache } from 'lru-cache';
import type { ChangeArea } from '../db/change-generation.js';

/**
 * Data kept in memory while what it was read from is unchanged: the building block of the public
 * directory's kept answers and the crisis board's kept rows. Each answer is kept under a key with a
 * *stamp* (a change number read from the database before computing: see
 * platform/db/change-generation.ts) and is served again only while the caller's fresh stamp is the
 * same.
 *
 * Why here: both caches need the same three things — one computation however many requests ask at
 * once, failures never kept, and a bound on count and size with the least recently used going
 * first. The bounding is lru-cache's; what this adds is the stamp and the sharing of a computation
 * still under way.
 */
interface Entry {
  stamp: string;
  value: Promise<unknown>;
  /** Roughly how many bytes the answer holds, once it has arrived (1 until then). */
  bytes: number;
}

export interface KeptAnswersOptions {
  /** The change number the answers are kept under: every table they read must move it. */
  area: ChangeArea;
  /** How many answers to keep (least recently used go first); 0 turns keeping off. */
  maxEntries: number;
  /** How much memory the kept answers may hold (32 MB unless said). */
  maxBytes?: number;
  /** How many bytes an answer holds. */
  weigh: (answer: unknown) => number;
}

const DEFAULT_MAX_BYTES = 32 * 2 ** 20;

/**
 * The area of the kept answer being computed, if any, for whatever runs inside the computation: the
 * test that every table a kept answer reads moves its area's number records the statements run
 * under it (test/integration/change-generation.test.ts).
 */
export const keptComputation = new AsyncLocalStorage<ChangeArea>();

export class KeptAnswers {
  private readonly entries: LRUCache<string, Entry> | null;
  hits = 0;
  misses = 0;

  constructor(private readonly options: KeptAnswersOptions) {
    this.entries =
      options.maxEntries > 0
        ? new LRUCache<string, Entry>({
            max: options.maxEntries,
            maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
            sizeCalculation: (entry) => Math.max(1, entry.bytes),
          })
        : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /**
   * The answer kept for `key` under `stamp`; otherwise compute it (once, however many requests ask
   * at the same moment) and keep it. A failed computation is never kept.
   */
  get<T>(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
    const entries = this.entries;
    if (!entries) return compute();
    const found = entries.get(key);
    if (found && found.stamp === stamp) {
      this.hits += 1;
      return found.value as Promise<T>;
    }
    this.misses += 1;
    const value = keptComputation.run(this.options.area, compute);
    const entry: Entry = { stamp, value, bytes: 0 };
    entries.set(key, entry);
    value.then(
      (answer) => {
        if (entries.peek(key) !== entry) return;
        // Set again, now that its size is known: lru-cache weighs an entry when it is set, and drops
        // it (and older ones) if the bounds no longer hold.
        entry.bytes = this.options.weigh(answer);
        entries.set(key, entry);
      },
      () => {
        if (entries.peek(key) === entry) entries.delete(key);
      },
    );
    return value;
  }

  /** What is kept now (for tests and the benchmark notes). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries?.size ?? 0, bytes: this.entries?.calculatedSize ?? 0 };
  }
}
