import type { Tx } from '../../platform/db/scope.js';
import type { ServiceInput } from './model.js';
import { writeChildren } from './repository-write-children.js';

/** Provenance and curation fields that are not typed on the form. */
export interface ServiceMeta {
  ownerUserId?: string | null;
  source?: { name: string; id: string } | null;
  createdBy?: string | null;
  /** Organisation details from a feed (the form only knows the name). */
  organization?: { description?: string | null; email?: string | null; website?: string | null } | null;
}

/** The organisation is matched by name within the council's directory, so entries share it. */
async function organizationId(tx: Tx, orgId: string, input: ServiceInput, meta: ServiceMeta): Promise<string> {
  const found = await tx
    .selectFrom('directory_organization')
    .select('id')
    .where('name', '=', input.organizationName)
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto('directory_organization')
    .values({
      org_id: orgId,
      name: input.organizationName,
      description: meta.organization?.description || input.organizationName,
      email: meta.organization?.email ?? null,
      website: meta.organization?.website ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    description: input.description,
    url: input.url,
    email: input.email,
    status: input.status,
    eligibility_description: input.eligibilityDescription,
    minimum_age: input.minimumAge,
    maximum_age: input.maximumAge,
    tl_accepts_direct_payments: input.acceptsDirectPayments,
    tl_free_or_low_cost: input.freeOrLowCost,
    tl_owner_name: input.ownerName,
    tl_last_checked: input.lastChecked,
    assured_date: input.lastChecked,
    fees: input.freeOrLowCost ? 'Free or low cost' : null,
    last_modified: new Date(),
  };
}

export async function insertService(tx: Tx, orgId: string, input: ServiceInput, meta: ServiceMeta): Promise<string> {
  const row = await tx
    .insertInto('directory_service')
    .values({
      ...serviceColumns(input),
      org_id: orgId,
      organization_id: await organizationId(tx, orgId, input, meta),
      tl_owner_user_id: meta.ownerUserId ?? null,
      created_by: meta.createdBy ?? null,
      tl_source: meta.source?.name ?? null,
      tl_source_id: meta.source?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(tx, orgId, row.id, input);
  return row.id;
}

/** Update when the version still matches; false when someone else saved first. */
export async function updateService(
  tx: Tx,
  orgId: string,
  id: string,
  version: number,
  input: ServiceInput,
  meta: ServiceMeta,
): Promise<boolean> {
  const organization = await organizationId(tx, orgId, input, meta);
  const result = await tx
    .updateTable('directory_service')
    .set((eb) => ({ ...serviceColumns(input), organization_id: organization, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await writeChildren(tx, orgId, id, input);
  return true;
}
