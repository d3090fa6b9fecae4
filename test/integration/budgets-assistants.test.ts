import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertServices } from '../helpers/conversations.js';
import { userActor } from '../helpers/matrix.js';
import { listRenewals } from '../../src/modules/budgets/index.js';
import { insuranceRenewalSource } from '../../src/modules/budgets/assistants/work-source.js';
import { withOrg } from '../../src/platform/db/scope.js';

const parts = (id: string, date: string) => {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
};
const noDate = (id: string) => ({ [`${id}-day`]: '', [`${id}-month`]: '', [`${id}-year`]: '' });

/** S5: Shirley's PA, employed directly, checked, insured, paid through a payroll service. */
function paForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Maria Lopez',
    employedThrough: 'direct',
    agencyName: '',
    ...parts('startsOn', '2026-03-02'),
    dbsLevel: 'enhanced_barred',
    dbsCertificate: '001234567890',
    ...parts('dbsCheckedOn', '2026-02-16'),
    rightToWorkChecked: 'yes',
    referencesChecked: 'yes',
    insured: 'yes',
    insurer: 'Fenshire Mutual',
    insurancePolicyNumber: 'EL-44821',
    ...parts('insuranceRenewsOn', '2099-03-01'),
    payroll: 'yes',
    payrollService: 'PayPA Ltd',
    supportService: 'Fenshire Direct Payment Support',
    formHelper: 'Her daughter, Karen',
    ...overrides,
  };
}

describe.each(testEngines())('people who employ personal assistants (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent, ada: Agent, paul: Agent, frank: Agent;
  let shirleyId: string, joanId: string, hiddenId: string;
  let supportServiceId: string;
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
    [sam, bea, ada, paul, frank] = await Promise.all(
      ['sam.practitioner', 'bea.broker', 'ada.admin', 'paul.provider', 'frank.finance'].map((u) => signIn(t.app, u)),
    );
    shirleyId = await createPersonThroughPages(sam, 'Shirley', 'Paemploy', validNhsNumber(714000001));
    joanId = await createPersonThroughPages(sam, 'Joan', 'Paagency', validNhsNumber(714000101));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Pahidden', validNhsNumber(714000201));
    supportServiceId = (await insertServices(db(), t.org.orgId, [{ name: 'Fenshire Direct Payment Support' }]))[
      'Fenshire Direct Payment Support'
    ]!;
  }, 180_000);
  afterAll(async () => t?.close());

  it('S5: adds Shirley’s PA with checks, insurance, payroll, the support service and her daughter helping with forms', async () => {
    expect((await sam.get(`${base(shirleyId)}/new`)).statusCode).toBe(200);
    const saved = await sam.post(`${base(shirleyId)}/new`, paForm());
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(base(shirleyId));
    const [pa] = await assistantsOf(shirleyId);
    expect(pa).toMatchObject({
      name: 'Maria Lopez',
      employed_through: 'direct',
      agency_name: null,
      starts_on: '2026-03-02',
      dbs_level: 'enhanced_barred',
      dbs_certificate: '001234567890',
      dbs_checked_on: '2026-02-16',
      right_to_work_checked: true,
      references_checked: true,
      insurer: 'Fenshire Mutual',
      insurance_policy_number: 'EL-44821',
      insurance_renews_on: '2099-03-01',
      payroll_service: 'PayPA Ltd',
      support_service_id: supportServiceId,
      support_service_name: 'Fenshire Direct Payment Support',
      form_helper: 'Her daughter, Karen',
      version: 1,
      ends_on: null,
    });
    const page = await frank.get(base(shirleyId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maria Lopez');
    expect(page.body).toContain('Her daughter, Karen');
    expect(page.body).toContain('Fenshire Direct Payment Support (in the directory)');
    expect(page.body).toContain('In place');
    expect(page.body).not.toContain('id="insurance-warning"');
    // Finance may read, not add.
    expect((await sam.get(base(shirleyId))).body).toContain('Add a personal assistant');
    expect(page.body).not.toContain('Add a personal assistant');
    expect((await frank.get(`${base(shirleyId)}/new`)).statusCode).toBe(403);
    expect(await actions(shirleyId)).toEqual(
      expect.arrayContaining(['assistant.form', 'assistant.create', 'assistant.list']),
    );
  });

  it('S6: a broker adds Joan’s PA employed through an agency, with no insurance of Joan’s own; an agency needs its name', async () => {
    const agency = paForm({
      name: 'Priya Shah',
      employedThrough: 'agency',
      agencyName: 'Homecare Together',
      dbsLevel: 'enhanced',
      dbsCertificate: '',
      insured: 'no',
      insurer: 'ignored when not insured',
      insurancePolicyNumber: '',
      ...noDate('insuranceRenewsOn'),
      payroll: 'no',
      payrollService: '',
      supportService: 'Sheila manages it',
      formHelper: 'Sheila Brown, suitable person',
    });
    const missingAgency = await bea.post(`${base(joanId)}/new`, { ...agency, agencyName: '' });
    expect(missingAgency.statusCode).toBe(422);
    expect(missingAgency.body).toContain('Enter the name of the agency');
    expect(await assistantsOf(joanId)).toHaveLength(0);
    expect((await bea.post(`${base(joanId)}/new`, agency)).statusCode).toBe(303);
    const [pa] = await assistantsOf(joanId);
    expect(pa).toMatchObject({
      employed_through: 'agency',
      agency_name: 'Homecare Together',
      dbs_certificate: null,
      insurer: null,
      insurance_renews_on: null,
      payroll_service: null,
      support_service_id: null,
      support_service_name: 'Sheila manages it',
    });
  });

  it('refuses bad dates and missing insurance details with GOV.UK errors, saving nothing', async () => {
    const before = (await assistantsOf(shirleyId)).length;
    const cases: [Record<string, string>, string, string][] = [
      [parts('startsOn', '2026-02-31'), 'Date they started must be a real date', '#startsOn-day'],
      [
        { 'startsOn-day': '2', 'startsOn-month': '13', 'startsOn-year': '26' },
        'Date they started must be a real date',
        '#startsOn-day',
      ],
      [noDate('startsOn'), 'Enter date they started', '#startsOn-day'],
      [{ insurer: '' }, 'Enter the insurer', '#insurer'],
      [{ insurancePolicyNumber: '' }, 'Enter the policy number', '#insurancePolicyNumber'],
      [noDate('insuranceRenewsOn'), 'Enter date the insurance renews', '#insuranceRenewsOn-day'],
      [
        parts('insuranceRenewsOn', '2027-02-30'),
        'Date the insurance renews must be a real date',
        '#insuranceRenewsOn-day',
      ],
      [noDate('dbsCheckedOn'), 'Enter date the dbs check was done', '#dbsCheckedOn-day'],
      [{ payrollService: '' }, 'Enter the payroll service', '#payrollService'],
      [{ name: ' ' }, 'Enter the personal assistant’s name', '#name'],
      [{ insured: '' }, 'Select whether employer’s liability insurance is in place', '#insured'],
    ];
    for (const [override, message, href] of cases) {
      const response = await sam.post(`${base(shirleyId)}/new`, paForm(override));
      expect(response.statusCode, message).toBe(422);
      expect(response.body, message).toContain(message);
      expect(response.body, message).toContain(`href="${href}"`);
    }
    expect(await assistantsOf(shirleyId)).toHaveLength(before);
  });

  it('changes a PA at the version the form was opened at, keeps each saved state, and refuses a stale edit with 409', async () => {
    const [pa] = await assistantsOf(shirleyId);
    const form = await sam.get(`${base(shirleyId)}/${pa!.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="version" value="1"/);
    expect(form.body).toMatch(/name="insurer"[^>]*value="Fenshire Mutual"/);
    const changed = await sam.post(
      `${base(shirleyId)}/${pa!.id}/edit`,
      paForm({ version: '1', insurer: 'Shire Insurance' }),
    );
    expect(changed.statusCode).toBe(303);
    const stale = await bea.post(
      `${base(shirleyId)}/${pa!.id}/edit`,
      paForm({ version: '1', payrollService: 'Other Payroll' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this personal assistant');
    expect(stale.body).toContain('What is saved now');
    expect(stale.body).toMatch(/name="version" value="2"/);
    const [now] = await assistantsOf(shirleyId);
    expect(now).toMatchObject({ version: 2, insurer: 'Shire Insurance', payroll_service: 'PayPA Ltd' });
    const history = await db()
      .selectFrom('personal_assistant_history')
      .select(['version', 'state'])
      .where('assistant_id', '=', pa!.id)
      .orderBy('version')
      .execute();
    expect(history.map((h) => [h.version, (h.state as { insurer: string }).insurer])).toEqual([
      [1, 'Fenshire Mutual'],
      [2, 'Shire Insurance'],
    ]);
    // A form without its version is refused the same way, not saved over whatever is there.
    const { version: _v, ...noVersion } = paForm();
    expect((await sam.post(`${base(shirleyId)}/${pa!.id}/edit`, noVersion)).statusCode).toBe(409);
    // Another person's PA is not found under this person.
    expect((await sam.get(`${base(joanId)}/${pa!.id}/edit`)).statusCode).toBe(404);
  });

  it('ends the employment from a date, keeping the PA on the record; ending it again is refused', async () => {
    const [pa] = await assistantsOf(shirleyId);
    const url = `${base(shirleyId)}/${pa!.id}/end`;
    const early = await sam.post(url, { version: '2', ...parts('endsOn', '2026-03-01'), endedReason: 'Moved away' });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Date the employment ended must be on or after the date they started');
    const noReason = await sam.post(url, { version: '2', ...parts('endsOn', '2026-09-30'), endedReason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Enter why the employment ended');
    expect(
      (await sam.post(url, { version: '2', ...parts('endsOn', '2026-09-30'), endedReason: 'Moved away' })).statusCode,
    ).toBe(303);
    const [ended] = await assistantsOf(shirleyId);
    expect(ended).toMatchObject({ ends_on: '2026-09-30', ended_reason: 'Moved away', version: 3, name: 'Maria Lopez' });
    const again = await sam.post(url, { version: '3', ...parts('endsOn', '2026-10-30'), endedReason: 'Again' });
    expect(again.statusCode).toBe(409);
    const page = await sam.get(base(shirleyId));
    expect(page.body.split('Employed before')[1]).toContain('Maria Lopez');
    expect(await actions(shirleyId)).toContain('assistant.end');
  });

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

  it('answers 404 for a restricted or unknown person, and writes nothing', async () => {
    expect((await sam.get(base(hiddenId))).statusCode).toBe(404);
    expect((await sam.post(`${base(hiddenId)}/new`, paForm())).statusCode).toBe(404);
    expect((await sam.get(base('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});
