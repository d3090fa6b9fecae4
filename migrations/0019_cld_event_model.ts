import { sql, type Kysely } from 'kysely';

/**
 * The CLD event model tier 3 and personal budgets build on (issue 12, section 2). Field numbers are
 * those of ../shared/standards/cld.md §2.1.
 *
 * Person (fields that describe the person, not one event):
 * - `gp_practice_code` (#9) and the ASD / visual / hearing / dementia flags (#20–23; values come from
 *   local lists, because cld.md §3.17 found no published values).
 *
 * Event (each CLD row carries these as they were when the event happened, so an export is lossless):
 * - `client_type` (#14): never null, service user by default;
 * - `linked_person_ids` (#37–39): for a carer's event, the adults they care for who have a record here;
 * - `client_funding_status` (#24), `has_unpaid_carer` (#19);
 * - `adults_cared_for` (#36) and `hours_caring_per_week` (#35, kept as hours: its bands were not found);
 * - `provider_cqc_location_id` (#44) and `planned_units_per_week` (#50, two decimal places);
 * - `recorded_in_error_*`: an event is never deleted; one recorded in error is marked (when, by whom,
 *   why), stays on the timeline struck through, and is left out of counts and the return (cld.md §2.3:
 *   cancelled events are excluded).
 *
 * The per-type rules are the database half of src/modules/people/event-rules.ts (the zod half); a test
 * runs the same cases through both. One exemption, for now: support the crisis module puts in is
 * written without a delivery mechanism until issue 12 section 1 codes it; those rows are allowed no
 * mechanism, and with none the cost rule (which only applies to a known, non-commissioned mechanism)
 * does not bite. A later migration drops the exemption.
 *
 * Also: the Primary Support Reason spelling cld.md found (§3.10) is "Learning Disability Support"; the
 * demo county wrote an inferred "Learning disability support", which is mapped to it here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table person
      add column gp_practice_code text,
      add column autism_spectrum_disorder text,
      add column visual_impairment text,
      add column hearing_impairment text,
      add column dementia text;

    alter table person_event
      add column client_type text not null default 'Service user',
      add column linked_person_ids uuid[] not null default '{}',
      add column client_funding_status text,
      add column has_unpaid_carer text,
      add column adults_cared_for smallint,
      add column hours_caring_per_week smallint,
      add column provider_cqc_location_id text,
      add column planned_units_per_week numeric(9, 2),
      add column recorded_in_error_at timestamptz,
      add column recorded_in_error_by uuid,
      add column recorded_in_error_reason text;

    update person set primary_support_reason = 'Learning Disability Support'
      where primary_support_reason = 'Learning disability support';

    -- The per-type rules are NOT VALID: every row written from now on is checked, but a council's
    -- (or a demo folder's) events written before these rules are not refused at upgrade — refusing
    -- would stop the service starting, and an event is never rewritten to fit. A data-quality report
    -- can list the old rows that break them.
    alter table person_event
      add constraint person_event_request_route check (event_type <> 'Request' or route_of_access is not null) not valid,
      add constraint person_event_assessment_type check (event_type <> 'Assessment' or assessment_type is not null) not valid,
      add constraint person_event_service_coding
        check (event_type <> 'Service' or (service_type is not null and service_component is not null)) not valid,
      add constraint person_event_service_mechanism
        check (event_type <> 'Service' or delivery_mechanism is not null or source_module = 'crisis-service') not valid,
      -- cld.md §2.1 rule C: costs for long-term, carer and short-term residential/nursing/respite
      -- support, unless the council commissions it (R1 and R2 spellings alike).
      add constraint person_event_service_costs check (
        not (
          event_type = 'Service'
          and delivery_mechanism is not null
          and lower(delivery_mechanism) <> 'cassr commissioned support'
          and (
            lower(service_type) like 'long term support:%'
            or lower(service_type) like 'unpaid carer support:%'
            or lower(service_type) like 'carer support:%'
            or lower(service_component) in
              ('short term residential care', 'short term nursing care', 'unpaid carer respite', 'carer respite')
          )
        )
        or (unit_cost_pence is not null and cost_frequency is not null and planned_units_per_week is not null)
      ) not valid,
      add constraint person_event_linked_people check (
        cardinality(linked_person_ids) <= 3
        and (cardinality(linked_person_ids) = 0 or client_type ilike '%carer%')
      ),
      add constraint person_event_caring check (
        (adults_cared_for is null and hours_caring_per_week is null) or client_type ilike '%carer%'
      ),
      add constraint person_event_caring_range check (
        (adults_cared_for is null or adults_cared_for between 0 and 99)
        and (hours_caring_per_week is null or hours_caring_per_week between 0 and 168)
      ),
      add constraint person_event_provider check (
        provider_cqc_location_id is null or (event_type = 'Service' and provider_cqc_location_id ~ '^1-[0-9]{5,12}$')
      ),
      add constraint person_event_planned_units check (planned_units_per_week is null or planned_units_per_week >= 0),
      add constraint person_event_in_error check (
        (recorded_in_error_at is null) = (recorded_in_error_reason is null)
        and (recorded_in_error_at is not null or recorded_in_error_by is null)
      );
  `.execute(db);
}
