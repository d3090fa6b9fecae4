import { describe, expect, it } from 'vitest';
import { inverseRelationshipSummaries } from './network-view-models.js';
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
    expect(s!.relationship).toBe('Spouse or partner (as recorded on Edna’s record)');
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
