import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { directPaymentConsentStatus } from '../../src/modules/capacity/index.js';
import { withOrg } from '../../src/platform/db/scope.js';

/** A page's words without its markup, entities decoded as a reader hears them, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const parts = (id: string, date: string) => {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
};

/** A complete assessment of the decision to consent to a direct payment, finding a lack of capacity. */
function assessmentForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    decision: 'Whether Joan can agree to receive a direct payment and manage it',
    decisionCategory: 'direct_payment_consent',
    impairment: 'yes',
    impairmentDetail: 'Dementia',
    canUnderstand: 'yes',
    canRetain: 'no',
    canUseOrWeigh: 'no',
    canCommunicate: 'yes',
    practicableSteps: 'Two visits at home in the morning, her friend Sheila present, an easy-read leaflet',
    result: 'lacks_capacity',
    reasons: 'Joan could not recall the payment ten minutes later, nor weigh paying a PA against the agency',
    assessorName: 'Sam Practitioner',
    assessorRole: 'Social worker',
    ...parts('assessedOn', '2026-10-05'),
    ...overrides,
  };
}

function bestInterestsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'consulted-0-name': 'Sheila Brown',
    'consulted-0-role': 'Friend, enduring attorney',
    'consulted-0-view': 'Joan always wanted to choose who helps her; Sheila will manage the payments',
    'consulted-1-name': 'Dr Patel',
    'consulted-1-role': 'GP',
    'consulted-1-view': 'Supports staying at home with a familiar PA',
    wishesAndFeelings: 'Joan has always said she wants to stay at home and choose who helps her',
    beliefsAndValues: 'Independent; a churchgoer',
    decisionMade: 'A direct payment to Sheila as suitable person, with Joan choosing her PA',
    reasons: 'Keeps Joan at home with the PA she chooses; least restrictive of the options',
    decidedBy: 'Sam Practitioner, social worker',
    ...parts('decidedOn', '2026-10-12'),
    ...overrides,
  };
}

function powerForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'lpa',
    scope: 'property_and_financial',
    holders: 'Sheila Brown',
    reference: '7000-1234-5678',
    ...parts('registeredOn', '2021-06-14'),
    ...overrides,
  };
}

describe.each(testEngines())('mental capacity, best interests and legal powers (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent;
  let joanId: string, hiddenId: string;
  const base = (id: string) => `/people/${id}/capacity`;
  const db = () => t.database.db;
  const audits = (personId: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_type', 'resource_id'])
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  const consentOf = (personId: string, on?: string) =>
    withOrg(db(), t.org.orgId, (tx) => directPaymentConsentStatus(tx, personId, on));

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, bea] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'bea.broker')]);
    joanId = await createPersonThroughPages(sam, 'Joan', 'Capacitywell', validNhsNumber(703000001));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Capacityhidden', validNhsNumber(703000101));
    await db().updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
  }, 180_000);
  afterAll(async () => t?.close());

  it('S6: records that Joan lacks capacity to consent to a direct payment, the best-interests decision and the power, and the one query reports them', async () => {
    expect(await consentOf(joanId)).toEqual({
      lacksCapacity: false,
      assessment: null,
      bestInterests: null,
      powers: [],
    });

    const form = await sam.get(`${base(joanId)}/assessments/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Consent to a direct payment');
    expect(form.body).toMatch(/name="assessorName"[^>]*value="Sam Okafor"/);
    const saved = await sam.post(`${base(joanId)}/assessments/new`, assessmentForm());
    expect(saved.statusCode).toBe(303);
    const assessmentHref = String(saved.headers.location);
    expect(assessmentHref).toMatch(new RegExp(`^${base(joanId)}/assessments/[0-9a-f-]{36}$`));
    const assessmentId = assessmentHref.split('/').at(-1)!;

    const page = await sam.get(assessmentHref);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lacks capacity');
    expect(page.body).toContain('because of it the person cannot retain that information or use or weigh');
    const decided = await sam.post(`${assessmentHref}/best-interests/new`, bestInterestsForm());
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toBe(assessmentHref);
    const withDecision = await sam.get(assessmentHref);
    expect(withDecision.body).toContain('Sheila Brown');
    expect(withDecision.body).toContain('A direct payment to Sheila as suitable person');

    expect((await sam.post(`${base(joanId)}/powers/new`, powerForm())).statusCode).toBe(303);
    // A health and welfare power gives no authority over money: it is not reported.
    expect(
      (
        await sam.post(
          `${base(joanId)}/powers/new`,
          powerForm({ scope: 'health_and_welfare', reference: '7000-9999-0000' }),
        )
      ).statusCode,
    ).toBe(303);

    const status = await consentOf(joanId);
    expect(status).toMatchObject({
      lacksCapacity: true,
      assessment: {
        id: assessmentId,
        result: 'lacks_capacity',
        assessedOn: '2026-10-05',
        assessorName: 'Sam Practitioner',
      },
      bestInterests: {
        decisionMade: 'A direct payment to Sheila as suitable person, with Joan choosing her PA',
        decidedOn: '2026-10-12',
        consulted: [
          { name: 'Sheila Brown', role: 'Friend, enduring attorney' },
          { name: 'Dr Patel', role: 'GP' },
        ],
      },
      powers: [{ kind: 'lpa', holders: 'Sheila Brown', reference: '7000-1234-5678', registeredOn: '2021-06-14' }],
    });
    expect(status.powers).toHaveLength(1);
    // One statement, so the three parts come from one snapshot (see consent.ts).
    let statements = 0;
    const counted = await withOrg(db(), t.org.orgId, (tx) =>
      directPaymentConsentStatus(
        tx.withPlugin({
          transformQuery: (args) => ((statements += 1), args.node),
          transformResult: async (args) => args.result,
        }),
        joanId,
      ),
    );
    expect(counted).toEqual(status);
    expect(statements).toBe(1);

    const overview = await sam.get(base(joanId));
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Whether Joan can agree to receive a direct payment');
    expect(overview.body).toContain('7000-1234-5678');
    // The three records a direct payment to a suitable person rests on, said in one place.
    const directPayments = text(overview.body.split('id="direct-payments"')[1]!.split('<h2')[0]!);
    expect(directPayments).toContain(
      'Can they consent to a direct payment? Lacks capacity (assessed on 5 October 2026 by Sam Practitioner',
    );
    expect(directPayments).toContain(
      'Best-interests decision A direct payment to Sheila as suitable person, with Joan choosing her PA (decided on 12 October 2026',
    );
    expect(directPayments).toContain(
      'Power over their money Sheila Brown: Lasting power of attorney, reference 7000-1234-5678',
    );
    expect(directPayments).not.toContain('7000-9999-0000');
    const record = await sam.get(`/people/${joanId}`);
    expect(record.body).toContain('Mental capacity and legal powers');
    expect(record.body).toContain('Consent to a direct payment: lacks capacity');

    expect((await audits(joanId)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'capacity.form',
        'capacity-assessment.create',
        'capacity-assessment.view',
        'best-interests.create',
        'legal-power.create',
        'capacity.view',
      ]),
    );
  });

  it('reports the latest assessment of the decision only, and only powers in force on the day', async () => {
    const personId = await createPersonThroughPages(sam, 'Ivy', 'Capacitylater', validNhsNumber(703000201));
    await sam.post(`${base(personId)}/assessments/new`, assessmentForm());
    await sam.post(`${base(personId)}/powers/new`, powerForm({ kind: 'deputyship', reference: 'COP 1234567' }));
    expect((await consentOf(personId)).lacksCapacity).toBe(true);
    // Another decision assessed later changes nothing for this one.
    await sam.post(
      `${base(personId)}/assessments/new`,
      assessmentForm({ decisionCategory: 'medical_treatment', ...parts('assessedOn', '2026-11-01') }),
    );
    expect((await consentOf(personId)).lacksCapacity).toBe(true);
    // A later assessment of the same decision that finds capacity (she has recovered) is the answer now.
    const regained = await sam.post(
      `${base(personId)}/assessments/new`,
      assessmentForm({
        canRetain: 'yes',
        canUseOrWeigh: 'yes',
        result: 'has_capacity',
        ...parts('assessedOn', '2026-11-02'),
      }),
    );
    expect(regained.statusCode).toBe(303);
    const now = await consentOf(personId);
    expect(now).toMatchObject({ lacksCapacity: false, assessment: { result: 'has_capacity' }, bestInterests: null });

    const power = await db()
      .selectFrom('legal_power')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    const end = `${base(personId)}/powers/${power.id}/end`;
    expect((await sam.get(end)).statusCode).toBe(200);
    const ended = await sam.post(end, {
      ...parts('endedOn', '2026-11-10'),
      endedReason: 'The court discharged the deputy',
    });
    expect(ended.statusCode).toBe(303);
    expect((await consentOf(personId, '2026-11-09')).powers).toHaveLength(1);
    expect((await consentOf(personId, '2026-11-10')).powers).toEqual([]);
    expect((await consentOf(personId, '2021-06-13')).powers).toEqual([]);
    // Ending it again is refused and changes nothing.
    const again = await sam.post(end, { ...parts('endedOn', '2026-11-11'), endedReason: 'Again' });
    expect(again.statusCode).toBe(409);
    const row = await db().selectFrom('legal_power').selectAll().where('id', '=', power.id).executeTakeFirstOrThrow();
    expect(row.ended_on).toBe('2026-11-10');
    expect(row.ended_reason).toBe('The court discharged the deputy');
    expect((await audits(personId)).filter((a) => a.action === 'legal-power.end')).toHaveLength(1);
  });

  it('refuses a result that does not follow from the answers, saves nothing, and says why', async () => {
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('capacity_assessment')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('person_id', '=', joanId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const wrong = await sam.post(`${base(joanId)}/assessments/new`, assessmentForm({ result: 'has_capacity' }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('The result must follow from the answers');
    expect(wrong.body).toContain('href="#result"');
    // What was typed is kept.
    expect(wrong.body).toContain('Two visits at home in the morning');
    const noImpairment = await sam.post(
      `${base(joanId)}/assessments/new`,
      assessmentForm({ impairment: 'no', impairmentDetail: '' }),
    );
    expect(noImpairment.statusCode).toBe(422);
    expect(noImpairment.body).toContain('presumed to have capacity');
    const blank = await sam.post(`${base(joanId)}/assessments/new`, {});
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Enter the decision the assessment is about');
    expect(await count()).toBe(before);
    // The database holds the same rule, whatever writes to it.
    await expect(
      db()
        .insertInto('capacity_assessment')
        .values({
          org_id: t.org.orgId,
          person_id: joanId,
          decision: 'x',
          decision_category: 'other',
          impairment: false,
          impairment_detail: null,
          can_understand: false,
          can_retain: true,
          can_use_or_weigh: true,
          can_communicate: true,
          practicable_steps: 'x',
          result: 'lacks_capacity',
          reasons: 'x',
          assessor_name: 'x',
          assessor_role: 'x',
          assessed_on: '2026-01-01',
          created_by: null,
        })
        .execute(),
    ).rejects.toThrow(/capacity_result_follows_answers/);
  });

  it('refuses a best-interests decision after a finding of capacity, and bad best-interests and power forms', async () => {
    const has = await sam.post(
      `${base(joanId)}/assessments/new`,
      assessmentForm({
        decisionCategory: 'accommodation',
        canRetain: 'yes',
        canUseOrWeigh: 'yes',
        result: 'has_capacity',
      }),
    );
    const hasHref = String(has.headers.location);
    const hasPage = await sam.get(hasHref);
    expect(hasPage.statusCode).toBe(200);
    expect(hasPage.body).toContain('Joan has capacity for this decision, so they make it themselves');
    expect(hasPage.body).not.toContain('Record a best-interests decision');
    const form = await sam.get(`${hasHref}/best-interests/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="wishesAndFeelings"');
    const refused = await sam.post(`${hasHref}/best-interests/new`, bestInterestsForm());
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('a best-interests decision cannot be recorded for it');

    const lacks = await sam.post(`${base(joanId)}/assessments/new`, assessmentForm({ decisionCategory: 'finances' }));
    const lacksHref = String(lacks.headers.location);
    const bad = await sam.post(`${lacksHref}/best-interests/new`, {
      ...bestInterestsForm(),
      'consulted-0-view': '',
      ...parts('decidedOn', '2026-10-01'),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#consulted-0-view"');
    expect(bad.body).toContain('on or after the date of the capacity assessment');
    const nobody = await sam.post(`${lacksHref}/best-interests/new`, {
      ...bestInterestsForm(),
      'consulted-0-name': '',
      'consulted-0-role': '',
      'consulted-0-view': '',
      'consulted-1-name': '',
      'consulted-1-role': '',
      'consulted-1-view': '',
    });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('href="#consulted-0-name"');
    const addRow = await sam.post(`${lacksHref}/best-interests/new`, { ...bestInterestsForm(), _add: 'consulted' });
    expect(addRow.statusCode).toBe(200);
    expect(addRow.body).toContain('name="consulted-3-name"');
    const decisions = await db().selectFrom('best_interests_decision').select('capacity_assessment_id').execute();
    expect(decisions.map((d) => d.capacity_assessment_id)).not.toContain(lacksHref.split('/').at(-1));
    expect(decisions.map((d) => d.capacity_assessment_id)).not.toContain(hasHref.split('/').at(-1));

    const epa = await sam.post(`${base(joanId)}/powers/new`, powerForm({ kind: 'epa', scope: 'health_and_welfare' }));
    expect(epa.statusCode).toBe(422);
    expect(epa.body).toContain('An enduring power of attorney covers property and financial affairs only');
    const blank = await sam.post(`${base(joanId)}/powers/new`, {});
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('href="#registeredOn-day"');
  });

  it('hides a restricted record (404, nothing audited) and keeps brokers out (403)', async () => {
    expect((await sam.get(base(hiddenId))).statusCode).toBe(404);
    expect((await sam.post(`${base(hiddenId)}/assessments/new`, assessmentForm())).statusCode).toBe(404);
    expect((await sam.post(`${base(hiddenId)}/powers/new`, powerForm())).statusCode).toBe(404);
    expect(
      await db()
        .selectFrom('audit_event')
        .select('action')
        .where('person_id', '=', hiddenId)
        .where('action', 'like', '%capacity%')
        .execute(),
    ).toEqual([]);
    expect((await bea.get(base(joanId))).statusCode).toBe(403);
    expect((await bea.post(`${base(joanId)}/powers/new`, powerForm())).statusCode).toBe(403);
  });

  it('audits each read and write once, by the person who did it', async () => {
    const personId = await createPersonThroughPages(sam, 'Olive', 'Capacityaudit', validNhsNumber(703000301));
    const samId = t.org.userIds['sam.practitioner']!;
    await sam.get(base(personId));
    const saved = await sam.post(`${base(personId)}/assessments/new`, assessmentForm());
    await sam.get(String(saved.headers.location));
    await sam.post(`${base(personId)}/powers/new`, powerForm());
    const rows = (await audits(personId)).filter((a) => a.action !== 'person.create');
    expect(rows.map((r) => r.action)).toEqual([
      'capacity.view',
      'capacity-assessment.create',
      'capacity-assessment.view',
      'legal-power.create',
    ]);
    expect(rows.every((r) => r.actor_id === samId)).toBe(true);
    const assessmentId = String(saved.headers.location).split('/').at(-1);
    expect(rows[1]).toMatchObject({ resource_type: 'capacity_assessment', resource_id: assessmentId });
  });
});
