import { describe, expect, it } from 'vitest';
import { inverseRelationshipSummaries, networkEntries, typesAgree } from './network-view-models.js';
import { eventFormToInput } from './routes-events.js';
import { relationshipFormToInput } from './routes-network.js';

const row = {
  id: 'r1',
  person_id: 'edna',
  relationship_type: 'spouse-or-partner',
  other_provides_care: true,
  other_receives_care: false,
  carer_label: 'declined' as const,
  in_circle_of_support: false,
  is_key_contact: false,
  created_at: new Date(),
  owner_given_name: 'Edna',
  owner_family_name: 'Jones',
  owner_preferred_name: null as string | null,
};

describe('inverseRelationshipSummaries', () => {
  it('describes care from the other side, respecting the wish not to be called a carer', () => {
    const [s] = inverseRelationshipSummaries([row]);
    expect(s).toMatchObject({
      name: 'Edna Jones',
      href: '/people/edna',
      roles: ['Provides care to Edna (does not want to be called a carer)'],
    });
    expect(s!.relationship).toBe('Spouse or partner');
    expect(s!.notes).toBe('Recorded on Edna’s record');
  });

  it('calls them a carer only when they accept it, and uses the preferred name', () => {
    const [s] = inverseRelationshipSummaries([
      {
        ...row,
        carer_label: 'accepted',
        owner_preferred_name: 'Eddie',
        other_receives_care: true,
        in_circle_of_support: true,
        is_key_contact: true,
      },
    ]);
    expect(s!.roles).toEqual([
      'Carer for Eddie',
      'Is cared for by Eddie',
      'In Eddie’s circle of support',
      'Key contact for Eddie',
    ]);
    const [n] = inverseRelationshipSummaries([{ ...row, carer_label: 'not_asked' }]);
    expect(n!.roles).toEqual(['Provides care to Edna']);
  });
});

const own = {
  related_person_id: 'edna',
  related_given_name: 'Edna',
  related_family_name: 'Jones',
  related_restricted: false,
  contact_name: null,
  contact_phone: '01632 960 411',
  relationship_type: 'spouse-or-partner',
  other_provides_care: false,
  other_receives_care: true,
  carer_label: 'not_asked' as const,
  in_circle_of_support: false,
  is_key_contact: true,
  notes: null as string | null,
};

describe('networkEntries: one relationship shown once', () => {
  it('shows Edna once on Harold’s record when both records hold the relationship, with both sides’ roles', () => {
    const entries = networkEntries([own], [row]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      name: 'Edna Jones',
      relationship: 'Spouse or partner',
      phone: '01632 960 411',
      notes: null,
      roles: ['Is cared for', 'Key contact', 'Provides care to Edna (does not want to be called a carer)'],
    });
  });

  it('reads a relationship recorded only on the other record from this side', () => {
    const [entry, ...rest] = networkEntries([], [{ ...row, relationship_type: 'son' }]);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ relationship: 'Parent', circle: 'family', notes: 'Recorded on Edna’s record' });
  });

  it('treats one record’s type as the inverse of the other’s, not a disagreement', () => {
    const entries = networkEntries([{ ...own, relationship_type: 'parent' }], [{ ...row, relationship_type: 'son' }]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.notes).toBeNull();
  });

  it('keeps this record’s type when the two disagree, and says what the other record gives', () => {
    const entries = networkEntries(
      [{ ...own, relationship_type: 'friend', notes: 'Met at church' }],
      [{ ...row, relationship_type: 'son' }],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      relationship: 'Friend',
      notes: 'Met at church. Edna’s record gives a different relationship (Parent): check which is right',
    });
  });

  it('shows someone the other record names twice once, and leaves contacts and other people alone', () => {
    const contact = { ...own, related_person_id: null, contact_name: 'Carol Jones', relationship_type: 'daughter' };
    const entries = networkEntries(
      [own, contact],
      [row, { ...row, id: 'r2' }, { ...row, id: 'r3', person_id: 'ruth', owner_given_name: 'Ruth' }],
    );
    expect(entries.map((e) => e.name)).toEqual(['Edna Jones', 'Carol Jones', 'Ruth Jones']);
  });

  it('lets vague types agree with anything in their circle', () => {
    expect(typesAgree('other-family', 'grandchild')).toBe(true);
    expect(typesAgree('other', 'neighbour')).toBe(true);
    expect(typesAgree('other-family', 'friend')).toBe(false);
    expect(typesAgree('son', 'parent')).toBe(true);
    expect(typesAgree('daughter', 'sibling')).toBe(false);
  });
});

describe('form bodies to inputs', () => {
  it('turns ticked roles into booleans and drops contact details when linking a record', () => {
    const input = relationshipFormToInput({
      who: 'person',
      contactName: 'typed then changed mind',
      roles: ['isKeyContact', 'otherProvidesCare'],
      relationshipType: 'son',
    });
    expect(input).toMatchObject({
      contactName: null,
      otherProvidesCare: true,
      otherReceivesCare: false,
      inCircleOfSupport: false,
      isKeyContact: true,
    });
    expect(
      relationshipFormToInput({ who: 'contact', contactName: 'Mrs Patel', roles: 'inCircleOfSupport' }),
    ).toMatchObject({ relatedPersonId: null, contactName: 'Mrs Patel', inCircleOfSupport: true });
  });

  it('keeps only the fields of the chosen event type, and the cost in exact pence', () => {
    const { input, costError } = eventFormToInput({
      eventType: 'Service',
      serviceType: 'x',
      routeOfAccess: 'y',
      reviewReason: 'z',
      unitCost: '£1,234.56',
    });
    expect(costError).toBeNull();
    expect(input).toMatchObject({ serviceType: 'x', routeOfAccess: null, reviewReason: null, unitCostPence: 123456 });
    expect(eventFormToInput({ eventType: 'Review', unitCost: '12.50' }).input.unitCostPence).toBeNull();
    expect(eventFormToInput({ eventType: 'Service', unitCost: '0.001' }).costError).toEqual({
      text: 'Cost must not have more than 2 decimal places, like 12.50',
      href: '#unitCost',
    });
  });
});
