import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, type Agent } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import {
  ednaForm,
  entryIdFrom,
  partnerEvent,
  startEarlyIdApp,
  type EarlyIdFixture,
} from './early-identification-fixtures.js';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe.each(testEngines())('early identification: staff pages (%s)', (engine) => {
  let f: EarlyIdFixture;
  let priya: Agent;

  beforeAll(async () => {
    f = await startEarlyIdApp(engine, 944_100_000);
    priya = await signIn(f.t.app, 'priya.manager');
  }, 180_000);
  afterAll(async () => f?.t.close());

  const entryCount = async () =>
    Number(
      (
        await f.t.database.db
          .selectFrom('register_entry')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('shows every missing answer, keeps what was typed, then adds the entry with a trigger on the related person', async () => {
    const form = await f.sam.get(`/people/${f.edna.id}/early-identification/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${f.harold.id}"`);

    const empty = await f.sam.post(`/people/${f.edna.id}/early-identification/new`, {});
    expect(empty.statusCode).toBe(422);
    const body = decode(empty.body);
    for (const message of [
      'Select who referred them',
      'Enter why they are at risk if anything changes',
      'Select whether they have agreed to be on the register',
      'Enter who recorded the consent decision',
      'Enter date the consent decision was recorded',
      'Enter review date',
      'Add at least one trigger',
    ]) {
      expect(body).toContain(message);
    }
    expect(empty.body).toContain('href="#consentRecordedOn-day"');
    expect(empty.body).toContain('href="#triggers-0-eventType"');

    const halfway = await f.sam.post(
      `/people/${f.edna.id}/early-identification/new`,
      ednaForm(f.harold.id, {
        consent: 'not_given',
        'reviewDate-month': '13',
        'triggers-1-description': 'If Edna wanders at night',
      }),
    );
    expect(halfway.statusCode).toBe(422);
    const text = decode(halfway.body);
    expect(text).toContain('Enter why they are on the register without their consent');
    expect(text).toContain('Review date must be a real date');
    expect(text).toContain('Select what would trigger an alert');
    expect(text).toContain('If Edna wanders at night');
    expect(await entryCount()).toBe(0);

    const saved = await f.sam.post(`/people/${f.edna.id}/early-identification/new`, ednaForm(f.harold.id));
    const entryId = entryIdFrom(saved);
    const page = await f.sam.get(`/people/${f.edna.id}/early-identification/${entryId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('If Harold Jones is admitted to hospital');
    expect(page.body).toContain('Harold Jones');
    expect(page.body).toContain(`/people/${f.edna.id}/contingency-plans`);
    const list = await f.sam.get('/early-identification?patch=all');
    expect(list.body).toContain(`/people/${f.edna.id}/early-identification/${entryId}`);
    expect((await f.sam.get(`/people/${f.edna.id}/early-identification/new`)).body).toContain(
      `href="/people/${f.edna.id}/early-identification/${entryId}"`,
    );
  });

  it('audits one entry for the person on their entry page, and one naming everyone on the register list', async () => {
    const lastId = async () =>
      Number(
        (
          await f.t.database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.max('id').as('max'))
            .executeTakeFirstOrThrow()
        ).max ?? 0,
      );
    const auditedBy = async (url: string) => {
      const before = await lastId();
      expect((await f.sam.get(url)).statusCode).toBe(200);
      return f.t.database.db
        .selectFrom('audit_event')
        .select(['person_id', 'person_ids', 'actor_id'])
        .where('id', '>', before)
        .execute();
    };
    const entry = await f.t.database.db
      .selectFrom('register_entry')
      .select('id')
      .where('person_id', '=', f.edna.id)
      .executeTakeFirstOrThrow();
    const one = await auditedBy(`/people/${f.edna.id}/early-identification/${entry.id}`);
    expect(one).toEqual([{ person_id: f.edna.id, person_ids: null, actor_id: f.t.org.userIds['sam.practitioner'] }]);
    const listed = await auditedBy('/early-identification?patch=all');
    const onList = await f.t.database.db
      .selectFrom('register_entry')
      .select('person_id')
      .where('status', '=', 'active')
      .execute();
    expect(listed).toHaveLength(1);
    expect([...listed[0]!.person_ids!].sort()).toEqual([...new Set(onList.map((r) => r.person_id))].sort());
  });

  it('refuses a trigger naming someone outside the person’s network', async () => {
    const stranger = await createPersonThroughPages(f.sam, 'Stan', 'Ger', validNhsNumber(944_200_000));
    const res = await f.sam.post(`/people/${f.edna.id}/early-identification/new`, ednaForm(stranger));
    expect(res.statusCode).toBe(422);
    expect(decode(res.body)).toContain('Select someone from the person’s network');
  });

  it('refuses a stale edit and says what changed; closes with a reason; a closed entry raises no alerts', async () => {
    const entryId = entryIdFrom(
      await f.sam.post(
        `/people/${f.harold.id}/early-identification/new`,
        ednaForm(f.harold.id, {
          'triggers-0-relatedPersonId': '',
          'triggers-0-description': 'If Harold is admitted',
          reason: 'COPD',
        }),
      ),
    );
    const edit = await f.sam.get(`/people/${f.harold.id}/early-identification/${entryId}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="version" value="1"');
    const mine = ednaForm(f.harold.id, {
      version: '1',
      'triggers-0-relatedPersonId': '',
      'triggers-0-description': 'If Harold is admitted',
      reason: 'COPD, worse since October',
    });
    expect(
      (
        await priya.post(`/people/${f.harold.id}/early-identification/${entryId}/edit`, {
          ...mine,
          reason: 'COPD; now on oxygen',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await f.sam.post(`/people/${f.harold.id}/early-identification/${entryId}/edit`, mine);
    expect(stale.statusCode).toBe(409);
    expect(decode(stale.body)).toContain('Someone else changed this entry');
    expect(stale.body).toContain('COPD; now on oxygen');
    expect(stale.body).toContain('COPD, worse since October');
    const row = await f.t.database.db
      .selectFrom('register_entry')
      .select(['reason', 'version'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reason: 'COPD; now on oxygen', version: 2 });

    const noReason = await f.sam.post(`/people/${f.harold.id}/early-identification/${entryId}/close`, { version: '2' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Enter why the entry is being closed');
    expect(
      (
        await f.sam.post(`/people/${f.harold.id}/early-identification/${entryId}/close`, {
          version: '1',
          closedReason: 'Moved away',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await f.sam.post(`/people/${f.harold.id}/early-identification/${entryId}/close`, {
          version: '2',
          closedReason: 'Moved away',
        })
      ).statusCode,
    ).toBe(303);
    const res = await f.call(f.partner, '/api/v1/partner-events', partnerEvent(f.harold.nhs, 'closed-entry-check'));
    expect(res.statusCode).toBe(201);
    const alerts = await f.t.database.db
      .selectFrom('register_alert')
      .select('entry_id')
      .where('partner_event_id', '=', res.json().id)
      .execute();
    expect(alerts.map((a) => a.entry_id)).not.toContain(entryId);
  });

  it('answers 404 for a restricted person to staff not named on the record, and keeps them off the register list', async () => {
    const secret = await createPersonThroughPages(f.sam, 'Rita', 'Hidden', validNhsNumber(944_300_000));
    const entryId = entryIdFrom(
      await f.sam.post(
        `/people/${secret}/early-identification/new`,
        ednaForm(secret, { 'triggers-0-relatedPersonId': '', reason: 'Hidden reason text' }),
      ),
    );
    await f.t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', secret).execute();
    for (const agent of [f.sam, priya]) {
      expect((await agent.get(`/people/${secret}/early-identification/${entryId}`)).statusCode).toBe(404);
      expect((await agent.get(`/people/${secret}/early-identification/new`)).statusCode).toBe(404);
      expect(
        (
          await agent.post(`/people/${secret}/early-identification/${entryId}/close`, {
            version: '1',
            closedReason: 'x',
          })
        ).statusCode,
      ).toBe(404);
      expect((await agent.get('/early-identification?patch=all')).body).not.toContain('Hidden reason text');
    }
  });

  it('lets roles outside the case-working team nowhere near the register', async () => {
    const frank = await signIn(f.t.app, 'frank.finance');
    expect((await frank.get('/early-identification')).statusCode).toBe(403);
    expect((await frank.get(`/people/${f.edna.id}/early-identification/new`)).statusCode).toBe(403);
  });

  it('pages a long register: 50 at a time, the true total, links that keep the patch, and only the people shown audited', async () => {
    const db = f.t.database.db;
    const patch = await db
      .insertInto('team')
      .values({ org_id: f.t.org.orgId, name: 'Paging Marsh', is_patch: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < 55; i += 1) {
      const person = await db
        .insertInto('person')
        .values({
          org_id: f.t.org.orgId,
          council_person_id: `PG${String(i).padStart(5, '0')}`,
          given_name: `Pat${i}`,
          family_name: 'Pageworth',
          date_of_birth: '1940-01-01',
          patch_id: patch.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(person.id);
      await db
        .insertInto('register_entry')
        .values({
          org_id: f.t.org.orgId,
          person_id: person.id,
          source: 'staff',
          patch_id: patch.id,
          referrer_kind: 'gp',
          reason: 'Lives alone after a fall',
          consent: 'given',
          consent_recorded_by: 'Sam Okafor',
          consent_recorded_on: '2026-01-01',
          review_date: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
          status: 'active',
          updated_at: new Date(),
        })
        .execute();
    }
    const lastId = async () =>
      Number(
        (
          await db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.max('id').as('max'))
            .executeTakeFirstOrThrow()
        ).max ?? 0,
      );
    const before = await lastId();
    const first = await priya.get(`/early-identification?patch=${patch.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('On the register (55)');
    expect(first.body).toContain('Showing 1 to 50 of 55');
    expect(first.body.match(/Pageworth/g)?.length).toBe(50);
    expect(decode(first.body)).toContain(`/early-identification?patch=${patch.id}&review=all&page=2`);
    const audited = await db
      .selectFrom('audit_event')
      .select('person_ids')
      .where('id', '>', before)
      .where('action', '=', 'register.list')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.person_ids).toHaveLength(50);
    const second = await priya.get(`/early-identification?patch=${patch.id}&review=all&page=2`);
    expect(second.body).toContain('Showing 51 to 55 of 55');
    expect(second.body.match(/Pageworth/g)?.length).toBe(5);
    const beyond = await priya.get(`/early-identification?patch=${patch.id}&review=all&page=9`);
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('There are no more entries');
    const nonsense = await priya.get(`/early-identification?patch=${patch.id}&page=abc`);
    expect(nonsense.body).toContain('Showing 1 to 50 of 55');
  });
});
