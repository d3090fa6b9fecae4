import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { seedServiceKinds } from '../../modules/directory/index.js';
import type { SeededOrganisation } from '../organisation.js';
import { demoAccounts } from '../organisation.js';
import type { Scale } from '../county.js';
import type { Tier1SeedOptions } from '../tier1.js';
import { todayIso } from '../generate/dates.js';
import { insertRows, type Columns } from './bulk.js';
import { seedPostcodes } from './postcodes.js';
import { buildDirectory, type DirectoryOwner } from './services.js';
import { seedStories } from './stories.js';
import { accessibilityColumns, addressColumns, locationColumns } from './venues.js';

/**
 * The demo county's community directory: the postcode table, the service kinds taxonomy, about 40
 * services (tiny), 340 (small) or 10,000 (large, the benchmark's directory) with their organisations,
 * venues and HSDS links, and the stories. Runs as the database owner; deterministic for a seed and day.
 */
export const directorySizes: Record<Scale, number> = { tiny: 40, small: 340, large: 10_000 };

/** Demo staff who keep entries up to date. */
const curators = ['carla.commissioner', 'ada.admin', 'sam.practitioner', 'bea.broker'];
/** Matches the default DIRECTORY_REVIEW_AFTER_DAYS, so about one entry in five is due for review. */
const REVIEW_AFTER_DAYS = 180;

export interface DirectorySeedSummary {
  postcodes: number;
  services: number;
  stories: number;
}

export async function seedDirectory(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: Tier1SeedOptions & { count?: number; asOf?: string },
): Promise<DirectorySeedSummary> {
  const postcodes = await seedPostcodes(db);
  const kinds = await seedServiceKinds(db, org.orgId);
  const owners: DirectoryOwner[] = curators.flatMap((username) => {
    const userId = org.userIds[username];
    const account = demoAccounts.find((a) => a.username === username);
    return userId && account ? [{ userId, name: account.displayName }] : [];
  });
  if (owners.length === 0) throw new Error('The directory seed needs at least one demo curator account');
  const partners = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', 'in', ['third_sector', 'provider'])
    .execute();
  const rows = buildDirectory({
    orgId: org.orgId,
    seed: opts.seed,
    count: opts.count ?? directorySizes[opts.scale],
    asOf: opts.asOf ?? todayIso(),
    kinds,
    owners,
    partnerIds: Object.fromEntries(partners.map((p) => [p.name, p.id])),
    reviewAfterDays: REVIEW_AFTER_DAYS,
  });
  // Parents before children, so every foreign key is satisfied as each batch lands.
  const plan: [keyof DB & string, Columns, (typeof rows)[keyof typeof rows]][] = [
    ['directory_organization', organizationColumns, rows.organizations],
    ['directory_organization_identifier', identifierColumns, rows.identifiers],
    ['directory_service', serviceColumns, rows.services],
    ['directory_location', locationColumns, rows.locations],
    ['directory_address', addressColumns, rows.addresses],
    ['directory_accessibility', accessibilityColumns, rows.accessibility],
    ['directory_service_at_location', salColumns, rows.serviceAtLocations],
    ['directory_schedule', scheduleColumns, rows.schedules],
    ['directory_contact', contactColumns, rows.contacts],
    ['directory_phone', phoneColumns, rows.phones],
    ['directory_cost_option', costColumns, rows.costOptions],
    ['directory_funding', fundingColumns, rows.fundings],
    ['directory_language', languageColumns, rows.languages],
    ['directory_service_area', areaColumns, rows.serviceAreas],
    ['directory_attribute', attributeColumns, rows.attributes],
  ];
  for (const [table, columns, tableRows] of plan) await insertRows(db, table, columns, tableRows);
  const stories = await seedStories(db, org.orgId, opts.seed, kinds);
  // Fresh statistics for every table written: without them the planner guesses a few dozen rows
  // per table and picks nested loops over 10,000 services.
  for (const [table] of plan) await sql`analyze ${sql.table(table)}`.execute(db);
  await sql`analyze directory_story; analyze directory_taxonomy_term; analyze postcode`.execute(db);
  return { postcodes, services: rows.services.length, stories };
}

const organizationColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['name', 'text'],
  ['description', 'text'],
  ['email', 'text'],
  ['website', 'text'],
  ['tl_partner_org_id', 'uuid'],
  ['last_modified', 'timestamptz'],
] as const;
const identifierColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['identifier_scheme', 'text'],
  ['identifier_type', 'text'],
  ['identifier', 'text'],
] as const;
const serviceColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['alternate_name', 'text'],
  ['description', 'text'],
  ['url', 'text'],
  ['email', 'text'],
  ['status', 'text'],
  ['fees', 'text'],
  ['fees_description', 'text'],
  ['eligibility_description', 'text'],
  ['minimum_age', 'numeric'],
  ['maximum_age', 'numeric'],
  ['alert', 'text'],
  ['application_process', 'text'],
  ['last_modified', 'timestamptz'],
  ['tl_owner_user_id', 'uuid'],
  ['tl_owner_name', 'text'],
  ['tl_last_checked', 'date'],
  ['tl_withdrawn_at', 'timestamptz'],
  ['tl_withdrawn_by', 'uuid'],
  ['tl_withdrawn_reason', 'text'],
  ['tl_accepts_direct_payments', 'boolean'],
  ['tl_free_or_low_cost', 'boolean'],
  ['created_by', 'uuid'],
] as const;
const salColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['location_id', 'uuid'],
  ['description', 'text'],
  ['last_modified', 'timestamptz'],
] as const;
const scheduleColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['service_at_location_id', 'uuid'],
  ['dtstart', 'date'],
  ['freq', 'text'],
  ['interval', 'integer'],
  ['byday', 'text'],
  ['description', 'text'],
  ['opens_at', 'time'],
  ['closes_at', 'time'],
  ['attending_type', 'text'],
] as const;
const contactColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['title', 'text'],
  ['department', 'text'],
  ['email', 'text'],
] as const;
const phoneColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['contact_id', 'uuid'],
  ['location_id', 'uuid'],
  ['number', 'text'],
  ['extension', 'text'],
  ['type', 'text'],
  ['description', 'text'],
] as const;
const costColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['option', 'text'],
  ['currency', 'text'],
  ['amount_pence', 'integer'],
  ['amount_description', 'text'],
] as const;
const fundingColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['source', 'text'],
] as const;
const languageColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['name', 'text'],
  ['code', 'text'],
  ['note', 'text'],
] as const;
const areaColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['service_id', 'uuid'],
  ['name', 'text'],
  ['description', 'text'],
  ['extent', 'text'],
  ['extent_type', 'text'],
  ['uri', 'text'],
] as const;
const attributeColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['link_id', 'uuid'],
  ['link_type', 'text'],
  ['link_entity', 'text'],
  ['taxonomy_term_id', 'uuid'],
  ['value', 'text'],
  ['label', 'text'],
] as const;
