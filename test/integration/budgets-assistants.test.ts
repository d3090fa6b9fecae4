import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertServices } from '../helpers/conversations.js';
import { noDate, paForm, parts } from '../helpers/assistants.js';
import { withOrg } from '../../src/platform/db/scope.js';

describe.each(testEngines())('people who employ personal assistants (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent, frank: Agent;
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
    [sam, bea, frank] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'bea.broker'),
      signIn(t.app, 'frank.finance'),
    ]);
    shirleyId = await createPersonThroughPages(sam, 'Shirley', 'Paemploy', validNhsNumber(714000001));
    joanId = await createPersonThroughPages(sam, 'Joan', 'Paagency', validNhsNumber(714000101));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Pahidden', validNhsNumber(714000201));
    await db().updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
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
      [noDate('dbsCheckedOn'), 'Enter date the DBS check was done', '#dbsCheckedOn-day'],
      [
        parts('dbsCheckedOn', '2099-01-01'),
        'Date the DBS check was done must be today or in the past',
        '#dbsCheckedOn-day',
      ],
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

  it('keeps history: the application role cannot delete a PA, nor change or delete a saved state or a decision', async () => {
    const asApp = (statement: string) => withOrg(db(), t.org.orgId, (tx) => sql.raw(statement).execute(tx));
    await expect(asApp('delete from personal_assistant')).rejects.toThrow(/permission denied/);
    await expect(asApp('update personal_assistant_history set version = 9')).rejects.toThrow(/permission denied/);
    await expect(asApp('delete from personal_assistant_history')).rejects.toThrow(/permission denied/);
    await expect(asApp("update dp_support_decision set reason = 'x'")).rejects.toThrow(/permission denied/);
    await expect(asApp('delete from dp_support_decision')).rejects.toThrow(/permission denied/);
    expect((await assistantsOf(shirleyId)).length).toBeGreaterThan(0);
  });

  it('answers 404 for a restricted or unknown person, and writes nothing', async () => {
    expect((await sam.get(base(hiddenId))).statusCode).toBe(404);
    expect((await sam.post(`${base(hiddenId)}/new`, paForm())).statusCode).toBe(404);
    expect((await sam.get(base('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});
