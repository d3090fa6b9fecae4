import { labelFor } from '../../platform/cld/index.js';
import { circleOf, type CircleKey } from './circles.js';
import type { InverseRelationship as InverseRow } from './record-read.js';
import { relationshipSummaries, type RelationshipView } from './view-models.js';

/**
 * How a relationship recorded on the other person's record reads from this side: Edna's record saying
 * Harold is her son means Edna is Harold's parent. `agrees` are the types this person's own record may
 * give the same relationship without contradicting it. There is no "child" or "grandparent" in the
 * local list, so those read as a label only (their circle is family).
 */
const seenFromOtherSide: Record<string, { label: string; agrees: readonly string[] }> = {
  son: { label: 'Parent', agrees: ['parent'] },
  daughter: { label: 'Parent', agrees: ['parent'] },
  parent: { label: 'Son or daughter', agrees: ['son', 'daughter'] },
  grandchild: { label: 'Grandparent', agrees: [] },
};
/** Types too general to contradict anything in their circle ("other" contradicts nothing). */
const vagueTypes = new Set(['other-family', 'other']);

export function inverseRelationshipType(type: string): { label: string; agrees: readonly string[] } {
  return seenFromOtherSide[type] ?? { label: labelFor('relationshipType', type), agrees: [type] };
}

/** Whether this record's own type and the other record's type describe the same relationship. */
export function typesAgree(ownType: string, otherRecordsType: string): boolean {
  if (ownType === 'other' || otherRecordsType === 'other') return true;
  if (vagueTypes.has(ownType) || vagueTypes.has(otherRecordsType))
    return circleOf(ownType) === circleOf(otherRecordsType);
  return inverseRelationshipType(otherRecordsType).agrees.includes(ownType);
}

const ownerName = (r: InverseRow) => r.owner_preferred_name ?? r.owner_given_name;

/**
 * What the other person's record says this person does for them. If Edna's network says Harold
 * provides care but does not want to be called a carer, Harold's record reads "Provides care to Edna
 * (does not want to be called a carer)".
 */
function inverseRoles(r: InverseRow): string[] {
  const owner = ownerName(r);
  const roles: string[] = [];
  if (r.other_provides_care) {
    roles.push(
      r.carer_label === 'accepted'
        ? `Carer for ${owner}`
        : r.carer_label === 'declined'
          ? `Provides care to ${owner} (does not want to be called a carer)`
          : `Provides care to ${owner}`,
    );
  }
  if (r.other_receives_care) roles.push(`Is cared for by ${owner}`);
  if (r.in_circle_of_support) roles.push(`In ${owner}’s circle of support`);
  if (r.is_key_contact) roles.push(`Key contact for ${owner}`);
  return roles;
}

/** A relationship recorded only on someone else's record, described from this person's side. */
export function inverseRelationshipSummaries(rows: readonly InverseRow[]) {
  return rows.map((r) => ({
    name: `${r.owner_given_name} ${r.owner_family_name}`,
    href: `/people/${r.person_id}`,
    relationship: inverseRelationshipType(r.relationship_type).label,
    roles: inverseRoles(r),
    // Their record names this person as their key contact, not the other way round.
    isKeyContact: false,
    phone: null as string | null,
    notes: `Recorded on ${ownerName(r)}’s record` as string | null,
    circle: circleOf(r.relationship_type) as CircleKey,
  }));
}

export type NetworkEntry = ReturnType<typeof relationshipSummaries>[number];

/**
 * A person's network as the record shows it: each person once, whichever record the relationship
 * was entered on. A relationship can be recorded on both records (Harold's says Edna is his wife,
 * Edna's says Harold is her husband and looks after her); it is one relationship, shown once:
 *
 * - This record's own entry wins: its type, phone and notes are what whoever keeps this person's
 *   network wrote about it. The other record's entry describes the other person's network.
 * - What the other record says this person does (provides care, key contact…) is added to the
 *   roles: it is a different fact, not a duplicate, and dropping it would hide a carer.
 * - If the two records give types that contradict each other (Harold's says Edna is his friend,
 *   Edna's says Harold is her son), neither is silently dropped: the entry says what the other
 *   record gives, so someone can put the wrong one right.
 * - A relationship recorded only on the other person's record reads from this person's side
 *   (Edna's "son" is Harold's "Parent") and says where it was recorded.
 * - The other person recording this one twice still shows them once (the first, key contacts first).
 */
export function networkEntries(own: readonly RelationshipView[], inverse: readonly InverseRow[]): NetworkEntry[] {
  const entries = relationshipSummaries([...own]);
  const ownByPerson = new Map<string, number>();
  own.forEach((r, i) => {
    if (r.related_person_id && !ownByPerson.has(r.related_person_id)) ownByPerson.set(r.related_person_id, i);
  });
  const seenOwners = new Set<string>();
  const onlyOnTheirs: InverseRow[] = [];
  for (const r of inverse) {
    if (seenOwners.has(r.person_id)) continue;
    seenOwners.add(r.person_id);
    const index = ownByPerson.get(r.person_id);
    if (index === undefined) {
      onlyOnTheirs.push(r);
      continue;
    }
    entries[index] = mergeOtherRecord(entries[index]!, own[index]!.relationship_type, r);
  }
  return [...entries, ...inverseRelationshipSummaries(onlyOnTheirs)];
}

function mergeOtherRecord(entry: NetworkEntry, ownType: string, other: InverseRow): NetworkEntry {
  const roles = [...entry.roles, ...inverseRoles(other)];
  if (typesAgree(ownType, other.relationship_type)) return { ...entry, roles };
  const differs = `${ownerName(other)}’s record gives a different relationship (${inverseRelationshipType(other.relationship_type).label}): check which is right`;
  return { ...entry, roles, notes: entry.notes ? `${entry.notes}. ${differs}` : differs };
}
