import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { CommunicationEntryTable, PersonEventRow, PersonRow, RelationshipRow } from './tables.js';
import type { Actor } from '../../platform/access/roles.js';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import { visibleSql } from './visibility.js';

/**
 * What a person's record page and timeline show, read in ONE statement: the person (only if the
 * actor may see them), with their communication chart, network (both ways), events and the patch's
 * feature switches aggregated as JSON in SQL. Its text is the same for every actor and person, so
 * PostgreSQL parses and plans it once per connection (PREPARE_MARK).
 *
 * Measured on the large county (100,000 people, 2 million events), this replaced seven statements
 * and a second pooled connection (the patch features) per record page.
 */

/**
 * Events the timeline counts ("newest first (N events)") and lists. The
 * count leaves out events recorded in error (nothing counts them); the lists show them struck through.
 */
export const EVENT_CAP = 500;

export type RelationshipWithNames = RelationshipRow & {
  related_given_name: string | null;
  related_family_name: string | null;
  related_restricted: boolean | null;
};

export interface InverseRelationship {
  id: string;
  person_id: string;
  relationship_type: string;
  other_provides_care: boolean;
  other_receives_care: boolean;
  carer_label: 'accepted' | 'declined' | 'not_asked';
  in_circle_of_support: boolean;
  is_key_contact: boolean;
  created_at: Date;
  owner_given_name: string;
  owner_family_name: string;
  owner_preferred_name: string | null;
}

export interface RecordRead {
  person: PersonRow;
  communication: CommunicationEntryRow[];
  relationships: RelationshipWithNames[];
  inverseRelationships: InverseRelationship[];
  /** Newest first, at most the limit asked for. */
  events: PersonEventRow[];
  /** How many events the person has, counted up to EVENT_CAP. */
  eventCount: number;
  /** The person's patch's saved feature switches (feature key → on/off); defaults apply to the rest. */
  featureOverrides: Map<string, boolean>;
}

type JsonRow = Record<string, unknown>;
type CommunicationEntryRow = Selectable<CommunicationEntryTable>;

interface RecordStatementRow extends PersonRow {
  rec_communication: JsonRow[];
  rec_relationships: JsonRow[];
  rec_inverse: JsonRow[];
  rec_events: JsonRow[];
  rec_event_count: number | string;
  rec_features: Record<string, boolean>;
}

/**
 * The person and everything their page shows, or undefined when the actor may not see them (or
 * they do not exist): the caller answers 404 either way. `eventLimit` is a parameter, not text, so
 * the record's other tabs (none) and the timeline (EVENT_CAP) share one prepared statement.
 */
export async function readRecord(
  tx: Tx,
  actor: Actor,
  id: string,
  eventLimit: number,
): Promise<RecordRead | undefined> {
  const result = await sql<RecordStatementRow>`${sql.raw(PREPARE_MARK)}
    select p.*,
      (select coalesce(json_agg(c order by c.created_at), '[]'::json)
        from communication_entry c where c.person_id = p.id) as rec_communication,
      (select coalesce(json_agg(r order by r.is_key_contact desc, r.created_at), '[]'::json) from (
        select r.*, rp.given_name as related_given_name, rp.family_name as related_family_name,
          rp.restricted as related_restricted
        from relationship r left join person rp on rp.id = r.related_person_id
        where r.person_id = p.id and r.ended_on is null) r) as rec_relationships,
      (select coalesce(json_agg(i order by i.is_key_contact desc, i.created_at), '[]'::json) from (
        select r.id, r.person_id, r.relationship_type, r.other_provides_care, r.other_receives_care, r.carer_label,
          r.in_circle_of_support, r.is_key_contact, r.created_at, owner.given_name as owner_given_name,
          owner.family_name as owner_family_name, owner.preferred_name as owner_preferred_name
        from relationship r join person owner on owner.id = r.person_id
        where r.related_person_id = p.id and r.ended_on is null and ${visibleSql('owner', actor)}) i) as rec_inverse,
      (select coalesce(json_agg(e order by e.start_date desc, e.created_at desc), '[]'::json) from (
        select * from person_event e where e.person_id = p.id
        order by e.start_date desc, e.created_at desc limit ${eventLimit}::int) e) as rec_events,
      (select count(*) from (select 1 from person_event e
        where e.person_id = p.id and e.recorded_in_error_at is null limit ${EVENT_CAP}::int) n)
        as rec_event_count,
      (select coalesce(json_object_agg(f.feature, f.enabled), '{}'::json)
        from patch_feature f where f.org_id = p.org_id and f.team_id = p.patch_id) as rec_features
    from person p
    where p.id = ${id}::uuid and ${visibleSql('p', actor)}`.execute(tx);
  const row = result.rows[0];
  if (!row) return undefined;
  const { rec_communication, rec_relationships, rec_inverse, rec_events, rec_event_count, rec_features, ...person } =
    row;
  return {
    person,
    communication: withDates<CommunicationEntryRow>(rec_communication),
    relationships: withDates<RelationshipWithNames>(rec_relationships),
    inverseRelationships: withDates<InverseRelationship>(rec_inverse),
    events: withDates<PersonEventRow>(rec_events),
    eventCount: Number(rec_event_count),
    featureOverrides: new Map(Object.entries(rec_features ?? {})),
  };
}

/**
 * JSON carries timestamps as text; the rows the pages were written against carry Dates (plain
 * calendar dates are 'YYYY-MM-DD' text either way). Parse the two timestamp columns these rows have.
 */
function withDates<T>(rows: JsonRow[] | string | null): T[] {
  const list = (typeof rows === 'string' ? JSON.parse(rows) : (rows ?? [])) as JsonRow[];
  for (const r of list) {
    if (typeof r.created_at === 'string') r.created_at = new Date(r.created_at);
    if (typeof r.updated_at === 'string') r.updated_at = new Date(r.updated_at);
  }
  return list as T[];
}

/**
 * The person's events, newest first (at most EVENT_CAP), or undefined when the actor may not see
 * them: the visibility check and the read are one prepared statement (the API's timeline).
 */
export async function readEvents(tx: Tx, actor: Actor, id: string): Promise<PersonEventRow[] | undefined> {
  const result = await sql<PersonEventRow & { rec_person: string }>`${sql.raw(PREPARE_MARK)}
    select p.id as rec_person, e.*
    from person p
    left join lateral (select * from person_event e where e.person_id = p.id
      order by e.start_date desc, e.created_at desc limit ${EVENT_CAP}::int) e on true
    where p.id = ${id}::uuid and ${visibleSql('p', actor)}
    order by e.start_date desc, e.created_at desc`.execute(tx);
  if (result.rows.length === 0) return undefined;
  return result.rows.filter((r) => r.id !== null).map(({ rec_person: _, ...event }) => event);
}
