import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrisisEpisodeRow } from '../../src/modules/crisis/index.js';
import { testEngines } from '../helpers/database.js';
import { signIn, type Agent, startTestApp, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';

/** Winter, so UTC and London agree: 10:00 UTC is 10:00 in London. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);

/**
 * The figures on a hand-made set of episodes whose answers were worked out by hand: medians and
 * 90th percentiles (linear interpolation, as percentile_cont), the shares, and re-referral at the
 * 91-day boundary; then the CSV, its quoting, and who may see them.
 */
describe.each(testEngines())('crisis figures (%s)', (engine) => {
  let t: TestApp;
  let priya: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    const north = t.org.patchIds['Fenland North']!;
    const city = t.org.patchIds['Cathedral City']!;
    // A patch name that needs quoting in a CSV.
    await db.updateTable('team').set({ name: 'Cathedral City, "East"' }).where('id', '=', city).execute();
    const person = (given: string) => insertPersonAsOwner(db, t.org.orgId, given, 'Figgis');
    const [p1, p2, p3, p4, p5] = await Promise.all(['One', 'Two', 'Three', 'Four', 'Five'].map(person));
    const episode = (
      personId: string,
      referred: Date,
      contactHours: number | null,
      extra: Partial<Omit<CrisisEpisodeRow, 'goals' | 'prefill'>> = {},
    ) =>
      insertCrisisEpisode(db, t.org, personId, {
        patch_id: north,
        referred_at: referred,
        response_due_at: hoursAfter(referred, 4),
        first_contact_at: contactHours === null ? null : hoursAfter(referred, contactHours),
        starts_on: referred.toISOString().slice(0, 10),
        ...extra,
      });
    const closed = (on: string, route: 'step_down' | 'step_up' | 'other', whatFollowed: string) => ({
      status: 'closed' as const,
      closed_on: on,
      closed_at: at(on, 15),
      close_route: route,
      what_followed: whatFollowed,
      event_outcome: 'NFA: Support ended as planned',
      ends_on: '2025-03-31',
    });
    // January, Fenland North: contact after 2, 6 (breach), 1 and 10 (breach) hours; three closed after 14, 28 and 10 days.
    await episode(p1!, at('2025-01-06'), 2, closed('2025-01-20', 'step_down', 'no_further_support'));
    await episode(p2!, at('2025-01-10'), 6, closed('2025-02-07', 'step_up', 'long_term'));
    const e3 = await episode(p3!, at('2025-01-15'), 1, {
      ...closed('2025-01-25', 'other', 'hospital'),
      response_due_at: hoursAfter(at('2025-01-15'), 8),
    });
    await episode(p4!, at('2025-01-20'), 10);
    // A long-term service started by manager override: not "no long-term support", whatever followed.
    await db
      .insertInto('crisis_service')
      .values({
        org_id: t.org.orgId,
        episode_id: e3.id,
        person_id: p3!,
        kind: 'home_support',
        provider: 'Nene Valley Care Ltd',
        starts_on: '2025-01-16',
        service_type: 'Long term support: Community',
        long_term: true,
        override_reason: 'No short-term option',
        override_by: t.org.userIds['priya.manager']!,
      })
      .execute();
    // February, the other patch: still waiting long past its deadline, so a breach.
    await episode(p5!, at('2025-02-03'), null, { patch_id: city });
    // Later episodes, outside the range asked for: re-referrals of p1 (day 40) and p3 (day 91, the last that counts); p2's is day 92.
    await episode(p1!, at('2025-03-01'), 1);
    await episode(p3!, at('2025-04-26'), 1);
    await episode(p2!, at('2025-05-10'), 1);
    priya = await signIn(t.app, 'priya.manager');
  }, 180_000);
  afterAll(async () => t?.close());

  const csv = async () => {
    const res = await priya.get('/crisis/figures.csv?from=2025-01&to=2025-02');
    expect(res.statusCode).toBe(200);
    return res;
  };
  const csvRows = (body: string) => body.trimEnd().split('\r\n');

  it('computes each figure by patch and month, with totals', async () => {
    const { body } = await csv();
    const rows = csvRows(body);
    expect(rows[0]).toBe(
      'Patch,Month,Episodes referred,Episodes with a first contact,"Time to first contact, median (hours)"' +
        ',"Time to first contact, 90th percentile (hours)",First-contact breaches,Episodes closed,"Episode length, median (days)","Episode length, 90th percentile (days)",' +
        'Closed with no long-term support,Share closed with no long-term support,Stepped down to tier 1,Share stepped down to tier 1,' +
        'Closed episodes counted for re-referral,Re-referred within 91 days,Share re-referred within 91 days',
    );
    // Hours 1, 2, 6, 10: median 4, 90th percentile 6 + 0.7 × 4 = 8.8. Days 10, 14, 28: median 14, 90th 14 + 0.8 × 14 = 25.2.
    // No long-term support: only the first (the second was followed by long-term support, the third had a long-term service).
    // Re-referred: the first (day 40) and the third (day 91); not the second (day 92).
    expect(rows).toContain('Fenland North,2025-01,4,4,4,8.8,2,3,14,25.2,1,33%,1,33%,3,2,67%');
    expect(rows).toContain('Fenland North,All months,4,4,4,8.8,2,3,14,25.2,1,33%,1,33%,3,2,67%');
    expect(rows).toContain('"Cathedral City, ""East""",2025-02,1,0,,,1,0,,,0,,0,,0,0,');
    expect(rows).toContain('"Cathedral City, ""East""",All months,1,0,,,1,0,,,0,,0,,0,0,');
    expect(rows[rows.length - 1]).toBe('All patches,All months,5,4,4,8.8,3,3,14,25.2,1,33%,1,33%,3,2,67%');
    expect(rows).toHaveLength(1 + 4 + 1);
  });

  it('sends the CSV as a download', async () => {
    const res = await csv();
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="crisis-figures-2025-01-to-2025-02.csv"');
  });

  it('counts only the months asked for', async () => {
    const march = csvRows((await priya.get('/crisis/figures.csv?from=2025-03&to=2025-03')).body);
    expect(march[march.length - 1]).toMatch(/^All patches,All months,1,1,1,1,0,0,/);
    const none = csvRows((await priya.get('/crisis/figures.csv?from=2024-01&to=2024-02')).body);
    expect(none).toHaveLength(1);
  });

  it('shows the same figures on the page, with how they are counted', async () => {
    const page = await priya.get('/crisis/figures?from=2025-01&to=2025-02');
    expect(page.statusCode).toBe(200);
    for (const text of [
      'January 2025 to February 2025',
      'How these are counted',
      'Fenland North',
      'Cathedral City, &quot;East&quot;',
      'All patches',
      '4 / 8.8',
      '14 / 25.2',
      '67%',
      '(2 of 3)',
      'Download these figures (CSV)',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain(
      '<caption class="govuk-table__caption govuk-visually-hidden">Crisis figures for Fenland North, January 2025 to February 2025</caption>',
    );
  });

  it('explains a bad month and falls back to the last 12 months', async () => {
    const page = await priya.get('/crisis/figures?from=2025-13&to=nonsense');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#from"');
    const backwards = await priya.get('/crisis/figures?from=2025-05&to=2025-01');
    expect(backwards.body).toContain('The first month must be the same as or before the last month');
  });

  it('is for team managers and commissioners only', async () => {
    const carla = await signIn(t.app, 'carla.commissioner');
    expect((await carla.get('/crisis/figures')).statusCode).toBe(200);
    expect((await carla.get('/crisis/figures.csv')).statusCode).toBe(200);
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.get('/crisis/figures')).statusCode).toBe(403);
    expect((await sam.get('/crisis/figures.csv')).statusCode).toBe(403);
  });

  it('is in the main menu for those who may see it, and is the current item there (not the board)', async () => {
    const current = (html: string) =>
      [...html.matchAll(/<a[^>]*href="([^"]+)"[^>]*aria-current="(?:page|true)"/g)].map((m) => m[1]);
    const carla = await signIn(t.app, 'carla.commissioner');
    const home = await carla.get('/');
    expect(home.body).toContain('href="/crisis/figures"');
    expect(home.body).not.toContain('href="/crisis"');
    expect(current((await priya.get('/crisis/figures')).body)).toEqual(['/crisis/figures']);
    expect(current((await priya.get('/crisis')).body)).toEqual(['/crisis']);
  });
});
