import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedServiceKinds } from '../../src/modules/directory/service-kinds.js';
import { importTaxonomyCsv } from '../../src/modules/directory/taxonomy.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { signIn } from '../helpers/app.js';

describe.each(testEngines())('directory taxonomy (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('seeds the service kinds idempotently with parents', async () => {
    const first = await seedServiceKinds(t.database.db, t.org.orgId);
    const second = await seedServiceKinds(t.database.db, t.org.orgId);
    expect(first.size).toBeGreaterThanOrEqual(17);
    expect([...second.entries()]).toEqual([...first.entries()]);
    for (const code of [
      'community-activities',
      'advocacy',
      'dementia-support',
      'payroll-managed-accounts',
      'carers-groups',
    ]) {
      expect(first.get(code)).toBeTruthy();
    }
    const peer = await t.database.db
      .selectFrom('directory_taxonomy_term')
      .select(['parent_id', 'name'])
      .where('id', '=', first.get('peer-support')!)
      .executeTakeFirstOrThrow();
    expect(peer.parent_id).toBe(first.get('community-activities'));
    expect(peer.name).toBe('Peer support');
  });

  it('imports LGA-style CSV with header variants, reports bad lines and updates on re-import', async () => {
    const csv = [
      'Term ID,Preferred Label,Scope Note,Broader',
      '100,Adult social care,Care and support for adults,',
      '101,"Carers, support","Help for carers, including ""breaks""",100',
      ',No identifier,,',
      '102,,No label,',
      '101,Duplicate,,',
      '103,Orphan,,999',
    ].join('\r\n');
    const report = await withOrg(t.database.db, t.org.orgId, (tx) =>
      importTaxonomyCsv(tx, t.org.orgId, { name: 'LGA services', csv }),
    );
    expect(report.added).toBe(3);
    expect(report.updated).toBe(0);
    expect(report.rejected.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(report.rejected[0]!.reason).toBe('Identifier is missing');
    expect(report.rejected[3]!.reason).toContain('Parent 999');
    const carers = await t.database.db
      .selectFrom('directory_taxonomy_term')
      .selectAll()
      .where('taxonomy_id', '=', report.taxonomyId)
      .where('code', '=', '101')
      .executeTakeFirstOrThrow();
    expect(carers.name).toBe('Carers, support');
    expect(carers.description).toBe('Help for carers, including "breaks"');

    const again = await withOrg(t.database.db, t.org.orgId, (tx) =>
      importTaxonomyCsv(tx, t.org.orgId, {
        name: 'LGA services',
        csv: 'Identifier,Label,Parent\n100,Adult care,101\n101,Carers,100\n',
      }),
    );
    expect(again).toMatchObject({ added: 0, updated: 2, taxonomyId: report.taxonomyId });
    expect(again.rejected).toHaveLength(1);
    expect(again.rejected[0]!.reason).toContain('loop');
  });

  it('imports a taxonomy from the staff page and shows the report', async () => {
    const ada = await signIn(t.app, 'ada.admin');
    expect((await ada.get('/directory/manage/imports/taxonomy')).statusCode).toBe(200);
    const empty = await ada.post('/directory/manage/imports/taxonomy', { name: '', csv: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter the name of the taxonomy');
    const res = await ada.post('/directory/manage/imports/taxonomy', {
      name: 'Local needs',
      csv: 'Identifier,Label\nn1,Loneliness\n,No id\n',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Local needs: 1 added, 0 updated, 1 problems.');
    expect(res.body).toContain('Line 3: Identifier is missing');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('resource_type')
      .where('action', '=', 'directory.taxonomy.import')
      .execute();
    expect(audit).toEqual([{ resource_type: 'directory_taxonomy' }]);
    const sam = await signIn(t.app, 'sam.practitioner');
    expect(
      (await sam.post('/directory/manage/imports/taxonomy', { name: 'x', csv: 'Identifier,Label\na,b' })).statusCode,
    ).toBe(403);
  });

  it('indents the terms with classes, never inline styles (the Content-Security-Policy refuses them)', async () => {
    await seedServiceKinds(t.database.db, t.org.orgId);
    const sam = await signIn(t.app, 'sam.practitioner');
    const page = await sam.get('/directory/manage/taxonomies');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(page.body).toMatch(/<li class="tl-term tl-term--depth-0">Community activities/);
    expect(page.body).toMatch(/<li class="tl-term tl-term--depth-1">Peer support/);
  });
});
