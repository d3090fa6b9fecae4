import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { todayInLondon } from '../../src/platform/dates.js';
import {
  ednaForm,
  entryIdFrom,
  partnerEvent,
  startEarlyIdApp,
  type EarlyIdFixture,
} from './early-identification-fixtures.js';

/** A contingency plan for one situation, with a helper and planned support. */
function planForm(): Record<string, string> {
  return {
    'situations-0-situation': 'If Harold is admitted to hospital',
    'situations-0-whatShouldHappen':
      'Carol stays at the house for the first nights. Home support twice a day for Mabel.',
    wants: 'To stay at home with her own things around her',
    doesNotWant: 'No respite bed unless Carol cannot stay',
    // Not in the network yet: saving the plan adds her to it (issue 11).
    'helpers-0-relationshipId': 'new',
    'helpers-0-relationshipType': 'daughter',
    'helpers-0-name': 'Carol Handoff',
    'helpers-0-phone': '07700 900 321',
    'helpers-0-does': 'Stays with Mabel and does the evening routine',
    'support-0-what': 'Home support visits morning and evening',
    'support-0-providedBy': 'Fenland Home Care',
    agreedWithPerson: 'yes',
    'agreedOn-day': '2',
    'agreedOn-month': '3',
    'agreedOn-year': '2026',
    'reviewDate-day': '2',
    'reviewDate-month': '9',
    'reviewDate-year': '2099',
  };
}

describe.each(testEngines())('crisis: episodes from partner events and plan activations (%s)', (engine) => {
  let f: EarlyIdFixture;
  let patchId: string;

  const db = () => f.t.database.db;
  const episodesOf = (personId: string) =>
    db().selectFrom('crisis_episode').selectAll().where('person_id', '=', personId).execute();
  const episodesFrom = (sourceId: string) =>
    db().selectFrom('crisis_episode').selectAll().where('source_id', '=', sourceId).execute();
  /** A person with a register entry whose trigger is their own admission. */
  const onRegister = async (given: string, nhs: string) => {
    const id = await createPersonThroughPages(f.sam, given, 'Handoff', nhs);
    entryIdFrom(
      await f.sam.post(
        `/people/${id}/early-identification/new`,
        ednaForm('', {
          patchId,
          'triggers-0-relatedPersonId': '',
          'triggers-0-description': 'If admitted to hospital',
        }),
      ),
    );
    return id;
  };

  /** The key of the plan's first situation, as the activation form offers it. */
  const situationKey = async (personId: string) => {
    const form = await f.sam.get(`/people/${personId}/contingency-plans/activate`);
    const key =
      /name="situationKey" type="radio" value="([^"]+)"/.exec(form.body)?.[1] ??
      /value="([^"]+)"[^>]*name="situationKey"/.exec(form.body)?.[1];
    expect(key).toBeTruthy();
    return key!;
  };

  beforeAll(async () => {
    f = await startEarlyIdApp(engine, 947_100_000);
    patchId = f.t.org.patchIds['Fenland North']!;
    entryIdFrom(await f.sam.post(`/people/${f.edna.id}/early-identification/new`, ednaForm(f.harold.id, { patchId })));
  }, 180_000);
  afterAll(async () => f?.t.close());

  it('opens one episode for the person the alert is for when a partner reports the carer’s admission, never twice', async () => {
    const res = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'CRISIS-ADM-1'));
    expect(res.statusCode).toBe(201);
    const eventId = res.json().id as string;
    const [episode] = await episodesOf(f.edna.id);
    expect(episode).toMatchObject({
      source: 'partner_event',
      source_id: eventId,
      status: 'open',
      urgency_key: 'within_4_hours',
      patch_id: patchId,
      lead_worker_id: null,
      referred_by: 'Fenshire Hospitals NHS Foundation Trust',
    });
    expect(episode!.referral_reason).toContain('If Harold Jones is admitted to hospital');
    expect(await episodesOf(f.harold.id)).toEqual([]);
    const request = await db()
      .selectFrom('person_event')
      .selectAll()
      .where('id', '=', episode!.cld_request_event_id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      person_id: f.edna.id,
      event_type: 'Request',
      route_of_access: 'Community / Other route',
      event_outcome: null,
      source_module: 'crisis',
    });
    const audit = await db()
      .selectFrom('audit_event')
      .select(['actor_kind', 'resource_id'])
      .where('action', '=', 'crisis-episode.open')
      .where('person_id', '=', f.edna.id)
      .execute();
    expect(audit).toEqual([{ actor_kind: 'api_token', resource_id: episode!.id }]);

    const page = await f.sam.get(`/crisis/episodes/${episode!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Admitted to hospital (someone they depend on), reported by Fenshire Hospitals NHS Foundation Trust',
    );
    expect(page.body).toMatch(/href="\/early-identification\/alerts\/[0-9a-f-]{36}"/);
    expect(page.body).toContain('Not yet allocated');

    const again = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'CRISIS-ADM-1'));
    expect(again.statusCode).toBe(200);
    // A new admission while Edna's episode is still open joins nothing new: one open episode per person.
    expect(
      (await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'CRISIS-ADM-2'))).statusCode,
    ).toBe(201);
    expect(await episodesOf(f.edna.id)).toHaveLength(1);
  });

  it('S1: activating Edna’s plan after the hospital’s call joins the episode the call opened and fills it from the plan', async () => {
    const [before] = await episodesOf(f.edna.id);
    expect(before!.prefill).toBeNull();
    expect((await f.sam.post(`/people/${f.edna.id}/contingency-plans/new`, planForm())).statusCode).toBe(303);
    // The episode page offers the plan's activation, the one flow there is.
    const activate = `href="/people/${f.edna.id}/contingency-plans/activate"`;
    expect((await f.sam.get(`/crisis/episodes/${before!.id}`)).body).toContain(activate);
    const alertsOpen = () =>
      db()
        .selectFrom('register_alert')
        .select(['id', 'status', 'acknowledged_by', 'acknowledged_note'])
        .where('person_id', '=', f.edna.id)
        .orderBy('id')
        .execute();
    const alerts = await alertsOpen();
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.status === 'open')).toBe(true);
    const key = await situationKey(f.edna.id);
    const activated = await f.sam.post(`/people/${f.edna.id}/contingency-plans/activate`, {
      situationKey: key,
      note: 'Hospital called about Harold',
    });
    expect(activated.statusCode).toBe(303);
    const shown = (await f.sam.get(activated.headers.location as string)).body;
    expect(shown).toContain('The plan has been activated and added to the crisis episode already open');
    expect(shown).not.toContain('a crisis episode opened');
    // The register's alert is acknowledged as its own page does it, by who activated the plan, and audited.
    expect(await alertsOpen()).toEqual(
      alerts.map((a) => ({
        id: a.id,
        status: 'acknowledged',
        acknowledged_by: f.t.org.userIds['sam.practitioner'],
        acknowledged_note: 'Contingency plan activated: crisis work started',
      })),
    );
    const acknowledged = await db()
      .selectFrom('audit_event')
      .select('resource_id')
      .where('action', '=', 'register-alert.acknowledge')
      .where('person_id', '=', f.edna.id)
      .execute();
    expect(acknowledged.map((a) => a.resource_id).sort()).toEqual(alerts.map((a) => a.id).sort());
    expect((await f.sam.get(`/crisis/episodes/${before!.id}`)).body).not.toContain(activate);
    const activation = await db()
      .selectFrom('contingency_plan_activation')
      .selectAll()
      .where('person_id', '=', f.edna.id)
      .executeTakeFirstOrThrow();
    expect(activation).toMatchObject({ status: 'crisis_episode_opened', crisis_episode_id: before!.id });
    const [after] = await episodesOf(f.edna.id);
    expect(after).toMatchObject({
      id: before!.id,
      source: 'partner_event',
      version: before!.version + 1,
      wants: 'To stay at home with her own things around her',
    });
    expect(after!.prefill).toMatchObject({ situation: { key } });
    expect(await db().selectFrom('crisis_action').select('who').where('episode_id', '=', before!.id).execute()).toEqual(
      [{ who: 'Carol Handoff (07700 900 321)' }],
    );
    expect((await f.sam.get(`/crisis/episodes/${before!.id}`)).body).toContain(
      'From the contingency plan agreed on 2 March 2026',
    );
    expect(await episodesOf(f.edna.id)).toHaveLength(1);
  });

  it('opening an episode by referral acknowledges the person’s open register alert, audited', async () => {
    const ivy = await onRegister('Ivy', validNhsNumber(947_650_000));
    const ivyNhs = (
      await db().selectFrom('person').select('nhs_number').where('id', '=', ivy).executeTakeFirstOrThrow()
    ).nhs_number!;
    expect((await f.call(f.partner, '/api/v1/partner-events', partnerEvent(ivyNhs, 'CRISIS-ADM-IVY'))).statusCode).toBe(
      201,
    );
    // The event's own episode has ended, but nobody has acted on the alert yet.
    await db()
      .updateTable('crisis_episode')
      .set({
        status: 'closed',
        closed_at: new Date(),
        closed_on: todayInLondon().toString(),
        close_route: 'other',
        what_followed: 'support_declined',
        event_outcome: 'NFA: Support declined',
      })
      .where('person_id', '=', ivy)
      .execute();
    const alert = () =>
      db().selectFrom('register_alert').select(['id', 'status']).where('person_id', '=', ivy).executeTakeFirstOrThrow();
    expect((await alert()).status).toBe('open');
    const at = new Date(Date.now() - 30 * 60_000);
    const london = at.toLocaleString('en-GB', { timeZone: 'Europe/London', hour12: false }).split(', ');
    const [d, m, y] = london[0]!.split('/');
    const res = await f.sam.post(`/people/${ivy}/crisis/new`, {
      referredBy: 'Carol Jones (daughter)',
      referralReason: 'Alone at home',
      'referredAt-day': String(Number(d)),
      'referredAt-month': String(Number(m)),
      'referredAt-year': y!,
      referredAtTime: london[1]!.slice(0, 5),
      urgencyKey: 'within_4_hours',
      patchId,
      leadWorkerId: '',
      routeOfAccess: 'Community / Other route',
    });
    expect(res.statusCode, res.body).toBe(303);
    const { id, status } = await alert();
    expect(status).toBe('acknowledged');
    expect(
      await db()
        .selectFrom('audit_event')
        .select('action')
        .where('resource_id', '=', id)
        .where('action', '=', 'register-alert.acknowledge')
        .execute(),
    ).toHaveLength(1);
  });

  it('holds an event for an unknown NHS number without an episode, and opens one when staff match it', async () => {
    const iris = await onRegister('Iris', validNhsNumber(947_300_000));
    const unknown = validNhsNumber(947_900_000);
    const held = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(unknown, 'CRISIS-HELD-1'));
    expect(held.statusCode).toBe(201);
    const eventId = held.json().id as string;
    expect(await episodesFrom(eventId)).toEqual([]);
    const council = await db()
      .selectFrom('person')
      .select('council_person_id')
      .where('id', '=', iris)
      .executeTakeFirstOrThrow();
    const matched = await f.sam.post(`/early-identification/unmatched/events/${eventId}`, {
      identifier: council.council_person_id,
    });
    expect(matched.statusCode).toBe(303);
    expect(await episodesOf(iris)).toEqual([
      expect.objectContaining({ source: 'partner_event', source_id: eventId, patch_id: patchId }),
    ]);
  });

  it('opens nothing for an admission of someone not on the register, but does for a carer breakdown', async () => {
    const nobody = validNhsNumber(947_400_000);
    const jack = await createPersonThroughPages(f.sam, 'Jack', 'Handoff', nobody);
    expect(
      (await f.call(f.partner, '/api/v1/partner-events', partnerEvent(nobody, 'CRISIS-ADM-JACK'))).statusCode,
    ).toBe(201);
    expect(await episodesOf(jack)).toEqual([]);
    const breakdown = await f.call(
      f.partner,
      '/api/v1/partner-events',
      partnerEvent(nobody, 'CRISIS-BREAK-JACK', 'carer_breakdown'),
    );
    expect(breakdown.statusCode).toBe(201);
    expect(await episodesOf(jack)).toEqual([
      expect.objectContaining({ source_id: breakdown.json().id, lead_worker_id: null }),
    ]);
  });

  it('opens an episode pre-filled from an activated contingency plan, and a second activation joins the same episode', async () => {
    const mabel = await createPersonThroughPages(f.sam, 'Mabel', 'Handoff', validNhsNumber(947_500_000));
    expect((await f.sam.post(`/people/${mabel}/contingency-plans/new`, planForm())).statusCode).toBe(303);
    const key = await situationKey(mabel);
    const activated = await f.sam.post(`/people/${mabel}/contingency-plans/activate`, {
      situationKey: key,
      note: 'The hospital called: Harold admitted overnight',
    });
    expect(activated.statusCode).toBe(303);
    const activation = await db()
      .selectFrom('contingency_plan_activation')
      .selectAll()
      .where('person_id', '=', mabel)
      .executeTakeFirstOrThrow();
    const [episode] = await episodesOf(mabel);
    expect(episode).toMatchObject({
      source: 'plan_activation',
      source_id: activation.id,
      lead_worker_id: f.t.org.userIds['sam.practitioner'],
      urgency_key: 'within_4_hours',
      wants: 'To stay at home with her own things around her',
      goals: ['Carol stays at the house for the first nights. Home support twice a day for Mabel.'],
    });
    expect(episode!.prefill).toMatchObject({
      situation: { key },
      doesNotWant: 'No respite bed unless Carol cannot stay',
      support: [{ what: 'Home support visits morning and evening' }],
    });
    expect(activation).toMatchObject({
      status: 'crisis_episode_opened',
      crisis_episode_id: episode!.id,
      crisis_episode_href: `/crisis/episodes/${episode!.id}`,
    });
    const actions = await db()
      .selectFrom('crisis_action')
      .select(['description', 'who'])
      .where('episode_id', '=', episode!.id)
      .execute();
    expect(actions).toEqual([
      { description: 'Stays with Mabel and does the evening routine', who: 'Carol Handoff (07700 900 321)' },
    ]);
    expect(
      await db().selectFrom('crisis_service').select('id').where('episode_id', '=', episode!.id).execute(),
    ).toEqual([]);

    const activationPage = await f.sam.get(activated.headers.location as string);
    expect(activationPage.body).toContain(`href="/crisis/episodes/${episode!.id}"`);
    const page = await f.sam.get(`/crisis/episodes/${episode!.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'From the contingency plan agreed on 2 March 2026',
      'Planned in the contingency plan',
      'Fenland Home Care',
      'Stays with Mabel and does the evening routine',
      `/contingency-plans/activations/${activation.id}`,
    ]) {
      expect(page.body).toContain(text);
    }

    const second = await f.sam.post(`/people/${mabel}/contingency-plans/activate`, {
      situationKey: key,
      note: 'Called again',
    });
    expect(second.statusCode).toBe(303);
    const activations = await db()
      .selectFrom('contingency_plan_activation')
      .select(['crisis_episode_id'])
      .where('person_id', '=', mabel)
      .execute();
    expect(activations).toEqual([{ crisis_episode_id: episode!.id }, { crisis_episode_id: episode!.id }]);
    expect(await episodesOf(mabel)).toHaveLength(1);
  });
});
