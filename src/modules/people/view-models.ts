import type { FastifyInstance, FastifyRequest } from 'fastify';
import { govukItems, labelFor } from '../../platform/cld/index.js';
import { circleOf } from './circles.js';

/** Choices for the person form: CLD lists from the one place they live, and the organisation's patches. */
export async function personFormOptions(app: FastifyInstance, request: FastifyRequest) {
  const orgId = request.actor?.orgId;
  const patches = orgId
    ? await app.deps.database.db
        .selectFrom('team')
        .select(['id', 'name'])
        .where('org_id', '=', orgId)
        .where('is_patch', '=', true)
        .orderBy('name')
        .execute()
    : [];
  const placeholder = 'Not recorded';
  return {
    genderItems: govukItems('gender', null, { placeholder }),
    ethnicityItems: govukItems('ethnicity', null, { placeholder }),
    accommodationStatusItems: govukItems('accommodationStatus', null, { placeholder }),
    employmentStatusItems: govukItems('employmentStatus', null, { placeholder }),
    primarySupportReasonItems: govukItems('primarySupportReason', null, { placeholder }),
    clientTypeItems: govukItems('clientType', null, { placeholder }),
    languageItems: govukItems('language', null, { placeholder }),
    autismSpectrumDisorderItems: govukItems('autismSpectrumDisorder', null, { placeholder }),
    visualImpairmentItems: govukItems('visualImpairment', null, { placeholder }),
    hearingImpairmentItems: govukItems('hearingImpairment', null, { placeholder }),
    dementiaItems: govukItems('dementia', null, { placeholder }),
    patchItems: [{ value: '', text: 'No patch' }, ...patches.map((p) => ({ value: p.id, text: p.name }))],
  };
}

export interface RelationshipView {
  related_person_id: string | null;
  related_given_name: string | null;
  related_family_name: string | null;
  related_restricted: boolean | null;
  contact_name: string | null;
  contact_phone: string | null;
  relationship_type: string;
  other_provides_care: boolean;
  other_receives_care: boolean;
  carer_label: 'accepted' | 'declined' | 'not_asked';
  in_circle_of_support: boolean;
  is_key_contact: boolean;
  notes: string | null;
}

/**
 * How the network reads on the record page. Someone who provides care but has declined the label
 * "carer" is described by what they do ("helps with care"), never called a carer.
 */
export function relationshipSummaries(rows: RelationshipView[]) {
  return rows.map((r) => {
    const name = r.related_person_id
      ? r.related_restricted
        ? 'Restricted record'
        : `${r.related_given_name ?? ''} ${r.related_family_name ?? ''}`.trim()
      : (r.contact_name ?? '');
    const roles: string[] = [];
    if (r.other_provides_care)
      roles.push(
        r.carer_label === 'accepted'
          ? 'Carer'
          : r.carer_label === 'declined'
            ? 'Provides care (does not want to be called a carer)'
            : 'Provides care',
      );
    if (r.other_receives_care) roles.push('Is cared for');
    if (r.in_circle_of_support) roles.push('Circle of support');
    if (r.is_key_contact) roles.push('Key contact');
    return {
      name,
      href: r.related_person_id && !r.related_restricted ? `/people/${r.related_person_id}` : null,
      relationship: labelFor('relationshipType', r.relationship_type),
      roles,
      isKeyContact: r.is_key_contact,
      phone: r.contact_phone,
      notes: r.notes,
      circle: circleOf(r.relationship_type),
    };
  });
}
