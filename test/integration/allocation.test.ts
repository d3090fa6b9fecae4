import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { storeDemoRasVersions } from '../../src/seed/allocations.js';
import { listBudgetsAwaitingSignOff, rasVersion2026, type RasVersion } from '../../src/modules/allocation/index.js';
import { withOrg } from '../../src/platform/db/scope.js';

/** Issue 13 §2: indicative and agreed budgets, with delegated approval and a panel (versions: allocation-versions.test.ts). */
describe.each(testEngines())('allocation (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent;
  let versionIds: Record<string, string>;
  const people: Record<string, string> = {};

  const budget = (id: string) => `/people/${id}/budget`;
  const allocationOf = (personId: string) =>
    t.database.db.selectFrom('budget_allocation').selectAll().where('person_id', '=', personId).executeTakeFirst();
  const audits = (personId: string, action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .execute();

  /** Every question of the 2026 version answered with its `level`-th answer (or its last). */
  function answersBody(v: RasVersion, level: number, version = '0'): Record<string, string> {
    const body: Record<string, string> = { version };
    for (const q of v.domains.flatMap((d) => d.questions))
      body[`q-${q.key}`] = q.answers[Math.min(level, q.answers.length - 1)]!.key;
    return body;
  }

  async function personWithCompletedAssessment(given: string, n: number, completedOn = '2026-05-01') {
    const id = await createPersonThroughPages(sam, given, 'Budgetson', validNhsNumber(713000001 + n * 100));
    await t.database.db
      .insertInto('assessment')
      .values({
        org_id: t.org.orgId,
        person_id: id,
        kind: 'adult',
        status: 'completed',
        method: 'face_to_face',
        started_on: completedOn,
        completed_on: completedOn,
        eligible: true,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'priya.manager')]);
    versionIds = await storeDemoRasVersions(t.database.db, t.org.orgId, null);
    people.rose = await personWithCompletedAssessment('Rose', 1);
    people.ivan = await personWithCompletedAssessment('Ivan', 2);
    people.pearl = await personWithCompletedAssessment('Pearl', 3);
    people.old = await personWithCompletedAssessment('Olive', 4, '2025-10-01');
    people.quinn = await personWithCompletedAssessment('Quinn', 5);
    people.none = await createPersonThroughPages(sam, 'Nora', 'Budgetson', validNhsNumber(713009001));
  }, 120_000);
  afterAll(async () => t?.close());

  it('asks the RAS questions, refuses missing answers, then works the budget out line by line', async () => {
    const empty = await sam.get(budget(people.none!));
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('does not have a completed assessment yet');

    const form = await sam.get(`${budget(people.rose!)}/answers`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Fenshire RAS 2026');
    expect(form.body).toContain('Washing, bathing or showering');

    const partial = answersBody(rasVersion2026, 1);
    delete partial['q-washing'];
    const refused = await sam.post(`${budget(people.rose!)}/answers`, partial);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('Select an answer for ‘Washing, bathing or showering’');
    expect(await allocationOf(people.rose!)).toBeUndefined();

    const saved = await sam.post(`${budget(people.rose!)}/answers`, {
      ...answersBody(rasVersion2026, 1),
      'network-home': 'yes',
    });
    expect(saved.statusCode).toBe(303);
    const row = await allocationOf(people.rose!);
    expect(row).toMatchObject({ status: 'indicative', ras_version_id: versionIds['ras-2026'], version: 1 });
    expect((row!.answers as { networkMeetsNeed: string[] }).networkMeetsNeed).toEqual(['home']);

    const page = await sam.get(budget(people.rose!));
    expect(page.body).toMatch(/Personal care: \d+ points → £[\d,]+\.\d\d a week/);
    expect(page.body).toContain('Fenshire RAS 2026');
    expect(page.body).toContain('a year');
    expect(page.body).toContain('Points are priced in bands');
    expect(await audits(people.rose!, 'budget.answer')).toHaveLength(1);
    expect(await audits(people.rose!, 'budget.view')).toHaveLength(1);

    const record = await sam.get(`/people/${people.rose!}`);
    expect(record.body).toContain('Indicative budget');
    const assessment = await sam.get(`/people/${people.rose!}/assessments/${row!.assessment_id}`);
    expect(assessment.statusCode).toBe(200);
    expect(assessment.body).toContain(`href="/people/${people.rose!}/budget"`);
  });

  it('uses the version in force when the assessment was completed', async () => {
    const saved = await sam.post(`${budget(people.old!)}/answers`, {
      ...answersBody(rasVersion2026, 2),
    });
    // Olive’s assessment was completed in 2025, so the 2025 questions apply; an answer to a 2026-only question is not read.
    expect(saved.statusCode).toBe(303);
    expect(await allocationOf(people.old!)).toMatchObject({ ras_version_id: versionIds['ras-2025'] });
  });

  it('refuses a stale re-answer with 409 and what is saved now', async () => {
    const stale = await sam.post(`${budget(people.rose!)}/answers`, answersBody(rasVersion2026, 2, '0'));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this budget');
    expect(stale.body).toContain('What is saved now');
    expect(await allocationOf(people.rose!)).toMatchObject({ version: 1 });
  });

  it('agrees an amount within the proposer’s own limit, and requires a reason when it differs', async () => {
    const row = (await allocationOf(people.rose!))!;
    const indicative = Number(row.indicative_weekly_pence);
    const noReason = await sam.post(`${budget(people.rose!)}/agree`, { version: '1', amount: '20.00' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Enter why the agreed budget is different from the indicative budget');
    expect(await allocationOf(people.rose!)).toMatchObject({ status: 'indicative', version: 1 });

    const agreed = await sam.post(`${budget(people.rose!)}/agree`, {
      version: '1',
      amount: '20.00',
      reason: 'Her daughter now does the shopping',
    });
    expect(agreed.statusCode).toBe(303);
    const after = (await allocationOf(people.rose!))!;
    expect(after).toMatchObject({
      status: 'agreed',
      decided_role: 'practitioner',
      difference_reason: 'Her daughter now does the shopping',
    });
    expect(Number(after.agreed_weekly_pence)).toBe(2000);
    expect(Number(after.indicative_weekly_pence)).toBe(indicative);
    // Once agreed, the budget page leads on to planning how to use it.
    expect((await sam.get(budget(people.rose!))).body).toContain(`href="/people/${people.rose}/support-plan"`);
    // The database refuses a different amount without a reason, whatever the forms do.
    await expect(
      t.database.db
        .updateTable('budget_allocation')
        .set({ difference_reason: null })
        .where('id', '=', after.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('sends an amount over the proposer’s limit to someone with a higher one', async () => {
    expect((await sam.post(`${budget(people.ivan!)}/answers`, answersBody(rasVersion2026, 1))).statusCode).toBe(303);
    const proposed = await sam.post(`${budget(people.ivan!)}/agree`, {
      version: '1',
      amount: '300',
      reason: 'Night sitter',
    });
    expect(proposed.statusCode).toBe(303);
    expect(await allocationOf(people.ivan!)).toMatchObject({ status: 'awaiting_approval', decided_at: null });

    const waiting = await withOrg(t.database.db, t.org.orgId, (tx) => listBudgetsAwaitingSignOff(tx));
    expect(waiting.map((w) => [w.personId, w.proposedWeeklyPence])).toContainEqual([people.ivan!, 30_000]);

    const samTries = await sam.post(`${budget(people.ivan!)}/approve`, { version: '2' });
    expect(samTries.statusCode).toBe(422);
    expect(samTries.body).toContain('more than your limit of £250.00');
    expect(await allocationOf(people.ivan!)).toMatchObject({ status: 'awaiting_approval' });

    const approved = await priya.post(`${budget(people.ivan!)}/approve`, { version: '2' });
    expect(approved.statusCode).toBe(303);
    expect(await allocationOf(people.ivan!)).toMatchObject({ status: 'agreed', decided_role: 'team_manager' });
    expect(await audits(people.ivan!, 'budget.approve')).toHaveLength(1);
  });

  it('sends an amount above every limit to a panel, whose decision is recorded', async () => {
    expect((await sam.post(`${budget(people.pearl!)}/answers`, answersBody(rasVersion2026, 3))).statusCode).toBe(303);
    expect(
      (
        await priya.post(`${budget(people.pearl!)}/agree`, {
          version: '1',
          amount: '950',
          reason: 'Two carers every call',
        })
      ).statusCode,
    ).toBe(303);
    expect(await allocationOf(people.pearl!)).toMatchObject({ status: 'awaiting_panel' });
    expect((await sam.get(`${budget(people.pearl!)}/panel`)).statusCode).toBe(403);

    const bad = await priya.post(`${budget(people.pearl!)}/panel`, { version: '2', decision: 'agreed', amount: '900' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the date the panel sat');
    expect(bad.body).toContain('Enter who sat on the panel');
    expect(await allocationOf(people.pearl!)).toMatchObject({ status: 'awaiting_panel', panel_members: null });

    const decided = await priya.post(`${budget(people.pearl!)}/panel`, {
      version: '2',
      'panelDate-day': '2',
      'panelDate-month': '11',
      'panelDate-year': '2026',
      members: 'Priya Shah, head of service, finance lead',
      decision: 'agreed',
      amount: '900',
      reason: 'Two carers every call',
    });
    expect(decided.statusCode).toBe(303);
    const row = (await allocationOf(people.pearl!))!;
    expect(row).toMatchObject({ status: 'agreed', decided_role: 'panel', panel_date: '2026-11-02' });
    expect(Number(row.agreed_weekly_pence)).toBe(90_000);
    expect(row.panel_decision).toContain('Agreed £900.00 a week');
    const page = await sam.get(budget(people.pearl!));
    expect(page.body).toContain('Priya Shah, head of service, finance lead');
  });

  it('refuses a stale approval, and a panel that does not agree sends the budget back for a new proposal', async () => {
    const base = budget(people.quinn!);
    expect((await sam.post(`${base}/answers`, answersBody(rasVersion2026, 2))).statusCode).toBe(303);
    expect(
      (await sam.post(`${base}/agree`, { version: '1', amount: '2000', reason: 'Residential respite' })).statusCode,
    ).toBe(303);
    const stale = await priya.post(`${base}/approve`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this budget');

    const notAgreed = await priya.post(`${base}/panel`, {
      version: '2',
      'panelDate-day': '1',
      'panelDate-month': '11',
      'panelDate-year': '2026',
      members: 'Head of service, finance lead',
      decision: 'not_agreed',
      notes: 'Try a shared-lives placement first',
    });
    expect(notAgreed.statusCode).toBe(303);
    const row = (await allocationOf(people.quinn!))!;
    expect(row).toMatchObject({ status: 'indicative', agreed_weekly_pence: null, decided_at: null });
    expect(row.panel_decision).toBe('Not agreed. Try a shared-lives placement first');
    expect(await audits(people.quinn!, 'budget.panel')).toHaveLength(1);
    const page = await sam.get(base);
    expect(page.body).toContain('Propose the agreed budget');
    expect(page.body).toContain('Try a shared-lives placement first');
  });
});
