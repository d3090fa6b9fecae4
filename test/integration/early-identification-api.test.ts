import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { issueToken } from '../helpers/matrix.js';
import { validNhsNumber } from '../helpers/people.js';
import { onPartnerEvent, type PartnerEventMatched } from '../../src/modules/early-identification/index.js';
import {
  ednaForm,
  entryIdFrom,
  partnerEvent,
  referral,
  startEarlyIdApp,
  type EarlyIdFixture,
} from './early-identification-fixtures.js';

describe.each(testEngines())('early identification: partner API and alerts (%s)', (engine) => {
  let f: EarlyIdFixture;
  let ednaEntry: string;
  const heard: PartnerEventMatched[] = [];

  beforeAll(async () => {
    f = await startEarlyIdApp(engine, 945_100_000);
    ednaEntry = entryIdFrom(await f.sam.post(`/people/${f.edna.id}/early-identification/new`, ednaForm(f.harold.id)));
    onPartnerEvent(f.t.app, async (tx, matched) => {
      // Runs in the matching transaction: what it reads there is what will be committed.
      const alerts = await tx
        .selectFrom('register_alert')
        .select('id')
        .where('partner_event_id', '=', matched.event.id)
        .execute();
      expect(alerts.length).toBe(matched.alerts.length);
      heard.push(matched);
    });
  }, 180_000);
  afterAll(async () => f?.t.close());

  const db = () => f.t.database.db;
  const alertsFor = (eventId: string) =>
    db()
      .selectFrom('register_alert')
      .select(['entry_id', 'person_id', 'trigger_id'])
      .where('partner_event_id', '=', eventId)
      .execute();
  const rows = (table: 'partner_event' | 'register_entry', externalId: string) =>
    db().selectFrom(table).select('id').where('external_id', '=', externalId).execute();

  it('takes a referral from a partner, once per external id, and holds one for an unknown NHS number until staff match it', async () => {
    const first = await f.call(
      f.partner,
      '/api/v1/register-referrals',
      referral(f.harold.nhs, 'GP-REF-1', {
        triggers: [
          { event_type: 'admission', description: 'If admitted to hospital' },
          { event_type: 'fall', description: 'If he falls' },
        ],
      }),
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ external_id: 'GP-REF-1', status: 'on_register' });
    const again = await f.call(f.partner, '/api/v1/register-referrals', referral(f.harold.nhs, 'GP-REF-1'));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await rows('register_entry', 'GP-REF-1')).toHaveLength(1);

    const fields = async (body: unknown) => {
      const res = await f.call(f.partner, '/api/v1/register-referrals', body);
      expect(res.statusCode).toBe(422);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await fields(referral('123', null))).toEqual(['nhs_number']);
    expect(
      await fields(
        referral(f.harold.nhs, null, { consent: { status: 'not_given', recorded_by: 'x', recorded_on: '2026-10-01' } }),
      ),
    ).toEqual(['consent-not_given_reason']);
    expect(
      await fields(
        referral(f.harold.nhs, null, {
          triggers: [{ event_type: 'admission', description: 'x', related_nhs_number: validNhsNumber(945_700_000) }],
        }),
      ),
    ).toEqual(['triggers-0-related_nhs_number']);

    const unknown = validNhsNumber(945_900_000);
    const held = await f.call(f.partner, '/api/v1/register-referrals', referral(unknown, 'GP-REF-2'));
    expect(held.json()).toMatchObject({ status: 'held_for_matching' });
    const list = await f.sam.get('/early-identification/unmatched');
    expect(list.body).toContain(`/early-identification/unmatched/referrals/${held.json().id}`);
    const wrong = await f.sam.post(`/early-identification/unmatched/referrals/${held.json().id}`, {
      identifier: 'P9999999',
    });
    expect(wrong.statusCode).toBe(422);
    const council = await db()
      .selectFrom('person')
      .select('council_person_id')
      .where('id', '=', f.harold.id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await f.sam.post(`/early-identification/unmatched/referrals/${held.json().id}`, {
          identifier: council.council_person_id,
        })
      ).statusCode,
    ).toBe(303);
    const entry = await db()
      .selectFrom('register_entry')
      .select(['person_id', 'status'])
      .where('id', '=', held.json().id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ person_id: f.harold.id, status: 'active' });
  });

  it('raises an alert on the person’s own entries and, through the trigger naming him, on his wife’s entry', async () => {
    const res = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'ADM-1'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ external_id: 'ADM-1', status: 'recorded' });
    const alerts = await alertsFor(res.json().id);
    expect(alerts.filter((a) => a.person_id === f.edna.id).map((a) => a.entry_id)).toEqual([ednaEntry]);
    expect(alerts.filter((a) => a.person_id === f.harold.id)).toHaveLength(2);
    expect(alerts.every((a) => a.trigger_id !== null)).toBe(true);
    expect(heard.map((h) => h.event.external_id)).toContain('ADM-1');

    const audit = await db()
      .selectFrom('audit_event')
      .select(['person_id', 'actor_kind', 'action'])
      .where('action', 'in', ['partner-event.receive', 'register-alert.raise'])
      .execute();
    expect(audit.every((a) => a.actor_kind === 'api_token')).toBe(true);
    expect(audit.map((a) => a.person_id)).toEqual(expect.arrayContaining([f.harold.id, f.edna.id]));

    const register = await f.sam.get('/early-identification?patch=all');
    const ednaAlert = (
      await db()
        .selectFrom('register_alert')
        .select('id')
        .where('partner_event_id', '=', res.json().id)
        .where('person_id', '=', f.edna.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(register.body).toContain(`/early-identification/alerts/${ednaAlert}`);
    const page = await f.sam.get(`/early-identification/alerts/${ednaAlert}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/people/${f.edna.id}/contingency-plans"`);
    expect(page.body).toContain('If Harold Jones is admitted to hospital');
    expect(
      (await f.sam.post(`/early-identification/alerts/${ednaAlert}/acknowledge`, { note: 'Rang Carol; plan started' }))
        .statusCode,
    ).toBe(303);
    const after = await db()
      .selectFrom('register_alert')
      .select(['status', 'acknowledged_note'])
      .where('id', '=', ednaAlert)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'acknowledged', acknowledged_note: 'Rang Carol; plan started' });
    expect((await f.sam.get('/early-identification?patch=all')).body).not.toContain(
      `/early-identification/alerts/${ednaAlert}`,
    );
  });

  it('records the same external id once, including two posts at the same moment', async () => {
    const again = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'ADM-1'));
    expect(again.statusCode).toBe(200);
    expect(await rows('partner_event', 'ADM-1')).toHaveLength(1);
    const both = await Promise.all(
      [1, 2].map(() => f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'RACE-1', 'fall'))),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    expect(await rows('partner_event', 'RACE-1')).toHaveLength(1);
    expect(await alertsFor(both[0]!.json().id)).toHaveLength(2);
  });

  it('holds an event for an unknown NHS number, never drops it, and raises the alert once staff match it', async () => {
    const unknown = validNhsNumber(945_800_000);
    const res = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(unknown, 'FALL-UNKNOWN', 'fall'));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('held_for_matching');
    const page = await f.sam.get('/early-identification/unmatched');
    expect(page.body).toContain(`/early-identification/unmatched/events/${res.json().id}`);
    const empty = await f.sam.post(`/early-identification/unmatched/events/${res.json().id}`, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter the council person ID or NHS number');
    expect(
      (await f.sam.post(`/early-identification/unmatched/events/${res.json().id}`, { identifier: f.edna.nhs }))
        .statusCode,
    ).toBe(303);
    expect((await alertsFor(res.json().id)).map((a) => a.entry_id)).toEqual([ednaEntry]);
    expect((await f.sam.get('/early-identification/unmatched')).body).not.toContain(res.json().id);
    expect(
      (await f.sam.post(`/early-identification/unmatched/events/${res.json().id}`, { identifier: f.edna.nhs }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a token without the scope (403) and records nothing', async () => {
    expect((await f.call(f.reader, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'NOPE'))).statusCode).toBe(403);
    expect((await f.call(f.reader, '/api/v1/register-referrals', referral(f.harold.nhs, 'NOPE'))).statusCode).toBe(403);
    expect(await rows('partner_event', 'NOPE')).toHaveLength(0);
  });

  it('keeps another organisation’s token away from our people: its events are held in its own organisation', async () => {
    const other = await seedOrganisation(db(), {
      council: { name: 'Other Council', kind: 'council', ods_code: 'OTH0001' },
      accounts: [],
    });
    const token = (await issueToken(db(), other.orgId, ['partner-events:write', 'register:write'])).token;
    const res = await f.call(token, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'ADM-1'));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('held_for_matching');
    const stored = await db()
      .selectFrom('partner_event')
      .select(['org_id', 'person_id'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ org_id: other.orgId, person_id: null });
    expect(await alertsFor(res.json().id)).toEqual([]);
    const ref = await f.call(token, '/api/v1/register-referrals', referral(f.edna.nhs, null));
    expect(ref.json().status).toBe('held_for_matching');
    expect((await f.sam.get('/early-identification/unmatched')).body).not.toContain(res.json().id);
  });

  it('holds a partner event for a restricted record: a token never sees one', async () => {
    await db().updateTable('person').set({ restricted: true }).where('id', '=', f.edna.id).execute();
    try {
      const res = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.edna.nhs, 'RESTRICTED-1', 'fall'));
      expect(res.json().status).toBe('held_for_matching');
      expect(
        (
          await f.sam.get(
            `/early-identification/alerts/${(await db().selectFrom('register_alert').select('id').where('person_id', '=', f.edna.id).executeTakeFirstOrThrow()).id}`,
          )
        ).statusCode,
      ).toBe(404);
    } finally {
      await db().updateTable('person').set({ restricted: false }).where('id', '=', f.edna.id).execute();
    }
  });

  it('documents both operations in the OpenAPI document, with 200 for a repeat', async () => {
    const doc = (await f.t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/partner-events', '/api/v1/register-referrals']) {
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['200', '201', '422']));
    }
  });
});
