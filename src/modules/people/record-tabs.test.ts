import { describe, expect, it } from 'vitest';
import { addRecordTab, recordNav } from './record-tabs.js';
import type { UserActor } from '../../platform/access/roles.js';

const actor = (role: UserActor['role']): UserActor => ({
  kind: 'user',
  userId: 'u',
  orgId: 'o',
  role,
  teamId: null,
  displayName: role,
});

const tab = (key: string, order: number, policy: 'people.read' | 'assessments.read' = 'people.read') => ({
  key,
  label: key.toUpperCase(),
  order,
  policy,
  href: (id: string) => `/people/${id}/${key}`,
});

describe('record tabs', () => {
  addRecordTab(tab('late', 90));
  addRecordTab(tab('early', 10));
  addRecordTab(tab('middle', 50, 'assessments.read'));

  it('lists the tabs in their order whoever added them first, marking the current one', () => {
    expect(recordNav(actor('practitioner'), 'p1', 'middle').items).toEqual([
      { text: 'EARLY', href: '/people/p1/early', current: false },
      { text: 'MIDDLE', href: '/people/p1/middle', current: true },
      { text: 'LATE', href: '/people/p1/late', current: false },
    ]);
  });

  it('leaves out a tab the actor may not open, and every tab for no one signed in', () => {
    expect(recordNav(actor('broker'), 'p1', 'early').items.map((i) => i.text)).toEqual(['EARLY', 'LATE']);
    expect(recordNav(null, 'p1', 'early').items).toEqual([]);
  });

  it('keeps one tab per key: adding a key again replaces it', () => {
    addRecordTab({ ...tab('late', 5), label: 'Moved' });
    expect(recordNav(actor('practitioner'), 'p1', 'x').items.map((i) => i.text)).toEqual(['Moved', 'EARLY', 'MIDDLE']);
  });
});
