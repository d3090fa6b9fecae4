import { describe, expect, it } from 'vitest';
import { byUrgency } from './open-work.js';
import { actionFor } from './allocate.js';
import type { OpenWork } from './work-sources.js';

const work = (workId: string, since: string, dueOn: string | null): OpenWork => ({
  workId,
  personId: 'p',
  teamId: null,
  what: 'Work',
  since,
  due: dueOn ? { text: 'Do it', on: dueOn } : null,
  href: '/',
});

describe('the worklist order', () => {
  it('puts overdue work first (the longest overdue at the top), then the oldest', () => {
    const items = [
      work('new', '2026-11-20', '2026-12-20'),
      work('old', '2026-10-01', null),
      work('late', '2026-11-01', '2026-11-29'),
      work('later', '2026-11-10', '2026-11-15'),
      work('due-today', '2026-09-01', '2026-12-01'),
    ];
    expect(items.sort(byUrgency('2026-12-01')).map((i) => i.workId)).toEqual([
      'later',
      'late',
      'due-today',
      'old',
      'new',
    ]);
  });
});

describe('what an allocation change is called', () => {
  it('is an allocation from the queue, a transfer between workers, a return to the queue', () => {
    expect(actionFor(null, 'a')).toBe('allocate');
    expect(actionFor('a', 'b')).toBe('transfer');
    expect(actionFor('a', null)).toBe('return');
  });
});
