import { describe, expect, it } from 'vitest';
import { todayInLondon } from '../../platform/dates.js';
import { conversationFormToInput, conversationSchema, followUpFormToInput, linkErrors } from './schema.js';

const base = {
  'heldOn-day': '3',
  'heldOn-month': '2',
  'heldOn-year': '2026',
  routeOfAccess: 'Community / Other route',
  whatMatters: 'Home',
  strengths: 'Funny',
  outcome: 'NFA: Information and advice or signposting',
};

describe('the conversation form', () => {
  it('turns rows of connections into links, skipping empty rows and keeping which row each came from', () => {
    const id = '3f1c6a4e-1b2c-4d5e-8f90-123456789abc';
    const { input, extraErrors } = conversationFormToInput({
      ...base,
      connection2Service: id,
      connection2Agreed: 'Go together',
      connection3Name: ' Timebank ',
    });
    expect(extraErrors).toEqual([]);
    const parsed = conversationSchema.parse(input);
    expect(parsed.heldOn).toBe('2026-02-03');
    expect(parsed.connections).toEqual([
      { slot: 2, serviceId: id, name: null, agreed: 'Go together' },
      { slot: 3, serviceId: null, name: 'Timebank', agreed: null },
    ]);
    expect(parsed.presentRelationshipIds).toEqual([]);
  });

  it('asks who a connection was to, and for one of a service or a name', () => {
    expect(conversationFormToInput({ ...base, connection1Agreed: 'Something' }).extraErrors).toEqual([
      { text: 'Enter who they were connected to', href: '#connection1Name' },
    ]);
    const both = conversationFormToInput({
      ...base,
      connection3Service: '3f1c6a4e-1b2c-4d5e-8f90-123456789abc',
      connection3Name: 'Group',
    });
    expect(both.extraErrors).toEqual([
      { text: 'Choose a service from the directory or enter a name, not both', href: '#connection3Name' },
    ]);
  });

  it('accepts only the request outcomes offered, as CLD codes', () => {
    expect(
      conversationSchema.safeParse(conversationFormToInput({ ...base, outcome: 'Provision of service' }).input).success,
    ).toBe(false);
    expect(
      conversationSchema.safeParse(conversationFormToInput({ ...base, outcome: 'Progress to reablement/ST-Max' }).input)
        .success,
    ).toBe(true);
  });
});

describe('the follow-up fields', () => {
  it('turns "in two weeks" into a date fourteen days on', () => {
    expect(
      followUpFormToInput({ followUpWhat: 'Call Mr Jones', followUpDue: '2w', followUpAssignedTo: 'x' }, 'followUp'),
    ).toEqual({
      what: 'Call Mr Jones',
      dueOn: todayInLondon().add({ days: 14 }).toString(),
      assignedTo: 'x',
    });
  });

  it('takes a typed date even when "On the date below" was not chosen', () => {
    expect(
      followUpFormToInput(
        { what: 'Visit', 'dueOn-day': '5', 'dueOn-month': '1', 'dueOn-year': '2027', assignedTo: 'x' },
        '',
      )?.dueOn,
    ).toBe('2027-01-05');
    expect(linkErrors([{ text: 'x', href: '#dueOn' }], '', { 'dueOn-day': '40' })).toEqual([
      { text: 'x', href: '#dueOn-day' },
    ]);
  });

  it('is skipped inside the conversation form when left empty, but not on its own form', () => {
    expect(followUpFormToInput({}, 'followUp')).toBeNull();
    expect(followUpFormToInput({}, '')).toEqual({ what: '', dueOn: '', assignedTo: '' });
  });

  it('points a date error at the day box, and a missing choice at the radios', () => {
    expect(linkErrors([{ text: 'x', href: '#dueOn' }], 'followUp', { followUpDue: 'date' })).toEqual([
      { text: 'x', href: '#followUpDueOn-day' },
    ]);
    expect(linkErrors([{ text: 'x', href: '#dueOn' }], '', {})).toEqual([
      { text: 'Select when it is due', href: '#due' },
    ]);
    expect(linkErrors([{ text: 'x', href: '#heldOn' }])).toEqual([{ text: 'x', href: '#heldOn-day' }]);
  });
});
