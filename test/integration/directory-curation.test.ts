import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedServiceKinds } from '../../src/modules/directory/service-kinds.js';

const form = (overrides: Record<string, string> = {}) => ({
  name: 'Riverside Carers Café',
  organizationName: 'Fenshire Carers Trust',
  description: 'A friendly monthly café for unpaid carers.',
  status: 'active',
  'location-address1': '1 High Street',
  'location-city': 'Fenton',
  'location-postcode': 'fe12ab',
  'schedules-0-days': 'TU',
  'schedules-0-opensAt': '10:00',
  'schedules-0-closesAt': '12:00',
  'contacts-0-name': 'Jo',
  'contacts-0-phone': '01632 960 001',
  'costOptions-0-option': 'Per visit',
  'costOptions-0-amountPence': '2.50',
  languages: 'English, Polish',
  serviceAreas: 'Fenton',
  acceptsDirectPayments: 'yes',
  minimumAge: '18',
  ...overrides,
});

describe.each(testEngines())('directory curation (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let paul: Agent;
  let kinds: Map<string, string>;
  const idOf = async (name: string) =>
    await t.database.db.selectFrom('directory_service').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(engine);
    kinds = await seedServiceKinds(t.database.db, t.org.orgId);
    await t.database.db
      .insertInto('postcode')
      .values({ postcode_key: 'FE12AB', postcode: 'FE1 2AB', latitude: 52.5, longitude: 0.1 })
      .execute();
    sam = await signIn(t.app, 'sam.practitioner');
    paul = await signIn(t.app, 'paul.provider');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an incomplete entry with GOV.UK messages', async () => {
    const res = await sam.post('/directory/manage/new', {
      ...form({
        name: '',
        'location-postcode': 'nonsense',
        'schedules-0-closesAt': '09:00',
        'costOptions-0-amountPence': '-1',
        maximumAge: '10',
      }),
    });
    expect(res.statusCode).toBe(422);
    for (const text of [
      'Enter the name of the service',
      'Enter a real postcode',
      'Closing time must be after the opening time',
      'Cost must be £0 or more',
    ]) {
      expect(res.body).toContain(text);
    }
    expect(res.body).toContain('href="#schedules-0-closesAt"');
    const ages = await sam.post('/directory/manage/new', form({ maximumAge: '10' }));
    expect(ages.statusCode).toBe(422);
    expect(ages.body).toContain('Maximum age must be the same as or more than the minimum age');
  });

  it('creates an entry with everything attached, lat/long from the postcode, and audits it', async () => {
    const res = await sam.post('/directory/manage/new', { ...form(), kinds: kinds.get('carers-groups')! });
    expect(res.statusCode).toBe(303);
    const s = await idOf('Riverside Carers Café');
    expect(s).toMatchObject({ status: 'active', tl_accepts_direct_payments: true, version: 1 });
    expect(Number(s.minimum_age)).toBe(18);
    const db = t.database.db;
    const cost = await db
      .selectFrom('directory_cost_option')
      .selectAll()
      .where('service_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(cost.amount_pence).toBe(250);
    const sched = await db
      .selectFrom('directory_schedule')
      .selectAll()
      .where('service_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(sched).toMatchObject({ byday: 'TU', freq: 'WEEKLY' });
    const loc = await db
      .selectFrom('directory_service_at_location as sal')
      .innerJoin('directory_location as l', 'l.id', 'sal.location_id')
      .innerJoin('directory_address as a', 'a.location_id', 'l.id')
      .select(['l.latitude', 'a.postal_code'])
      .where('sal.service_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(loc).toEqual({ latitude: 52.5, postal_code: 'FE1 2AB' });
    expect(
      (
        await db
          .selectFrom('directory_language')
          .select('name')
          .where('service_id', '=', s.id)
          .orderBy('name')
          .execute()
      ).map((l) => l.name),
    ).toEqual(['English', 'Polish']);
    const attr = await db.selectFrom('directory_attribute').selectAll().where('link_id', '=', s.id).execute();
    expect(attr.map((a) => a.taxonomy_term_id)).toEqual([kinds.get('carers-groups')]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('resource_id', '=', s.id)
      .execute();
    expect(audit).toEqual([{ action: 'directory.service.create', person_id: null }]);
    const list = await sam.get('/directory/manage?q=carers');
    expect(list.body).toContain('Riverside Carers Café');
  });

  it('edits, refuses a stale edit showing what changed, and rejects unknown kinds', async () => {
    const s = await idOf('Riverside Carers Café');
    const page = await sam.get(`/directory/manage/services/${s.id}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2.50"');
    const ok = await sam.post(`/directory/manage/services/${s.id}/edit`, {
      ...form({ description: 'Now weekly.' }),
      version: '1',
    });
    expect(ok.statusCode).toBe(303);
    const stale = await sam.post(`/directory/manage/services/${s.id}/edit`, {
      ...form({ description: 'My older idea.' }),
      version: '1',
      kinds: kinds.get('befriending')!,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('What is different now');
    expect(stale.body).toContain('Now weekly.');
    expect(stale.body).toMatch(
      /Kinds of service<\/t[dh]>\s*<td class="govuk-table__cell">\(blank\)<\/td>\s*<td class="govuk-table__cell">Befriending\s*<\/td>/,
    );
    expect((await idOf('Riverside Carers Café')).description).toBe('Now weekly.');
    const badKind = await sam.post(`/directory/manage/services/${s.id}/edit`, {
      ...form(),
      version: '2',
      kinds: '00000000-0000-4000-8000-000000000000',
    });
    expect(badKind.statusCode).toBe(422);
    expect(badKind.body).toContain('Choose kinds of service from the list');
  });

  it('lists entries due for review until checked today', async () => {
    const s = await idOf('Riverside Carers Café');
    expect((await sam.get('/directory/manage/review')).body).toContain('Riverside Carers Café');
    const res = await sam.post(`/directory/manage/services/${s.id}/checked`, { returnTo: 'review' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/directory/manage/review');
    expect((await idOf('Riverside Carers Café')).tl_last_checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const editLink = `/directory/manage/services/${s.id}/edit`;
    expect((await sam.get('/directory/manage/review')).body).not.toContain(editLink);
    expect((await sam.get('/directory/manage')).body).toContain(editLink);
    await t.database.db
      .updateTable('directory_service')
      .set({ tl_last_checked: '2000-01-01' })
      .where('id', '=', s.id)
      .execute();
    expect((await sam.get('/directory/manage/review')).body).toContain(editLink);
    // Dates read as everywhere else, never as the database writes them.
    const review = (await sam.get('/directory/manage/review')).body;
    expect(review).toContain('1 January 2000');
    expect(review).not.toContain('2000-01-01');
    const form = (await sam.get(editLink)).body;
    expect(form).toContain('Last checked: 1 January 2000.');
  });

  it('withdraws with a reason (never deletes) and restores', async () => {
    const s = await idOf('Riverside Carers Café');
    const missing = await sam.post(`/directory/manage/services/${s.id}/withdraw`, { reason: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Enter why the entry is being withdrawn');
    expect(
      (await sam.post(`/directory/manage/services/${s.id}/withdraw`, { reason: 'Stopped meeting' })).statusCode,
    ).toBe(303);
    expect(await idOf('Riverside Carers Café')).toMatchObject({ tl_withdrawn_reason: 'Stopped meeting' });
    expect((await sam.get('/directory/manage')).body).not.toContain(`/directory/manage/services/${s.id}/edit`);
    expect((await sam.get('/directory/manage/withdrawn')).body).toContain('Stopped meeting');
    expect(
      await t.database.db.selectFrom('directory_service').select('id').where('id', '=', s.id).executeTakeFirst(),
    ).toBeTruthy();
    expect((await sam.post(`/directory/manage/services/${s.id}/restore`)).statusCode).toBe(303);
    expect((await idOf('Riverside Carers Café')).tl_withdrawn_at).toBeNull();
  });

  it('lets a provider curate only the entries they own; others answer 404', async () => {
    const s = await idOf('Riverside Carers Café');
    expect((await paul.get(`/directory/manage/services/${s.id}/edit`)).statusCode).toBe(404);
    expect((await paul.post(`/directory/manage/services/${s.id}/withdraw`, { reason: 'x' })).statusCode).toBe(404);
    expect((await paul.post(`/directory/manage/services/${s.id}/checked`)).statusCode).toBe(404);
    expect((await paul.get('/directory/manage')).body).not.toContain(`/directory/manage/services/${s.id}/edit`);
    expect((await paul.post('/directory/manage/new', form({ name: 'Homecare Fenshire visits' }))).statusCode).toBe(303);
    const own = await idOf('Homecare Fenshire visits');
    expect((await paul.get(`/directory/manage/services/${own.id}/edit`)).statusCode).toBe(200);
    expect((await paul.get('/directory/manage')).body).toContain('Homecare Fenshire visits');
    expect((await sam.get(`/directory/manage/services/${own.id}/edit`)).statusCode).toBe(200);
    expect((await sam.get('/directory/manage/services/not-a-uuid/edit')).statusCode).toBe(404);
  });

  it('shows the taxonomy and lets an administrator add a local term', async () => {
    const ada = await signIn(t.app, 'ada.admin');
    const page = await ada.get('/directory/manage/taxonomies');
    expect(page.body).toContain('Personal-assistant finders');
    const taxonomy = await t.database.db
      .selectFrom('directory_taxonomy')
      .select('id')
      .where('name', '=', 'Fenshire service kinds')
      .executeTakeFirstOrThrow();
    expect(
      (await ada.post('/directory/manage/taxonomies/terms', { taxonomyId: taxonomy.id, name: '' })).statusCode,
    ).toBe(422);
    const res = await ada.post('/directory/manage/taxonomies/terms', {
      taxonomyId: taxonomy.id,
      name: 'Men’s sheds',
      parentId: kinds.get('community-activities')!,
    });
    expect(res.statusCode).toBe(303);
    const term = await t.database.db
      .selectFrom('directory_taxonomy_term')
      .selectAll()
      .where('name', '=', 'Men’s sheds')
      .executeTakeFirstOrThrow();
    expect(term).toMatchObject({ tl_local: true, parent_id: kinds.get('community-activities') });
    expect(
      (await sam.post('/directory/manage/taxonomies/terms', { taxonomyId: taxonomy.id, name: 'x' })).statusCode,
    ).toBe(403);
  });
});
