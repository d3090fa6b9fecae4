import type { Kysely } from 'kysely';
import type { DB } from './../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import type { Tier1SeedOptions } from './tier1.js';
import { addDays, todayIso } from './generate/dates.js';
import { mulberry32, stableUuid, type Rng } from './generate/random.js';
import { requestSummary } from '../modules/conversations/index.js';
import { carersAmong, linkCarerEvents } from './generate/insert.js';
import {
  haroldJones,
  mattersPool,
  maurice,
  strengthsPool,
  worriesPool,
  followUpPool,
} from './conversations/stories.js';

/** Generated conversations on top of the scenario ones, by scale. */
const extraCounts = { tiny: 0, small: 40, large: 300 } as const;

interface Seeded {
  person: { id: string; patch_id: string | null };
  heldOn: string;
  text: {
    whatMatters: string;
    strengths: string;
    networkNotes?: string;
    worries?: string;
    adviceNotes?: string;
    outcomeNotes?: string;
  };
  outcome: string;
  present?: string[];
  network?: string[];
  advice?: string[];
  connections?: { serviceId: string | null; name: string | null; agreed: string | null }[];
  followUp?: { what: string; dueOn: string; assignedTo: string | null };
}

/**
 * A few tier-one conversations and follow-ups for the demo county, led by the scenario: the
 * conversation with Harold Jones (S1 step 1) and its follow-up "call Mr Jones in two weeks".
 * Runs as the database owner; the same seed gives the same conversations (dates relative to today).
 */
export async function seedConversations(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: Tier1SeedOptions,
): Promise<void> {
  const rng = mulberry32(opts.seed * 7919 + 3);
  const today = todayIso();
  const sam = org.userIds['sam.practitioner'] ?? null;
  const priya = org.userIds['priya.manager'] ?? null;
  const services = await db
    .selectFrom('directory_service')
    .select(['id', 'name'])
    .where('org_id', '=', org.orgId)
    .where('tl_withdrawn_at', 'is', null)
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const byNhs = async (nhs: string) =>
    db
      .selectFrom('person')
      .select(['id', 'patch_id'])
      .where('org_id', '=', org.orgId)
      .where('nhs_number', '=', nhs)
      .executeTakeFirst();
  const relationships = async (personId: string) =>
    db
      .selectFrom('relationship')
      .select(['id', 'relationship_type', 'contact_name'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const seeded: Seeded[] = [];

  const harold = await byNhs('9990000018');
  if (harold) {
    const rels = await relationships(harold.id);
    const daughter = rels.filter((r) => r.relationship_type === 'daughter').map((r) => r.id);
    const neighbours = rels.filter((r) => r.relationship_type === 'neighbour').map((r) => r.id);
    const spouse = rels.filter((r) => r.relationship_type === 'spouse-or-partner').map((r) => r.id);
    const peerGroup = services.find((s) => /dementia/i.test(s.name) && /(couple|peer)/i.test(s.name));
    const heldOn = addDays(today, -10);
    seeded.push({
      person: harold,
      heldOn,
      text: haroldJones,
      outcome: 'NFA: Information and advice or signposting',
      present: [...spouse, ...daughter],
      network: [...daughter, ...neighbours],
      advice: peerGroup ? [peerGroup.id] : [],
      connections: [
        {
          serviceId: peerGroup?.id ?? null,
          name: peerGroup ? null : haroldJones.peerGroupName,
          agreed: haroldJones.peerGroupAgreed,
        },
      ],
      followUp: { what: haroldJones.followUp, dueOn: addDays(heldOn, 14), assignedTo: sam },
    });
  }
  const mrM = await byNhs('9990000107');
  if (mrM) {
    const heldOn = addDays(today, -20);
    seeded.push({
      person: mrM,
      heldOn,
      text: maurice,
      outcome: 'NFA: Referral to other service within the local authority',
      followUp: { what: maurice.followUp, dueOn: addDays(heldOn, 14), assignedTo: priya },
    });
  }

  const extra = extraCounts[opts.scale];
  if (extra > 0) {
    const people = await db
      .selectFrom('person')
      .select(['id', 'patch_id'])
      .where('org_id', '=', org.orgId)
      .where('restricted', '=', false)
      .where('date_of_death', 'is', null)
      .where('council_person_id', '>', 'P0000011')
      .orderBy('council_person_id')
      .limit(extra * 5)
      .execute();
    for (let i = 0; i < people.length && i < extra * 5; i += 5)
      seeded.push(generated(rng, people[i]!, today, services, org, sam, priya));
  }
  await insertAll(db, org.orgId, opts.seed, sam, seeded);
}

function generated(
  rng: Rng,
  person: { id: string; patch_id: string | null },
  today: string,
  services: { id: string }[],
  org: SeededOrganisation,
  sam: string | null,
  priya: string | null,
): Seeded {
  const heldOn = addDays(today, -rng.int(1, 60));
  const inSamsPatch = person.patch_id !== null && person.patch_id === org.patchIds['Fenland North'];
  const advice = services.length && rng.chance(0.7) ? [rng.pick(services).id] : [];
  const outcome = rng.weighted([
    ['NFA: Information and advice or signposting', 6],
    ['Progress to assessment, review or reassessment', 2],
    ['Progress to reablement/ST-Max', 1],
  ] as const);
  return {
    person,
    heldOn,
    outcome,
    text: {
      whatMatters: rng.pick(mattersPool),
      strengths: `${rng.pick(strengthsPool)}. ${rng.pick(strengthsPool)}.`,
      worries: rng.chance(0.6) ? rng.pick(worriesPool) : undefined,
    },
    advice,
    connections:
      advice.length && rng.chance(0.5)
        ? [{ serviceId: advice[0]!, name: null, agreed: 'They will ring to book a place' }]
        : [],
    followUp: rng.chance(0.6)
      ? {
          what: rng.pick(followUpPool),
          dueOn: addDays(today, rng.int(-5, 21)),
          assignedTo: inSamsPatch ? (rng.chance(0.6) ? sam : priya) : null,
        }
      : undefined,
  };
}

async function insertAll(
  db: Kysely<DB>,
  orgId: string,
  seed: number,
  by: string | null,
  seeded: Seeded[],
): Promise<void> {
  if (!seeded.length) return;
  const rows = seeded.map((s, i) => ({ ...s, id: stableUuid(seed, `${orgId}:conversation:${i}`) }));
  await db
    .insertInto('conversation')
    .values(
      rows.map((s) => ({
        id: s.id,
        org_id: orgId,
        person_id: s.person.id,
        patch_id: s.person.patch_id,
        held_on: s.heldOn,
        route_of_access: 'Community / Other route',
        others_present: null,
        what_matters: s.text.whatMatters,
        strengths: s.text.strengths,
        network_notes: s.text.networkNotes ?? null,
        worries: s.text.worries ?? null,
        advice_notes: s.text.adviceNotes ?? null,
        outcome: s.outcome,
        outcome_notes: s.text.outcomeNotes ?? null,
        created_by: by,
        updated_by: by,
      })),
    )
    .execute();
  const network = rows.flatMap((s) => [
    ...[...new Set(s.present ?? [])].map((r) => ({
      org_id: orgId,
      conversation_id: s.id,
      relationship_id: r,
      role: 'present' as const,
    })),
    ...[...new Set(s.network ?? [])].map((r) => ({
      org_id: orgId,
      conversation_id: s.id,
      relationship_id: r,
      role: 'network' as const,
    })),
  ]);
  if (network.length) await db.insertInto('conversation_network').values(network).execute();
  const advice = rows.flatMap((s) =>
    (s.advice ?? []).map((d) => ({ org_id: orgId, conversation_id: s.id, directory_service_id: d })),
  );
  if (advice.length) await db.insertInto('conversation_advice').values(advice).execute();
  const connections = rows.flatMap((s) =>
    (s.connections ?? []).map((c, position) => ({
      org_id: orgId,
      conversation_id: s.id,
      directory_service_id: c.serviceId,
      connected_to_name: c.name,
      agreed_follow_up: c.agreed,
      position,
    })),
  );
  if (connections.length) await db.insertInto('conversation_connection').values(connections).execute();
  const followUps = rows.flatMap((s) =>
    s.followUp
      ? [
          {
            org_id: orgId,
            person_id: s.person.id,
            conversation_id: s.id,
            what: s.followUp.what,
            due_on: s.followUp.dueOn,
            assigned_to: s.followUp.assignedTo,
            patch_id: s.person.patch_id,
            created_by: by,
          },
        ]
      : [],
  );
  if (followUps.length) await db.insertInto('follow_up').values(followUps).execute();
  // A carer's conversation is a carer's request, linked to the person cared for (cld.md §2.1 fields
  // 14, 37–39), whether or not they accept the word: pages never show the client type.
  const carers = await carersAmong(
    db,
    rows.map((s) => s.person.id),
  );
  await db
    .insertInto('person_event')
    .values(
      rows.map((s) => ({
        org_id: orgId,
        person_id: s.person.id,
        client_type: carers.has(s.person.id) ? 'Unpaid carer' : 'Service user',
        event_type: 'Request',
        start_date: s.heldOn,
        end_date: s.heldOn,
        event_outcome: s.outcome,
        route_of_access: 'Community / Other route',
        summary: requestSummary(s.text.whatMatters),
        source_module: 'conversations',
        source_id: s.id,
        created_by: by,
      })),
    )
    .execute();
  await linkCarerEvents(db, orgId);
}
