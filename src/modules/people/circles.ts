/**
 * The relationship circle (Appendix 2 of the personal budgets guide): the people closest to the
 * person in the middle, then friends and neighbours, then people paid or professionally involved.
 */
export const circles = [
  { key: 'family', label: 'Family' },
  { key: 'friends', label: 'Friends and neighbours' },
  { key: 'professional', label: 'Professionals and others' },
] as const;
export type CircleKey = (typeof circles)[number]['key'];

const familyTypes = new Set([
  'spouse-or-partner',
  'son',
  'daughter',
  'parent',
  'sibling',
  'grandchild',
  'other-family',
]);
const friendTypes = new Set(['friend', 'neighbour']);

export function circleOf(relationshipType: string): CircleKey {
  if (familyTypes.has(relationshipType)) return 'family';
  if (friendTypes.has(relationshipType)) return 'friends';
  return 'professional';
}

/** Group network entries into the circles, closest first, leaving out empty circles. */
export function groupByCircle<T extends { circle: CircleKey }>(
  entries: readonly T[],
): { label: string; entries: T[] }[] {
  return circles
    .map((c) => ({ label: c.label, entries: entries.filter((e) => e.circle === c.key) }))
    .filter((group) => group.entries.length > 0);
}
