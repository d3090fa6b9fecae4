import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Role } from '../platform/access/roles.js';

/** The demo county's council, its patches and one member of staff per role. */
export const demoCouncil = { name: 'Fenshire County Council', kind: 'council' as const, ods_code: 'DEMO001' };
export const demoPatches = [
  { name: 'Fenland North', area: 'Wisbech, March and the villages north of the A141' },
  { name: 'Cathedral City', area: 'Ely and the surrounding villages' },
  { name: 'Southern Villages', area: 'The villages south of the river, including the innovation site at Linton' },
];

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  displayName: string;
  patch?: string;
}

/** Demo sign-ins, printed by `npm start` and listed in the README. Never created in production. */
export const demoAccounts: DemoAccount[] = [
  {
    role: 'practitioner',
    username: 'sam.practitioner',
    password: 'demo-practitioner',
    displayName: 'Sam Okafor',
    patch: 'Fenland North',
  },
  {
    role: 'team_manager',
    username: 'priya.manager',
    password: 'demo-manager',
    displayName: 'Priya Shah',
    patch: 'Fenland North',
  },
  { role: 'finance_officer', username: 'frank.finance', password: 'demo-finance', displayName: 'Frank Miller' },
  // A second finance officer: a payment run is released by someone other than the one who prepared it.
  { role: 'finance_officer', username: 'fiona.finance', password: 'demo-finance-2', displayName: 'Fiona Shaw' },
  { role: 'broker', username: 'bea.broker', password: 'demo-broker', displayName: 'Bea Collins' },
  { role: 'provider_user', username: 'paul.provider', password: 'demo-provider', displayName: 'Paul Hughes' },
  { role: 'commissioner', username: 'carla.commissioner', password: 'demo-commissioner', displayName: 'Carla Reid' },
  { role: 'ig_auditor', username: 'ian.auditor', password: 'demo-auditor', displayName: 'Ian Walsh' },
  { role: 'administrator', username: 'ada.admin', password: 'demo-admin', displayName: 'Ada Lovelace' },
];

// Demo passwords are hashed once per process: argon2id is deliberately slow, and test suites seed
// the same accounts many times.
const hashCache = new Map<string, Promise<string>>();
function hashDemoPassword(password: string): Promise<string> {
  let hash = hashCache.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashCache.set(password, hash);
  }
  return hash;
}

export interface SeededOrganisation {
  orgId: string;
  patchIds: Record<string, string>;
  userIds: Record<string, string>;
}

/** Create the council, its patches and the demo staff. Runs as the database owner (no RLS). */
export async function seedOrganisation(
  db: Kysely<DB>,
  opts: { accounts?: DemoAccount[]; council?: typeof demoCouncil } = {},
): Promise<SeededOrganisation> {
  const council = opts.council ?? demoCouncil;
  const org = await db.insertInto('organisation').values(council).returning('id').executeTakeFirstOrThrow();
  const patchIds: Record<string, string> = {};
  for (const p of demoPatches) {
    const row = await db
      .insertInto('team')
      .values({ org_id: org.id, name: p.name, is_patch: true, area_description: p.area })
      .returning('id')
      .executeTakeFirstOrThrow();
    patchIds[p.name] = row.id;
  }
  const userIds: Record<string, string> = {};
  for (const a of opts.accounts ?? demoAccounts) {
    const row = await db
      .insertInto('staff_user')
      .values({
        org_id: org.id,
        username: a.username,
        display_name: a.displayName,
        role: a.role,
        team_id: a.patch ? (patchIds[a.patch] ?? null) : null,
        password_hash: await hashDemoPassword(a.password),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    userIds[a.username] = row.id;
  }
  return { orgId: org.id, patchIds, userIds };
}
