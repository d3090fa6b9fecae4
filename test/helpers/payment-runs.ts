import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { HoldingRoute } from '../../src/modules/budgets/index.js';

/**
 * Budget parts for payment run tests and the bench, written straight into the tables as the database
 * owner (the parts service is another slice): people, a holding account each, a part on a paying
 * route, bank details for the payee, and an appointment for every suitable-person part.
 */

/** The routes the bulk fixture cycles through: every paying route. */
export const FIXTURE_ROUTES: HoldingRoute[] = [
  'direct_payment',
  'prepaid_card',
  'managed_account',
  'trust',
  'pool',
  'isf',
  'council_managed',
  'suitable_person',
  'one_off',
];

export interface FixturePart {
  partId: string;
  personId: string;
  accountId: string;
  route: HoldingRoute;
}

const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** A provider in the directory with bank details: the payee of council-managed parts and ISFs. */
export async function insertProvider(db: Kysely<DB>, orgId: string, name = 'Fenshire Home Care'): Promise<string> {
  const organisation = await db
    .insertInto('directory_organization')
    .values({ org_id: orgId, name, description: 'A home care provider' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: serviceId } = await db
    .insertInto('directory_service')
    .values({ org_id: orgId, organization_id: organisation.id, name, description: 'Home care' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('payee_bank_account')
    .values({
      org_id: orgId,
      service_id: serviceId,
      account_name: name,
      sort_code: '401276',
      account_number: '71234567',
      updated_at: new Date(),
      created_by: null,
      updated_by: null,
    })
    .execute();
  return serviceId;
}

/**
 * `count` people each with one part from `startsOn` (£100 to £1,099 a week; a one-off of £250 starting
 * on `startsOn`), bank details for every payee, and an appointment for each suitable-person part.
 */
export async function seedPaymentParts(
  db: Kysely<DB>,
  orgId: string,
  count: number,
  { startsOn, serviceId }: { startsOn: string; serviceId: string },
): Promise<FixturePart[]> {
  const parts = Array.from({ length: count }, (_, i) => ({
    partId: randomUUID(),
    personId: randomUUID(),
    accountId: randomUUID(),
    route: FIXTURE_ROUTES[i % FIXTURE_ROUTES.length]!,
    i,
  }));
  await insertChunked(parts, (chunk) =>
    db
      .insertInto('person')
      .values(
        chunk.map((p) => ({
          id: p.personId,
          org_id: orgId,
          council_person_id: `PR${p.personId.replace(/-/g, '').slice(0, 16)}`,
          given_name: 'Payee',
          family_name: `Number ${p.i}`,
          date_of_birth: '1950-03-04',
        })),
      )
      .execute(),
  );
  await insertChunked(parts, (chunk) =>
    db
      .insertInto('budget_account')
      .values(
        chunk.map((p) => ({
          id: p.accountId,
          org_id: orgId,
          kind: 'holding' as const,
          person_id: p.personId,
          label: `Part ${p.i}`,
        })),
      )
      .execute(),
  );
  await insertChunked(parts, (chunk) =>
    db
      .insertInto('budget_part')
      .values(
        chunk.map((p) => ({
          id: p.partId,
          org_id: orgId,
          person_id: p.personId,
          route: p.route,
          holder: `Holder ${p.i}`,
          service_id: p.route === 'isf' || p.route === 'council_managed' ? serviceId : null,
          weekly_pence: p.route === 'one_off' ? null : 10_000 + (p.i % 1000) * 100,
          one_off_pence: p.route === 'one_off' ? 25_000 : null,
          starts_on: startsOn,
          cld_delivery_mechanism: 'Direct payment' as const,
          account_id: p.accountId,
          updated_at: new Date(),
          created_by: null,
          updated_by: null,
        })),
      )
      .execute(),
  );
  const own = parts.filter((p) => p.route !== 'isf' && p.route !== 'council_managed');
  await insertChunked(own, (chunk) =>
    db
      .insertInto('payee_bank_account')
      .values(
        chunk.map((p) => ({
          org_id: orgId,
          part_id: p.partId,
          account_name: `Holder ${p.i}`,
          sort_code: String(100000 + (p.i % 800000)).padStart(6, '0'),
          account_number: String(10000000 + p.i).padStart(8, '0'),
          updated_at: new Date(),
          created_by: null,
          updated_by: null,
        })),
      )
      .execute(),
  );
  const suitable = parts.filter((p) => p.route === 'suitable_person');
  await insertChunked(suitable, (chunk) =>
    db
      .insertInto('suitable_person_appointment')
      .values(
        chunk.map((p) => ({
          org_id: orgId,
          part_id: p.partId,
          name: `Suitable ${p.i}`,
          relationship: 'Daughter',
          appointed_on: startsOn,
          created_by: null,
        })),
      )
      .execute(),
  );
  return parts.map(({ partId, personId, accountId, route }) => ({ partId, personId, accountId, route }));
}
