import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { ScheduleRow } from './schedules.js';
import { VISIBLE } from './search-repository.js';
import { isCanonicalId } from '../../platform/http/ids.js';

/** Everything a resident needs to know about one service, read in one transaction. */

export interface ServiceDetail {
  service: {
    id: string;
    name: string;
    alternate_name: string | null;
    description: string | null;
    url: string | null;
    email: string | null;
    status: string;
    fees: string | null;
    fees_description: string | null;
    eligibility_description: string | null;
    minimum_age: string | null;
    maximum_age: string | null;
    application_process: string | null;
    alert: string | null;
    tl_last_checked: string | null;
    tl_free_or_low_cost: boolean;
    tl_accepts_direct_payments: boolean;
    organization_name: string;
    organization_website: string | null;
  };
  locations: {
    id: string;
    name: string | null;
    description: string | null;
    transportation: string | null;
    address: string | null;
    accessibility: string[];
  }[];
  schedules: ScheduleRow[];
  phones: { number: string; extension: string | null; description: string | null }[];
  contacts: { name: string | null; title: string | null; email: string | null }[];
  costs: { option: string | null; amount_pence: number | null; amount_description: string | null }[];
  languages: string[];
  areas: string[];
  kinds: { id: string; code: string | null; name: string }[];
}

/** A visible service, or null (unknown, another council's, withdrawn, inactive or defunct). */
export async function findServiceDetail(tx: Tx, id: string): Promise<ServiceDetail | null> {
  if (!isCanonicalId(id)) return null;
  const service = await findVisibleService(tx, id);
  if (!service) return null;
  const [locations, schedules, phones, contacts, costs, languages, areas, kinds] = await Promise.all([
    findLocations(tx, id),
    findSchedules(tx, id),
    findPhones(tx, id),
    findContacts(tx, id),
    findCosts(tx, id),
    findLanguages(tx, id),
    findAreas(tx, id),
    findKinds(tx, id),
  ]);
  return { service, locations, schedules, phones, contacts, costs, languages, areas, kinds };
}

async function findVisibleService(tx: Tx, id: string): Promise<ServiceDetail['service'] | undefined> {
  const result = await sql<ServiceDetail['service']>`
    select s.id, s.name, s.alternate_name, s.description, s.url, s.email, s.status, s.fees, s.fees_description,
      s.eligibility_description, s.minimum_age::text as minimum_age, s.maximum_age::text as maximum_age, s.application_process, s.alert,
      to_char(s.tl_last_checked, 'YYYY-MM-DD') as tl_last_checked, s.tl_free_or_low_cost, s.tl_accepts_direct_payments,
      o.name as organization_name, o.website as organization_website
    from directory_service s join directory_organization o on o.id = s.organization_id
    where s.id = ${id} and ${VISIBLE}`.execute(tx);
  return result.rows[0];
}

/** The service's physical places, each with its address in one line and its accessibility notes. */
async function findLocations(tx: Tx, id: string): Promise<ServiceDetail['locations']> {
  const [locations, addresses, access] = await Promise.all([
    sql<{ id: string; name: string | null; description: string | null; transportation: string | null }>`
      select l.id, l.name, l.description, l.transportation from directory_service_at_location sal
      join directory_location l on l.id = sal.location_id
      where sal.service_id = ${id} and l.location_type <> 'virtual' order by l.name, l.id`.execute(tx),
    sql<{ location_id: string; address_1: string; address_2: string | null; city: string; postal_code: string }>`
      select a.location_id, a.address_1, a.address_2, a.city, a.postal_code from directory_address a
      join directory_service_at_location sal on sal.location_id = a.location_id
      where sal.service_id = ${id} and a.address_type = 'physical' order by a.id`.execute(tx),
    sql<{ location_id: string; description: string | null; details: string | null }>`
      select x.location_id, x.description, x.details from directory_accessibility x
      join directory_service_at_location sal on sal.location_id = x.location_id
      where sal.service_id = ${id} order by x.id`.execute(tx),
  ]);
  return locations.rows.map((l) => {
    const address = addresses.rows.find((a) => a.location_id === l.id);
    return {
      ...l,
      address: address
        ? [address.address_1, address.address_2, address.city, address.postal_code].filter(Boolean).join(', ')
        : null,
      accessibility: access.rows
        .filter((x) => x.location_id === l.id)
        .map((x) => [x.description, x.details].filter(Boolean).join(': '))
        .filter(Boolean),
    };
  });
}

/** Current opening times, of the service itself or of it at one of its places. */
async function findSchedules(tx: Tx, id: string): Promise<ScheduleRow[]> {
  const result = await sql<ScheduleRow>`
      select sc.freq, sc.interval, sc.byday, sc.bymonthday, sc.opens_at::text as opens_at, sc.closes_at::text as closes_at,
        sc.description, sc.notes, to_char(sc.valid_to, 'YYYY-MM-DD') as valid_to
      from directory_schedule sc
      where (sc.service_id = ${id} or sc.service_at_location_id in (select sal.id from directory_service_at_location sal where sal.service_id = ${id}))
        and (sc.valid_to is null or sc.valid_to >= current_date)
      order by sc.opens_at nulls last, sc.id`.execute(tx);
  return result.rows;
}

/** The service's phone numbers and its contacts' ones. */
async function findPhones(tx: Tx, id: string): Promise<ServiceDetail['phones']> {
  const result = await sql<ServiceDetail['phones'][number]>`
      select p.number, p.extension, p.description from directory_phone p
      where p.service_id = ${id} or p.contact_id in (select c.id from directory_contact c where c.service_id = ${id})
      order by p.id`.execute(tx);
  return result.rows;
}

/** Named contacts; one with neither a name nor an email tells a resident nothing. */
async function findContacts(tx: Tx, id: string): Promise<ServiceDetail['contacts']> {
  const result = await sql<ServiceDetail['contacts'][number]>`
      select c.name, c.title, c.email from directory_contact c where c.service_id = ${id} order by c.id`.execute(tx);
  return result.rows.filter((c) => c.name || c.email);
}

/** Current costs, cheapest first. */
async function findCosts(tx: Tx, id: string): Promise<ServiceDetail['costs']> {
  const result = await sql<ServiceDetail['costs'][number]>`
      select c.option, c.amount_pence, c.amount_description from directory_cost_option c
      where c.service_id = ${id} and (c.valid_to is null or c.valid_to >= current_date) order by c.amount_pence nulls last, c.id`.execute(
    tx,
  );
  return result.rows;
}

async function findLanguages(tx: Tx, id: string): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select distinct initcap(name) as name from directory_language where service_id = ${id} order by 1`.execute(tx);
  return result.rows.map((r) => r.name);
}

async function findAreas(tx: Tx, id: string): Promise<string[]> {
  const result = await sql<{ name: string }>`select coalesce(name, description) as name from directory_service_area
      where service_id = ${id} and coalesce(name, description) is not null order by 1`.execute(tx);
  return result.rows.map((r) => r.name);
}

async function findKinds(tx: Tx, id: string): Promise<ServiceDetail['kinds']> {
  const result = await sql<ServiceDetail['kinds'][number]>`
      select t.id, t.code, t.name from directory_attribute a join directory_taxonomy_term t on t.id = a.taxonomy_term_id
      where a.link_id = ${id} and a.link_entity = 'service' order by t.name`.execute(tx);
  return result.rows;
}
