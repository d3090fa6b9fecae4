import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/scope.js';
import type { UserActor } from '../platform/access/roles.js';
import { caredForPeople } from '../modules/people/index.js';
import {
  closingOutcomes,
  crisisSupportCoding,
  nextCheckInDue,
  defaultCrisisSettings,
  longTermTypes,
  syncEpisodeEvents,
  whatFollowedOptions,
} from '../modules/crisis/index.js';
import { scenarioPeople } from './scenario-people.js';
import type { SeededOrganisation } from './organisation.js';
import { crisisEpisodeSeeds, type EpisodeSeed, type ServiceSeed } from './crisis-episodes.js';
import { writeShortTermAssessment } from './crisis-assessment.js';

const LONDON = 'Europe/London';

export interface CrisisSeedSummary {
  episodes: number;
  open: number;
  closed: number;
}

/**
 * The demo county's crisis episodes (src/seed/crisis-episodes.ts) across the three patches, open and
 * closed, so the board and the figures have something to show. Written as the database owner with
 * the same CLD events the crisis pages write (the request, and a service row for each support), so
 * each person's timeline shows them. Dates count back from today (London), so the same data gives
 * the same board every day; episodes referred today count back from `now` in hours.
 */
export async function seedCrisis(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: { now?: Date } = {},
): Promise<CrisisSeedSummary> {
  const now = opts.now ?? new Date();
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(LONDON).toPlainDate();
  const nhsOf = new Map(scenarioPeople.map((p) => [p.key, p.nhs_number]));
  const people = await db
    .selectFrom('person')
    .select(['id', 'nhs_number', 'patch_id'])
    .where('org_id', '=', org.orgId)
    .where('nhs_number', 'in', [...nhsOf.values()])
    .execute();
  const personFor = (key: string) => people.find((p) => p.nhs_number === nhsOf.get(key));
  const staff = (username: string | null) => (username ? (org.userIds[username] ?? null) : null);
  const summary: CrisisSeedSummary = { episodes: 0, open: 0, closed: 0 };
  await db.transaction().execute(async (tx) => {
    for (const seed of crisisEpisodeSeeds) {
      const person = personFor(seed.person);
      if (!person) continue;
      await writeEpisode(
        tx,
        org,
        seed,
        { id: person.id, patchId: person.patch_id },
        { now, today, lead: staff(seed.lead), author: staff(seed.lead) ?? staff('sam.practitioner') },
      );
      summary.episodes += 1;
      summary[seed.close ? 'closed' : 'open'] += 1;
    }
  });
  return summary;
}

interface When {
  now: Date;
  today: Temporal.PlainDate;
  lead: string | null;
  author: string | null;
}

async function writeEpisode(
  tx: Tx,
  org: SeededOrganisation,
  seed: EpisodeSeed,
  person: { id: string; patchId: string | null },
  when: When,
): Promise<void> {
  const atHour = (date: Temporal.PlainDate, hour: number) =>
    new Date(date.toZonedDateTime({ timeZone: LONDON, plainTime: { hour } }).epochMilliseconds);
  // A negative hour: referred that many hours before now (today's referrals must not be in the future),
  // which may have been yesterday: the episode starts on the day it was referred.
  const referredAt =
    seed.hour < 0
      ? new Date(when.now.getTime() + seed.hour * 3_600_000)
      : atHour(when.today.subtract({ days: seed.daysAgo }), seed.hour);
  const startsOn = Temporal.Instant.fromEpochMilliseconds(referredAt.getTime())
    .toZonedDateTimeISO(LONDON)
    .toPlainDate();
  const day = (n: number) => startsOn.add({ days: n });
  const urgency = defaultCrisisSettings.urgencyLevels.find((u) => u.key === seed.urgency)!;
  const limit = day(defaultCrisisSettings.timeLimitDays);
  const endsOn = seed.extension ? limit.add({ days: seed.extension.days }) : limit;
  const closedOn = seed.close ? day(seed.close.day) : null;
  const followed = seed.close ? whatFollowedOptions.find((o) => o.key === seed.close!.whatFollowed)! : null;
  const closingOutcome = seed.close ? closingOutcomes(seed.close.route, seed.close.whatFollowed).service : null;
  const lastCheckIn = seed.checkIns.at(-1);
  const nextDue = closedOn
    ? null
    : lastCheckIn
      ? nextCheckInDue(startsOn.toString(), endsOn.toString(), day(lastCheckIn.day).toString(), 3, 7)
      : day(1).toString();
  const actor: UserActor = {
    kind: 'user',
    userId: when.author!,
    orgId: org.orgId,
    role: 'practitioner',
    teamId: null,
    displayName: 'Demo seed',
  };

  const episode = await tx
    .insertInto('crisis_episode')
    .values({
      org_id: org.orgId,
      person_id: person.id,
      patch_id: person.patchId,
      lead_worker_id: when.lead,
      source: seed.source,
      source_id: null,
      referred_by: seed.referredBy,
      referral_reason: seed.reason,
      referred_at: referredAt,
      urgency_key: urgency.key,
      urgency_label: urgency.label,
      response_minutes: urgency.responseMinutes,
      response_due_at: new Date(referredAt.getTime() + urgency.responseMinutes * 60_000),
      first_contact_at:
        seed.contactAfterHours === null ? null : new Date(referredAt.getTime() + seed.contactAfterHours * 3_600_000),
      first_contact_by: seed.contactAfterHours === null ? null : when.author,
      first_contact_note: seed.contactAfterHours === null ? null : 'Spoke on the phone; visit arranged.',
      wants: seed.wants,
      goals: JSON.stringify(seed.goals),
      starts_on: startsOn.toString(),
      ends_on: endsOn.toString(),
      next_check_in_due: nextDue,
      status: seed.close ? 'closed' : 'open',
      closed_at: closedOn ? atHour(closedOn, 16) : null,
      closed_on: closedOn?.toString() ?? null,
      closed_by: closedOn ? when.author : null,
      close_route: seed.close?.route ?? null,
      what_followed: followed?.key ?? null,
      event_outcome: closingOutcome,
      close_note: seed.close?.note ?? null,
      step_up_reason: seed.close?.stepUpReason ?? null,
      plan_reviewed: seed.close?.route === 'step_down' ? true : null,
      created_by: when.author,
      updated_at: closedOn ? atHour(closedOn, 16) : referredAt,
      updated_by: when.author,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  if (seed.actions.length) {
    await tx
      .insertInto('crisis_action')
      .values(
        seed.actions.map(([description, who, due, done]) => ({
          org_id: org.orgId,
          episode_id: episode.id,
          description,
          who,
          due_on: day(due).toString(),
          done_on: done === null ? null : day(done).toString(),
          created_by: when.author,
        })),
      )
      .execute();
  }
  for (const service of seed.services)
    await writeService(tx, actor, org, { id: episode.id, personId: person.id }, service, day, closedOn, closingOutcome);
  // The request and support events, exactly as the crisis pages write them (cld-events.ts).
  await syncEpisodeEvents(tx, actor, episode.id, { routeOfAccess: seed.route });
  if (seed.checkIns.length) {
    await tx
      .insertInto('crisis_check_in')
      .values(
        seed.checkIns.map((c) => ({
          org_id: org.orgId,
          episode_id: episode.id,
          held_on: day(c.day).toString(),
          how: c.how,
          is_working: c.isWorking,
          coping: c.coping,
          needs_to_change: c.needsToChange ?? '',
          created_at: atHour(day(c.day), 12),
          created_by: when.author,
        })),
      )
      .execute();
  }
  if (seed.assessment) await writeShortTermAssessment(tx, actor, episode.id, person.id, seed.assessment, day);
  if (seed.extension) {
    await tx
      .insertInto('crisis_extension')
      .values({
        org_id: org.orgId,
        episode_id: episode.id,
        previous_ends_on: limit.toString(),
        new_ends_on: endsOn.toString(),
        reason: seed.extension.reason,
        decided_by: org.userIds['priya.manager'] ?? when.author!,
        decided_at: atHour(day(seed.extension.onDay), 11),
      })
      .execute();
  }
  if (seed.close?.connection) {
    const directory = await findDirectoryService(tx, org.orgId, seed.close.connection.directory);
    await tx
      .insertInto('crisis_connection')
      .values({
        org_id: org.orgId,
        episode_id: episode.id,
        directory_service_id: directory?.id ?? null,
        note: seed.close.connection.note,
        created_by: when.author,
      })
      .execute();
  }
}

/** A support item as the workspace writes it; its CLD events come from the episode's sync. */
async function writeService(
  tx: Tx,
  actor: UserActor,
  org: SeededOrganisation,
  episode: { id: string; personId: string },
  s: ServiceSeed,
  day: (n: number) => Temporal.PlainDate,
  closedOn: Temporal.PlainDate | null,
  outcome: string | null,
): Promise<void> {
  const longTerm = s.kind === 'long_term';
  const caresFor = s.kind === 'carers_cover' ? await caredForPeople(tx, episode.personId) : [];
  const coding = longTerm
    ? { serviceType: longTermTypes[0].serviceType, serviceComponent: longTermTypes[0].component }
    : crisisSupportCoding({ kind: s.kind, fromNetwork: false, longTermComponent: null }, caresFor);
  const startsOn = day(s.fromDay).toString();
  // Short-term support still running when the episode closed ends with it, as closing the episode
  // does; long-term support a manager agreed goes on.
  const endsOn = s.toDay !== undefined ? day(s.toDay).toString() : longTerm ? null : (closedOn?.toString() ?? null);
  const directory = await findDirectoryService(tx, org.orgId, s.directory);
  await tx
    .insertInto('crisis_service')
    .values({
      org_id: org.orgId,
      episode_id: episode.id,
      person_id: episode.personId,
      kind: s.kind,
      description: s.description,
      provider: s.provider,
      directory_service_id: directory?.id ?? null,
      starts_on: startsOn,
      ends_on: endsOn,
      service_type: coding?.serviceType ?? null,
      service_component: coding?.serviceComponent ?? null,
      long_term: longTerm,
      override_reason: s.longTermOverride ?? null,
      override_by: longTerm ? (org.userIds['priya.manager'] ?? actor.userId) : null,
      override_at: longTerm ? new Date(`${startsOn}T10:00:00Z`) : null,
      outcome: closedOn && !longTerm ? outcome : null,
      // Put in on the day it started.
      created_at: new Date(`${startsOn}T10:00:00Z`),
      created_by: actor.userId,
    })
    .execute();
}

/** The first published directory service matching the patterns in turn (a smaller county's directory has fewer kinds). */
async function findDirectoryService(tx: Tx, orgId: string, patterns: string | undefined) {
  for (const pattern of patterns?.split('|') ?? []) {
    const found = await tx
      .selectFrom('directory_service')
      .select('id')
      .where('org_id', '=', orgId)
      .where('name', 'like', pattern)
      .where('tl_withdrawn_at', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .executeTakeFirst();
    if (found) return found;
  }
  return undefined;
}
