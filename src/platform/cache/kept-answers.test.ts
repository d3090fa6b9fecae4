import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './kept-answers.js';

describe('kept answers', () => {
  const weigh = (answer: unknown) => String(answer).length;

  it('computes once for everyone asking at the same moment, serves it while the stamp holds, and again after it moves', async () => {
    const kept = new KeptAnswers({ maxEntries: 10, weigh });
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    const [a, b] = await Promise.all([kept.get('k', '1', compute), kept.get('k', '1', compute)]);
    expect([a, b, computed]).toEqual(['answer 1', 'answer 1', 1]);
    expect(await kept.get('k', '1', compute)).toBe('answer 1');
    expect(await kept.get('k', '2', compute)).toBe('answer 2');
    expect(kept.peek('k')).toEqual({ answer: 'answer 2', stamp: '2' });
  });

  it('serves an answer only while it says it is current, and peeks at nothing that has not arrived', async () => {
    const kept = new KeptAnswers({ maxEntries: 10, weigh });
    let current = true;
    let release: (value: string) => void = () => undefined;
    const pending = kept.get(
      'k',
      '1',
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
      () => current,
    );
    expect(kept.peek('k')).toBeNull();
    release('first');
    await pending;
    expect(kept.peek('k')?.answer).toBe('first');
    current = false;
    expect(kept.peek('k')).toBeNull();
    expect(
      await kept.get(
        'k',
        '1',
        async () => 'second',
        () => true,
      ),
    ).toBe('second');
  });

  it('keeps no failure, forgets the least recently used beyond its count or size, and computes every time when off', async () => {
    const kept = new KeptAnswers({ maxEntries: 2, maxBytes: 100, weigh });
    await expect(
      kept.get('bad', '1', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(kept.peek('bad')).toBeNull();
    await kept.get('a', '1', async () => 'a');
    await kept.get('b', '1', async () => 'b');
    kept.peek('a');
    await kept.get('c', '1', async () => 'c');
    expect([kept.peek('a')?.answer, kept.peek('b'), kept.peek('c')?.answer]).toEqual(['a', null, 'c']);
    await kept.get('big', '1', async () => 'x'.repeat(150));
    expect(kept.size.bytes).toBeLessThanOrEqual(100);
    const off = new KeptAnswers({ maxEntries: 0, weigh });
    let n = 0;
    await off.get('k', '1', async () => ++n);
    await off.get('k', '1', async () => ++n);
    expect(n).toBe(2);
    expect(off.peek('k')).toBeNull();
  });
});
