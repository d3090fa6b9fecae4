import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { scheduleInWords, type ScheduleRow } from './schedules.js';

/**
 * What goes on paper for each service in a printed list: where, when, how to get in touch. Read
 * for the whole list in four queries, not four per service.
 */
export interface PrintDetails {
  address: string | null;
  phones: string[];
  when: string[];
  email: string | null;
  website: string | null;
}

export async function printDetails(tx: Tx, ids: string[]): Promise<Map<string, PrintDetails>> {
  const details = new Map<string, PrintDetails>(
    ids.map((id) => [id, { address: null, phones: [], when: [], email: null, website: null }]),
  );
  if (ids.length === 0) return details;
  const list = sql.join(ids);
  const [addresses, phones, schedules, contacts] = await Promise.all([
    sql<{ service_id: string; address: string }>`
      select distinct on (sal.service_id) sal.service_id,
        concat_ws(', ', a.address_1, a.address_2, a.city, a.postal_code) as address
      from directory_service_at_location sal join directory_address a on a.location_id = sal.location_id
      where sal.service_id in (${list}) and a.address_type = 'physical'
      order by sal.service_id, a.id`.execute(tx),
    sql<{ service_id: string; number: string }>`
      select p.service_id, p.number from directory_phone p where p.service_id in (${list}) order by p.id`.execute(tx),
    sql<ScheduleRow & { service_id: string }>`
      select coalesce(sc.service_id, sal.service_id) as service_id, sc.freq, sc.interval, sc.byday, sc.bymonthday,
        sc.opens_at::text as opens_at, sc.closes_at::text as closes_at, sc.description, sc.notes, to_char(sc.valid_to, 'YYYY-MM-DD') as valid_to
      from directory_schedule sc left join directory_service_at_location sal on sal.id = sc.service_at_location_id
      where coalesce(sc.service_id, sal.service_id) in (${list}) and (sc.valid_to is null or sc.valid_to >= current_date)
      order by sc.opens_at nulls last, sc.id`.execute(tx),
    sql<{ id: string; email: string | null; url: string | null }>`
      select s.id, s.email, s.url from directory_service s where s.id in (${list})`.execute(tx),
  ]);
  for (const row of addresses.rows) details.get(row.service_id)!.address = row.address;
  for (const row of phones.rows) {
    const d = details.get(row.service_id)!;
    if (d.phones.length < 2) d.phones.push(row.number);
  }
  for (const row of schedules.rows) {
    const d = details.get(row.service_id)!;
    if (d.when.length < 3) d.when.push(scheduleInWords(row));
  }
  for (const row of contacts.rows) {
    const d = details.get(row.id)!;
    d.email = row.email;
    d.website = row.url && /^https?:\/\//i.test(row.url) ? row.url : null;
  }
  return details;
}
