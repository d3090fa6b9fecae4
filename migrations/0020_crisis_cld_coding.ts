import { sql, type Kysely } from 'kysely';

/**
 * Issue 12 section 1: every crisis support item that reports to CLD now carries its delivery
 * mechanism (council-commissioned: src/modules/crisis/cld-events.ts), so the exemption migration
 * 0019 gave crisis support from the "a Service has a delivery mechanism" rule is dropped.
 *
 * - Crisis Service events written before have no mechanism; they were commissioned by the council,
 *   so they are given "CASSR commissioned support" (a fact about them, not a rewrite to fit).
 * - Help from family, friends and the community is no longer a CLD Service, so the support item's
 *   own service type may be empty (null: not a council service).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update person_event set delivery_mechanism = 'CASSR commissioned support'
      where source_module = 'crisis-service' and event_type = 'Service' and delivery_mechanism is null;

    alter table person_event drop constraint person_event_service_mechanism;
    alter table person_event
      add constraint person_event_service_mechanism
        check (event_type <> 'Service' or delivery_mechanism is not null) not valid;

    alter table crisis_service alter column service_type drop not null;
  `.execute(db);
}
