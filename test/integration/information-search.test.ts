import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';
import { seedInformationFixture, type InformationFixture } from './information-fixtures.js';
import { dayBefore, londonNow } from '../../src/modules/information/schedules.js';

/** Issue 3 §2: the public directory search — words, everyday phrases, categories, postcodes, filters. */
describe.each(testEngines())('public information search (%s)', (engine) => {
  let t: TestApp;
  let f: InformationFixture;

  beforeAll(async () => {
    t = await startTestApp(engine);
    f = await seedInformationFixture(t.database.db, t.org.orgId);
  }, 180_000);
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const ids = (html: string) => [...html.matchAll(/href="\/information\/services\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

  it('shows the search form and the kinds of support with no sign-in, no cookie and no personal data', async () => {
    const res = await get('/information');
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('Find help and support');
    expect(res.body).toContain('href="/information?kind=befriending"');
    expect(res.body).not.toContain('Sign out');
    expect(res.body).not.toMatch(/Harold|Edna|NHS number/);
  });

  it('finds services by the words in their description', async () => {
    const res = await get('/information?q=volunteers');
    expect(res.statusCode).toBe(200);
    expect(ids(res.body)).toEqual([f.sitting]);
    expect(res.body).toContain('1 result for ‘volunteers’</h2>');
  });

  it('understands everyday words: "lonely" finds befriending, never withdrawn, defunct or another council’s entries', async () => {
    const res = await get('/information?q=I+feel+lonely');
    const found = ids(res.body);
    expect(found).toContain(f.friendship);
    expect(found).not.toContain(f.withdrawn);
    expect(found).not.toContain(f.defunct);
    expect(found).not.toContain(f.otherCouncil);
  });

  it('"carer break" finds short breaks', async () => {
    expect(ids((await get('/information?q=carer+break')).body)).toContain(f.sitting);
  });

  it('searches by category', async () => {
    const res = await get('/information?kind=dementia-support');
    expect(ids(res.body)).toEqual([f.memory]);
    expect(res.body).toContain('in Dementia support');
  });

  it('searches near a postcode, nearest first, with the distance in miles', async () => {
    const res = await get('/information?postcode=pe13+1ab');
    expect(res.statusCode).toBe(200);
    expect(ids(res.body)).toEqual([f.friendship, f.sitting]);
    expect(res.body).toContain('within 5 miles of PE13 1AB');
    expect(res.body).toMatch(/0\.1 miles away|Less than 0\.1 miles away/);
    expect(res.body).toMatch(/2\.\d miles away/);
    const wider = await get('/information?postcode=PE131AB&miles=10');
    expect(ids(wider.body)).toEqual([f.friendship, f.sitting, f.memory]);
    expect(wider.body).toMatch(/[89]\.\d miles away/);
  });

  it('ranks by how well a service answers the words, distance only breaking ties, unless nearest first is asked for', async () => {
    // The memory café (8 miles) is what "memory café" asks for; the friendship café (0.1 miles) only shares a word.
    const best = await get('/information?q=memory+caf%C3%A9&postcode=PE13+1AB&miles=10');
    expect(ids(best.body)).toEqual([f.memory, f.friendship]);
    expect(best.body).toMatch(/[89]\.\d miles away/);
    expect(best.body).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">');
    expect(best.body).toMatch(
      /<input class="govuk-radios__input" id="sort" name="sort" type="radio" value="relevance" checked>/,
    );
    expect(best.body).toContain('<input type="hidden" name="q" value="memory café">');
    expect(best.body).toContain('<input type="hidden" name="postcode" value="PE13 1AB">');
    const nearest = await get('/information?q=memory+caf%C3%A9&postcode=PE13+1AB&miles=10&sort=nearest');
    expect(ids(nearest.body)).toEqual([f.friendship, f.memory]);
    expect(nearest.body).toMatch(/value="nearest" checked>/);
  });

  it('puts a misspelt word right and offers the corrected search', async () => {
    const res = await get('/information?q=befrending');
    expect(ids(res.body)).toEqual([f.friendship]);
    expect(res.body).toContain('Did you mean <a class="govuk-link" href="/information?q=befriending">befriending</a>?');
    expect((await get('/information?q=befriending')).body).not.toContain('Did you mean');
  });

  it('combines words and postcode', async () => {
    const res = await get('/information?q=lonely&postcode=PE13+1AB&miles=1');
    expect(ids(res.body)).toEqual([f.friendship]);
  });

  it('says a malformed postcode is not a postcode, on the search page', async () => {
    const res = await get('/information?q=lonely&postcode=banana');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter a real postcode, like PE13 1AB');
    expect(res.body).toContain('href="#postcode"');
    expect(res.body).toContain('id="postcode-error"');
    expect(res.body).toContain('value="lonely"');
  });

  it('says an unknown or terminated postcode could not be found', async () => {
    for (const postcode of ['PE99 9ZZ', 'PE13 9ZZ']) {
      const res = await get(`/information?postcode=${encodeURIComponent(postcode)}`);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(`We could not find ${postcode}`);
      expect(ids(res.body)).toEqual([]);
    }
  });

  it('filters: free or low cost, accepts direct payments, language spoken', async () => {
    expect(ids((await get('/information?postcode=PE13+1AB&miles=20&free=yes')).body)).toEqual([f.friendship]);
    expect(ids((await get('/information?postcode=PE13+1AB&miles=20&directPayments=yes')).body)).toEqual([f.sitting]);
    const polish = await get('/information?language=polish');
    expect(ids(polish.body)).toEqual([f.friendship]);
    expect(polish.body).toMatch(/<option value="Polish"\s+selected>/);
    const both = await get('/information?q=lonely&free=yes&language=polish&open=WE');
    expect(both.body).toContain('Only showing services that are: free or low cost, open on Wednesday, Polish spoken.');
    expect(both.body).toContain('href="/information?q=lonely">Clear these filters</a>');
  });

  it('filters: open on a given day (weekly and monthly) and open now', async () => {
    expect(ids((await get('/information?open=WE&postcode=PE13+1AB&miles=20')).body)).toEqual([f.friendship, f.sitting]);
    expect(ids((await get('/information?open=MO&postcode=PE13+1AB&miles=20')).body)).toEqual([f.sitting, f.memory]);
    // The sitting service is open all day every day; nothing else is always open.
    expect(ids((await get('/information?open=now&kind=short-breaks')).body)).toEqual([f.sitting]);
    expect(ids((await get('/information?open=now&kind=advocacy')).body)).toEqual([]);
  });

  it('open now counts overnight hours: from last night still open this morning, and from this evening past midnight', async () => {
    const db = t.database.db;
    const now = londonNow();
    const schedule = (byday: string, opens: string, closes: string) =>
      db
        .insertInto('directory_schedule')
        .values({
          org_id: t.org.orgId,
          service_id: f.advocacy,
          freq: 'WEEKLY',
          byday,
          opens_at: opens,
          closes_at: closes,
        })
        .execute();
    const advocacyOpenNow = async () => ids((await get('/information?open=now&kind=advocacy')).body);
    try {
      // Yesterday's ordinary hours are over.
      await schedule(dayBefore(now.day), '09:00:00', '17:00:00');
      expect(await advocacyOpenNow()).toEqual([]);
      // Opened last night, closes an hour from now (only constructible before 10pm).
      if (now.time < '22:00:00') {
        const inAnHour = `${String(Number(now.time.slice(0, 2)) + 1).padStart(2, '0')}${now.time.slice(2)}`;
        await schedule(dayBefore(now.day), '23:59:59', inAnHour);
        expect(await advocacyOpenNow()).toEqual([f.advocacy]);
        await db.deleteFrom('directory_schedule').where('service_id', '=', f.advocacy).execute();
      }
      // Opened at midnight today and runs to midnight tonight.
      await schedule(now.day, '00:00:00', '00:00:00');
      expect(await advocacyOpenNow()).toEqual([f.advocacy]);
    } finally {
      await db.deleteFrom('directory_schedule').where('service_id', '=', f.advocacy).execute();
    }
    expect(await advocacyOpenNow()).toEqual([]);
  });

  it('a page past the end still says how many there are and links to the first page', async () => {
    const res = await get('/information?postcode=PE13+1AB&miles=20&page=2');
    expect(res.statusCode).toBe(200);
    expect(ids(res.body)).toEqual([]);
    // Past the end: the count is still right and the first page is one click away.
    expect(res.body).toContain('3 results within 20 miles of PE13 1AB');
    expect(res.body).toContain(
      'There are no more results. <a class="govuk-link" href="/information?postcode=PE13+1AB&amp;miles=20">Go to the first page</a>',
    );
  });

  it('never gives an error page for strange query strings', async () => {
    for (const qs of [
      'q=%27%3B+drop+table&miles=abc',
      'page=-4&open=XX',
      'q=a&q=b&kind[]=1',
      'miles=999999999999999999999',
      'q=!!!%26%7C%3A*',
      'q=' + 'x'.repeat(5000),
      'language=%00',
      'kind=%27',
      'q=or+and+or',
    ]) {
      const res = await get(`/information?${qs}`);
      expect(res.statusCode, qs).toBeLessThan(500);
      expect(res.statusCode, qs).not.toBe(404);
    }
  });

  it('pages results twenty at a time, keeping the search in the page links', async () => {
    const { db } = t.database;
    const term = await db
      .selectFrom('directory_taxonomy_term')
      .select('id')
      .where('org_id', '=', t.org.orgId)
      .where('code', '=', 'timebanks')
      .executeTakeFirstOrThrow();
    const organization = await db
      .insertInto('directory_organization')
      .values({ org_id: t.org.orgId, name: 'Timebank Trust', description: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let n = 10; n < 32; n++) {
      const row = await db
        .insertInto('directory_service')
        .values({ org_id: t.org.orgId, organization_id: organization.id, name: `Timebank ${n}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('directory_attribute')
        .values({
          org_id: t.org.orgId,
          link_id: row.id,
          link_type: 'service_kind',
          link_entity: 'service',
          taxonomy_term_id: term.id,
        })
        .execute();
    }
    const first = await get('/information?kind=timebanks');
    expect(ids(first.body)).toHaveLength(20);
    expect(first.body).toContain('22 results in Timebanks');
    expect(first.body).toContain('href="/information?kind=timebanks&amp;page=2"');
    const second = await get('/information?kind=timebanks&page=2');
    expect(ids(second.body)).toHaveLength(2);
    expect(second.body).toContain('Timebank 31');
  });

  it('works the same for someone signed in, without a person audit entry', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await sam.get('/information?q=lonely');
    expect(ids(res.body)).toContain(f.friendship);
    const after = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
