import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, type Agent, startTestApp, type TestApp } from '../helpers/app.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedDirectory } from '../../src/seed/directory/index.js';
import { seedCrisis } from '../../src/seed/crisis.js';

const NOW = new Date();

/** The demo crisis episodes: across the three patches, open and closed, a breach, no Joneses; the board and figures show them; the same every run. */
describe.each(testEngines())('crisis seed (%s)', (engine) => {
  let t: TestApp;
  let priya: Agent;
  let jonesIds: string[];

  const contents = () =>
    t.database.db
      .selectFrom('crisis_episode as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select([
        'p.nhs_number',
        'e.patch_id',
        'e.referred_at',
        'e.first_contact_at',
        'e.response_due_at',
        'e.starts_on',
        'e.ends_on',
        'e.status',
        'e.closed_on',
        'e.close_route',
        'e.what_followed',
        'e.next_check_in_due',
        'e.lead_worker_id',
        'e.referral_reason',
      ])
      .orderBy('p.nhs_number')
      .orderBy('e.referred_at')
      .execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    const ids = await seedScenarioPeople(t.database.db, t.org);
    jonesIds = [ids.mrJones!, ids.mrsJones!];
    await seedDirectory(t.database.db, t.org, { scale: 'tiny', seed: 1, count: 60 });
    await seedCrisis(t.database.db, t.org, { now: NOW });
    priya = await signIn(t.app, 'priya.manager');
  }, 180_000);
  afterAll(async () => t?.close());

  it('seeds about a dozen episodes across the three patches, open and closed, with a breach, and none for the Joneses', async () => {
    const rows = await contents();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.patch_id))).toEqual(new Set(Object.values(t.org.patchIds)));
    expect(rows.filter((r) => r.status === 'open').length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.filter((r) => r.status === 'closed').map((r) => r.close_route))).toEqual(
      new Set(['step_down', 'step_up', 'other']),
    );
    expect(rows.some((r) => r.first_contact_at && r.first_contact_at > r.response_due_at)).toBe(true);
    expect(rows.some((r) => !r.first_contact_at && r.response_due_at < NOW)).toBe(true);
    expect(rows.every((r) => r.referred_at <= NOW)).toBe(true);
    expect(
      await t.database.db.selectFrom('crisis_episode').where('person_id', 'in', jonesIds).select('id').execute(),
    ).toEqual([]);
    const count = async (
      table: 'crisis_check_in' | 'crisis_action' | 'crisis_service' | 'crisis_extension' | 'crisis_connection',
    ) =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('crisis_check_in')).toBeGreaterThanOrEqual(12);
    expect(await count('crisis_action')).toBeGreaterThanOrEqual(5);
    expect(await count('crisis_extension')).toBe(2);
    expect(await count('crisis_connection')).toBeGreaterThanOrEqual(3);
    expect(
      await t.database.db.selectFrom('crisis_service').select('id').where('long_term', '=', true).execute(),
    ).toHaveLength(1);
  });

  it('writes the CLD request and service events the timeline shows', async () => {
    // Every council-arranged item reports while the crisis lasts (long-term ones as short-term
    // support); family and community help does not; long-term support goes on after the close as
    // its own event from the next day.
    const services = await t.database.db
      .selectFrom('crisis_service as s')
      .leftJoin('person_event as ev', 'ev.id', 's.cld_event_id')
      .innerJoin('crisis_episode as e', 'e.id', 's.episode_id')
      .select([
        's.id',
        's.kind',
        's.long_term',
        's.status',
        'ev.event_type',
        'ev.service_type',
        'ev.source_module',
        'ev.delivery_mechanism',
        's.service_type as own_type',
        'e.closed_on',
      ])
      .execute();
    for (const s of services.filter((s) => s.status === 'active')) {
      if (s.own_type === null) {
        expect(s.event_type, s.kind).toBeNull();
        continue;
      }
      expect(s, s.kind).toMatchObject({
        event_type: 'Service',
        source_module: 'crisis-service',
        delivery_mechanism: 'CASSR commissioned support',
        service_type: s.long_term ? 'Short term support: Other short term' : s.own_type,
      });
    }
    expect(services.some((s) => s.service_type === 'Short term support: ST-Max')).toBe(true);
    const continuing = services.filter((s) => s.long_term && s.closed_on !== null);
    expect(continuing.length).toBeGreaterThan(0);
    for (const s of continuing) {
      const after = await t.database.db
        .selectFrom('person_event')
        .select(['service_type', 'start_date', 'end_date'])
        .where('source_module', '=', 'crisis-service-long-term')
        .where('source_id', '=', s.id)
        .executeTakeFirstOrThrow();
      expect(after.service_type).toBe(s.own_type);
      expect(after.start_date > s.closed_on!).toBe(true);
      expect(after.end_date).toBeNull();
    }
    // The request is decided (ended, with an outcome) once support goes in or the episode closes.
    const requests = await t.database.db
      .selectFrom('crisis_episode as e')
      .innerJoin('person_event as ev', 'ev.id', 'e.cld_request_event_id')
      .select(['ev.event_type', 'ev.event_outcome', 'ev.end_date', 'e.status', 'e.closed_on'])
      .execute();
    expect(requests.length).toBe((await contents()).length);
    for (const r of requests) {
      expect(r.event_type).toBe('Request');
      if (r.status === 'closed') {
        expect(r.event_outcome).not.toBeNull();
        expect(r.end_date! <= r.closed_on!).toBe(true);
      }
    }
  });

  it('gives the board and the figures something to show', async () => {
    const board = await priya.get('/crisis?patch=all');
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Overdue: waiting');
    expect(board.body).toContain('Past its limit');
    expect(board.body).toContain('Ending soon');
    expect(board.body).toContain('Not yet allocated');
    const csv = (await priya.get('/crisis/figures.csv')).body.trimEnd().split('\r\n');
    const total = csv[csv.length - 1]!.split(',');
    expect(total.slice(0, 2)).toEqual(['All patches', 'All months']);
    expect(Number(total[2])).toBeGreaterThanOrEqual(12);
    // A re-referral within 91 days (Margaret's second crisis), counted in the totals.
    expect(Number(total[15])).toBeGreaterThanOrEqual(1);
    const page = await priya.get('/crisis/figures');
    for (const patch of ['Fenland North', 'Cathedral City', 'Southern Villages']) expect(page.body).toContain(patch);
  });

  it('opens every seeded episode on its own page', async () => {
    const episodes = await t.database.db.selectFrom('crisis_episode').select('id').execute();
    for (const { id } of episodes) expect((await priya.get(`/crisis/episodes/${id}`)).statusCode, id).toBe(200);
  });

  it('writes the same episodes again for the same day', async () => {
    const first = await contents();
    for (const table of [
      'crisis_connection',
      'crisis_extension',
      'crisis_check_in',
      'crisis_action',
      'crisis_service',
      'crisis_assessment',
    ] as const)
      await t.database.db.deleteFrom(table).execute();
    await t.database.db
      .deleteFrom('person_event')
      .where('source_module', 'in', ['crisis', 'crisis-service', 'crisis-assessment'])
      .execute();
    await t.database.db.deleteFrom('crisis_episode').execute();
    await seedCrisis(t.database.db, t.org, { now: NOW });
    expect(await contents()).toEqual(first);
  });
});
