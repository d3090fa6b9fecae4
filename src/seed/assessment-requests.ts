import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import type { UserActor } from '../platform/access/roles.js';
import { caredForPeople, EMPTY_EVENT_FIELDS, insertEvent } from '../modules/people/index.js';
import { PROGRESS_TO_ASSESSMENT } from '../modules/assessment/index.js';
import type { SeededOrganisation } from './organisation.js';

const LONDON = 'Europe/London';

/**
 * The demo county's assessment worklist. The seed writes conversations and crisis episodes straight
 * into their tables, so the requests their pages would have opened are opened here: one for each
 * conversation that ended "progress to assessment" and each episode stepped up, pointing at the CLD
 * Request event that record already wrote (no second one). And S1 step 4 ready to play: Edna Jones
 * waiting for an assessment of her needs, and Harold for one of his own as the person who cares for
 * her — each with its CLD Request event, Harold's as an unpaid carer's, linked to Edna.
 */
export async function seedAssessmentRequests(db: Kysely<DB>, org: SeededOrganisation): Promise<number> {
  const author = org.userIds['sam.practitioner'] ?? null;
  const fromConversations = await db
    .selectFrom('conversation as c')
    .innerJoin('person_event as e', (j) =>
      j
        .onRef('e.source_id', '=', 'c.id')
        .on('e.source_module', '=', 'conversations')
        .on('e.event_type', '=', 'Request'),
    )
    .select(['c.person_id', 'c.patch_id', 'c.id', 'c.outcome_notes', 'c.what_matters', 'c.held_on', 'e.id as event_id'])
    .where('c.org_id', '=', org.orgId)
    .where('c.outcome', '=', PROGRESS_TO_ASSESSMENT)
    .execute();
  const steppedUp = await db
    .selectFrom('crisis_episode')
    .select(['person_id', 'patch_id', 'id', 'step_up_reason', 'closed_on', 'cld_request_event_id'])
    .where('org_id', '=', org.orgId)
    .where('close_route', '=', 'step_up')
    .execute();
  const rows = [
    ...fromConversations.map((c) => ({
      person_id: c.person_id,
      patch_id: c.patch_id,
      kind: 'care_needs' as const,
      came_from: 'conversation' as const,
      source_module: 'conversations',
      source_id: c.id,
      reason: c.outcome_notes || c.what_matters,
      received_on: c.held_on,
      cld_request_event_id: c.event_id,
    })),
    ...steppedUp.map((e) => ({
      person_id: e.person_id,
      patch_id: e.patch_id,
      kind: 'care_needs' as const,
      came_from: 'crisis_step_up' as const,
      source_module: 'crisis',
      source_id: e.id,
      reason: e.step_up_reason || 'Stepped up from a crisis episode',
      received_on: e.closed_on!,
      cld_request_event_id: e.cld_request_event_id,
    })),
    ...(await theJonesesRequests(db, org)),
  ];
  if (rows.length === 0) return 0;
  await db
    .insertInto('assessment_request')
    .values(rows.map((r) => ({ ...r, org_id: org.orgId, created_by: author })))
    .execute();
  return rows.length;
}

/** S1 step 4: the MDT is to assess both Mr and Mrs Jones; their requests came in three days ago. */
async function theJonesesRequests(db: Kysely<DB>, org: SeededOrganisation) {
  const people = await db
    .selectFrom('person')
    .select(['id', 'patch_id', 'nhs_number'])
    .where('org_id', '=', org.orgId)
    .where('nhs_number', 'in', ['9990000018', '9990000026'])
    .execute();
  const harold = people.find((p) => p.nhs_number === '9990000018');
  const edna = people.find((p) => p.nhs_number === '9990000026');
  if (!harold || !edna) return [];
  const on = Temporal.Now.zonedDateTimeISO(LONDON).toPlainDate().subtract({ days: 3 }).toString();
  const actor: UserActor = {
    kind: 'user',
    userId: org.userIds['sam.practitioner']!,
    orgId: org.orgId,
    role: 'practitioner',
    teamId: null,
    displayName: 'Demo seed',
  };
  return db.transaction().execute(async (tx) => {
    const ask = async (person: typeof edna, kind: 'care_needs' | 'carer', reason: string) => {
      const caresFor = kind === 'carer' ? await caredForPeople(tx, person.id) : [];
      const event = await insertEvent(tx, actor, person.id, {
        ...EMPTY_EVENT_FIELDS,
        eventType: 'Request',
        clientType: kind === 'carer' ? 'Unpaid carer' : 'Service user',
        linkedPersonIds: caresFor,
        startDate: on,
        endDate: on,
        eventOutcome: PROGRESS_TO_ASSESSMENT,
        routeOfAccess: 'Community / Other route',
        summary: reason,
      });
      return {
        person_id: person.id,
        patch_id: person.patch_id,
        kind,
        came_from: kind === 'carer' ? ('carer_asked' as const) : ('practitioner' as const),
        source_module: null,
        source_id: null,
        reason,
        received_on: on,
        cld_request_event_id: event.id,
      };
    };
    return [
      await ask(edna, 'care_needs', 'Since Harold came home, Edna needs more help than he and Carol can give.'),
      await ask(harold, 'carer', 'Harold asked what help there is for him, looking after Edna with his own COPD.'),
    ];
  });
}
