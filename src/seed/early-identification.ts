import type { Kysely } from 'kysely';
import type { DB } from './../platform/db/schema.js';
import type { PartnerEventType, RegisterEntryTable } from '../modules/early-identification/index.js';
import type { Insertable } from 'kysely';
import { nhsNumberCheckDigit } from '../platform/identifiers/nhs-number.js';
import type { SeededOrganisation } from './organisation.js';
import type { Tier1SeedOptions } from './tier1.js';
import { mulberry32 } from './generate/random.js';
import { addDays, todayIso } from './generate/dates.js';
import { generatedReasons, GP, NURSE, scenarioEntries, type EntrySeed } from './early-identification-data.js';

/** A valid NHS number in the test range that nobody in the demo county has: a held partner event. */
function unknownNhsNumber(taken: Set<string>): string {
  for (let n = 999_999_000; ; n -= 1) {
    const check = nhsNumberCheckDigit(String(n));
    const nhs = check === null ? null : `${n}${check}`;
    if (nhs && !taken.has(nhs)) return nhs;
  }
}

/**
 * The register across the three patches: the scenario households (Mr and Mrs Jones with the S1
 * trigger), a few generated residents per patch, two alerts already raised (one through a related
 * person's trigger) and a hospital event held for an NHS number nobody has.
 */
export async function seedEarlyIdentification(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: Tier1SeedOptions,
): Promise<void> {
  const rng = mulberry32(opts.seed * 7919 + 6);
  const today = todayIso();
  const people = await db
    .selectFrom('person')
    .select(['id', 'nhs_number', 'patch_id', 'council_person_id'])
    .where('org_id', '=', org.orgId)
    .where('nhs_number', 'in', [
      ...new Set(scenarioEntries.flatMap((e) => [e.nhs, ...e.triggers.flatMap((t) => (t.related ? [t.related] : []))])),
    ])
    .execute();
  const byNhs = new Map(people.map((p) => [p.nhs_number!, p]));
  const entryByNhs = new Map<string, string>();
  const triggerIds = new Map<string, string>();

  const addEntry = async (personId: string, patchId: string | null, e: EntrySeed) => {
    const consent = e.consent ?? 'given';
    const values: Insertable<RegisterEntryTable> = {
      org_id: org.orgId,
      person_id: personId,
      source: 'staff',
      patch_id: patchId,
      referrer_kind: e.referrer[0],
      referrer_name: e.referrer[1],
      referrer_organisation: e.referrer[2],
      reason: e.reason,
      risk_factors: e.risks,
      consent,
      consent_not_given_reason: consent === 'not_given' ? (e.consentNote ?? null) : null,
      best_interests_decision: consent === 'lacks_capacity' ? (e.consentNote ?? null) : null,
      consent_recorded_by: 'Sam Okafor',
      consent_recorded_on: addDays(today, -rng.int(20, 200)),
      review_date: addDays(today, e.reviewInDays),
      status: 'active',
      created_by: org.userIds['sam.practitioner'] ?? null,
      updated_by: org.userIds['sam.practitioner'] ?? null,
      updated_at: new Date(),
    };
    const entry = await db.insertInto('register_entry').values(values).returning('id').executeTakeFirstOrThrow();
    for (const [position, t] of e.triggers.entries()) {
      const related = t.related ? (byNhs.get(t.related)?.id ?? null) : null;
      if (t.related && !related) continue;
      const row = await db
        .insertInto('register_trigger')
        .values({
          org_id: org.orgId,
          entry_id: entry.id,
          event_type: t.type,
          description: t.description,
          related_person_id: related,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      triggerIds.set(`${e.nhs}:${t.type}:${t.related ?? ''}`, row.id);
    }
    return entry.id;
  };

  for (const e of scenarioEntries) {
    const person = byNhs.get(e.nhs);
    if (person) entryByNhs.set(e.nhs, await addEntry(person.id, person.patch_id, e));
  }

  // A few generated residents in each patch (the council numbers above the scenario people's).
  for (const patchId of Object.values(org.patchIds)) {
    const residents = await db
      .selectFrom('person')
      .select(['id', 'nhs_number'])
      .where('org_id', '=', org.orgId)
      .where('patch_id', '=', patchId)
      .where('council_person_id', '>', 'P0000011')
      .where('restricted', '=', false)
      .orderBy('council_person_id')
      .limit(40)
      .execute();
    for (let i = 0; i < Math.min(2, residents.length); i += 1) {
      const resident = residents[rng.int(0, residents.length - 1)]!;
      if (entryByNhs.has(resident.nhs_number ?? resident.id)) continue;
      const [reason, risks, trigger] = rng.pick(generatedReasons);
      entryByNhs.set(
        resident.nhs_number ?? resident.id,
        await addEntry(resident.id, patchId, {
          nhs: resident.nhs_number ?? '',
          referrer: rng.pick([[...GP], [...NURSE], ['family', 'Their daughter', null]]),
          reason,
          risks,
          reviewInDays: rng.int(-10, 120),
          triggers: [trigger],
        }),
      );
    }
  }

  const event = async (
    type: PartnerEventType,
    nhs: string,
    personId: string | null,
    hoursAgo: number,
    source: string,
    details: string,
  ) =>
    db
      .insertInto('partner_event')
      .values({
        org_id: org.orgId,
        external_id: `DEMO-${type.toUpperCase()}-${nhs}`,
        event_type: type,
        nhs_number: nhs,
        occurred_at: new Date(Date.parse(`${today}T09:00:00Z`) - hoursAgo * 3_600_000),
        source_organisation: source,
        details,
        person_id: personId,
        matched_at: personId ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const alert = async (entryNhs: string, eventId: string, triggerKey: string) => {
    const entryId = entryByNhs.get(entryNhs);
    const person = byNhs.get(entryNhs);
    if (!entryId || !person) return;
    await db
      .insertInto('register_alert')
      .values({
        org_id: org.orgId,
        entry_id: entryId,
        person_id: person.id,
        partner_event_id: eventId,
        trigger_id: triggerIds.get(triggerKey) ?? null,
        patch_id: person.patch_id,
      })
      .execute();
  };

  const joan = byNhs.get('9990000077');
  if (joan) {
    const fall = await event(
      'fall',
      '9990000077',
      joan.id,
      20,
      'East of England Ambulance Service',
      'Found on the kitchen floor by a neighbour; not conveyed to hospital.',
    );
    await alert('9990000077', fall.id, '9990000077:fall:');
  }
  const leonard = byNhs.get('9990000085');
  if (leonard) {
    const breakdown = await event(
      'carer_breakdown',
      '9990000085',
      leonard.id,
      6,
      'Riverside Medical Practice',
      'Leonard rang the surgery exhausted; says he cannot manage tonight.',
    );
    await alert('9990000093', breakdown.id, '9990000093:carer_breakdown:9990000085');
  }
  const taken = new Set(
    (
      await db
        .selectFrom('person')
        .select('nhs_number')
        .where('org_id', '=', org.orgId)
        .where('nhs_number', 'is not', null)
        .execute()
    ).map((p) => p.nhs_number!),
  );
  await event(
    'admission',
    unknownNhsNumber(taken),
    null,
    3,
    'Fenshire Hospitals NHS Foundation Trust',
    'Emergency admission via A&E; gave an address in March.',
  );
}
