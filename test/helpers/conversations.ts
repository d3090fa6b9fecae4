import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { Agent } from './app.js';

/** A directory organisation and services straight into the tables (the directory pages are another slice). */
export async function insertServices(
  db: Kysely<DB>,
  orgId: string,
  services: { name: string; withdrawn?: boolean }[],
): Promise<Record<string, string>> {
  const organisation = await db
    .insertInto('directory_organization')
    .values({ org_id: orgId, name: 'Fenshire Community Network', description: 'Test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: Record<string, string> = {};
  for (const s of services) {
    const row = await db
      .insertInto('directory_service')
      .values({
        org_id: orgId,
        organization_id: organisation.id,
        name: s.name,
        description: `${s.name} description`,
        tl_withdrawn_at: s.withdrawn ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[s.name] = row.id;
  }
  return ids;
}

/** Add a named contact to a person's network through the real page; returns the relationship id. */
export async function addContact(
  agent: Agent,
  db: Kysely<DB>,
  personId: string,
  contactName: string,
  relationshipType: string,
): Promise<string> {
  const res = await agent.post(`/people/${personId}/relationships/new`, {
    who: 'contact',
    contactName,
    relationshipType,
    carerLabel: 'not_asked',
  });
  expect(res.statusCode).toBe(303);
  const row = await db
    .selectFrom('relationship')
    .select('id')
    .where('person_id', '=', personId)
    .where('contact_name', '=', contactName)
    .executeTakeFirstOrThrow();
  return row.id;
}

export function heldOnFields(date: string): Record<string, string> {
  const [year, month, day] = date.split('-').map((p) => String(Number(p)));
  return { 'heldOn-day': day!, 'heldOn-month': month!, 'heldOn-year': year! };
}

/** A complete, valid conversation form (override any field). */
export function conversationForm(date: string, extra: Record<string, string | string[]> = {}): Record<string, string> {
  return {
    ...heldOnFields(date),
    routeOfAccess: 'Community / Other route',
    whatMatters: 'Staying at home together; his garden',
    strengths: 'Knows his wife’s routines well; speaks French',
    outcome: 'NFA: Information and advice or signposting',
    ...extra,
  } as Record<string, string>;
}
