import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import { bulkInsert, eventColumns, linkCarerEvents, relationshipColumns } from './generate/insert.js';
import { scenarioEvents } from './generate/scenario-histories.js';
import { dramaPhone } from './generate/networks.js';
import { mulberry32 } from './generate/random.js';
import { todayIso } from './generate/dates.js';
import { scenarioPeople } from './scenario-people-data.js';
import { scenarioNetwork } from './scenario-network.js';

export { scenarioPeople } from './scenario-people-data.js';

// Every case study person is retired; this ethnicity and accommodation are theirs unless their listing says otherwise.
const WHITE_BRITISH = 'White: English, Welsh, Scottish, Northern Irish or British';
const RETIRED = 'Not in paid employment: Not actively seeking work or retired';
const OWNER = 'Owner occupier or shared ownership scheme';

/** Highest council person number the scenario people use; generated residents start above it. */
export const SCENARIO_COUNCIL_NUMBERS = scenarioPeople.length;

/** Add the case study people (scenario-people-data.ts), their networks and their CLD histories. */
export async function seedScenarioPeople(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: { asOf?: string } = {},
): Promise<Record<string, string>> {
  const asOf = opts.asOf ?? todayIso();
  const ids: Record<string, string> = {};
  let n = 1;
  for (const { key, patch, ethnicity, client_type, accommodation_status, ...p } of scenarioPeople) {
    const row = await db
      .insertInto('person')
      .values({
        ...p,
        org_id: org.orgId,
        council_person_id: `P${String(n++).padStart(7, '0')}`,
        patch_id: org.patchIds[patch] ?? null,
        ethnicity: ethnicity ?? WHITE_BRITISH,
        client_type: client_type ?? 'Service user',
        accommodation_status: accommodation_status ?? OWNER,
        employment_status: RETIRED,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
  const rng = mulberry32(20_260_101);
  const relationships = scenarioNetwork(() => dramaPhone(rng)).map(({ of, related, ...r }) => ({
    ...r,
    org_id: org.orgId,
    person_id: ids[of]!,
    related_person_id: related ? ids[related]! : null,
  }));
  await bulkInsert(db, 'relationship', relationshipColumns, relationships);
  const events = scenarioPeople.flatMap(({ key }) =>
    scenarioEvents(key, asOf).map((e) => ({
      ...e,
      client_type: e.client_type ?? 'Service user',
      org_id: org.orgId,
      person_id: ids[key]!,
      source_module: 'seed',
    })),
  );
  await bulkInsert(db, 'person_event', eventColumns, events);
  await linkCarerEvents(db, org.orgId);
  return ids;
}
