import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { userActor } from '../helpers/matrix.js';
import { paForm, parts } from '../helpers/assistants.js';
import { listRenewals } from '../../src/modules/budgets/index.js';
import { insuranceRenewalSource } from '../../src/modules/budgets/assistants/work-source.js';
import { withOrg } from '../../src/platform/db/scope.js';

describe.each(testEngines())('insurance renewals and the direct payment support matrix (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, ada: Agent, paul: Agent, frank: Agent;
  let shirleyId: string, joanId: string, hiddenId: string;
  const db = () => t.database.db;
  const base = (id: string) => `/people/${id}/assistants`;
  const assistantsOf = (personId: string) =>
    db().selectFrom('personal_assistant').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
  const actions = async (personId: string) =>
    (
      await db().selectFrom('audit_event').select('action').where('person_id', '=', personId).orderBy('id').execute()
    ).map((a) => a.action);

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, ada, paul, frank] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'ada.admin'),
      signIn(t.app, 'paul.provider'),
      signIn(t.app, 'frank.finance'),
    ]);
    shirleyId = await createPersonThroughPages(sam, 'Shirley', 'Paemploy', validNhsNumber(714000301));
    joanId = await createPersonThroughPages(sam, 'Joan', 'Paagency', validNhsNumber(714000401));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Pahidden', validNhsNumber(714000501));
  }, 180_000);
  afterAll(async () => t?.close());

  it('lists insurance lapsed or renewing within 30 days of a given day, for people the viewer may see', async () => {
    const insured = (name: string, renewsOn: string, extra: Record<string, string> = {}) =>
      paForm({ name, ...parts('insuranceRenewsOn', renewsOn), ...extra });
    for (const [name, renewsOn] of [
      ['Lapsed Lee', '2026-05-31'],
      ['Today Tam', '2026-06-01'],
      ['Edge Eve', '2026-07-01'],
      ['Later Lou', '2026-07-02'],
    ] as const)
      expect((await sam.post(`${base(joanId)}/new`, insured(name, renewsOn))).statusCode).toBe(303);
    expect((await sam.post(`${base(hiddenId)}/new`, insured('Hidden Hal', '2026-05-20'))).statusCode).toBe(303);
    await db().updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
    const samActor = userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId);
    const renewals = (days: number) =>
      withOrg(db(), t.org.orgId, (tx) => listRenewals(tx, samActor, '2026-06-01', days));
    expect((await renewals(30)).map((r) => [r.assistantName, r.renewsOn, r.state])).toEqual([
      ['Lapsed Lee', '2026-05-31', 'lapsed'],
      ['Today Tam', '2026-06-01', 'due'],
      ['Edge Eve', '2026-07-01', 'due'],
    ]);
    expect((await renewals(31)).map((r) => r.assistantName)).toContain('Later Lou');
    // Ended employments need no insurance: Lapsed Lee ends the day before, and drops off the list.
    const lee = (await assistantsOf(joanId)).find((a) => a.name === 'Lapsed Lee')!;
    await sam.post(`${base(joanId)}/${lee.id}/end`, {
      version: '1',
      ...parts('endsOn', '2026-05-31'),
      endedReason: 'Left',
    });
    expect((await renewals(30)).map((r) => r.assistantName)).toEqual(['Today Tam', 'Edge Eve']);
  });

  it('shows the renewals page to caseworkers with one listing entry, and warns on the person’s page', async () => {
    expect(
      (
        await sam.post(
          `${base(shirleyId)}/new`,
          paForm({ name: 'Old Policy Olive', ...parts('insuranceRenewsOn', '2020-01-31') }),
        )
      ).statusCode,
    ).toBe(303);
    const page = await sam.get('/budgets/assistants/renewals');
    expect(page.statusCode).toBe(200);
    const lapsed = page.body.split('id="lapsed"')[1]!.split('id="due"')[0]!;
    expect(lapsed).toContain('Old Policy Olive');
    expect(lapsed).toContain('Shirley Paemploy');
    expect(page.body).not.toContain('Hidden Hal');
    const listing = await db()
      .selectFrom('audit_event')
      .select(['action', 'person_ids'])
      .where('action', '=', 'assistant.renewals-list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(listing.person_ids).toContain(shirleyId);
    expect(listing.person_ids).not.toContain(hiddenId);
    expect((await paul.get('/budgets/assistants/renewals')).statusCode).toBe(403);
    // Casework's worklists pull the same renewals as open work on the person.
    const work = await withOrg(db(), t.org.orgId, (tx) => insuranceRenewalSource.listOpen(tx, { personId: shirleyId }));
    expect(work.map((w) => [w.what, w.due?.on, w.href])).toEqual([
      ['Employer’s liability insurance lapsed', '2020-01-31', base(shirleyId)],
    ]);
    const person = await sam.get(base(shirleyId));
    expect(person.body).toContain('id="insurance-warning"');
    expect(person.body).toContain('The employer’s liability insurance for Old Policy Olive lapsed on 31 January 2020');
  });

  it('the administrator sets the support matrix; a decision records the table’s recommendation, and a different level needs a reason', async () => {
    expect((await sam.get('/budgets/support-matrix')).statusCode).toBe(403);
    const matrix = await ada.get('/budgets/support-matrix');
    expect(matrix.statusCode).toBe(200);
    expect(matrix.body).toMatch(/<option value="light" selected>Light touch<\/option>/);
    const cells = Object.fromEntries(
      [
        ...matrix.body.matchAll(/<select[^>]*name="(cell-[a-z_]+-[a-z]+)"[\s\S]*?<option value="([a-z]+)" selected/g),
      ].map((m) => [m[1]!, m[2]!]),
    );
    expect(Object.keys(cells)).toHaveLength(12);
    expect(cells['cell-some_help-family']).toBe('light');
    const refused = await ada.post('/budgets/support-matrix', { ...cells, 'cell-some_help-family': '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#cell-some_help-family"');
    expect(
      (await ada.post('/budgets/support-matrix', { ...cells, 'cell-some_help-family': 'regular' })).statusCode,
    ).toBe(303);

    const url = `${base(shirleyId)}/support-decision`;
    const form = await sam.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('What the council’s table recommends');
    const decision = { capacity: 'some_help', supportInPlace: 'family', ...parts('decidedOn', '2026-10-12') };
    const without = await sam.post(url, { ...decision, decidedLevel: 'light', reason: '' });
    expect(without.statusCode).toBe(422);
    expect(without.body).toContain(
      'Enter why the level decided is different from the table’s recommendation (regular support)',
    );
    expect((await sam.post(url, { ...decision, decidedLevel: 'regular', reason: '' })).statusCode).toBe(303);
    const withReason = {
      ...decision,
      decidedLevel: 'light',
      reason: 'Karen does the forms weekly; Shirley wants the least help',
    };
    expect((await sam.post(url, withReason)).statusCode).toBe(303);
    const decisions = await db()
      .selectFrom('dp_support_decision')
      .select(['capacity', 'support_in_place', 'recommended_level', 'decided_level', 'reason', 'decided_on'])
      .where('person_id', '=', shirleyId)
      .orderBy('created_at')
      .execute();
    expect(decisions).toEqual([
      {
        capacity: 'some_help',
        support_in_place: 'family',
        recommended_level: 'regular',
        decided_level: 'regular',
        reason: null,
        decided_on: '2026-10-12',
      },
      { ...decisions[1], recommended_level: 'regular', decided_level: 'light', reason: withReason.reason },
    ]);
    expect((await sam.get(base(shirleyId))).body).toContain('Why: Karen does the forms weekly');
    // The database refuses a different level without a reason, whoever writes it.
    await expect(
      db()
        .insertInto('dp_support_decision')
        .values({
          org_id: t.org.orgId,
          person_id: shirleyId,
          capacity: 'independent',
          support_in_place: 'none',
          recommended_level: 'information',
          decided_level: 'managed',
          reason: null,
          decided_on: '2026-10-12',
          created_by: null,
        })
        .execute(),
    ).rejects.toThrow();
    expect(await actions(shirleyId)).toEqual(expect.arrayContaining(['dp-support.form', 'dp-support.decide']));
    expect((await frank.get(url)).statusCode).toBe(403);
  });
});
