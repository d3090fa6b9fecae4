import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';
import { importPostcodes } from '../../src/modules/information/postcode-import.js';
import { seedInformationFixture, type InformationFixture } from './information-fixtures.js';

/** Issue 3 §2: service pages, the printable list, stories, and the postcode import. */
describe.each(testEngines())('public information pages (%s)', (engine) => {
  let t: TestApp;
  let f: InformationFixture;

  beforeAll(async () => {
    t = await startTestApp(engine);
    f = await seedInformationFixture(t.database.db, t.org.orgId);
  }, 180_000);
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('shows what a service offers, who for, when, cost, how to get there and how to get in touch', async () => {
    const res = await get(`/information/services/${f.friendship}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    expect(html).toContain('<h1 class="govuk-heading-l">Wisbech Friendship Circle</h1>');
    expect(html).toContain('Weekly befriending visits');
    expect(html).toContain('Aged 60 and over');
    expect(html).toContain('Adults living in Fenshire');
    expect(html).toContain('Every Wednesday, 10am to midday');
    expect(html).toContain('1 Market Place, Wisbech, PE13 1AA');
    expect(html).toContain('Bus 46 stops outside');
    expect(html).toContain('Step-free entrance');
    expect(html).toContain('href="tel:01945000111"');
    expect(html).toContain('mailto:hello@friendship.example.org');
    expect(html).toContain('https://friendship.example.org');
    expect(html).toContain('Polish');
    expect(html).toContain('last checked on 1 October 2026');
    // The related story sits beside the service.
    expect(html).toContain('href="/information/stories/a-friend-every-week"');
  });

  it('shows cost in pounds from pence, monthly times in words, and a service with no place to visit', async () => {
    expect((await get(`/information/services/${f.sitting}`)).body).toContain('Per hour – £12.50');
    expect((await get(`/information/services/${f.memory}`)).body).toContain(
      'On the first Monday of each month, 2pm to 4pm',
    );
    const advocacy = await get(`/information/services/${f.advocacy}`);
    expect(advocacy.body).toContain('does not have a place to visit');
    expect(advocacy.body).toContain('0800 000 222');
  });

  it('answers 404 for withdrawn, defunct, another council’s, unknown and malformed services', async () => {
    for (const id of [
      f.withdrawn,
      f.defunct,
      f.otherCouncil,
      '6f1c3c55-3a51-4b8f-9d4e-6b0f1f4f0a11',
      'not-a-uuid',
      "1'--",
    ]) {
      const res = await get(`/information/services/${encodeURIComponent(id)}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.body).toContain('Page not found');
    }
  });

  it('prints the current search as a list with where, when and how to get in touch', async () => {
    const res = await get('/information/print?q=lonely&postcode=PE13+1AB');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your list of help and support');
    expect(res.body).toContain('Looking for ‘lonely’ within 5 miles of PE13 1AB');
    expect(res.body).toContain('Wisbech Friendship Circle');
    expect(res.body).toContain('1 Market Place, Wisbech, PE13 1AA');
    expect(res.body).toContain('Every Wednesday, 10am to midday');
    expect(res.body).toContain('01945 000111');
    expect(res.body).not.toContain('Old Lunch Club');
    expect(res.body).toContain('<link rel="stylesheet" href="/information/print.css" media="print">');
    // The results page links to it with the same search.
    const results = await get('/information?q=lonely&postcode=PE13+1AB');
    expect(results.body).toContain('href="/information/print?q=lonely&amp;postcode=PE13+1AB"');
  });

  it('the print view says when there is nothing to print, and shows postcode errors', async () => {
    expect((await get('/information/print')).body).toContain('There is nothing to print yet');
    const bad = await get('/information/print?postcode=PE99+9ZZ');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('We could not find PE99 9ZZ');
  });

  it('serves the print stylesheet', async () => {
    const res = await get('/information/print.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
    expect(res.body).toContain('@media print');
  });

  it('lists published stories, filters by situation, and shows one with links to the kind of support', async () => {
    const list = await get('/information/stories');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('A friend every week');
    expect(list.body).not.toContain('Draft story');
    expect((await get('/information/stories?tag=loneliness')).body).toContain('A friend every week');
    expect((await get('/information/stories?tag=dementia')).body).toContain(
      'There are no stories about ‘dementia’ yet',
    );
    // A NUL is refused where the request arrives (422, never a 500 from PostgreSQL); a quote is just text.
    expect((await get('/information/stories?tag=%00%27')).statusCode).toBe(422);
    expect((await get('/information/stories?tag=%27')).statusCode).toBe(200);
    const story = await get('/information/stories/a-friend-every-week');
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('<p class="govuk-body">A volunteer now visits every Wednesday.</p>');
    expect(story.body).toContain('href="/information?kind=befriending"');
    expect((await get('/information/stories/not-yet-published')).statusCode).toBe(404);
    expect((await get('/information/stories/NO%20SUCH')).statusCode).toBe(404);
  });

  it('shows stories beside search results', async () => {
    expect((await get('/information?q=lonely')).body).toContain('href="/information/stories/a-friend-every-week"');
  });

  it('the sign-in page and the staff home page point residents to the public pages', async () => {
    expect((await get('/sign-in')).body).toContain('href="/information"');
    const sam = await signIn(t.app, 'sam.practitioner');
    const home = await sam.get('/');
    expect(home.body).toContain('href="/information"');
    expect(home.body).toContain('href="/information/stories"');
  });

  it('imports the ONS postcode CSV: upserts, counts terminated, rejects bad rows with reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onspd-'));
    const file = join(dir, 'onspd.csv');
    writeFileSync(
      file,
      [
        '"pcd","pcds","dointr","doterm","oslaua","lat","long"',
        '"PE131AB","PE13 1AB","198001","","E07000010",52.700000,0.170000',
        '"PE148ZZ","PE14 8ZZ","198001","202001","E07000010",52.61,0.21',
        '"XX","XX","","","",52.6,0.1',
        '"PE149ZZ","PE14 9ZZ","","","",99.999999,0.000000',
        '',
      ].join('\n'),
    );
    const report = await importPostcodes(t.database.db, file);
    expect(report).toMatchObject({ read: 4, imported: 2, terminated: 1, rejected: 2 });
    expect(report.rejections).toEqual(['line 4: "XX" is not a postcode', 'line 5: PE14 9ZZ has no usable latitude']);
    const row = await t.database.db
      .selectFrom('postcode')
      .selectAll()
      .where('postcode_key', '=', 'PE131AB')
      .executeTakeFirstOrThrow();
    expect(Number(row.latitude)).toBeCloseTo(52.7);
    const terminated = await get('/information?postcode=PE14+8ZZ');
    expect(terminated.body).toContain('We could not find PE14 8ZZ');
    await expect(
      importPostcodes(t.database.db, (writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n'), join(dir, 'x.csv'))),
    ).rejects.toThrow('The file has no pcds (or pcd), lat, long column');
  });
});
