import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { validNhsNumber } from '../helpers/people.js';
import { conversationForm } from '../helpers/conversations.js';
import { issueToken } from '../helpers/matrix.js';
import { londonParts } from '../../src/modules/crisis/schema.js';
import { todayInLondon } from '../../src/platform/dates.js';

/**
 * Stored markup, planted through the real routes into every free-text field of the demo journeys,
 * must come back escaped on every page that shows it. Each field gets its own tag, so the test
 * knows that field (not another) is shown escaped where it should be. The payload stays under 100
 * characters so it fits the shortest text fields (names); phone numbers get the short one.
 */
const PAYLOAD = '<meta http-equiv="refresh"><a href="https://evil.example">x</a><script>alert(1)</script>"\'';
const SHORT = '<script>alert(1)</script>"\'';
const RAW = ['<meta http-equiv', '<script>alert', '<a href="https://evil'];

const escapeHtml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** One free-text field: how it was written, and the pages that show it. */
interface Planted {
  field: string;
  value: string;
  shownOn: string[];
  /** Who looks (default: the practitioner who wrote most of it). */
  viewer?: Agent;
}

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
function expectStatus(res: LightMyRequestResponse, status: number, what: string) {
  const summary =
    /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ??
    `${res.statusCode} ${res.body.replace(/[\s\S]*<main/, '').slice(0, 600)}`;
  expect(res.statusCode, `${what}: ${summary}`).toBe(status);
}

describe.each(testEngines())('markup typed into any field is shown escaped on every page (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, ada: Agent;
  const planted: Planted[] = [];
  const mark = (tag: string) => `${tag}${PAYLOAD}`;
  const plant = (field: string, value: string, shownOn: string[], viewer?: Agent) =>
    planted.push({ field, value, shownOn, ...(viewer ? { viewer } : {}) });
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, ada] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'ada.admin')]);
    await db()
      .insertInto('postcode')
      .values({ postcode_key: 'FE12AB', postcode: 'FE1 2AB', latitude: 52.5, longitude: 0.1 })
      .execute();
  }, 180_000);
  afterAll(async () => t?.close());

  it('plants markup through every form and API of the demo journeys', async () => {
    // People: a person added on the pages, with every text field of the record.
    const nhs = validNhsNumber(951_000_000);
    const personForm = {
      givenName: mark('PG'),
      familyName: mark('PF'),
      preferredName: mark('PP'),
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': '1944',
      nhsNumber: nhs,
      addressLine1: mark('PA1'),
      addressLine2: mark('PA2'),
      town: mark('PT'),
      interpreterNeeded: 'no',
    };
    const created = await sam.post('/people', personForm);
    expectStatus(created, 303, 'person');
    const personId = String(created.headers.location).replace('/people/', '');
    const record = `/people/${personId}`;
    for (const [field, tag] of [
      ['givenName', 'PG'],
      ['familyName', 'PF'],
    ] as const)
      plant(field, mark(tag), [
        record,
        `${record}/details`,
        `${record}/network`,
        `${record}/record/crisis`,
        `${record}/edit`,
        `${record}/timeline`,
        `${record}/conversations/new`,
      ]);
    for (const [field, tag] of [
      ['addressLine1', 'PA1'],
      ['town', 'PT'],
    ] as const)
      plant(field, mark(tag), [record, `${record}/details`, `${record}/edit`]);
    plant('preferredName', mark('PP'), [`${record}/edit`]);
    expectStatus(await sam.post('/people/search', { q: nhs }), 303, 'search');
    plant('givenName (search results)', mark('PG'), ['/people']);

    // An edit keeps the markup escaped too.
    expectStatus(
      await sam.post(`${record}/edit`, { ...personForm, addressLine2: mark('PE2'), version: '1' }),
      303,
      'person edit',
    );
    plant('addressLine2 (edited)', mark('PE2'), [record, `${record}/details`, `${record}/edit`]);

    // The people API: a person whose names and address came in as JSON.
    const apiPerson = await sam.api('POST', '/api/v1/people', {
      givenName: mark('AG'),
      familyName: mark('AF'),
      dateOfBirth: '1950-01-01',
      addressLine1: mark('AA1'),
    });
    expectStatus(apiPerson, 201, 'person API');
    const apiRecord = `/people/${apiPerson.json().id}`;
    plant('API givenName', mark('AG'), [apiRecord]);
    plant('API familyName', mark('AF'), [apiRecord]);
    plant('API addressLine1', mark('AA1'), [apiRecord]);

    // Communication needs.
    expectStatus(
      await sam.post(`${record}/communication/new`, {
        atThisTime: mark('CA'),
        personDoes: mark('CD'),
        weThinkItMeans: mark('CM'),
        weShould: mark('CS'),
      }),
      303,
      'communication',
    );
    // The whole chart is on the Details tab; the summary gives what they do and what we should do.
    for (const tag of ['CA', 'CD', 'CM', 'CS']) plant(`communication ${tag}`, mark(tag), [`${record}/details`]);
    for (const tag of ['CD', 'CS']) plant(`communication ${tag} (summary)`, mark(tag), [record]);

    // The network: a contact with a name, a phone number and notes.
    expectStatus(
      await sam.post(`${record}/relationships/new`, {
        who: 'contact',
        contactName: mark('RN'),
        contactPhone: `RP${SHORT}`,
        relationshipType: 'son',
        carerLabel: 'not_asked',
        notes: mark('RO'),
        isKeyContact: 'yes',
      }),
      303,
      'relationship',
    );
    // On the Network tab, and on the summary as a key contact.
    plant('contactName', mark('RN'), [record, `${record}/network`]);
    plant('contactPhone', `RP${SHORT}`, [record, `${record}/network`]);

    // A CLD event with a summary.
    expectStatus(
      await sam.post(`${record}/events/new`, {
        eventType: 'Request',
        ...dateParts('startDate', day(-3)),
        routeOfAccess: 'Community / Other route',
        summary: mark('ES'),
      }),
      303,
      'event',
    );
    plant('event summary', mark('ES'), [`${record}/timeline`]);

    // A tier-one conversation, and a follow-up added to it.
    const conversation = await sam.post(
      `${record}/conversations/new`,
      conversationForm(day(-1), { whatMatters: mark('VW'), strengths: mark('VS') }),
    );
    expectStatus(conversation, 303, 'conversation');
    const conversationPage = String(conversation.headers.location);
    plant('whatMatters', mark('VW'), [conversationPage, `${conversationPage}/edit`]);
    plant('strengths', mark('VS'), [conversationPage, `${conversationPage}/edit`]);
    const conversationId = conversationPage.split('/').pop()!;
    expectStatus(
      await sam.post(`${record}/conversations/${conversationId}/follow-ups`, {
        what: mark('FW'),
        due: 'date',
        ...dateParts('dueOn', day(5)),
        assignedTo: t.org.userIds['sam.practitioner']!,
      }),
      303,
      'follow-up',
    );
    plant('follow-up what', mark('FW'), [conversationPage, '/follow-ups']);

    // The at-risk register: a staff referral, then partner events and a referral through the API.
    const entry = await sam.post(`${record}/early-identification/new`, {
      referrerKind: 'gp_practice',
      referrerName: mark('IN'),
      referrerOrganisation: mark('IO'),
      reason: mark('IR'),
      riskFactors: 'dementia',
      riskNotes: mark('IK'),
      consent: 'given',
      consentRecordedBy: mark('IC'),
      ...dateParts('consentRecordedOn', day(-2)),
      ...dateParts('reviewDate', day(90)),
      'triggers-0-eventType': 'fall',
      'triggers-0-description': mark('IT'),
    });
    expectStatus(entry, 303, 'register entry');
    const entryPage = String(entry.headers.location);
    for (const tag of ['IN', 'IO', 'IR', 'IK', 'IC', 'IT']) plant(`register ${tag}`, mark(tag), [entryPage]);

    const { token } = await issueToken(db(), t.org.orgId, ['register:write', 'partner-events:write']);
    const partner = (url: string, body: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const unknownNhs = validNhsNumber(952_000_000);
    const event = await partner('/api/v1/partner-events', {
      external_id: 'markup-1',
      event_type: 'fall',
      nhs_number: unknownNhs,
      occurred_at: '2026-11-28T22:15:00Z',
      source_organisation: mark('XS'),
      details: mark('XD'),
    });
    expect(event.statusCode).toBeLessThan(300);
    plant('partner event source', mark('XS'), ['/early-identification/unmatched']);
    const matched = await partner('/api/v1/partner-events', {
      external_id: 'markup-2',
      event_type: 'fall',
      nhs_number: nhs,
      occurred_at: '2026-11-28T22:15:00Z',
      source_organisation: mark('XM'),
      details: mark('XE'),
    });
    expect(matched.statusCode).toBeLessThan(300);
    const alert = await db()
      .selectFrom('register_alert')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    plant('partner event (alert) source', mark('XM'), [`/early-identification/alerts/${alert.id}`]);
    const referralApi = await partner('/api/v1/register-referrals', {
      external_id: 'markup-3',
      nhs_number: validNhsNumber(953_000_000),
      referrer: { kind: 'community_nurse', name: mark('YN'), organisation: mark('YO') },
      reason: mark('YR'),
      risk_factors: ['long_term_condition'],
      consent: { status: 'given', recorded_by: mark('YC'), recorded_on: day(-1) },
      triggers: [{ event_type: 'admission', description: mark('YT') }],
      review_date: day(90),
    });
    expect(referralApi.statusCode).toBeLessThan(300);
    plant('API referral reason', mark('YR'), ['/early-identification/unmatched']);
    plant('API referral referrer', mark('YN'), ['/early-identification/unmatched']);

    // A contingency plan with every text box filled.
    const planTags = {
      'situations-0-situation': 'KS',
      'situations-0-whatShouldHappen': 'KH',
      wants: 'KW',
      doesNotWant: 'KN',
      increasesDistress: 'KI',
      reducesDistress: 'KR',
      'callList-0-name': 'KC',
      'callList-0-when': 'KWh',
      'support-0-what': 'KSw',
      'support-0-providedBy': 'KSp',
      agreedWithOthers: 'KA',
    };
    const plan = await sam.post(`${record}/contingency-plans/new`, {
      ...Object.fromEntries(Object.entries(planTags).map(([field, tag]) => [field, mark(tag)])),
      'callList-0-phone': '01632 960 100', // a phone number is checked as one: no markup gets in
      agreedWithPerson: 'yes',
      ...dateParts('agreedOn', day(-1)),
      ...dateParts('reviewDate', day(180)),
    });
    expectStatus(plan, 303, 'contingency plan');
    for (const [field, tag] of Object.entries(planTags))
      plant(`plan ${field}`, mark(tag), [`${record}/contingency-plans`, `${record}/contingency-plans/edit`]);

    // A crisis episode (for the API's person: the partner's fall above may have opened one for the
    // first): referral, plan, support, check-in, assessment and closing notes.
    const at = londonParts(new Date(Date.now() - 30 * 60_000));
    const opened = await sam.post(`${apiRecord}/crisis/new`, {
      referredBy: mark('ZB'),
      referralReason: mark('ZR'),
      ...dateParts('referredAt', at.date),
      referredAtTime: at.time,
      urgencyKey: 'within_4_hours',
      patchId: t.org.patchIds['Fenland North']!,
      leadWorkerId: t.org.userIds['sam.practitioner']!,
      routeOfAccess: 'Community / Other route',
    });
    expectStatus(opened, 303, 'crisis referral');
    const episodePage = String(opened.headers.location);
    const episodeId = episodePage.split('/').pop()!;
    const version = async () =>
      String(
        (
          await db()
            .selectFrom('crisis_episode')
            .select('version')
            .where('id', '=', episodeId)
            .executeTakeFirstOrThrow()
        ).version,
      );
    plant('referredBy', mark('ZB'), [episodePage]);
    plant('referralReason', mark('ZR'), [episodePage, `${apiRecord}/record/crisis`]);
    expectStatus(
      await sam.post(`${episodePage}/plan`, {
        version: await version(),
        wants: mark('ZW'),
        'goals-0': mark('ZG'),
        'actions-0-description': mark('ZD'),
        'actions-0-who': mark('ZO'),
        ...dateParts('actions-0-dueOn', day(2)),
        checkInDailyDays: '5',
        checkInEveryDays: '3',
      }),
      303,
      'crisis plan',
    );
    for (const tag of ['ZW', 'ZG', 'ZD', 'ZO']) plant(`crisis plan ${tag}`, mark(tag), [episodePage]);
    expectStatus(
      await sam.post(`${episodePage}/services/new`, {
        version: await version(),
        kind: 'reablement',
        description: mark('ZSd'),
        provider: mark('ZSp'),
        ...dateParts('startsOn', day(0)),
        ...dateParts('endsOn', day(20)),
      }),
      303,
      'crisis support',
    );
    plant('support description', mark('ZSd'), [episodePage]);
    plant('support provider', mark('ZSp'), [episodePage]);
    expectStatus(
      await sam.post(`${episodePage}/check-ins/new`, {
        version: await version(),
        ...dateParts('heldOn', day(0)),
        how: 'phone',
        isWorking: mark('ZCw'),
        coping: mark('ZCc'),
        needsToChange: mark('ZCn'),
      }),
      303,
      'check-in',
    );
    for (const tag of ['ZCw', 'ZCc', 'ZCn']) plant(`check-in ${tag}`, mark(tag), [episodePage]);
    const assessment = await sam.post(`${episodePage}/assessments/new`, {
      version: await version(),
      ...dateParts('startedOn', day(0)),
      ...dateParts('completedOn', day(0)),
      method: 'Face to face',
      strengths: mark('ZAs'),
      needs: mark('ZAn'),
      outcome: 'Progress to reablement/ST-Max',
    });
    expectStatus(assessment, 303, 'assessment');
    plant('assessment strengths', mark('ZAs'), [episodePage]);
    plant('assessment needs', mark('ZAn'), [episodePage]);
    expectStatus(
      await sam.post(`${episodePage}/close`, {
        version: await version(),
        route: 'step_up',
        whatFollowed: 'no_further_support',
        stepUpReason: mark('ZXs'),
        closeNote: mark('ZXn'),
        planReviewed: 'yes',
        ...dateParts('closedOn', day(0)),
      }),
      303,
      'close',
    );
    plant('close step-up reason', mark('ZXs'), [episodePage]);
    plant('close note', mark('ZXn'), [episodePage]);

    // The community directory: a service curated by staff, then shown to the public.
    const directoryTags = {
      name: 'DN',
      organizationName: 'DO',
      description: 'DD',
      'location-address1': 'DL',
      'contacts-0-name': 'DC',
      'costOptions-0-option': 'DP',
      serviceAreas: 'DA',
    };
    const service = await sam.post('/directory/manage/new', {
      ...Object.fromEntries(Object.entries(directoryTags).map(([field, tag]) => [field, mark(tag)])),
      status: 'active',
      'location-city': 'Fenton',
      'location-postcode': 'fe12ab',
      'schedules-0-days': 'TU',
      'schedules-0-opensAt': '10:00',
      'schedules-0-closesAt': '12:00',
      'contacts-0-phone': '01632 960 001',
      'costOptions-0-amountPence': '2.50',
    });
    expectStatus(service, 303, 'directory service');
    const serviceRow = await db()
      .selectFrom('directory_service')
      .select('id')
      .where('name', '=', mark('DN'))
      .executeTakeFirstOrThrow();
    const publicPage = `/information/services/${serviceRow.id}`;
    const editPage = `/directory/manage/services/${serviceRow.id}/edit`;
    for (const [field, tag] of Object.entries(directoryTags)) plant(`directory ${field}`, mark(tag), [editPage]);
    plant('directory public name', mark('DN'), [publicPage, '/directory/manage']);
    plant('directory public description', mark('DD'), [publicPage]);

    // Mental capacity: an assessment finding a lack of capacity, a best-interests decision, a power, its ending.
    const capacity = `${record}/capacity`;
    const assessed = await sam.post(`${capacity}/assessments/new`, {
      decision: mark('MD'),
      decisionCategory: 'direct_payment_consent',
      impairment: 'yes',
      impairmentDetail: mark('MI'),
      canUnderstand: 'yes',
      canRetain: 'no',
      canUseOrWeigh: 'yes',
      canCommunicate: 'yes',
      practicableSteps: mark('MS'),
      result: 'lacks_capacity',
      reasons: mark('MR'),
      assessorName: mark('MN'),
      assessorRole: mark('MO'),
      ...dateParts('assessedOn', day(-3)),
    });
    expectStatus(assessed, 303, 'capacity assessment');
    const capacityPage = String(assessed.headers.location);
    for (const tag of ['MD', 'MI', 'MS', 'MR', 'MN', 'MO']) plant(`capacity ${tag}`, mark(tag), [capacityPage]);
    plant('capacity decision (lists)', mark('MD'), [
      capacity,
      `${record}/record/assessments`,
      `${capacityPage}/best-interests/new`,
    ]);
    expectStatus(
      await sam.post(`${capacityPage}/best-interests/new`, {
        'consulted-0-name': mark('BN'),
        'consulted-0-role': mark('BR'),
        'consulted-0-view': mark('BV'),
        wishesAndFeelings: mark('BW'),
        beliefsAndValues: mark('BB'),
        decisionMade: mark('BD'),
        reasons: mark('BY'),
        decidedBy: mark('BP'),
        ...dateParts('decidedOn', day(-1)),
      }),
      303,
      'best-interests decision',
    );
    for (const tag of ['BN', 'BR', 'BV', 'BW', 'BB', 'BD', 'BY', 'BP'])
      plant(`best interests ${tag}`, mark(tag), [capacityPage]);
    expectStatus(
      await sam.post(`${capacity}/powers/new`, {
        kind: 'lpa',
        scope: 'property_and_financial',
        holders: mark('LH'),
        reference: mark('LR'),
        ...dateParts('registeredOn', day(-400)),
      }),
      303,
      'legal power',
    );
    const power = await db()
      .selectFrom('legal_power')
      .select('id')
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    // Ended below, so the record (which lists powers in force) no longer shows it.
    plant('power holders', mark('LH'), [capacity, `${capacity}/powers/${power.id}/end`]);
    plant('power reference', mark('LR'), [capacity, `${capacity}/powers/${power.id}/end`]);
    expectStatus(
      await sam.post(`${capacity}/powers/${power.id}/end`, {
        ...dateParts('endedOn', day(0)),
        endedReason: mark('LE'),
      }),
      303,
      'end legal power',
    );
    plant('power ended reason', mark('LE'), [capacity]);

    // An administrator adds a member of staff whose display name is markup.
    expectStatus(
      await ada.post('/admin/users/new', {
        username: 'markup.person',
        displayName: mark('UD'),
        role: 'practitioner',
        signInMethod: 'password',
        password: 'a-long-enough-password-1',
      }),
      303,
      'admin user',
    );
    plant('staff display name', mark('UD'), ['/admin/users'], ada);

    // A tier 3 assessment: strengths and own words, eligibility words, an override's reason, who took part.
    const startedAssessment = await sam.post(`${record}/assessments/new`, {
      kind: 'adult',
      method: 'supported_self_assessment',
      ...dateParts('startedOn', day(-1)),
    });
    expectStatus(startedAssessment, 303, 'assessment start');
    const assessmentPage = String(startedAssessment.headers.location);
    const strengthTags = { canDo: 'ASc', matters: 'ASm', networkDoes: 'ASw', needs: 'ASn', ownWords: 'ASo' };
    const strengthsForm = Object.fromEntries(Object.entries(strengthTags).map(([field, tag]) => [field, mark(tag)]));
    expectStatus(
      await sam.post(`${assessmentPage}/strengths`, { version: '1', ...strengthsForm }),
      303,
      'assessment strengths',
    );
    for (const [field, tag] of Object.entries(strengthTags))
      plant(`assessment ${field}`, mark(tag), [assessmentPage, `${assessmentPage}/strengths`]);
    const eligibilityTags = {
      'impairmentOrIllness-words': 'AEi',
      'outcomes-nutrition-words-without_assistance': 'AEo',
      'wellbeingImpact-words': 'AEw',
    };
    expectStatus(
      await sam.post(`${assessmentPage}/eligibility`, {
        version: '2',
        'impairmentOrIllness-met': 'yes',
        'outcomes-nutrition-ways': 'without_assistance',
        'wellbeingImpact-met': 'yes',
        ...Object.fromEntries(Object.entries(eligibilityTags).map(([field, tag]) => [field, mark(tag)])),
      }),
      303,
      'assessment eligibility',
    );
    for (const [field, tag] of Object.entries(eligibilityTags))
      plant(`assessment ${field}`, mark(tag), [assessmentPage, `${assessmentPage}/eligibility`]);
    expectStatus(
      await sam.post(`${assessmentPage}/override`, { version: '3', eligible: 'yes', reason: mark('AOr') }),
      303,
      'assessment override',
    );
    plant('assessment override reason', mark('AOr'), [assessmentPage]);
    const participantTags = { name: 'APn', organisation: 'APo', contribution: 'APc' };
    expectStatus(
      await sam.post(`${assessmentPage}/participants`, {
        role: 'GP',
        ...Object.fromEntries(Object.entries(participantTags).map(([field, tag]) => [field, mark(tag)])),
      }),
      303,
      'assessment participant',
    );
    for (const [field, tag] of Object.entries(participantTags))
      plant(`assessment participant ${field}`, mark(tag), [assessmentPage]);

    expect(planted.length).toBeGreaterThan(60);
  }, 300_000);

  it('finds every planted value escaped, and no markup raw, on every page that shows it', async () => {
    const problems: string[] = [];
    const pages = new Map<string, LightMyRequestResponse>();
    for (const p of planted) {
      const viewer = p.viewer ?? sam;
      for (const url of p.shownOn) {
        const key = `${viewer === sam ? 'sam' : 'other'} ${url}`;
        if (!pages.has(key)) pages.set(key, await viewer.get(url));
        const page = pages.get(key)!;
        if (page.statusCode !== 200) {
          problems.push(`${url}: ${page.statusCode}`);
          continue;
        }
        if (!page.body.includes(escapeHtml(p.value))) problems.push(`${p.field} is not shown escaped on ${url}`);
      }
    }
    for (const [key, page] of pages)
      for (const raw of RAW) if (page.body.includes(raw)) problems.push(`${key} has raw ${raw}`);
    expect([...new Set(problems)], [...new Set(problems)].join('\n')).toEqual([]);
    expect(pages.size).toBeGreaterThan(15);
  }, 300_000);
});
