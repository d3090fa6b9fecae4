import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedServiceKinds } from '../../src/modules/directory/service-kinds.js';
import { FeedError, importDirectory } from '../../src/modules/directory/imports/index.js';
import type { AuditContext } from '../../src/platform/audit/audit.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/directory/${name}`, import.meta.url), 'utf8');

/** A tiny ORUK 3.0 API: /services pages of one item, /services/{id} the full record; one id is broken. */
function feedServer(): Promise<{ server: Server; base: string }> {
  const services = (JSON.parse(fixture('oruk3-good.json')) as { contents: { id: string; name: string }[] }).contents;
  const listed = [
    ...services.map((s) => ({ id: s.id, name: s.name })),
    { id: '0e1f2a3b-0000-4000-8000-00000000dead', name: 'Gone' },
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/oruk/services') {
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, {
        total_items: listed.length,
        total_pages: listed.length,
        page_number: page,
        size: 1,
        first_page: page === 1,
        last_page: page === listed.length,
        empty: false,
        contents: listed.slice(page - 1, page),
      });
    }
    const found = services.find((s) => url.pathname === `/oruk/services/${s.id}`);
    return found ? send(200, found) : send(404, { title: 'Not found' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oruk` }),
    ),
  );
}

describe.each(testEngines())('directory imports (%s)', (engine) => {
  let t: TestApp;
  let ada: Agent;
  let ctx: AuditContext;
  let feed: { server: Server; base: string };
  const db = () => t.database.db;
  const run = (name: string, format?: 'oruk3' | 'oruk1' | 'csv') =>
    importDirectory(db(), ctx, ['127.0.0.1'], { kind: 'text', text: fixture(name), name }, format);
  const byName = (name: string) =>
    db().selectFrom('directory_service').selectAll().where('name', '=', name).executeTakeFirst();

  beforeAll(async () => {
    feed = await feedServer();
    t = await startTestApp(engine, { directoryFeedHosts: ['127.0.0.1'] });
    await seedServiceKinds(db(), t.org.orgId);
    ctx = { actor: { kind: 'system', orgId: t.org.orgId } };
    ada = await signIn(t.app, 'ada.admin');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    feed?.server.close();
  });

  it('imports a good ORUK 3.0 feed with its children, and a re-import changes nothing', async () => {
    const report = await run('oruk3-good.json');
    expect(report.format).toBe('oruk3');
    expect(report.added.map((a) => a.name)).toEqual(['Community Counselling', 'Fenton Befriending Calls']);
    expect(report.rejected).toEqual([]);
    const s = (await byName('Fenton Befriending Calls'))!;
    expect(s).toMatchObject({
      tl_source: 'oruk3',
      tl_source_id: '5e7c0000-0000-4000-8000-000000000002',
      tl_free_or_low_cost: true,
    });
    const sched = await db()
      .selectFrom('directory_schedule')
      .selectAll()
      .where('service_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(sched).toMatchObject({ byday: 'MO,WE', opens_at: '09:30:00' });
    const kinds = await db()
      .selectFrom('directory_attribute as a')
      .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
      .select('t.code')
      .where('a.link_id', '=', s.id)
      .execute();
    expect(kinds).toEqual([{ code: 'befriending' }]);
    const counselling = (await byName('Community Counselling'))!;
    const cost = await db()
      .selectFrom('directory_cost_option')
      .select('amount_pence')
      .where('service_id', '=', counselling.id)
      .executeTakeFirstOrThrow();
    expect(cost.amount_pence).toBe(3500);
    expect(Number(counselling.minimum_age)).toBe(12);

    const again = await run('oruk3-good.json');
    expect({ added: again.added.length, updated: again.updated.length, unchanged: again.unchanged.length }).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(
      Number(
        (
          await db()
            .selectFrom('directory_service')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tl_source', '=', 'oruk3')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2);
  });

  it('updates by source id when the feed changes', async () => {
    const changed = JSON.parse(fixture('oruk3-good.json'));
    changed.contents[0].description = 'Now also online.';
    const report = await importDirectory(db(), ctx, [], {
      kind: 'text',
      text: JSON.stringify(changed),
      name: 'changed',
    });
    expect(report.updated.map((u) => u.name)).toEqual(['Community Counselling']);
    expect(report.unchanged).toHaveLength(1);
    expect((await byName('Community Counselling'))!).toMatchObject({ description: 'Now also online.', version: 2 });
  });

  it('rejects every record of a bad feed with reasons and saves nothing', async () => {
    const before = await db().selectFrom('directory_service').select('id').execute();
    const report = await run('oruk3-bad.json', 'oruk3');
    expect(report.added).toEqual([]);
    expect(report.rejected).toHaveLength(5);
    const reasons = report.rejected.map((r) => r.reasons.join(' | '));
    expect(reasons[0]).toMatch(/url: Website must be a full web address/);
    expect(reasons[1]).toMatch(/^status: must be one of/);
    expect(reasons[2]).toMatch(/email: Email must be an email address/);
    expect(reasons[3]).toMatch(/^id: must be a uuid/);
    expect(reasons[4]).toMatch(/costOptions\.0\.amountPence: Cost must be £0 or more/);
    expect(await db().selectFrom('directory_service').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps the good records of a mixed feed and reports the bad ones', async () => {
    const report = await run('oruk3-mixed.json');
    expect(report.added.map((a) => a.name)).toEqual(['Carers Coffee Morning', 'Timebank Fenton']);
    expect(report.rejected.map((r) => r.name)).toEqual(['Bad email', 'Wrong Postcode Club']);
    expect(report.rejected[1]!.reasons.join()).toContain('Enter a real postcode');
    expect(await byName('Wrong Postcode Club')).toBeUndefined();
  });

  it('imports ORUK 1.0 and a CSV file of services, with their bad records rejected', async () => {
    const v1 = await run('oruk1-good.json');
    expect(v1.format).toBe('oruk1');
    expect(v1.added.map((a) => a.name)).toEqual(['Fenshire Advocacy Hub']);
    expect(v1.rejected[0]!.reasons.join()).toContain('organization');
    const hub = (await byName('Fenshire Advocacy Hub'))!;
    expect(hub).toMatchObject({ status: 'active', tl_source: 'oruk1', tl_source_id: 'fen-advocacy-1' });
    const langs = await db()
      .selectFrom('directory_language')
      .select('name')
      .where('service_id', '=', hub.id)
      .orderBy('name')
      .execute();
    expect(langs.map((l) => l.name)).toEqual(['English', 'Urdu']);

    const csv = await run('services-mixed.csv');
    expect(csv.format).toBe('csv');
    expect(csv.added.map((a) => a.name)).toEqual(["Fenton Men's Shed", 'Dial-a-Ride Fenshire']);
    expect(csv.rejected.map((r) => r.name)).toEqual(['Broken row', 'Bad times']);
    expect(csv.rejected[1]!.reasons.join()).toContain('Closing time must be after the opening time');
    const shed = (await byName("Fenton Men's Shed"))!;
    expect(shed).toMatchObject({ tl_free_or_low_cost: true });
    const ride = (await byName('Dial-a-Ride Fenshire'))!;
    expect(ride).toMatchObject({ tl_accepts_direct_payments: true });
    const sched = await db()
      .selectFrom('directory_schedule')
      .select('byday')
      .where('service_id', '=', shed.id)
      .executeTakeFirstOrThrow();
    expect(sched.byday).toBe('TU,TH');
    await expect(importDirectory(db(), ctx, [], { kind: 'text', text: 'name\nx\n', name: 'x' }, 'csv')).rejects.toThrow(
      /missing: id, status/,
    );
  });

  it('harvests an ORUK 3.0 API on an allowed host, page by page', async () => {
    await db().deleteFrom('directory_attribute').execute();
    const report = await importDirectory(db(), ctx, ['127.0.0.1'], { kind: 'url', url: feed.base });
    expect(report.unchanged.length + report.updated.length).toBe(2);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.reasons[0]).toContain('404');
  });

  it('refuses a host that is not allowed, on the page and in the service', async () => {
    await expect(importDirectory(db(), ctx, ['feeds.example.org'], { kind: 'url', url: feed.base })).rejects.toThrow(
      FeedError,
    );
    const res = await ada.post('/directory/manage/imports', { url: 'http://169.254.169.254/latest' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Feeds cannot be imported from 169.254.169.254');
  });

  it('imports through the page and shows the report; only importers may', async () => {
    const res = await ada.post('/directory/manage/imports', { feed: fixture('oruk3-mixed.json'), format: 'oruk3' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Import report');
    expect(res.body).toContain('Bad email');
    expect((await ada.post('/directory/manage/imports', {})).statusCode).toBe(422);
    expect((await ada.post('/directory/manage/imports', { feed: '{not json' })).body).toContain(
      'The file is not valid JSON',
    );
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.post('/directory/manage/imports', { feed: '[]' })).statusCode).toBe(403);
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'directory.service.import%')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
