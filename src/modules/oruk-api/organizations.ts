import type { Tx } from '../../platform/db/scope.js';
import { nestOrganizations, nestServices } from './nest.js';
import { namedListPage, nameOrDescriptionContains, pageOf, type Page } from './paging.js';
import { bool, paging, text, type RawQuery } from './query.js';
import { compact, flatOrganization, SERVICE_COLUMNS, type Json, type OrganizationRow } from './serialize.js';

/**
 * `/organizations` and `/organizations/{id}`: the organisations that run the directory's services.
 * `full` adds identifiers and attributes; `full_service` adds the organisation's published services,
 * fully nested (withdrawn ones are never shown).
 */
export async function listOrganizations(tx: Tx, query: RawQuery): Promise<Page> {
  const search = text(query, 'search');
  const full = bool(query, 'full');
  const fullService = bool(query, 'full_service');
  const pg = paging(query);
  let q = tx.selectFrom('directory_organization').selectAll();
  if (search) q = q.where(nameOrDescriptionContains(search));
  const { rows, total } = await namedListPage(q, pg);
  return pageOf(await present(tx, rows, full, fullService), total, pg);
}

export async function getOrganization(tx: Tx, id: string, query: RawQuery): Promise<Json | undefined> {
  const fullService = bool(query, 'full_service');
  const row = await tx.selectFrom('directory_organization').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [organization] = await present(tx, [row], true, fullService);
  return organization;
}

async function present(tx: Tx, rows: readonly OrganizationRow[], full: boolean, fullService: boolean): Promise<Json[]> {
  const nested = full ? await nestOrganizations(tx, rows) : new Map<string, Json>();
  const services = new Map<string, Json[]>();
  if (fullService && rows.length > 0) {
    const serviceRows = await tx
      .selectFrom('directory_service')
      .select(SERVICE_COLUMNS)
      .where(
        'organization_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('tl_withdrawn_at', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .execute();
    const nestedServices = await nestServices(tx, serviceRows);
    serviceRows.forEach((s, i) => {
      const list = services.get(s.organization_id) ?? [];
      list.push(nestedServices[i] as Json);
      services.set(s.organization_id, list);
    });
  }
  return rows.map((r) => compact({ ...(nested.get(r.id) ?? flatOrganization(r)), services: services.get(r.id) }));
}
