import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { seedPartners } from '../../src/seed/partners.js';
import { seedCounty } from '../../src/seed/county.js';
import { seedDirectory } from '../../src/seed/directory/index.js';
import { POSTCODES_CSV, postcodeKey, postcodesCsvText } from '../../src/seed/directory/postcodes.js';
import { demoStories } from '../../src/seed/directory/stories.js';
import { kindTemplates } from '../../src/seed/directory/catalogue.js';
import { serviceKindsCsv } from '../../src/modules/directory/service-kinds.js';
import { parseCsv } from '../../src/modules/directory/csv.js';
import { importPostcodes } from '../../src/modules/information/postcode-import.js';
import { fileURLToPath } from 'node:url';

const AS_OF = '2026-11-01';

/** A comparable fingerprint of a seeded directory (ids differ between databases; content must not). */
async function fingerprint(t: TestDatabase, orgId: string): Promise<string[]> {
  const rows = await sql<{ line: string }>`
    select s.name || '|' || s.status || '|' || coalesce(s.fees, '') || '|' || coalesce(s.tl_last_checked::text, '') || '|' || a.postal_code || '|' ||
      l.latitude::text || '|' || p.number || '|' || c.amount_pence::text as line
    from directory_service s
    join directory_service_at_location sal on sal.service_id = s.id
    join directory_location l on l.id = sal.location_id
    join directory_address a on a.location_id = l.id
    join directory_phone p on p.service_id = s.id
    join directory_cost_option c on c.service_id = s.id
    where s.org_id = ${orgId} order by s.name`.execute(t.db);
  return rows.rows.map((r) => r.line);
}

async function kindCounts(t: TestDatabase, orgId: string): Promise<Map<string, number>> {
  const rows = await t.db
    .selectFrom('directory_attribute as a')
    .innerJoin('directory_taxonomy_term as k', 'k.id', 'a.taxonomy_term_id')
    .select(['k.code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.org_id', '=', orgId)
    .where('a.link_type', '=', 'service_kind')
    .where('a.link_entity', '=', 'service')
    .groupBy('k.code')
    .execute();
  return new Map(rows.map((r) => [r.code ?? '', Number(r.n)]));
}

const allKinds = parseCsv(serviceKindsCsv())
  .slice(1)
  .map((r) => r[0]);

describe('the shipped postcode table', () => {
  it('is exactly what places.ts generates (regenerate with write-postcodes.ts)', () => {
    expect(readFileSync(POSTCODES_CSV, 'utf8')).toBe(postcodesCsvText());
  });

  it('has a service template for every service kind in the taxonomy', () => {
    expect(kindTemplates.map((k) => k.kind).sort()).toEqual([...allKinds].sort());
  });
});

describe.each(testEngines())('demo directory seed (%s)', (engine) => {
  let app: TestApp;
  let t: TestDatabase;
  let again: TestDatabase;
  let org: SeededOrganisation;
  let orgAgain: SeededOrganisation;

  beforeAll(async () => {
    app = await startTestApp(engine);
    t = app.database;
    org = app.org;
    await seedPartners(t.db);
    await seedCounty(t.db, org, { scale: 'small', seed: 3, count: 300, asOf: AS_OF });
    await seedDirectory(t.db, org, { scale: 'small', seed: 3, asOf: AS_OF });
    again = await openTestDatabase(engine);
    orgAgain = await seedOrganisation(again.db);
    await seedPartners(again.db);
    await seedDirectory(again.db, orgAgain, { scale: 'small', seed: 3, asOf: AS_OF });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await again?.dispose();
  });

  it('has at least 300 services at small scale, across every kind', async () => {
    const { n } = await t.db
      .selectFrom('directory_service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThanOrEqual(300);
    const counts = await kindCounts(t, org.orgId);
    for (const kind of allKinds) expect(counts.get(kind ?? ''), kind).toBeGreaterThanOrEqual(10);
  });

  it('is deterministic for a seed and day', async () => {
    const first = await fingerprint(t, org.orgId);
    expect(first.length).toBeGreaterThanOrEqual(300);
    expect(await fingerprint(again, orgAgain.orgId)).toEqual(first);
  });

  it('puts every service address in the postcode table, at its postcode’s centroid', async () => {
    const missing = await sql<{ postal_code: string }>`
      select a.postal_code from directory_address a left join postcode p on p.postcode_key = upper(replace(a.postal_code, ' ', ''))
      join directory_location l on l.id = a.location_id
      where a.org_id = ${org.orgId} and (p.postcode_key is null or p.latitude <> l.latitude or p.longitude <> l.longitude)`.execute(
      t.db,
    );
    expect(missing.rows).toEqual([]);
  });

  it('resolves every postcode the people seed made, including the scenario people', async () => {
    const people = await t.db
      .selectFrom('person')
      .select('postcode')
      .where('org_id', '=', org.orgId)
      .where('postcode', 'is not', null)
      .execute();
    expect(people.length).toBeGreaterThan(300);
    const keys = [...new Set(people.map((p) => postcodeKey(p.postcode ?? '')))];
    const found = await t.db.selectFrom('postcode').select('postcode_key').where('postcode_key', 'in', keys).execute();
    expect(found.length).toBe(keys.length);
    expect(keys).toContain('PE158AA');
  });

  it('has what residents filter on: free or low cost, direct payments, other languages, withdrawn and overdue entries', async () => {
    const s = await sql<Record<string, number>>`
      select count(*) filter (where tl_free_or_low_cost)::int as free, count(*) filter (where tl_accepts_direct_payments)::int as dp,
        count(*) filter (where tl_withdrawn_at is not null)::int as withdrawn,
        count(*) filter (where tl_last_checked < ${AS_OF}::date - 180)::int as overdue,
        count(*) filter (where tl_owner_user_id is null)::int as unowned
      from directory_service where org_id = ${org.orgId}`.execute(t.db);
    const row = s.rows[0]!;
    expect(row.free).toBeGreaterThan(100);
    expect(row.dp).toBeGreaterThan(50);
    expect(row.withdrawn).toBeGreaterThan(0);
    expect(row.overdue).toBeGreaterThan(20);
    expect(row.unowned).toBe(0);
    const phones = await t.db.selectFrom('directory_phone').select('number').where('org_id', '=', org.orgId).execute();
    for (const p of phones) expect(p.number).toMatch(/^01632 960\d{3}$/);
    const emails = await t.db.selectFrom('directory_contact').select('email').where('org_id', '=', org.orgId).execute();
    for (const e of emails) expect(e.email).toMatch(/@[a-z]+\.example\.org$/);
    const languages = await t.db
      .selectFrom('directory_language')
      .select('code')
      .distinct()
      .where('org_id', '=', org.orgId)
      .execute();
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['en', 'pl', 'gu']));
  });

  it('stores the stories with tags and links to service kinds', async () => {
    const stories = await t.db.selectFrom('directory_story').selectAll().where('org_id', '=', org.orgId).execute();
    expect(stories.length).toBe(demoStories.length);
    expect(stories.length).toBeGreaterThanOrEqual(8);
    const terms = new Set(
      (await t.db.selectFrom('directory_taxonomy_term').select('id').where('org_id', '=', org.orgId).execute()).map(
        (r) => r.id,
      ),
    );
    for (const story of stories) {
      expect(story.tags.length).toBeGreaterThan(0);
      expect(story.taxonomy_term_ids.length).toBeGreaterThan(0);
      for (const id of story.taxonomy_term_ids) expect(terms.has(id)).toBe(true);
    }
    expect(stories.find((s) => s.slug === 'a-gardener-paid-by-a-small-payment')?.tags).toEqual(
      expect.arrayContaining(['dementia', 'carer', 'direct payment']),
    );
  });

  it('answers a resident’s search near a postcode with nearby services, nearest first when asked, and shows the stories', async () => {
    const page = await app.app.inject({
      method: 'GET',
      url: '/information?q=carers&postcode=PE13+1DA&miles=5&sort=nearest',
    });
    expect(page.statusCode).toBe(200);
    const distances = [...page.body.matchAll(/<strong>([\d.]+|Less than 0\.1) miles? away<\/strong>/g)].map((m) =>
      m[1] === 'Less than 0.1' ? 0 : Number(m[1]),
    );
    expect(distances.length).toBeGreaterThan(0);
    for (const d of distances) expect(d).toBeLessThanOrEqual(5);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const wisbechCarers = await t.db
      .selectFrom('directory_service as s')
      .innerJoin('directory_service_at_location as sal', 'sal.service_id', 's.id')
      .innerJoin('directory_address as a', 'a.location_id', 'sal.location_id')
      .select('s.name')
      .where('s.org_id', '=', org.orgId)
      .where('a.city', '=', 'Wisbech')
      .where('s.name', 'like', '%Carers%')
      .where('s.status', '=', 'active')
      .execute();
    expect(wisbechCarers.length).toBeGreaterThan(0);
    expect(
      wisbechCarers.some((s) => page.body.includes(s.name.replaceAll('’', '&#8217;')) || page.body.includes(s.name)),
    ).toBe(true);
    const stories = await app.app.inject({ method: 'GET', url: '/information/stories' });
    expect(stories.statusCode).toBe(200);
    expect(stories.body).toContain('A gardener, paid for by a small payment');
  });
});

describe.each(testEngines())('tiny demo directory (%s)', (engine) => {
  let t: TestDatabase;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    org = await seedOrganisation(t.db);
    await seedCounty(t.db, org, { scale: 'tiny', seed: 1, asOf: AS_OF });
    await seedDirectory(t.db, org, { scale: 'tiny', seed: 1, asOf: AS_OF });
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('has about 40 services covering every kind, and the scenario people’s postcodes resolve', async () => {
    const counts = await kindCounts(t, org.orgId);
    for (const kind of allKinds) expect(counts.get(kind ?? ''), kind).toBeGreaterThanOrEqual(2);
    const { n } = await t.db
      .selectFrom('directory_service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(40);
    const unresolved =
      await sql`select p.postcode from person p left join postcode c on c.postcode_key = upper(replace(p.postcode, ' ', '')) where c.postcode_key is null and p.postcode is not null`.execute(
        t.db,
      );
    expect(unresolved.rows).toEqual([]);
  });

  it('ships a postcode file that `cli import-postcodes` reads as ONS Postcode Directory columns, with nothing rejected', async () => {
    const report = await importPostcodes(t.db, fileURLToPath(POSTCODES_CSV));
    expect(report.rejected).toBe(0);
    expect(report.imported).toBe(32_400);
    const harold = await t.db
      .selectFrom('postcode')
      .selectAll()
      .where('postcode_key', '=', 'PE158AA')
      .executeTakeFirstOrThrow();
    expect(harold).toMatchObject({ postcode: 'PE15 8AA', local_authority: 'E07000010', terminated: false });
  });
});
