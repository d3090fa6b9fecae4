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

export interface CrisisBench {
  patchId: string;
  open: number;
  seedSeconds: number | null;
}

export async function ensureCrisisBoard(db: Kysely<DB>, log: (line: string) => void): Promise<CrisisBench> {
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirstOrThrow();
  const patch = await db
    .selectFrom('team')
    .select('id')
    .where('org_id', '=', org.id)
    .where('name', '=', BOARD_PATCH)
    .executeTakeFirstOrThrow();
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('crisis_episode')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', org.id)
          .where('patch_id', '=', patch.id)
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const existing = await count();
  if (existing >= OPEN_EPISODES) return { patchId: patch.id, open: existing, seedSeconds: null };
  log(`Opening ${OPEN_EPISODES - existing} crisis episodes in ${BOARD_PATCH}…`);
  const started = Date.now();
  const staff = await db.selectFrom('staff_user').select(['id', 'username']).where('org_id', '=', org.id).execute();
  const lead = staff.find((s) => s.username === 'sam.practitioner')?.id ?? null;
  // The patch's people without an open episode, in a fixed order (a hash of the id), so every run picks the same ones.
  const people = await db
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', org.id)
    .where('patch_id', '=', patch.id)
    .where('restricted', '=', false)
    .where('date_of_death', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('crisis_episode as e')
            .select(sql`1`.as('one'))
            .whereRef('e.person_id', '=', 'person.id')
            .where('e.status', '=', 'open'),
        ),
      ),
    )
    .orderBy((eb) => eb.fn('md5', [eb.cast('id', 'text')]))
    .limit(OPEN_EPISODES - existing)
    .execute();
  const now = Date.now();
  const level = (i: number) => defaultCrisisSettings.urgencyLevels[i % defaultCrisisSettings.urgencyLevels.length]!;
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // A spread like a busy patch: referred up to 50 days ago (so some are past their limit), a few still
  // waiting for first contact, some contacted late, check-ins due either side of today, some unallocated.
  const rows = people.map((p, i) => {
    const u = level(i);
    const referred = now - ((i * 37) % (50 * 24)) * HOUR - (i % 7) * 11 * 60_000;
    const waiting = i % 10 === 0;
    const contactMinutes = waiting ? null : i % 6 === 0 ? u.responseMinutes * 1.5 : u.responseMinutes / 2;
    return {
      org_id: org.id,
      person_id: p.id,
      patch_id: patch.id,
      lead_worker_id: i % 9 === 0 ? null : lead,
      source: 'referral' as const,
      source_id: null,
      referred_by: 'Benchmark referrer',
      referral_reason: 'Carer admitted to hospital',
      referred_at: new Date(referred),
      urgency_key: u.key,
      urgency_label: u.label,
      response_minutes: u.responseMinutes,
      response_due_at: new Date(referred + u.responseMinutes * 60_000),
      first_contact_at: contactMinutes === null ? null : new Date(referred + contactMinutes * 60_000),
      starts_on: isoDay(referred),
      ends_on: isoDay(referred + 42 * DAY),
      next_check_in_due: isoDay(now + ((i % 11) - 3) * DAY),
      goals: '[]',
      updated_at: new Date(now),
    };
  });
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('crisis_episode')
      .values(rows.slice(i, i + 100))
      .execute();
  await sql`analyze crisis_episode`.execute(db);
  const seedSeconds = (Date.now() - started) / 1000;
  log(`Opened ${rows.length} crisis episodes in ${seedSeconds.toFixed(1)} s`);
  return { patchId: patch.id, open: await count(), seedSeconds };
}

type Job = Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>;

export function crisisJobs(
  bench: CrisisBench,
  cookie: Record<string, string>,
  has: (url: string) => boolean,
): [string, Job][] {
  if (!has('/crisis')) return [];
  const paths = [`/crisis?patch=${bench.patchId}`];
  // As a browser asks for it (every browser sends Accept-Encoding: gzip); the second row is the same
  // page to a client that does not, for comparison.
  return [
    [
      `Crisis board: GET /crisis?patch=… (${bench.open} open episodes, the first page of 25, signed in as a practitioner, gzip accepted)`,
      { method: 'GET', headers: { ...cookie, 'accept-encoding': 'gzip, deflate, br' }, paths },
    ],
    [
      `Crisis board without compression: GET /crisis?patch=… (${bench.open} open episodes, the first page of 25, no Accept-Encoding)`,
      { method: 'GET', headers: cookie, paths },
    ],
  ];
}

export const crisisNotes = [
  'The signed-in home page row is the cheapest page a member of staff can load (session lookup, layout, no person data, nothing audited): what every staff page costs at least.',
  'Crisis board (issue 4, reworked in issue 10): one patch with 200 open crisis episodes, viewed by a practitioner whose browser accepts gzip (every browser does); the second row is the same page to a client that asks for no compression. What is kept is data, not the page: the episodes of people without a restricted record, per organisation and patch (src/modules/crisis/board/board-cache.ts), under the organisation\u2019s crisis-board change number (triggers on every table declared for it in src/platform/db/change-generation.ts). Each view is one transaction: read the change number, take the kept rows (or read them), read restricted records\u2019 episodes only if the patch has any, work out the clocks and the order of all 200, take the page of 25 asked for, write one hash-chained audit entry naming the 25 people shown (platform/audit/audit.ts, the one path), commit; then render the page and gzip it (level 1, off the event loop). Stop 10 made the board a page of 25 at a time, most urgent first, with the counts over all 200 above it: rendering 200 rows was most of the request (measured ~28 ms of ~50 ms under load), and a team works the top of the list; each person shown is also one fewer disclosure to audit.',
  'How the crisis board went from 91\xd7 the floor\u2019s p95 (stop 7) to under 3\xd7, each step measured with BENCH_ONLY=crisis,home npm run bench on this machine (board p95 at 50 connections): one audit entry per view instead of 200 rows (853 ms); the rendered board kept under the crisis-board change number (470 ms); the page kept whole as bytes and gzip (218 ms: writing 160 KB of text to a socket cost more here than everything else); one guarded audit call instead of a transaction of six round trips (124 ms); later views pointing at the first listing and the call as a plpgsql function (87 ms); the session lookup and the call as prepared statements; views that arrive together audited in one call and one commit (47 ms, 3.4\xd7; 62 ms, 2.8\xd7 in the full run). A commit cost ~0.5 ms of database time here, an appended row ~0.05 ms. Also: no per-response CSP nonce (GOV.UK Frontend\u2019s inline script is allowed by its hash) and helmet\u2019s middleware built once, each of which had cost every request a few tenths of a millisecond. Issue 10 then took out the kept page, the pointer to an earlier listing and the batched SQL call, for one audit path and a page rendered per request (the note above).',
  'What the uncompressed row shows: the same kept page sent as 160 KB instead of 16 KB; the per-byte cost of sockets on this machine makes it 2.7 times slower. The floor\u2019s p95 moves between 14 and 27 ms from run to run on this shared two-core machine, so every ratio moves with it.',
];
