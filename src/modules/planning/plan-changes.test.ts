import { describe, expect, it } from 'vitest';
import { applyEdit, describeConflict, partKey, partText, versionDifferences, type PlanEdit } from './plan-changes.js';
import { emptyPlan, type PlanItem } from './plan-content.js';

const item = (id: string, what: string): PlanItem => ({
  id,
  what,
  giver: 'family',
  giverName: 'Carol',
  directoryServiceId: null,
  when: 'Sundays',
  frequency: 'weekly',
  amountPence: 0,
  units: 1,
  funding: 'unpaid',
  quotes: [],
});

describe('support plan parts and edits', () => {
  it('adds, changes and removes a list part without changing the plan given', () => {
    const start = emptyPlan();
    const added = applyEdit(start, { kind: 'item', item: item('a', 'Sunday lunch') });
    expect(start.items).toEqual([]);
    const changed = applyEdit(added, { kind: 'item', item: { ...item('a', 'Sunday lunch'), when: 'Saturdays' } });
    expect(changed.items).toHaveLength(1);
    expect(partText(changed, 'item.a')).toContain('Saturdays');
    const linked = applyEdit(changed, { kind: 'outcome', outcome: { id: 'o', words: 'See family', itemIds: ['a'] } });
    const removed = applyEdit(linked, { kind: 'remove', list: 'items', id: 'a' });
    expect(removed.items).toEqual([]);
    expect(removed.outcomes[0]!.itemIds).toEqual([]);
  });

  it('keeps a hand-typed budget readable in the versions saved before budgets came from the allocation', () => {
    const old = { ...emptyPlan(), agreedWeeklyBudgetPence: 15_000 };
    expect(partText(old, 'about')).toContain('Weekly budget typed into the plan: £150.00');
    expect(partText(emptyPlan(), 'about')).not.toContain('budget');
    const next = applyEdit(old, { kind: 'about', about: { helpedBy: ['person'], contingencyPence: 500, fee: null } });
    expect('agreedWeeklyBudgetPence' in next).toBe(false);
    expect(versionDifferences(old, next).map((d) => d.before)).toEqual([expect.stringContaining('£150.00')]);
  });

  it('names the part each edit changes', () => {
    const edits: [PlanEdit, string][] = [
      [{ kind: 'profile', key: 'history', entry: null }, 'profile.history'],
      [{ kind: 'item', item: item('x', 'y') }, 'item.x'],
      [{ kind: 'remove', list: 'risks', id: 'r' }, 'risk.r'],
      [{ kind: 'about', about: { helpedBy: [], contingencyPence: 0, fee: null } }, 'about'],
    ];
    for (const [edit, key] of edits) expect(partKey(edit)).toBe(key);
  });

  it('describes the difference between versions part by part, and a conflict as theirs beside yours', () => {
    const before = applyEdit(emptyPlan(), {
      kind: 'profile',
      key: 'hopes',
      entry: { fields: { text: 'To see the sea' }, writtenBy: 'person' },
    });
    const after = applyEdit(before, { kind: 'item', item: item('a', 'Sunday lunch') });
    const differences = versionDifferences(before, after);
    expect(differences).toEqual([
      { part: 'Support: Sunday lunch', before: '(not in the plan)', after: expect.stringContaining('Carol (family)') },
    ]);
    const mine = applyEdit(before, {
      kind: 'profile',
      key: 'hopes',
      entry: { fields: { text: 'To go to Hunstanton' }, writtenBy: 'staff' },
    });
    const [conflict] = describeConflict(before, mine, 'profile.hopes');
    expect(conflict!.field).toBe('My hopes for the future');
    expect(conflict!.theirs).toContain('To see the sea');
    expect(conflict!.yours).toContain('To go to Hunstanton');
    expect(conflict!.yours).toContain('Written by: Staff');
  });

  it('says when the plan was agreed as people write dates, not as stored', () => {
    const agreement = {
      by: 'person' as const,
      representativeName: '',
      representativeBasis: null,
      agreedOn: '2026-12-03',
    };
    const agreed = applyEdit(emptyPlan(), { kind: 'agree', agreement });
    expect(partText(agreed, 'agreement')).toBe('The person agreed the plan on 3 December 2026');
  });
});
