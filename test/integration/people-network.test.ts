import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { formatNhsNumber } from '../../src/platform/identifiers/nhs-number.js';

const createPerson = createPersonThroughPages;

describe.each(testEngines())('network, communication chart and events (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent;
  let ednaId: string, haroldId: string, ruthId: string, hiddenId: string;
  const haroldNhs = validNhsNumber(403000101);
  const hiddenNhs = validNhsNumber(403000301);

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, bea] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'bea.broker')]);
    ednaId = await createPerson(sam, 'Edna', 'Jones', validNhsNumber(403000001));
    haroldId = await createPerson(sam, 'Harold', 'Jones', haroldNhs);
    ruthId = await createPerson(sam, 'Ruth', 'Jones', validNhsNumber(403000201));
    hiddenId = await createPerson(sam, 'Hidden', 'Person', hiddenNhs);
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
  });
  afterAll(async () => t?.close());

  describe('relationships', () => {
    const linkForm = {
      who: 'person',
      relationshipType: 'spouse-or-partner',
      roles: 'otherProvidesCare',
      carerLabel: 'declined',
    };

    it('shows the form to caseworkers only', async () => {
      const page = await sam.get(`/people/${ednaId}/relationships/new`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Do they want to be called a carer?');
      expect(page.body).toMatch(/Provides care to Edna\s*<\/label>/);
      expect((await bea.get(`/people/${ednaId}/relationships/new`)).statusCode).toBe(403);
    });

    it('explains every missing answer', async () => {
      const res = await sam.post(`/people/${ednaId}/relationships/new`, {});
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('href="#who"');
      expect(res.body).toContain('href="#relationshipType"');
      const noId = await sam.post(`/people/${ednaId}/relationships/new`, { ...linkForm, relatedIdentifier: '' });
      expect(noId.statusCode).toBe(422);
      expect(noId.body).toContain('Enter their council person ID or NHS number');
      const noName = await sam.post(`/people/${ednaId}/relationships/new`, {
        who: 'contact',
        relationshipType: 'friend',
        contactEmail: 'not-an-email',
      });
      expect(noName.statusCode).toBe(422);
      expect(noName.body).toContain('Enter their name');
      expect(noName.body).toContain('Enter an email address in the correct format');
    });

    it('does not find someone who is not there, who is restricted, or the person themselves', async () => {
      for (const [identifier, message] of [
        ['P9999999', 'No one with that council person ID or NHS number was found'],
        [hiddenNhs, 'No one with that council person ID or NHS number was found'],
      ] as const) {
        const res = await sam.post(`/people/${ednaId}/relationships/new`, {
          ...linkForm,
          relatedIdentifier: identifier,
        });
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain(message);
      }
      const self = await t.database.db
        .selectFrom('person')
        .select('council_person_id')
        .where('id', '=', ednaId)
        .executeTakeFirstOrThrow();
      const res = await sam.post(`/people/${ednaId}/relationships/new`, {
        ...linkForm,
        relatedIdentifier: self.council_person_id,
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('not this person’s');
      expect(await t.database.db.selectFrom('relationship').selectAll().execute()).toEqual([]);
    });

    it('links Harold by NHS number as providing care without calling him a carer (S1), shown on both records', async () => {
      const res = await sam.post(`/people/${ednaId}/relationships/new`, {
        ...linkForm,
        relatedIdentifier: formatNhsNumber(haroldNhs),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/people/${ednaId}/network`);
      const edna = await sam.get(`/people/${ednaId}/network`);
      expect(edna.body).toContain(`href="/people/${haroldId}">Harold Jones</a>`);
      expect(edna.body).toContain('Provides care (does not want to be called a carer)');
      expect(edna.body).toContain('Harold Jones has been added to their network');
      const harold = await sam.get(`/people/${haroldId}/network`);
      expect(harold.body).toContain(`href="/people/${ednaId}">Edna Jones</a>`);
      expect(harold.body).toContain('Provides care to Edna (does not want to be called a carer)');
      expect(harold.body).not.toMatch(/Carer for Edna/);
      const row = await t.database.db
        .selectFrom('relationship')
        .selectAll()
        .where('person_id', '=', ednaId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        related_person_id: haroldId,
        other_provides_care: true,
        other_receives_care: false,
        carer_label: 'declined',
        contact_name: null,
      });
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('person_id')
        .where('action', '=', 'relationship.create')
        .execute();
      expect(audit.map((a) => a.person_id).sort()).toEqual([ednaId, haroldId].sort());
    });

    it('shows Edna once on Harold’s record when both records hold the relationship (issue 11)', async () => {
      const res = await sam.post(`/people/${haroldId}/relationships/new`, {
        who: 'person',
        relationshipType: 'spouse-or-partner',
        roles: 'otherReceivesCare',
        relatedIdentifier: formatNhsNumber(validNhsNumber(403000001)),
      });
      expect(res.statusCode).toBe(303);
      const harold = await sam.get(`/people/${haroldId}/network`);
      expect(harold.body.split(`href="/people/${ednaId}">Edna Jones</a>`)).toHaveLength(2);
      expect(harold.body).not.toContain('as recorded on');
      expect(harold.body).toContain('Is cared for, Provides care to Edna (does not want to be called a carer)');
      const edna = await sam.get(`/people/${ednaId}/network`);
      expect(edna.body.split(`href="/people/${haroldId}">Harold Jones</a>`)).toHaveLength(2);
    });

    it('links by council person ID too', async () => {
      const ruth = await t.database.db
        .selectFrom('person')
        .select('council_person_id')
        .where('id', '=', ruthId)
        .executeTakeFirstOrThrow();
      const res = await sam.post(`/people/${ednaId}/relationships/new`, {
        who: 'person',
        relatedIdentifier: ruth.council_person_id.toLowerCase(),
        relationshipType: 'daughter', // A repeated form field (two checkboxes ticked); the agent's type allows only strings.
        roles: ['inCircleOfSupport', 'isKeyContact'] as unknown as string,
        carerLabel: 'not_asked',
      });
      expect(res.statusCode).toBe(303);
      const ruthPage = await sam.get(`/people/${ruthId}/network`);
      expect(ruthPage.body).toContain('In Edna’s circle of support, Key contact for Edna');
    });

    it('adds an external contact with phone number', async () => {
      const res = await sam.post(`/people/${ednaId}/relationships/new`, {
        who: 'contact',
        contactName: 'Mrs Patel',
        contactPhone: '01234 567890',
        contactEmail: 'patel@example.com',
        relationshipType: 'neighbour',
        roles: 'isKeyContact',
      });
      expect(res.statusCode).toBe(303);
      const edna = await sam.get(`/people/${ednaId}/network`);
      expect(edna.body).toContain('<strong>Mrs Patel</strong> – Neighbour');
      expect(edna.body).toContain('Phone: 01234 567890');
    });

    it('does not show a restricted record’s network on the records of people in it', async () => {
      await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', ednaId).execute();
      const harold = await sam.get(`/people/${haroldId}/network`);
      expect(harold.body).not.toContain('Edna');
      // Nor among the key contacts on his summary.
      expect((await sam.get(`/people/${haroldId}`)).body).not.toContain('Edna');
      await t.database.db.updateTable('person').set({ restricted: false }).where('id', '=', ednaId).execute();
    });
  });

  describe('communication chart', () => {
    it('asks for all four parts', async () => {
      const res = await sam.post(`/people/${ednaId}/communication/new`, { atThisTime: 'In the morning' });
      expect(res.statusCode).toBe(422);
      for (const field of ['personDoes', 'weThinkItMeans', 'weShould']) expect(res.body).toContain(`href="#${field}"`);
      expect(res.body).not.toContain('href="#atThisTime"');
      expect(res.body).toContain('In the morning'); // what was typed is kept
    });

    it('adds a row, shown on the record with a link from the banner', async () => {
      expect((await sam.get(`/people/${ednaId}/communication/new`)).body).toContain('Edna does this');
      const res = await sam.post(`/people/${ednaId}/communication/new`, {
        atThisTime: 'When we help her dress',
        personDoes: 'Pushes your hand away',
        weThinkItMeans: 'She wants to choose',
        weShould: 'Offer two outfits',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/people/${ednaId}/details#communication`);
      const edna = await sam.get(`/people/${ednaId}/details`);
      expect(edna.body).toContain('<td class="govuk-table__cell">Pushes your hand away</td>');
      expect(edna.body).toContain(`href="/people/${ednaId}/details#communication">See how Edna Jones communicates`);
      // The summary gives the chart's gist: what she does and what we should do.
      expect((await sam.get(`/people/${ednaId}`)).body).toContain('Pushes your hand away: Offer two outfits');
      expect(
        (
          await bea.post(`/people/${ednaId}/communication/new`, {
            atThisTime: 'x',
            personDoes: 'x',
            weThinkItMeans: 'x',
            weShould: 'x',
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('events', () => {
    const service = {
      eventType: 'Service',
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2026',
      serviceType: 'Long term support: Community',
      serviceComponent: 'Home support or domiciliary care',
      deliveryMechanism: 'CASSR commissioned support',
      unitCost: '12.50',
      costFrequency: '',
      eventOutcome: '',
      summary: 'Morning calls',
      // Left over from choosing "Request" first: must not be saved with a service.
      routeOfAccess: 'Discharge from Hospital',
    };

    it('shows the form to caseworkers, with CLD lists', async () => {
      const page = await sam.get(`/people/${ednaId}/events/new`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Request for support');
      expect(page.body).toContain('Home support or domiciliary care');
      expect((await bea.get(`/people/${ednaId}/events/new`)).statusCode).toBe(403);
    });

    it.each([
      ['12.505', 'Cost must not have more than 2 decimal places, like 12.50'],
      ['-4', 'Cost must be £0 or more'],
      ['twelve', 'Cost must be an amount in pounds, like 12.50'],
    ])('refuses a cost of %s', async (unitCost, message) => {
      const res = await sam.post(`/people/${ednaId}/events/new`, { ...service, unitCost });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('href="#unitCost"');
      expect(res.body).toContain(message);
    });

    it('refuses a missing type and an end before the start', async () => {
      const res = await sam.post(`/people/${ednaId}/events/new`, {
        ...service,
        eventType: '',
        'endDate-day': '1',
        'endDate-month': '3',
        'endDate-year': '2026',
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('href="#eventType"');
      const late = await sam.post(`/people/${ednaId}/events/new`, {
        ...service,
        'endDate-day': '1',
        'endDate-month': '3',
        'endDate-year': '2026',
      });
      expect(late.statusCode).toBe(422);
      expect(late.body).toContain('href="#endDate-day"');
      expect(late.body).toContain('End date must be on or after the start date');
      const impossible = await sam.post(`/people/${ednaId}/events/new`, {
        ...service,
        'startDate-day': '31',
        'startDate-month': '6',
      });
      expect(impossible.body).toContain('href="#startDate-day"');
    });

    it('records a service with its cost in exact pence and shows it on the timeline', async () => {
      const res = await sam.post(`/people/${ednaId}/events/new`, service);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/people/${ednaId}/timeline`);
      const row = await t.database.db
        .selectFrom('person_event')
        .selectAll()
        .where('person_id', '=', ednaId)
        .executeTakeFirstOrThrow();
      expect(Number(row.unit_cost_pence)).toBe(1250);
      expect(row).toMatchObject({
        event_type: 'Service',
        start_date: '2026-04-01',
        service_type: 'Long term support: Community',
        route_of_access: null,
        summary: 'Morning calls',
      });
      const timeline = await sam.get(`/people/${ednaId}/timeline`);
      expect(timeline.body).toContain('Service');
      expect(timeline.body).toContain('Home support or domiciliary care');
      expect(timeline.body).toContain('Morning calls');
    });
  });
});
