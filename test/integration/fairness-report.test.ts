import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';

const FAMILY = 'Fairweatherly';
const GIVEN = ['Ottoline', 'Peregrine', 'Quentina', 'Rupertus', 'Saffronia'];
const WHITE_BRITISH = 'White: English, Welsh, Scottish, Northern Irish or British';
const IRISH = 'White: Irish';
const PERSONAL_CARE = 'Physical support: Personal care support';

/** A date of birth making someone `age` (give or take a birthday this year) today. */
const bornYearsAgo = (age: number) => `${new Date().getUTCFullYear() - age}-06-15`;

/**
 * The report on a hand-made set of agreed budgets whose answers were worked out by hand
 * (fairness-stats.test.ts shows the working): 10, 20, 30 and 40 points agreed at £100, £220, £280
 * and £400 a week give a line of £9.60 a point from £10.00; residuals −£6, +£18, −£18, +£6; a
 * spread of √(72,000,000 p² / 2) ≈ £18.97; pounds a point 9.33…, 10, 10, 11 → median £10.00, middle
 * half £9.83 to £10.25. At ±5 % one is above the band (20 points) and two below (10 and 30).
 */
describe.each(testEngines())('fairness report (%s)', (engine) => {
  let t: TestApp;
  let carla: Agent;
  let versionId: string;
  let otherVersionId: string;

  async function version(db: Kysely<DB>, label: string, effectiveFrom: string) {
    const row = await db
      .insertInto('ras_version')
      .values({
        org_id: t.org.orgId,
        label,
        effective_from: effectiveFrom,
        status: 'published',
        definition: JSON.stringify({}),
        published_at: new Date(`${effectiveFrom}T09:00:00Z`),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function allocation(
    db: Kysely<DB>,
    personId: string,
    ras: string,
    points: number,
    agreedPence: number,
    extra: { status?: 'agreed' | 'awaiting_approval'; decidedAt?: string } = {},
  ) {
    const assessment = await db
      .insertInto('assessment')
      .values({
        org_id: t.org.orgId,
        person_id: personId,
        kind: 'adult',
        method: 'face_to_face',
        started_on: '2026-01-05',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agreed = (extra.status ?? 'agreed') === 'agreed';
    await db
      .insertInto('budget_allocation')
      .values({
        org_id: t.org.orgId,
        person_id: personId,
        assessment_id: assessment.id,
        ras_version_id: ras,
        answers: JSON.stringify({}),
        points,
        indicative_weekly_pence: agreedPence,
        lines: JSON.stringify([]),
        calculated_on: '2026-01-10',
        status: extra.status ?? 'agreed',
        agreed_weekly_pence: agreed ? agreedPence : null,
        decided_at: agreed ? new Date(extra.decidedAt ?? '2026-01-12T10:00:00Z') : null,
        updated_at: new Date(),
      })
      .execute();
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    const north = t.org.patchIds['Fenland North']!;
    const city = t.org.patchIds['Cathedral City']!;
    versionId = await version(db, 'Fair shares 2026', '2026-01-01');
    otherVersionId = await version(db, 'Fair shares 2025', '2025-01-01');
    const ids = await Promise.all(GIVEN.map((given) => insertPersonAsOwner(db, t.org.orgId, given, FAMILY)));
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    const characteristics: [string, string, number, string, string][] = [
      [a, north, 70, WHITE_BRITISH, PERSONAL_CARE],
      [b, north, 40, IRISH, PERSONAL_CARE],
      [c, city, 80, WHITE_BRITISH, PERSONAL_CARE],
      [d, city, 90, IRISH, PERSONAL_CARE],
      [e, city, 50, IRISH, PERSONAL_CARE],
    ];
    for (const [id, patch, age, ethnicity, reason] of characteristics) {
      await db
        .updateTable('person')
        .set({ patch_id: patch, date_of_birth: bornYearsAgo(age), ethnicity, primary_support_reason: reason })
        .where('id', '=', id)
        .execute();
    }
    await allocation(db, a, versionId, 10, 10_000);
    // An earlier agreed budget for the same person under the same version: only the latest counts.
    await allocation(db, a, versionId, 10, 99_900, { decidedAt: '2025-06-01T10:00:00Z' });
    await allocation(db, b, versionId, 20, 22_000);
    await allocation(db, c, versionId, 30, 28_000);
    await allocation(db, d, versionId, 40, 40_000);
    // Not counted: still waiting for approval, and a budget under the other version.
    await allocation(db, e, versionId, 35, 90_000, { status: 'awaiting_approval' });
    await allocation(db, e, otherVersionId, 35, 1_000);
    carla = await signIn(t.app, 'carla.commissioner');
  }, 180_000);
  afterAll(async () => t?.close());

  const csvRows = (body: string) => parse(body, { relaxColumnCount: true }) as string[][];

  it('works out the fit, spread and outliers in the CSV, by patch', async () => {
    const res = await carla.get(`/allocation/fairness.csv?version=${versionId}&band=5&split=patch`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="fairness-report.csv"');
    expect(csvRows(res.body)).toEqual([
      ['Resource allocation system version', 'Fair shares 2026'],
      ['Band around the fit line (per cent)', '5'],
      ['Split by', 'Patch'],
      ['People with an agreed budget', '4'],
      ['Fit line: pounds a point', '£9.60'],
      ['Fit line: pounds at no points', '£10.00'],
      ['Spread around the line (residual standard deviation)', '£18.97'],
      ['Pounds a point: median', '£10.00'],
      ['Pounds a point: middle half (interquartile range)', '£9.83 to £10.25'],
      ['Pounds a point: width of the middle half', '£0.42'],
      ['Above the band (more than 5% over the line)', '1'],
      ['Below the band (more than 5% under the line)', '2'],
      [''],
      [
        'Patch',
        'People',
        'Mean agreed weekly budget (£)',
        'Mean points',
        'Mean difference from the fit line (£)',
        'Above the band',
        'Below the band',
      ],
      // Two people each: too few to show an average that would be near enough one person's budget.
      ['Cathedral City', 'Fewer than 5', '', '', '', '', ''],
      ['Fenland North', 'Fewer than 5', '', '', '', '', ''],
    ]);
  });

  it('splits by age band, ethnicity and primary support reason', async () => {
    const groups = async (split: string) =>
      csvRows((await carla.get(`/allocation/fairness.csv?version=${versionId}&band=5&split=${split}`)).body)
        .slice(14)
        .map((row) => row.slice(0, 2));
    const few = 'Fewer than 5';
    expect(await groups('age')).toEqual([
      ['18-64', few],
      ['65-74', few],
      ['75-84', few],
      ['85+', few],
    ]);
    expect(await groups('ethnicity')).toEqual([
      ['White: English, Welsh, Scottish, Northern Irish or British', few],
      ['White: Irish', few],
    ]);
    expect(await groups('reason')).toEqual([['Physical support: personal care', few]]);
  });

  it('shows the same figures on the page with a chart of every point, the line and the band', async () => {
    const page = await carla.get(`/allocation/fairness?version=${versionId}&band=5&split=patch`);
    expect(page.statusCode).toBe(200);
    for (const text of ['£9.60', '£10.00', '£18.97', '£9.83 to £10.25', 'Cathedral City', 'Fenland North']) {
      expect(page.body).toContain(text);
    }
    // The patches' groups are too small to show their averages (Cathedral City's would be -£6.00).
    expect(page.body).not.toContain('-£6.00');
    expect(page.body).toContain('Fewer than 5');
    const svg = page.body.slice(page.body.indexOf('<svg'), page.body.indexOf('</svg>') + 6);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<title id="chart-title">[^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="chart-desc">[^<]*4 agreed budgets/);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toMatch(/<line class="app-fairness-chart__fit" /);
    expect(svg).toMatch(/<polygon class="app-fairness-chart__band" points="[\d., -]+"/);
    expectWellFormed(svg);
    expect(page.body).toContain('1 above it and 2 below it');
  });

  it('says so when the band asked for is not a number, and uses ±20 %', async () => {
    const page = await carla.get(`/allocation/fairness?version=${versionId}&band=lots`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('Enter the band as a whole number of per cent, from 1 to 100');
    expect(page.body).toContain('Above the band (more than 20% over the line)');
  });

  it('reports the other version on its own', async () => {
    const rows = csvRows((await carla.get(`/allocation/fairness.csv?version=${otherVersionId}`)).body);
    expect(rows[3]).toEqual(['People with an agreed budget', '1']);
    expect(rows[4]).toEqual(['Fit line: pounds a point', 'Not enough people to fit a line']);
  });

  it('shows no one’s name, anywhere', async () => {
    const outputs = [
      (await carla.get(`/allocation/fairness?version=${versionId}&band=5`)).body,
      (await carla.get(`/allocation/fairness.csv?version=${versionId}&band=5`)).body,
    ];
    for (const body of outputs) for (const name of [FAMILY, ...GIVEN]) expect(body).not.toContain(name);
  });

  it('audits each view and download once, naming the version, not people', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    await carla.get(`/allocation/fairness?version=${versionId}`);
    await carla.get(`/allocation/fairness.csv?version=${versionId}`);
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id', 'person_id', 'person_ids'])
      .where('id', '>', Number(before?.max ?? 0))
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { action: 'allocation.fairness-view', resource_id: versionId, person_id: null, person_ids: null },
      { action: 'allocation.fairness-download', resource_id: versionId, person_id: null, person_ids: null },
    ]);
  });

  it('is for commissioners and managers, not practitioners', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.get('/allocation/fairness')).statusCode).toBe(403);
    expect((await sam.get('/allocation/fairness.csv')).statusCode).toBe(403);
    const priya = await signIn(t.app, 'priya.manager');
    expect((await priya.get('/allocation/fairness')).statusCode).toBe(200);
  });
});

/** Every tag closed in order, attributes quoted: enough to show a browser or an XML parser will take it. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(stack).toEqual([]);
  // Nothing that looks like a tag was left unmatched by the pattern above (an unquoted attribute, a stray <).
  expect(svg.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, '')).not.toMatch(/[<>]/);
}
