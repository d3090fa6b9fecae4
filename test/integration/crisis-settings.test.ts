import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../../src/platform/db/scope.js';
import { crisisSettings, defaultCrisisSettings } from '../../src/modules/crisis/settings.js';
import { testEngines } from '../helpers/database.js';
import { signIn, type Agent, startTestApp, type TestApp } from '../helpers/app.js';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const versionOf = (html: string) => /name="version" value="([^"]*)"/.exec(html)![1]!;

/** The default four levels as the form posts them back, with changes on top. */
function form(version: string, changes: Record<string, string> = {}): Record<string, string> {
  const rows: Record<string, string> = {};
  defaultCrisisSettings.urgencyLevels.forEach((l, i) => {
    Object.assign(rows, {
      [`levels-${i}-key`]: l.key,
      [`levels-${i}-label`]: l.label,
      [`levels-${i}-amount`]: String(l.responseMinutes / 60),
      [`levels-${i}-unit`]: 'hours',
      [`levels-${i}-order`]: String(i + 1),
    });
  });
  return { version, timeLimitDays: '42', warnDays: '7', ...rows, ...changes };
}

/** Crisis settings: defaults until saved, validated with GOV.UK errors, saved and audited, stale saves refused. */
describe.each(testEngines())('crisis settings (%s)', (engine) => {
  let t: TestApp;
  let priya: Agent;
  const current = () => withOrg(t.database.db, t.org.orgId, (tx) => crisisSettings(tx));

  beforeAll(async () => {
    t = await startTestApp(engine);
    priya = await signIn(t.app, 'priya.manager');
  }, 180_000);
  afterAll(async () => t?.close());

  it('shows the defaults until the council saves its own', async () => {
    const page = await priya.get('/crisis/settings');
    expect(page.statusCode).toBe(200);
    for (const l of defaultCrisisSettings.urgencyLevels) expect(decode(page.body)).toContain(`value="${l.label}"`);
    expect(page.body).toMatch(/id="timeLimitDays"[^>]*value="42"/);
    expect(versionOf(page.body)).toBe('');
  });

  it('refuses bad settings with an error for each field and saves nothing', async () => {
    const res = await priya.post(
      '/crisis/settings',
      form('', {
        'levels-0-label': '',
        'levels-1-amount': 'soon',
        'levels-2-amount': '400',
        'levels-3-label': 'Within 4 hours',
        timeLimitDays: '10',
        warnDays: '10',
      }),
    );
    expect(res.statusCode).toBe(422);
    const body = decode(res.body);
    for (const [message, href] of [
      ['Enter a label for urgency level 1', '#levels-0-label'],
      ['Enter the response time for urgency level 2 as a whole number', '#levels-1-amount'],
      ['The response time for urgency level 3 must be between 1 minute and 336 hours (14 days)', '#levels-2-amount'],
      ['The warning must come before the time limit', '#warnDays'],
    ]) {
      expect(body).toContain(message);
      expect(body).toContain(`href="${href}"`);
    }
    expect(body).toContain('value="soon"');
    expect(await current()).toEqual(defaultCrisisSettings);
  });

  it('needs at least one urgency level', async () => {
    const removeAll = Object.fromEntries([0, 1, 2, 3].map((i) => [`levels-${i}-remove`, 'yes']));
    const res = await priya.post('/crisis/settings', form('', removeAll));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Keep at least one urgency level');
  });

  it('adds a row without JavaScript, then saves a new level that triage offers, with a key made from its label', async () => {
    const added = await priya.post('/crisis/settings', form('', { _add: 'level' }));
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="levels-4-label"');
    const res = await priya.post(
      '/crisis/settings',
      form('', {
        'levels-4-label': 'Within 90 minutes',
        'levels-4-amount': '90',
        'levels-4-unit': 'minutes',
        'levels-4-order': '0',
        'levels-4-key': '',
        'levels-3-remove': 'yes',
        timeLimitDays: '56',
        warnDays: '10',
      }),
    );
    expect(res.statusCode).toBe(303);
    const saved = await current();
    expect(saved.timeLimitDays).toBe(56);
    expect(saved.warnDays).toBe(10);
    expect(saved.urgencyLevels).toEqual([
      { key: 'within_90_minutes', label: 'Within 90 minutes', responseMinutes: 90 },
      ...defaultCrisisSettings.urgencyLevels.slice(0, 3),
    ]);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_type', 'actor_id'])
      .where('resource_type', '=', 'crisis_setting')
      .execute();
    expect(audit).toEqual([
      { action: 'crisis-settings.update', resource_type: 'crisis_setting', actor_id: t.org.userIds['priya.manager'] },
    ]);
    const page = await priya.get('/crisis/settings');
    expect(page.body).toContain('The crisis settings have been saved');
    expect(page.body).toContain('value="Within 90 minutes"');
  });

  it('refuses a save from a form loaded before someone else saved', async () => {
    const stale = versionOf((await priya.get('/crisis/settings')).body);
    const ada = await signIn(t.app, 'ada.admin');
    const adaVersion = versionOf((await ada.get('/crisis/settings')).body);
    expect((await ada.post('/crisis/settings', form(adaVersion, { timeLimitDays: '30' }))).statusCode).toBe(303);
    const res = await priya.post('/crisis/settings', form(stale, { timeLimitDays: '99' }));
    expect(res.statusCode).toBe(409);
    expect(decode(res.body)).toContain('Someone else changed the crisis settings while you were editing them');
    expect((await current()).timeLimitDays).toBe(30);
  });

  it('is for team managers and administrators only', async () => {
    for (const username of ['sam.practitioner', 'carla.commissioner', 'frank.finance']) {
      const agent = await signIn(t.app, username);
      expect((await agent.get('/crisis/settings')).statusCode, username).toBe(403);
      expect((await agent.post('/crisis/settings', form(''))).statusCode, username).toBe(403);
    }
  });
});
