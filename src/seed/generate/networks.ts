import type { Rng } from './random.js';
import type { RelationshipSeed } from './insert.js';
import { contactGivenName, familyNameFor } from './names.js';

/**
 * Each person's network as recorded on their record: family, friends and neighbours as contacts
 * (most are not people the council supports), some of whom provide care — accepting the word
 * "carer", declining it, or never asked — and some in a circle of support.
 */
export interface NetworkInput {
  personId: string;
  age: number;
  familyName: string;
  birthYear: number;
  learningDisability: boolean;
  livesWithSpouse: boolean;
}

/** Phone numbers in Ofcom's drama range (07700 900000–900999), which is never allocated to anyone. */
export function dramaPhone(rng: Rng): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
}

const carerLabel = (rng: Rng) =>
  rng.weighted([
    ['accepted', 50],
    ['declined', 15],
    ['not_asked', 35],
  ] as const);

export function contactsFor(rng: Rng, p: NetworkInput): RelationshipSeed[] {
  const rows: RelationshipSeed[] = [];
  const contact = (type: string, name: string, extra: Partial<RelationshipSeed> = {}): void => {
    rows.push({
      person_id: p.personId,
      related_person_id: null,
      contact_name: name,
      contact_phone: rng.chance(0.85) ? dramaPhone(rng) : null,
      relationship_type: type,
      other_provides_care: false,
      other_receives_care: false,
      carer_label: 'not_asked',
      in_circle_of_support: false,
      is_key_contact: false,
      notes: null,
      ...extra,
    });
  };
  if (p.livesWithSpouse) {
    const provides = rng.chance(0.7);
    contact(
      'spouse-or-partner',
      `${contactGivenName(rng, rng.chance(0.5) ? 'Male' : 'Female', p.birthYear)} ${p.familyName}`,
      {
        other_provides_care: provides,
        carer_label: provides ? carerLabel(rng) : 'not_asked',
        is_key_contact: true,
        in_circle_of_support: provides,
        notes: provides ? 'Lives with them and helps every day' : null,
      },
    );
  }
  const childYear = p.birthYear + rng.int(22, 35);
  const children =
    p.age >= 50
      ? rng.weighted([
          [0, 15],
          [1, 35],
          [2, 35],
          [3, 15],
        ] as const)
      : 0;
  for (let i = 0; i < children; i++) {
    const daughter = rng.chance(0.55);
    const provides = rng.chance(0.3);
    contact(
      daughter ? 'daughter' : 'son',
      `${contactGivenName(rng, daughter ? 'Female' : 'Male', childYear)} ${rng.chance(0.6) ? p.familyName : familyNameFor(rng, 'british')}`,
      {
        other_provides_care: provides,
        carer_label: provides ? carerLabel(rng) : 'not_asked',
        is_key_contact: i === 0 && !p.livesWithSpouse,
        in_circle_of_support: provides || rng.chance(0.2),
        notes: provides
          ? rng.pick([
              'Visits most days',
              'Does the shopping',
              'Helps with forms and money',
              'Lives ten miles away; calls daily',
            ])
          : null,
      },
    );
  }
  if (p.age < 50) {
    contact('parent', `${contactGivenName(rng, 'Female', p.birthYear - 28)} ${p.familyName}`, {
      other_provides_care: p.learningDisability || rng.chance(0.3),
      carer_label: carerLabel(rng),
      is_key_contact: true,
      in_circle_of_support: true,
    });
  }
  if (rng.chance(0.22))
    contact(
      'neighbour',
      `${contactGivenName(rng, 'Female', p.birthYear)} ${rng.pick(['Webb', 'Nunn', 'Day', 'Plumb', 'Mason', 'Gray'])}`,
      { in_circle_of_support: true, notes: 'Has a key; pops in' },
    );
  if (rng.chance(0.12))
    contact(
      'friend',
      `${contactGivenName(rng, 'Male', p.birthYear)} ${rng.pick(['Hart', 'Lane', 'Cole', 'Fox', 'Reed'])}`,
      { in_circle_of_support: rng.chance(0.6) },
    );
  if (p.learningDisability && rng.chance(0.5))
    contact(
      'professional',
      `${contactGivenName(rng, 'Female', 1985)} ${rng.pick(['Ward', 'Pike', 'Rowe'])} (advocate)`,
      { in_circle_of_support: true, contact_phone: null },
    );
  return rows;
}

/** The pair of rows that link two people who both have records, e.g. a couple where one cares for the other. */
export function linkCouple(
  caredFor: string,
  carer: string,
  label: RelationshipSeed['carer_label'],
  bothSupported: boolean,
): RelationshipSeed[] {
  const base = {
    contact_name: null,
    contact_phone: null,
    relationship_type: 'spouse-or-partner',
    in_circle_of_support: true,
    is_key_contact: true,
  };
  return [
    {
      ...base,
      person_id: caredFor,
      related_person_id: carer,
      other_provides_care: true,
      other_receives_care: bothSupported,
      carer_label: label,
      notes: null,
    },
    {
      ...base,
      person_id: carer,
      related_person_id: caredFor,
      other_provides_care: bothSupported,
      other_receives_care: true,
      carer_label: 'not_asked',
      notes: null,
    },
  ];
}
