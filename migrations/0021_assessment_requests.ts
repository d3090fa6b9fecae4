import { sql, type Kysely } from 'kysely';

/**
 * Issue 13 §1: asking for a tier 3 assessment. One row per request, whichever way it came in: a
 * practitioner after a conversation, a crisis episode closed as "step up", a partner's API call, or a
 * carer asking for their own assessment. (source_module, source_id) is unique per council, so a
 * conversation, an episode or a partner's reference opens at most one request, however often it is sent.
 *
 * Until now the waiting list was read from the conversations and crisis tables; the requests they
 * implied are written here once, so the worklist reads one table. The CLD Request event each already
 * wrote is the request's own event (no second one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_request (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      patch_id uuid references team(id),
      kind text not null check (kind in ('care_needs', 'carer')),
      came_from text not null check (came_from in ('conversation', 'crisis_step_up', 'partner', 'carer_asked', 'practitioner')),
      source_module text,
      source_id text,
      referred_by text,
      reason text not null,
      received_on date not null,
      status text not null default 'waiting' check (status in ('waiting', 'closed')),
      closed_reason text,
      closed_on date,
      cld_request_event_id uuid references person_event(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid,
      check ((source_module is null) = (source_id is null)),
      check (status = 'waiting' or (closed_reason is not null and closed_on is not null))
    );
    create unique index assessment_request_source on assessment_request (org_id, source_module, source_id)
      where source_id is not null;
    create index assessment_request_waiting on assessment_request (org_id, status, received_on, id);
    create index assessment_request_person on assessment_request (person_id, received_on desc);

    alter table assessment_request enable row level security;
    create policy org_isolation on assessment_request
      using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
      with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
    grant select, insert, update on assessment_request to tl_app;

    insert into assessment_request
      (org_id, person_id, patch_id, kind, came_from, source_module, source_id, reason, received_on,
       cld_request_event_id, created_at, created_by)
    select c.org_id, c.person_id, c.patch_id, 'care_needs', 'conversation', 'conversations', c.id::text,
           coalesce(nullif(c.outcome_notes, ''), c.what_matters), c.held_on,
           (select e.id from person_event e where e.source_module = 'conversations' and e.source_id = c.id
              and e.event_type = 'Request' and e.recorded_in_error_at is null order by e.created_at limit 1),
           c.created_at, c.created_by
      from conversation c
     where c.outcome = 'Progress to assessment, review or reassessment';

    insert into assessment_request
      (org_id, person_id, patch_id, kind, came_from, source_module, source_id, reason, received_on,
       cld_request_event_id, created_at, created_by)
    select e.org_id, e.person_id, e.patch_id, 'care_needs', 'crisis_step_up', 'crisis', e.id::text,
           coalesce(nullif(e.step_up_reason, ''), 'Stepped up from a crisis episode'), e.closed_on,
           coalesce(e.cld_request_event_id,
             (select r.id from person_event r where r.source_module = 'crisis' and r.source_id = e.id
                and r.event_type = 'Request' and r.recorded_in_error_at is null order by r.created_at limit 1)),
           coalesce(e.closed_at, e.created_at), e.closed_by
      from crisis_episode e
     where e.status = 'closed' and e.close_route = 'step_up';
  `.execute(db);
}
