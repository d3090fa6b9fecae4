/**
 * Answers kept in memory while what they were computed from is unchanged: the building block of the
 * directory's public cache and the crisis board's. Each answer is kept under a key with a *stamp*
 * (a generation number read from the database before computing: see migrations 0011 and 0014) and
 * is served again only while the caller's fresh stamp is the same and, if the caller says so, while
 * the answer itself is still current (a board is exact only until its next minute).
 *
 * Why here: both caches need the same three things — one computation however many requests ask at
 * once, failures never kept, and a bound on count and size with the least recently used going first.
 */
interface Entry {
  stamp: string;
  value: Promise<unknown>;
  /** Roughly how many bytes the answer holds, once it has arrived. */
  bytes: number;
  /** The caller's test of whether an arrived answer is still current (none: current while the stamp holds). */
  isCurrent: ((answer: unknown) => boolean) | undefined;
  /** The answer itself, once it has arrived. */
  arrived: { answer: unknown } | null;
}

/** An answer still being computed is shared as it is; an arrived one is served while its own test passes. */
function stillCurrent(entry: Entry): boolean {
  return entry.arrived === null || entry.isCurrent === undefined || entry.isCurrent(entry.arrived.answer);
}

export interface KeptAnswersOptions {
  /** How many answers to keep (least recently used go first); 0 turns keeping off. */
  maxEntries: number;
  /** How much memory the kept answers may hold (32 MB unless said). */
  maxBytes?: number;
  /** How many bytes an answer holds. */
  weigh: (answer: unknown) => number;
}

const DEFAULT_MAX_BYTES = 32 * 2 ** 20;

export class KeptAnswers {
  /** A Map iterates in insertion order: re-inserting on use makes its first key the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: KeptAnswersOptions) {}

  get enabled(): boolean {
    return this.options.maxEntries > 0;
  }

  /**
   * The answer kept for `key` under `stamp`, if it is still current; otherwise compute it (once,
   * however many requests ask at the same moment) and keep it. `isCurrent` is asked of an arrived
   * answer each time it would be served.
   */
  get<T>(key: string, stamp: string, compute: () => Promise<T>, isCurrent?: (answer: T) => boolean): Promise<T> {
    if (!this.enabled) return compute();
    const found = this.entries.get(key);
    if (found && found.stamp === stamp && stillCurrent(found)) {
      this.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value as Promise<T>;
    }
    this.misses += 1;
    if (found) this.remove(key);
    const value = compute();
    const entry: Entry = { stamp, value, bytes: 0, isCurrent: isCurrent as Entry['isCurrent'], arrived: null };
    this.entries.set(key, entry);
    value.then(
      (answer) => {
        if (this.entries.get(key) !== entry) return;
        entry.arrived = { answer };
        entry.bytes = this.options.weigh(answer);
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key);
      },
    );
    this.evict();
    return value;
  }

  /**
   * The answer kept for `key` and the stamp it was kept under, if it has arrived and is still
   * current by its own test, without knowing the latest stamp: for a caller that checks the stamp
   * in the same database statement that uses the answer (see crisis/board-service.ts).
   */
  peek<T>(key: string): { answer: T; stamp: string } | null {
    const found = this.entries.get(key);
    if (!found?.arrived || !stillCurrent(found)) return null;
    this.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, found);
    return { answer: found.arrived.answer as T, stamp: found.stamp };
  }

  /** What is kept now (for tests and the benchmark notes). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
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
}
