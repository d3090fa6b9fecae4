import type { RelationshipSeed } from './generate/insert.js';

/**
 * The case study people's networks (scenario-people-data.ts), by their keys: people with records
 * linked to each other, and relatives, friends and services recorded as contacts.
 */
export type Rel = Omit<RelationshipSeed, 'person_id' | 'related_person_id'> & { of: string; related?: string };
const link = (of: string, related: string, type: string, extra: Partial<Rel> = {}): Rel => ({
  of,
  related,
  contact_name: null,
  contact_phone: null,
  relationship_type: type,
  other_provides_care: false,
  other_receives_care: false,
  carer_label: 'not_asked',
  in_circle_of_support: true,
  is_key_contact: false,
  notes: null,
  ...extra,
});
const contact = (of: string, name: string, type: string, extra: Partial<Rel> = {}): Rel => ({
  ...link(of, '', type, extra),
  related: undefined,
  contact_name: name,
});

export function scenarioNetwork(phone: () => string): Rel[] {
  // One number per person, whichever network holds them: Carol and the Webbs are in both Harold's
  // and Edna's, and Edna's contingency plan reads their numbers from her network.
  const carolPhone = phone();
  const webbsPhone = phone();
  return [
    // Mr Jones cares for his wife but does not want to be called a carer: record what he does, not the label.
    link('mrsJones', 'mrJones', 'spouse-or-partner', {
      other_provides_care: true,
      other_receives_care: true,
      carer_label: 'declined',
      is_key_contact: true,
      notes: 'Looks after Edna every day; does not see himself as a carer',
    }),
    link('mrJones', 'mrsJones', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
    contact('mrsJones', 'Carol Jones', 'daughter', {
      contact_phone: carolPhone,
      other_provides_care: true,
      carer_label: 'accepted',
      notes: 'Lives ten miles away; part of the contingency plan',
    }),
    contact('mrJones', 'Carol Jones', 'daughter', {
      contact_phone: carolPhone,
      is_key_contact: true,
      notes: 'Call first if Mr Jones is admitted to hospital',
    }),
    contact('mrsJones', 'Pat and Dave Webb', 'neighbour', {
      contact_phone: webbsPhone,
      notes: 'Next door; have a key and pop in daily',
    }),
    contact('mrJones', 'Pat and Dave Webb', 'neighbour', { contact_phone: webbsPhone, notes: 'Help with the garden' }),
    contact('mrsN', 'Priya Nair', 'grandchild', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'not_asked',
      is_key_contact: true,
      notes: 'Granddaughter: checks the prepaid card balance and transactions',
    }),
    contact('mrsN', 'Rohan Nair', 'grandchild', { notes: 'Grandson: takes her shopping' }),
    contact('margaret', 'Fenland Home Care Ltd', 'professional', {
      contact_phone: phone(),
      notes: 'Holds her individual service fund',
    }),
    contact('george', 'Alan Barker', 'son', { contact_phone: phone(), is_key_contact: true }),
    contact('shirley', 'Lisa Bennett', 'daughter', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
      notes: 'Helps with forms and the direct payment paperwork',
    }),
    contact('joan', 'Sheila Parr', 'friend', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'not_asked',
      is_key_contact: true,
      notes: 'Holds enduring power of attorney; proposed as suitable person for the direct payment',
    }),
    link('mrsL', 'mrL', 'spouse-or-partner', {
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
    }),
    link('mrL', 'mrsL', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
    link('mrsM', 'mrM', 'spouse-or-partner', {
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
      notes: 'Cares for Marion; worried about the garden',
    }),
    link('mrM', 'mrsM', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
  ];
}
