import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { demoCouncil } from '../src/seed/organisation.js';
import { defaultCrisisSettings } from '../src/modules/crisis/settings.js';
import type { LoadJob } from './load.js';

/**
 * The issue 4 benchmark: the crisis board of one patch with 200 open episodes, viewed by a
 * practitioner. The episodes are added to the existing benchmark database when missing (the large
 * county's people in that patch, the 100,000 people stay), so reruns reuse them.
 */
export const BOARD_PATCH = 'Fenland North';
export const OPEN_EPISODES = 200;

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface CrisisBench { patchId: string; open: number; seedSeconds: number | null }

export async function ensureCrisisBoard(db: Kysely<DB>, log: (line: string) => void): Promise<CrisisBench> {
  const org = await db.selectFrom('organisation').select('id').where('ods_code', '=', demoCouncil.ods_code).executeTakeFirstOrThrow();
  const patch = await db.selectFrom('team').select('id').where('org_id', '=', org.id).where('name', '=', BOARD_PATCH).executeTakeFirstOrThrow();
  const count = async () => Number((await db.selectFrom('crisis_episode').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', org.id).where('patch_id', '=', patch.id).where('status', '=', 'open').executeTakeFirstOrThrow()).n);
  const existing = await count();
  if (existing >= OPEN_EPISODES) return { patchId: patch.id, open: existing, seedSeconds: null };
  log(`Opening ${OPEN_EPISODES - existing} crisis episodes in ${BOARD_PATCH}…`);
  const started = Date.now();
  const staff = await db.selectFrom('staff_user').select(['id', 'username']).where('org_id', '=', org.id).execute();
  const lead = staff.find((s) => s.username === 'sam.practitioner')?.id ?? null;
  // The patch's people without an open episode, in a fixed order (a hash of the id), so every run picks the same ones.
  const people = await db.selectFrom('person').select('id').where('org_id', '=', org.id).where('patch_id', '=', patch.id).where('restricted', '=', false)
    .where('date_of_death', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('crisis_episode as e').select(sql`1`.as('one')).whereRef('e.person_id', '=', 'person.id').where('e.status', '=', 'open'))))
    .orderBy((eb) => eb.fn('md5', [eb.cast('id', 'text')])).limit(OPEN_EPISODES - existing).execute();
  const now = Date.now();
  const level = (i: number) => defaultCrisisSettings.urgencyLevels[i % defaultCrisisSettings.urgencyLevels.length]!;
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // A spread like a busy patch: referred up to 50 days ago (so some are past their limit), a few still
  // waiting for first contact, some contacted late, check-ins due either side of today, some unallocated.
  const rows = people.map((p, i) => {
    const u = level(i);
    const referred = now - ((i * 37) % (50 * 24)) * HOUR - (i % 7) * 11 * 60_000;
    const waiting = i % 10 === 0;
    const contactMinutes = waiting ? null : (i % 6 === 0 ? u.responseMinutes * 1.5 : u.responseMinutes / 2);
    return {
      org_id: org.id, person_id: p.id, patch_id: patch.id, lead_worker_id: i % 9 === 0 ? null : lead, source: 'referral' as const, source_id: null,
      referred_by: 'Benchmark referrer', referral_reason: 'Carer admitted to hospital', referred_at: new Date(referred), urgency_key: u.key, urgency_label: u.label,
      response_minutes: u.responseMinutes, response_due_at: new Date(referred + u.responseMinutes * 60_000),
      first_contact_at: contactMinutes === null ? null : new Date(referred + contactMinutes * 60_000),
      starts_on: isoDay(referred), ends_on: isoDay(referred + 42 * DAY), next_check_in_due: isoDay(now + ((i % 11) - 3) * DAY),
      goals: '[]', updated_at: new Date(now),
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('crisis_episode').values(rows.slice(i, i + 100)).execute();
  await sql`analyze crisis_episode`.execute(db);
  const seedSeconds = (Date.now() - started) / 1000;
  log(`Opened ${rows.length} crisis episodes in ${seedSeconds.toFixed(1)} s`);
  return { patchId: patch.id, open: await count(), seedSeconds };
}

type Job = Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>;

export function crisisJobs(bench: CrisisBench, cookie: Record<string, string>, has: (url: string) => boolean): [string, Job][] {
  if (!has('/crisis')) return [];
  return [[`Crisis board: GET /crisis?patch=… (${bench.open} open episodes, signed in as a practitioner)`, { method: 'GET', headers: cookie, paths: [`/crisis?patch=${bench.patchId}`] }]];
}

export const crisisNotes = [
  'Crisis board (issue 4): one patch with 200 open crisis episodes, viewed by a practitioner. The board reads every open episode of the patch in one query (person, patch and lead worker joined in, restricted records filtered in SQL), works out each clock in Node with the same functions as the episode page, and, because it lists people, writes one hash-chained audit row per person shown: 200 audit rows per request, in the same transaction.',
  'What the crisis board costs (measured while building it, on a throw-away PostgreSQL database with 200 open episodes, on this two-core machine while other work kept its load average near 10): one request alone takes about 20 ms; a CPU profile puts about half of the Node time into the 200 audit rows (building and hashing them, a 2,800-parameter insert, sending it, and the garbage this makes), the rest into the query (~3 ms), the template (~1 ms once the table was written out without the GOV.UK macros) and date formatting. At 50 connections the route is CPU-bound (about 36 req/s then), so its p95 is far above 4× the floor. Next steps: an audit entry that names every person of one page in one row (a platform change to the audit log), or paging the board after its most urgent rows.',
];
