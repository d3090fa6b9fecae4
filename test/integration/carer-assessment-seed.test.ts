import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedCarerAssessment } from '../../src/seed/carer-assessment.js';

/**
 * The demo county's carer's assessment: Maurice Marsh, in his own right, completed through the
 * assessment module's services — judged eligible by the carers' rule, with who took part, and its
 * CLD Assessment event written on completion as an unpaid carer's, linked to Marion.
 */
describe.each(testEngines())('carer’s assessment seed (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ids = await seedScenarioPeople(t.database.db, t.org);
    await seedCarerAssessment(t.database.db, t.org);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  it('completes Maurice’s carer’s assessment: eligible by the carers’ rule, with its CLD event', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('assessment').selectAll().where('person_id', '=', ids.mrM!).execute();
    expect(rows).toHaveLength(1);
    const [assessment] = rows;
    expect(assessment).toMatchObject({ kind: 'carer', status: 'completed', method: 'face_to_face', eligible: true });
    expect(assessment!.cld_event_id).not.toBeNull();
    const event = await db
      .selectFrom('person_event')
      .selectAll()
      .where('id', '=', assessment!.cld_event_id!)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      event_type: 'Assessment',
      client_type: 'Unpaid carer',
      end_date: assessment!.completed_on,
    });
    expect(event.linked_person_ids).toEqual([ids.mrsM]);
    const participants = await db
      .selectFrom('assessment_participant')
      .select(['role', 'name'])
      .where('assessment_id', '=', assessment!.id)
      .execute();
    expect(participants).toEqual([{ role: 'GP', name: 'Dr Amina Shah' }]);

    const page = await sam.get(`/people/${ids.mrM}/assessments/${assessment!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cannot get to his bowls club unless someone sits with Marion');
    expect(page.body).toContain('Dr Amina Shah');
  });
});
