import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testEngines } from '../helpers/database.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { PublicDirectoryCache } from '../../src/modules/directory/public-cache.js';
import { ids, insertDirectoryFixture } from '../conformance/directory-fixture.js';

/**
 * The public directory cache serves a kept answer only while the organisation's 'directory' change
 * number is unchanged, and the generation moves with every kind of write: through the
 * application (row-level security, the app role), as the owner (seed, imports, by hand), in the
 * same transaction as the change.
 */
describe.each(testEngines())('Public directory cache (%s)', (engine) => {
  let t: TestApp;
  let cache: PublicDirectoryCache;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const serviceName = async () => (await get(`/api/oruk/services/${ids.carersCafe}`)).json<{ name: string }>().name;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await insertDirectoryFixture(t.database.db, t.org.orgId);
    cache = t.app.kept.publicDirectory;
  }, 180_000);
  afterAll(async () => t?.close());

  it('serves a repeated ORUK request from the cache, byte for byte', async () => {
    const first = await get('/api/oruk/services?page=1&per_page=2');
    const hits = cache.hits;
    const second = await get('/api/oruk/services?page=1&per_page=2');
    expect(cache.hits).toBe(hits + 1);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers with the new data after a write through the application (app role, one organisation)', async () => {
    const before = await cache.generation(t.org.orgId);
    expect(await serviceName()).not.toBe('Renamed by curation');
    await withOrg(t.database.db, t.org.orgId, (tx) =>
      tx
        .updateTable('directory_service')
        .set({ name: 'Renamed by curation' })
        .where('id', '=', ids.carersCafe)
        .execute(),
    );
    expect(await cache.generation(t.org.orgId)).not.toBe(before);
    expect(await serviceName()).toBe('Renamed by curation');
  });

  it('answers with the new data after a write by the owner outside any organisation (seed, import, by hand)', async () => {
    await t.database.db
      .updateTable('directory_service')
      .set({ name: 'Renamed by hand' })
      .where('id', '=', ids.carersCafe)
      .execute();
    expect(await serviceName()).toBe('Renamed by hand');
  });

  it('does not move the number for a write that is rolled back', async () => {
    const before = await cache.generation(t.org.orgId);
    await expect(
      withOrg(t.database.db, t.org.orgId, async (tx) => {
        await tx
          .updateTable('directory_service')
          .set({ name: 'Never saved' })
          .where('id', '=', ids.carersCafe)
          .execute();
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await cache.generation(t.org.orgId)).toBe(before);
    expect(await serviceName()).toBe('Renamed by hand');
  });

  it('drops a withdrawn service from a kept public search at once', async () => {
    const search = async () => (await get('/information?q=advocacy')).body;
    expect(await search()).toContain('/information/services/' + ids.advocacy);
    const hits = cache.hits;
    expect(await search()).toContain('/information/services/' + ids.advocacy);
    expect(cache.hits).toBeGreaterThan(hits);
    await t.database.db
      .updateTable('directory_service')
      .set({ tl_withdrawn_at: new Date(), tl_withdrawn_reason: 'Closed' })
      .where('id', '=', ids.advocacy)
      .execute();
    expect(await search()).not.toContain('/information/services/' + ids.advocacy);
  });

  it('keeps a whole search page for people not signed in, the same bytes each time, its script allowed by hash not nonce', async () => {
    const first = await get('/information?q=transport');
    const hits = cache.hits;
    const second = await get('/information?q=transport');
    expect(cache.hits).toBeGreaterThan(hits);
    expect(second.body).toBe(first.body);
    // GOV.UK Frontend's one inline script runs under the policy because its hash is listed.
    const script = /<script>([^<]+)<\/script>/.exec(second.body)?.[1];
    expect(script).toBeTruthy();
    const hash = createHash('sha256').update(script!, 'utf8').digest('base64');
    expect(String(second.headers['content-security-policy'])).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(String(second.headers['content-security-policy'])).not.toContain('nonce-');
  });

  it('keeps no failed answer, and leaves the application role unable to move the number itself', async () => {
    const failing = cache.get(t.org.orgId, 'failing', async () => {
      throw new Error('database down');
    });
    await expect(failing).rejects.toThrow('database down');
    await expect(cache.get(t.org.orgId, 'failing', async () => 'recovered')).resolves.toBe('recovered');
    await expect(
      withOrg(t.database.db, t.org.orgId, (tx) => sql`update change_generation set generation = 0`.execute(tx)),
    ).rejects.toThrow();
  });
});

describe('Public directory cache: how much it keeps', () => {
  it('forgets the least recently used answer beyond its size, and computes every time when turned off', async () => {
    const fakeDb = {
      selectFrom: () => ({
        select: () => ({ where: () => ({ where: () => ({ executeTakeFirst: async () => ({ generation: 7 }) }) }) }),
      }),
    };
    const small = new PublicDirectoryCache(fakeDb as never, { maxEntries: 2 });
    let computed = 0;
    const value = (v: string) => async () => {
      computed += 1;
      return v;
    };
    await small.get('org', 'a', value('a'));
    await small.get('org', 'b', value('b'));
    await small.get('org', 'a', value('a'));
    await small.get('org', 'c', value('c'));
    expect(computed).toBe(3);
    await small.get('org', 'a', value('a'));
    expect(computed).toBe(3);
    await small.get('org', 'b', value('b'));
    expect(computed).toBe(4);
    // A size bound too: three 1,000-character answers do not fit in 5,000 bytes, so the oldest goes.
    const bySize = new PublicDirectoryCache(fakeDb as never, { maxEntries: 100, maxBytes: 5_000 });
    for (const key of ['x', 'y', 'z']) await bySize.get('org', key, async () => 'a'.repeat(1_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(bySize.size).toEqual({ entries: 2, bytes: 4_000 });
    const off = new PublicDirectoryCache(fakeDb as never, { maxEntries: 0 });
    await off.get('org', 'a', value('a'));
    await off.get('org', 'a', value('a'));
    expect(computed).toBe(6);
  });
});
