import { labelFor } from '../../platform/cld/index.js';
import { circleOf } from './circles.js';
import type { InverseRelationship as InverseRow } from './record-read.js';

/**
 * A relationship recorded on someone else's record, described from this person's side. If Edna's
 * network says Harold provides care but does not want to be called a carer, Harold's record reads
 * "Edna Jones – Provides care to Edna (does not want to be called a carer)".
 */
export function inverseRelationshipSummaries(rows: readonly InverseRow[]) {
  return rows.map((r) => {
    const owner = r.owner_preferred_name ?? r.owner_given_name;
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
    return {
      name: `${r.owner_given_name} ${r.owner_family_name}`,
      href: `/people/${r.person_id}`,
      relationship: `${labelFor('relationshipType', r.relationship_type)} (as recorded on ${owner}’s record)`,
      roles,
      phone: null,
      notes: null,
      circle: circleOf(r.relationship_type),
    };
  });
}
