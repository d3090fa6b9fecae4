import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { issueToken, userActor } from '../helpers/matrix.js';
import { PeopleService } from '../../src/modules/people/service.js';
import { relationshipInputSchema } from '../../src/modules/people/schema.js';
import type { Engine } from '../../src/platform/db/database.js';

/** Shared set-up for the early-identification suites: Mr and Mrs Jones, staff, and partner tokens. */
export interface EarlyIdFixture {
  t: TestApp;
  sam: Agent;
  harold: { id: string; nhs: string };
  edna: { id: string; nhs: string };
  /** Scopes register:write and partner-events:write. */
  partner: string;
  /** Only people:read: must be refused. */
  reader: string;
  call(token: string, url: string, body: unknown): Promise<LightMyRequestResponse>;
}

export async function startEarlyIdApp(engine: Engine, nhsSeed: number): Promise<EarlyIdFixture> {
  const t = await startTestApp(engine);
  const sam = await signIn(t.app, 'sam.practitioner');
  const harold = { nhs: validNhsNumber(nhsSeed), id: '' };
  const edna = { nhs: validNhsNumber(Number(harold.nhs.slice(0, 9)) + 1), id: '' };
  harold.id = await createPersonThroughPages(sam, 'Harold', 'Jones', harold.nhs, '1942-05-14');
  edna.id = await createPersonThroughPages(sam, 'Edna', 'Jones', edna.nhs, '1944-09-02');
  const people = new PeopleService(t.database.db);
  const actor = userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId);
  await people.addRelationship(
    { actor },
    edna.id,
    relationshipInputSchema.parse({
      relatedPersonId: harold.id,
      relationshipType: 'spouse-or-partner',
      otherProvidesCare: true,
      carerLabel: 'declined',
      isKeyContact: true,
    }),
  );
  const partner = (await issueToken(t.database.db, t.org.orgId, ['register:write', 'partner-events:write'])).token;
  const reader = (await issueToken(t.database.db, t.org.orgId, ['people:read'])).token;
  const call = (token: string, url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  return { t, sam, harold, edna, partner, reader, call };
}

/** The staff referral form, filled in for Mrs Jones with the S1 trigger on Mr Jones's admission. */
export function ednaForm(haroldId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    referrerKind: 'gp_practice',
    referrerName: 'Dr Rao',
    referrerOrganisation: 'Riverside Medical Practice',
    reason: 'Harold looks after Edna, who has dementia; his COPD is getting worse',
    riskFactors: 'dementia',
    consent: 'given',
    consentRecordedBy: 'Sam Okafor',
    'consentRecordedOn-day': '2',
    'consentRecordedOn-month': '3',
    'consentRecordedOn-year': '2026',
    'reviewDate-day': '1',
    'reviewDate-month': '9',
    'reviewDate-year': '2030',
    'triggers-0-eventType': 'admission',
    'triggers-0-relatedPersonId': haroldId,
    'triggers-0-description': 'If Harold Jones is admitted to hospital',
    ...overrides,
  };
}

export function partnerEvent(nhs: string, externalId: string, eventType = 'admission') {
  return {
    external_id: externalId,
    event_type: eventType,
    nhs_number: nhs,
    occurred_at: '2026-11-28T22:15:00Z',
    source_organisation: 'Fenshire Hospitals NHS Foundation Trust',
    details: 'Emergency admission via A&E',
  };
}

export function referral(nhs: string, externalId: string | null, extra: Record<string, unknown> = {}) {
  return {
    external_id: externalId,
    nhs_number: nhs,
    referrer: { kind: 'community_nurse', name: 'Jo Pearce', organisation: 'Fenshire Community Health' },
    reason: 'COPD getting worse; cares for his wife',
    risk_factors: ['long_term_condition', 'unrecognised_carer'],
    consent: { status: 'given', recorded_by: 'Jo Pearce', recorded_on: '2026-10-01' },
    triggers: [{ event_type: 'admission', description: 'If admitted to hospital' }],
    review_date: '2030-01-31',
    ...extra,
  };
}

export const entryIdFrom = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(303);
  return String(res.headers.location).split('/').at(-1)!;
};
