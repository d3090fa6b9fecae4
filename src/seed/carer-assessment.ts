import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { UserActor } from '../platform/access/roles.js';
import type { RequestContext } from '../platform/http/context.js';
import { todayInLondon } from '../platform/dates.js';
import { AssessmentRecords, addParticipant, completeAssessment } from '../modules/assessment/index.js';
import type { SeededOrganisation } from './organisation.js';

const MAURICE_NHS = '9990000107';

/**
 * A carer's assessment in the carer's own right, completed, as the demo county has it: Maurice Marsh,
 * who looks after Marion. Written through the assessment module's own services as Sam Okafor, so the
 * answers are judged by the carers' eligibility rule and completion writes the CLD Assessment event,
 * exactly as the pages would.
 */
export async function seedCarerAssessment(db: Kysely<DB>, org: SeededOrganisation): Promise<void> {
  const maurice = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('nhs_number', '=', MAURICE_NHS)
    .executeTakeFirst();
  const sam = org.userIds['sam.practitioner'];
  if (!maurice || !sam) return;
  const actor: UserActor = {
    kind: 'user',
    userId: sam,
    orgId: org.orgId,
    role: 'practitioner',
    teamId: null,
    displayName: 'Demo seed',
  };
  const ctx: RequestContext = { actor, requestId: 'demo-seed' };
  const records = new AssessmentRecords(db);
  const today = todayInLondon();
  const started = await records.start(ctx, maurice.id, {
    kind: 'carer',
    method: 'face_to_face',
    startedOn: today.subtract({ days: 20 }).toString(),
  });
  const strengths = await records.saveStrengths(ctx, maurice.id, started.id, {
    version: 1, // a new assessment's first version
    canDo: 'Cooks for them both, drives, keeps the garden; wants to keep going to his bowls club on Thursdays',
    matters: 'Marion staying at home with him; a full night’s sleep; his bowls club',
    networkDoes: 'Their son phones every evening and visits at weekends; a neighbour sits with Marion on Thursdays',
    needs: 'A regular break, and help at night when Marion is up and unsettled',
    ownWords: '',
  });
  const { saved } = await records.saveEligibility(ctx, maurice.id, started.id, strengths.version, {
    'needsFromProvidingCare-met': 'yes',
    'needsFromProvidingCare-words': 'Up two or three times a night with Marion; helps her wash and dress',
    'healthDeteriorating-met': 'yes',
    'healthDeteriorating-words': 'Exhausted; his GP has noticed his blood pressure rising',
    'outcomes-recreation-ways': 'without_assistance',
    'outcomes-recreation-words-without_assistance': 'Cannot get to his bowls club unless someone sits with Marion',
    'outcomes-relationships-ways': 'pain_distress_anxiety',
    'outcomes-relationships-words-pain_distress_anxiety': 'Has lost touch with friends; upset that he never sees them',
    'wellbeingImpact-met': 'yes',
    'wellbeingImpact-words': 'Tired, low and isolated',
    'continuingToCare-willing': 'yes',
    'continuingToCare-able': 'not_sure',
    'continuingToCare-words': 'Will keep caring for Marion if he can get some sleep and a break each week',
  });
  await addParticipant(records, ctx, maurice.id, started.id, {
    role: 'GP',
    name: 'Dr Amina Shah',
    organisation: 'Littleport Surgery',
    contribution: 'His blood pressure and sleep: advised that regular breaks matter for his own health',
  });
  await completeAssessment(records, ctx, maurice.id, started.id, {
    version: saved.version,
    completedOn: today.subtract({ days: 6 }).toString(),
  });
}
