import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { up as linkPlanContacts } from '../../migrations/0018_plan_contacts_from_network.js';

/** A complete plan form, with overrides (the call list names the duty team, a service, unless overridden). */
function planForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'situations-0-situation': 'If Harold is admitted to hospital',
    'situations-0-whatShouldHappen': 'Carol stays for the first nights.',
    'callList-0-name': 'Fenland North duty team',
    'callList-0-phone': '01632 960 100',
    agreedWithPerson: 'yes',
    'agreedOn-day': '2',
    'agreedOn-month': '3',
    'agreedOn-year': '2026',
    'reviewDate-day': '2',
    'reviewDate-month': '9',
    'reviewDate-year': '2099',
    ...overrides,
  };
}

/** Issue 11: a plan's contacts come from the person's network, so there is one number to keep up to date. */
describe.each(testEngines())('contingency plan contacts come from the network (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let nhs = 703000001;

  const base = (id: string) => `/people/${id}/contingency-plans`;
  const network = (personId: string) =>
    t.database.db
      .selectFrom('relationship')
      .select(['id', 'contact_name', 'contact_phone', 'relationship_type', 'version'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
  const audits = (personId: string, action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['resource_id'])
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .execute();
  const setPhone = (relationshipId: string, phone: string | null) =>
    t.database.db.updateTable('relationship').set({ contact_phone: phone }).where('id', '=', relationshipId).execute();

  /** A new person with Carol in their network (with the number given), and her relationship id. */
  async function personWithCarol(phone: string | null) {
    const personId = await createPersonThroughPages(sam, 'Edna', 'Contacts', validNhsNumber((nhs += 100)));
    const added = await sam.post(`/people/${personId}/relationships/new`, {
      who: 'contact',
      contactName: 'Carol Contacts',
      contactPhone: phone ?? '',
      relationshipType: 'daughter',
    });
    expect(added.statusCode).toBe(303);
    return { personId, carolId: (await network(personId))[0]!.id };
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  it('shows the number the network holds now, not the one saved with the plan', async () => {
    const { personId, carolId } = await personWithCarol('07700 900 001');
    const saved = await sam.post(
      `${base(personId)}/new`,
      planForm({ 'helpers-0-relationshipId': carolId, 'helpers-0-does': 'Stays the first nights' }),
    );
    expect(saved.statusCode).toBe(303);
    await setPhone(carolId, '07700 900 002');
    const page = await sam.get(base(personId));
    expect(page.body).toContain('07700 900 002');
    expect(page.body).not.toContain('07700 900 001');
    expect((await sam.get(`${base(personId)}/versions/1`)).body).toContain('07700 900 002');
  });

  it('adds “someone not in the network yet” to the network in the same save, audited', async () => {
    const { personId } = await personWithCarol('07700 900 003');
    const missing = await sam.post(
      `${base(personId)}/new`,
      planForm({ 'helpers-0-relationshipId': 'new', 'helpers-0-does': 'Sits with Edna' }),
    );
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Enter the name of the person not in the network yet');
    expect(missing.body).toContain('Select how they are related to the person');
    expect(missing.body).toContain('href="#helpers-0-relationshipType"');
    const typedOnly = await sam.post(
      `${base(personId)}/new`,
      planForm({ 'helpers-0-name': 'Pat Webb', 'helpers-0-does': 'Sits with Edna' }),
    );
    expect(typedOnly.statusCode).toBe(422);
    expect(typedOnly.body).toContain('Select who will do this from their network, or ‘someone not in the network yet’');
    // A plan refused for another reason adds nobody: it is one transaction.
    const refused = await sam.post(
      `${base(personId)}/new`,
      planForm({
        'helpers-0-relationshipId': 'new',
        'helpers-0-name': 'Pat Webb',
        'helpers-0-relationshipType': 'neighbour',
        'helpers-0-does': 'Sits with Edna',
        'support-0-what': 'Home support',
        'support-0-directoryServiceId': crypto.randomUUID(),
      }),
    );
    expect(refused.statusCode).toBe(422);
    expect(await network(personId)).toHaveLength(1);

    const saved = await sam.post(
      `${base(personId)}/new`,
      planForm({
        'helpers-0-relationshipId': 'new',
        'helpers-0-name': 'Pat Webb',
        'helpers-0-relationshipType': 'neighbour',
        'helpers-0-phone': '07700 900 004',
        'helpers-0-does': 'Sits with Edna',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const pat = (await network(personId)).find((r) => r.contact_name === 'Pat Webb');
    expect(pat).toMatchObject({ contact_phone: '07700 900 004', relationship_type: 'neighbour' });
    const version = await t.database.db
      .selectFrom('contingency_plan_version')
      .select('content')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(version.content).toMatchObject({ helpers: [{ relationshipId: pat!.id, name: 'Pat Webb' }] });
    expect((await audits(personId, 'relationship.create')).map((a) => a.resource_id)).toContain(pat!.id);
    expect((await sam.get(`/people/${personId}/network`)).body).toContain('Pat Webb');
  });

  it('calls a network member on the number the network holds, keeping a number given here in the network', async () => {
    const { personId, carolId } = await personWithCarol(null);
    const noNumber = await sam.post(
      `${base(personId)}/new`,
      planForm({ 'callList-1-relationshipId': carolId, 'callList-1-when': 'First' }),
    );
    expect(noNumber.statusCode).toBe(422);
    expect(noNumber.body).toContain('Enter a phone number for Carol Contacts. It will be kept in their network entry');
    expect(noNumber.body).toContain('href="#callList-1-phone"');

    const saved = await sam.post(
      `${base(personId)}/new`,
      planForm({ 'callList-1-relationshipId': carolId, 'callList-1-phone': '07700 900 005' }),
    );
    expect(saved.statusCode).toBe(303);
    expect((await network(personId))[0]).toMatchObject({ contact_phone: '07700 900 005', version: 2 });
    expect(await audits(personId, 'relationship.update')).toEqual([{ resource_id: carolId }]);

    // The edit form shows her in the choice with her number, not as typed text that could drift.
    const edit = await sam.get(`${base(personId)}/edit`);
    expect(edit.body).toContain('Carol Contacts (daughter), 07700 900 005');
    expect(edit.body).not.toMatch(/name="callList-1-phone"[^>]*value="07700/);
  });

  it('keeps the number an activation showed in its snapshot, and says so', async () => {
    const { personId, carolId } = await personWithCarol('07700 900 006');
    await sam.post(
      `${base(personId)}/new`,
      planForm({ 'helpers-0-relationshipId': carolId, 'helpers-0-does': 'Stays the first nights' }),
    );
    await setPhone(carolId, '07700 900 007');
    const form = await sam.get(`${base(personId)}/activate`);
    const key = /value="([0-9a-f-]{36})"/.exec(form.body.slice(form.body.indexOf('situationKey')))![1]!;
    const activated = await sam.post(`${base(personId)}/activate`, { situationKey: key, note: 'Admitted' });
    expect(activated.statusCode).toBe(303);
    await setPhone(carolId, '07700 900 008');
    const activation = await sam.get(activated.headers.location as string);
    expect(activation.body).toContain('07700 900 007');
    expect(activation.body).toContain('with the phone numbers its contacts had then');
    expect((await sam.get(base(personId))).body).toContain('07700 900 008');
  });

  it('migration 0018 links typed contacts to the network by name, keeping a differing number as a note', async () => {
    const { personId, carolId } = await personWithCarol('07700 900 009');
    await sam.post(`/people/${personId}/relationships/new`, {
      who: 'contact',
      contactName: 'Pat Webb',
      relationshipType: 'neighbour',
    });
    const patId = (await network(personId)).find((r) => r.contact_name === 'Pat Webb')!.id;
    await sam.post(`${base(personId)}/new`, planForm());
    // A plan saved before contacts came from the network: names and numbers typed.
    const typed = {
      helpers: [{ relationshipId: null, name: 'Pat Webb', phone: '07700 900 010', does: 'Sits with Edna' }],
      callList: [
        { name: 'Carol Contacts (daughter)', phone: '07700 900 011', when: 'First' },
        { name: 'Fenland North duty team', phone: '01632 960 100', when: null },
      ],
    };
    const version = await t.database.db
      .selectFrom('contingency_plan_version')
      .select(['id', 'content'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('contingency_plan_version')
      .set({ content: JSON.stringify({ ...(version.content as object), ...typed }) })
      .where('id', '=', version.id)
      .execute();

    await linkPlanContacts(t.database.db as unknown as Kysely<unknown>);

    const after = await t.database.db
      .selectFrom('contingency_plan_version')
      .select('content')
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    expect(after.content).toMatchObject({
      helpers: [{ relationshipId: patId, name: 'Pat Webb', phone: '07700 900 010' }],
      callList: [
        {
          relationshipId: carolId,
          phone: '07700 900 011',
          note: 'This plan gave 07700 900 011 for Carol Contacts (daughter); their network entry has 07700 900 009. Check which is right.',
        },
        { name: 'Fenland North duty team', phone: '01632 960 100' },
      ],
    });
    expect((after.content as typeof typed).callList[1]).not.toHaveProperty('relationshipId');
    const rows = await network(personId);
    expect(rows.find((r) => r.id === patId)!.contact_phone).toBe('07700 900 010');
    expect(rows.find((r) => r.id === carolId)!.contact_phone).toBe('07700 900 009');
    const page = await sam.get(base(personId));
    expect(page.body).toContain('07700 900 009');
    expect(page.body).toContain('This plan gave 07700 900 011 for Carol Contacts (daughter)');
  });
});
