import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { todayInLondon } from '../../src/platform/dates.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);
/** The words the page shows in its main content (tags and their attributes left out). */
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>')).replace(/<[^>]*>/g, ' ');

const strengths = (version: number, extra: Record<string, string> = {}) => ({
  version: String(version),
  canDo: 'Makes her own breakfast; loves the garden',
  matters: 'Staying at home with Harold',
  networkDoes: 'Carol visits on Sundays; the Webbs pop in daily; a pendant alarm',
  needs: 'Help to wash and dress each morning',
  ...extra,
});

/** Impairment, the outcomes named (each unable without assistance, with words) and wellbeing, all "yes". */
function adultAnswers(version: number, outcomes: string[]): Record<string, string> {
  const answers: Record<string, string> = {
    version: String(version),
    'impairmentOrIllness-met': 'yes',
    'impairmentOrIllness-words': 'Parkinson’s disease',
    'wellbeingImpact-met': 'yes',
    'wellbeingImpact-words': 'Low mood and loss of dignity',
  };
  for (const o of outcomes) {
    answers[`outcomes-${o}-ways`] = 'without_assistance';
    answers[`outcomes-${o}-words-without_assistance`] = `Needs a hand with ${o}`;
  }
  return answers;
}

/**
 * A tier 3 assessment end to end: strengths first, eligibility decided by the rule (or overridden with
 * a reason), who took part, and completion writing the exact CLD Assessment event; a carer's
 * assessment that never calls someone a carer who has not accepted the word; stale edits refused.
 */
describe.each(testEngines())('tier 3 assessment (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ednaId: string;
  let haroldId: string;
  const db = () => t.database.db;
  const base = (personId: string) => `/people/${personId}/assessments`;
  const row = (id: string) => db().selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const eventOf = async (id: string) =>
    db()
      .selectFrom('person_event')
      .selectAll()
      .where('id', '=', (await row(id)).cld_event_id!)
      .executeTakeFirstOrThrow();

  async function start(personId: string, kind: string, method: string): Promise<string> {
    const res = await sam.post(`${base(personId)}/new`, { kind, method, ...dateParts('startedOn', day(-3)) });
    expect(res.statusCode, res.body).toBe(303);
    return String(res.headers.location).split('/').pop()!;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Assessford', validNhsNumber(951_200_000));
    haroldId = await createPersonThroughPages(sam, 'Harold', 'Assessford', validNhsNumber(951_200_100));
    // Harold looks after Edna and has not accepted the word "carer" (it is her record that says so).
    await db()
      .insertInto('relationship')
      .values([
        {
          org_id: t.org.orgId,
          person_id: ednaId,
          related_person_id: haroldId,
          relationship_type: 'spouse-or-partner',
          other_provides_care: true,
          carer_label: 'declined',
        },
        {
          org_id: t.org.orgId,
          person_id: haroldId,
          related_person_id: ednaId,
          relationship_type: 'spouse-or-partner',
          other_receives_care: true,
        },
      ])
      .execute();
  }, 180_000);
  afterAll(async () => t?.close());

  it('starts only with a kind, method and date, saving nothing otherwise', async () => {
    const bad = await sam.post(`${base(ednaId)}/new`, { ...dateParts('startedOn', day(2)) });
    expect(bad.statusCode).toBe(422);
    expect(errorsOn(bad.body)).toEqual(['kind', 'method', 'startedOn']);
    expect(await db().selectFrom('assessment').selectAll().execute()).toHaveLength(0);
  });

  it('adult, eligible: strengths first, the rule decides with reasons, participants attributed, the exact CLD event', async () => {
    const id = await start(ednaId, 'adult', 'face_to_face');
    const href = `${base(ednaId)}/${id}`;
    const noStrengths = await sam.post(`${href}/strengths`, strengths(1, { canDo: '', needs: '' }));
    expect(noStrengths.statusCode).toBe(422);
    expect(errorsOn(noStrengths.body)).toEqual(['canDo', 'needs']);
    expect((await row(id)).matters).toBe('');
    const saved = await sam.post(`${href}/strengths`, strengths(1));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${href}/eligibility`);

    const noWords = adultAnswers(2, ['nutrition', 'personal_hygiene']);
    delete noWords['outcomes-nutrition-words-without_assistance'];
    const refused = await sam.post(`${href}/eligibility`, noWords);
    expect(refused.statusCode).toBe(422);
    expect(errorsOn(refused.body)).toEqual(['outcomes-nutrition-words-without_assistance']);
    expect(refused.body).toContain('Describe the help they need with managing nutrition');
    expect((await row(id)).determination).toBeNull();

    expect((await sam.post(`${href}/eligibility`, adultAnswers(2, ['nutrition', 'personal_hygiene']))).statusCode).toBe(
      303,
    );
    expect(await row(id)).toMatchObject({ eligible: true, version: 3 });

    const noContribution = await sam.post(`${href}/participants`, { role: 'Occupational therapist', name: 'Olu Ade' });
    expect(noContribution.statusCode).toBe(422);
    expect(errorsOn(noContribution.body)).toEqual(['contribution']);
    const added = await sam.post(`${href}/participants`, {
      role: 'Occupational therapist',
      name: 'Olu Ade',
      organisation: 'Fenshire Community Health',
      contribution: 'Assessed transfers; recommends a perching stool',
    });
    expect(added.statusCode).toBe(303);

    const page = await sam.get(href);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Eligible needs');
    expect(page.body).toContain('Eligible: all three conditions of regulation 2 are met.');
    expect(page.body).toContain('Unable to achieve 2 of the 10 outcomes');
    expect(page.body).toContain('Olu Ade');
    expect(page.body).toContain('Assessed transfers; recommends a perching stool');
    expect(page.body).toMatch(/Recorded by [^<]+ on/);
    const participant = await db()
      .selectFrom('assessment_participant')
      .selectAll()
      .where('assessment_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(participant).toMatchObject({
      role: 'Occupational therapist',
      created_by: t.org.userIds['sam.practitioner'],
    });

    const future = await sam.post(`${href}/complete`, { version: '3', ...dateParts('completedOn', day(1)) });
    expect(future.statusCode).toBe(422);
    expect((await row(id)).status).toBe('in_progress');
    const done = await sam.post(`${href}/complete`, { version: '3', ...dateParts('completedOn', day(-1)) });
    expect(done.statusCode, done.body).toBe(303);
    expect(await eventOf(id)).toMatchObject({
      event_type: 'Assessment',
      client_type: 'Service user',
      linked_person_ids: [],
      start_date: day(-3),
      end_date: day(-1),
      assessment_type: 'Long term assessment',
      method_of_assessment: 'Face to face',
      eligible_needs_identified: 'Yes',
      event_outcome: 'Progress to support planning or services',
      route_of_access: null,
      source_module: 'assessment',
      source_id: id,
    });
    const record = await sam.get(`/people/${ednaId}/record/assessments`);
    expect(record.body).toContain(`href="${href}"`);
    expect(record.body).toContain('Start an assessment');
    const timeline = await sam.get(`/people/${ednaId}/timeline`);
    expect(timeline.body).toContain(`href="${href}"`);
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('resource_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'assessment.complete', person_id: ednaId });

    // Completed: the record of what was decided, no longer changed.
    const late = await sam.post(`${href}/strengths`, strengths(3));
    expect(late.statusCode).toBe(303);
    const afterLate = await sam.post(`${href}/participants`, { role: 'GP', name: 'Dr Late', contribution: 'Late' });
    expect(afterLate.statusCode).toBe(409);
    expect(afterLate.body).toContain('This assessment has been completed');
  });

  it('adult, not eligible: information and advice; an override needs a reason, and then decides', async () => {
    const notEligible = await start(ednaId, 'adult', 'phone');
    const hrefA = `${base(ednaId)}/${notEligible}`;
    await sam.post(`${hrefA}/strengths`, strengths(1));
    expect((await sam.post(`${hrefA}/eligibility`, adultAnswers(2, ['nutrition']))).statusCode).toBe(303);
    expect((await sam.get(hrefA)).body).toContain('Unable to achieve 1 of the 10 outcomes');
    expect(
      (await sam.post(`${hrefA}/complete`, { version: '3', ...dateParts('completedOn', day(0)) })).statusCode,
    ).toBe(303);
    expect(await eventOf(notEligible)).toMatchObject({
      eligible_needs_identified: 'No',
      event_outcome: 'NFA: Information and advice or signposting',
      method_of_assessment: 'Telephone',
    });

    const overridden = await start(ednaId, 'adult', 'video');
    const hrefB = `${base(ednaId)}/${overridden}`;
    await sam.post(`${hrefB}/strengths`, strengths(1));
    await sam.post(`${hrefB}/eligibility`, adultAnswers(2, ['nutrition']));
    const noReason = await sam.post(`${hrefB}/override`, { version: '3', eligible: 'yes', reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(errorsOn(noReason.body)).toEqual(['reason']);
    expect(await row(overridden)).toMatchObject({ eligible: false, override_eligible: null, version: 3 });
    const withReason = await sam.post(`${hrefB}/override`, {
      version: '3',
      eligible: 'yes',
      reason: 'Needs fluctuate: on bad days she cannot wash or dress',
    });
    expect(withReason.statusCode).toBe(303);
    expect(await row(overridden)).toMatchObject({
      eligible: true,
      override_eligible: true,
      override_reason: 'Needs fluctuate: on bad days she cannot wash or dress',
      override_by: t.org.userIds['sam.practitioner'],
    });
    const page = await sam.get(hrefB);
    expect(page.body).toContain('changed from the rule’s decision');
    expect(page.body).toContain('Reason: Needs fluctuate: on bad days she cannot wash or dress');
    await sam.post(`${hrefB}/complete`, { version: '4', ...dateParts('completedOn', day(0)) });
    expect(await eventOf(overridden)).toMatchObject({
      eligible_needs_identified: 'Yes',
      event_outcome: 'Progress to support planning or services',
      method_of_assessment: 'Video call',
    });
  });

  it('carer: never called a carer unless they accept it; own words for a self-assessment; linked to who they care for', async () => {
    const id = await start(haroldId, 'carer', 'supported_self_assessment');
    const href = `${base(haroldId)}/${id}`;
    const noOwnWords = await sam.post(`${href}/strengths`, strengths(1));
    expect(noOwnWords.statusCode).toBe(422);
    expect(errorsOn(noOwnWords.body)).toEqual(['ownWords']);
    await sam.post(`${href}/strengths`, strengths(1, { ownWords: 'I just look after Edna, it is what you do' }));
    const answers = {
      version: '2',
      'needsFromProvidingCare-met': 'yes',
      'needsFromProvidingCare-words': 'Helps Edna wash, dress and eat every day',
      'healthDeteriorating-met': 'yes',
      'healthDeteriorating-words': 'Back pain from lifting; not sleeping',
      'outcomes-caring_for_child-ways': 'without_assistance',
      'outcomes-caring_for_child-words-without_assistance': 'Cannot collect his grandson from school',
      'wellbeingImpact-met': 'yes',
      'wellbeingImpact-words': 'Exhausted and isolated',
      'continuingToCare-willing': 'yes',
      'continuingToCare-able': 'not_sure',
    };
    expect((await sam.post(`${href}/eligibility`, answers)).statusCode).toBe(303);
    for (const url of [href, `${href}/strengths`, `${href}/eligibility`, base(haroldId), `${base(haroldId)}/new`]) {
      const res = await sam.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(mainOf(res.body), url).not.toMatch(/\bcarers?\b/i);
    }
    const page = await sam.get(href);
    expect(page.body).toContain('Assessment of the care they give to Edna Assessford');
    expect(page.body).toContain('caring responsibilities they have for a child');
    expect(page.body).toContain('Eligible: all three conditions of regulation 3 are met.');
    await sam.post(`${href}/complete`, { version: '3', ...dateParts('completedOn', day(0)) });
    expect(await eventOf(id)).toMatchObject({
      client_type: 'Unpaid carer',
      linked_person_ids: [ednaId],
      assessment_type: 'Long term assessment',
      method_of_assessment: 'Supported self-assessment',
      eligible_needs_identified: 'Yes',
    });
    expect(mainOf((await sam.get(`/people/${haroldId}/timeline`)).body)).not.toMatch(/\bcarers?\b/i);

    await db().updateTable('relationship').set({ carer_label: 'accepted' }).where('person_id', '=', ednaId).execute();
    expect((await sam.get(href)).body).toContain('Carer’s assessment');
  });

  it('refuses a stale edit, saying what changed, and keeps what the other person saved', async () => {
    const id = await start(ednaId, 'adult', 'face_to_face');
    const href = `${base(ednaId)}/${id}`;
    expect((await sam.post(`${href}/strengths`, strengths(1, { needs: 'Saved first' }))).statusCode).toBe(303);
    const stale = await sam.post(`${href}/strengths`, strengths(1, { needs: 'Typed on an old page' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this assessment after you opened it');
    expect(stale.body).toContain('What is different now');
    expect(stale.body).toContain('Typed on an old page');
    expect(await row(id)).toMatchObject({ needs: 'Saved first', version: 2 });
    const staleAnswers = await sam.post(`${href}/eligibility`, adultAnswers(1, ['nutrition', 'toilet_needs']));
    expect(staleAnswers.statusCode).toBe(409);
    expect((await row(id)).determination).toBeNull();
    await sam.post(`${href}/eligibility`, adultAnswers(2, ['nutrition']));
    const staleOverride = await sam.post(`${href}/override`, { version: '2', eligible: 'yes', reason: 'Bad days' });
    expect(staleOverride.statusCode).toBe(409);
    const staleComplete = await sam.post(`${href}/complete`, { version: '2', ...dateParts('completedOn', day(0)) });
    expect(staleComplete.statusCode).toBe(409);
    expect(staleComplete.body).toContain('Someone else changed this assessment after you opened it');
    expect(await row(id)).toMatchObject({ status: 'in_progress', override_eligible: null, cld_event_id: null });
  });

  it('shows another council’s or an unknown assessment as not found', async () => {
    const res = await sam.get(`${base(haroldId)}/${crypto.randomUUID()}`);
    expect(res.statusCode).toBe(404);
  });
});
