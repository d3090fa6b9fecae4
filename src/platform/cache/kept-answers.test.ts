import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './kept-answers.js';

describe('kept answers', () => {
  const weigh = (answer: unknown) => String(answer).length;
  /** Whether `key` is kept under `stamp`: asking again computes nothing. */
  const isKept = async (kept: KeptAnswers, key: string, stamp: string) => {
    let computed = false;
    await kept.get(key, stamp, async () => {
      computed = true;
      return 'recomputed';
    });
    return !computed;
  };

  it('computes once for everyone asking at the same moment, serves it while the stamp holds, and again after it moves', async () => {
    const kept = new KeptAnswers({ area: 'directory', maxEntries: 10, weigh });
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    const [a, b] = await Promise.all([kept.get('k', '1', compute), kept.get('k', '1', compute)]);
    expect([a, b, computed]).toEqual(['answer 1', 'answer 1', 1]);
    expect(await kept.get('k', '1', compute)).toBe('answer 1');
    expect(await kept.get('k', '2', compute)).toBe('answer 2');
    expect(await kept.get('k', '2', compute)).toBe('answer 2');
    expect([kept.hits, kept.misses]).toEqual([3, 2]);
  });

  it('keeps no failure, forgets the least recently used beyond its count or size, and computes every time when off', async () => {
    const kept = new KeptAnswers({ area: 'directory', maxEntries: 2, maxBytes: 100, weigh });
    await expect(
      kept.get('bad', '1', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await isKept(kept, 'bad', '1')).toBe(false);
    await kept.get('a', '1', async () => 'a');
    await kept.get('b', '1', async () => 'b');
    await kept.get('a', '1', async () => 'a');
    await kept.get('c', '1', async () => 'c');
    // 'b' was the least recently used of three when only two may stay.
    expect(await isKept(kept, 'b', '1')).toBe(false);
    await kept.get('a', '1', async () => 'a');
    await kept.get('big', '1', async () => 'x'.repeat(150));
    expect(kept.size.bytes).toBeLessThanOrEqual(100);
    expect(await isKept(kept, 'big', '1')).toBe(false);
    const off = new KeptAnswers({ area: 'directory', maxEntries: 0, weigh });
    let n = 0;
    await off.get('k', '1', async () => ++n);
    await off.get('k', '1', async () => ++n);
    expect(n).toBe(2);
    expect(off.size.entries).toBe(0);
  });

  it('weighs an answer when it arrives and evicts by size', async () => {
    const kept = new KeptAnswers({ area: 'directory', maxEntries: 10, maxBytes: 100, weigh });
    await kept.get('a', '1', async () => 'a'.repeat(60));
    expect(kept.size).toEqual({ entries: 1, bytes: 60 });
    await kept.get('b', '1', async () => 'b'.repeat(60));
    expect(kept.size).toEqual({ entries: 1, bytes: 60 });
    expect(await isKept(kept, 'b', '1')).toBe(true);
  });
});
