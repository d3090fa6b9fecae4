import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';

describe.each(testEngines())('people pages (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
  });
  afterAll(async () => t?.close());

  const validForm = {
    givenName: 'Edna',
    familyName: 'Jones',
    'dateOfBirth-day': '2',
    'dateOfBirth-month': '9',
    'dateOfBirth-year': '1944',
    nhsNumber: '999 000 0026',
    postcode: 'pe158aa',
    interpreterNeeded: 'no',
  };

  it('refuses a person with no name and an impossible date, with GOV.UK errors', async () => {
    const res = await sam.post('/people/new', {
      ...validForm,
      givenName: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#givenName"');
    expect(res.body).toContain('Enter the person’s first name');
    expect(res.body).toContain('href="#dateOfBirth-day"');
    expect(res.body).toContain('Date of birth must be a real date');
  });

  it('shows check your answers, then creates the person and shows the record', async () => {
    const check = await sam.post('/people/new', validForm);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check your answers');
    expect(check.body).toContain('PE15 8AA');
    const created = await sam.post('/people', validForm);
    expect(created.statusCode).toBe(303);
    const record = await sam.get(created.headers.location as string);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Edna Jones');
    expect(record.body).toContain('999 000 0026');
  });

  it('finds the person by a misspelt name, and never puts the search words in a URL', async () => {
    const search = await sam.post('/people/search', { q: 'Edna Jnoes' });
    expect(search.statusCode).toBe(303);
    expect(search.headers.location).toBe('/people');
    const results = await sam.get('/people');
    expect(results.body).toContain('Edna Jones');
  });

  it('finds a family name by its sound when it is misspelt, and by part of a name', async () => {
    for (const q of ['Jnoes', 'Edn']) {
      await sam.post('/people/search', { q });
      expect((await sam.get('/people')).body, q).toContain('Edna Jones');
    }
    for (const q of ['pe15 8aa', 'PE158AA', 'PE15']) {
      await sam.post('/people/search', { q });
      expect((await sam.get('/people')).body, q).toContain('Edna Jones');
    }
    // Wildcards typed by the person are searched for literally, not as patterns.
    await sam.post('/people/search', { q: '% Jones' });
    expect((await sam.get('/people')).statusCode).toBe(200);
    await sam.post('/people/search', { q: 'Zebedee' });
    expect((await sam.get('/people')).body).toContain('0 people found');
  });

  it('follows the patch switches: the relationship circle on, the communication chart off', async () => {
    const { db } = t.database;
    const patchId = t.org.patchIds['Southern Villages']!;
    const person = await db
      .insertInto('person')
      .values({
        org_id: t.org.orgId,
        council_person_id: 'PSW1',
        given_name: 'Vera',
        family_name: 'Lynn',
        date_of_birth: '1940-03-20',
        patch_id: patchId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('relationship')
      .values({ org_id: t.org.orgId, person_id: person.id, contact_name: 'Rita Lynn', relationship_type: 'daughter' })
      .execute();
    // The chart is on the Details tab, the network (and its circles) on the Network tab.
    const detailsBefore = (await sam.get(`/people/${person.id}/details`)).body;
    const networkBefore = (await sam.get(`/people/${person.id}/network`)).body;
    expect(detailsBefore).toContain('How they communicate');
    expect(networkBefore).toContain('Rita Lynn');
    expect(networkBefore).not.toContain('<h3 class="govuk-heading-s">Family</h3>');
    await db
      .insertInto('patch_feature')
      .values([
        { org_id: t.org.orgId, team_id: patchId, feature: 'people.network-map', enabled: true, updated_by: null },
        {
          org_id: t.org.orgId,
          team_id: patchId,
          feature: 'people.communication-chart',
          enabled: false,
          updated_by: null,
        },
      ])
      .execute();
    const networkAfter = (await sam.get(`/people/${person.id}/network`)).body;
    expect(networkAfter).toContain('<h3 class="govuk-heading-s">Family</h3>');
    expect(networkAfter).toContain('Rita Lynn');
    expect((await sam.get(`/people/${person.id}/details`)).body).not.toContain('How they communicate');
  });

  it('refuses a second person with the same NHS number', async () => {
    const res = await sam.post('/people', { ...validForm, givenName: 'Other' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('already has this NHS number');
  });
});
