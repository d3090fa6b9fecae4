import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../src/platform/access/authorize.js';
import { apiScopes } from '../../src/platform/access/roles.js';
import type { PolicyName } from '../../src/platform/access/policies.js';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import {
  allowedAccount,
  fillPath,
  insertPersonAsOwner,
  inventoryRoutes,
  isApiUrl,
  isUnsafe,
  issueToken,
  newSession,
  personRecords,
  policyIsPublic,
  routeParams,
  TEST_HOST,
} from '../helpers/matrix.js';

const NUL_TEXT = 'Edna\u0000Jones';
const NUL_MESSAGE = 'Remove the hidden control character (a NUL) from this answer';

/** Credentials that get through a route's policy and CSRF: a demo account's session, or a partner token. */
async function credentialsFor(
  t: TestApp,
  policy: PolicyName,
): Promise<{ headers: Record<string, string>; csrf?: string } | null> {
  if (policyIsPublic(policy)) {
    const s = await newSession(t.database.db, null);
    return { headers: { cookie: s.cookie }, csrf: s.csrf };
  }
  const account = allowedAccount(policy, t.org.orgId, t.org.userIds);
  if (account) {
    const s = await newSession(t.database.db, t.org.userIds[account.username]!);
    return { headers: { cookie: s.cookie }, csrf: s.csrf };
  }
  const scope = apiScopes.find(
    (s) =>
      authorize({ kind: 'api_token', tokenId: 'x', orgId: t.org.orgId, scopes: [s], displayName: 'x' }, policy) ===
      'allow',
  );
  if (!scope) return null;
  const { token } = await issueToken(t.database.db, t.org.orgId, [scope]);
  return { headers: { authorization: `Bearer ${token}` } };
}

/** A request to `url` whose body (unsafe methods) or query (safe ones) carries `fields`. */
function requestWith(
  method: string,
  url: string,
  auth: { headers: Record<string, string>; csrf?: string },
  fields: Record<string, string | string[]>,
): InjectOptions {
  const headers: Record<string, string> = { host: TEST_HOST, ...auth.headers };
  const options: InjectOptions = { method: method as InjectOptions['method'], url, headers };
  if (!isUnsafe(method)) {
    options.query = fields;
    return options;
  }
  if (isApiUrl(url)) {
    headers['content-type'] = 'application/json';
    if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    options.payload = JSON.stringify(fields);
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    if (auth.csrf) form.append('_csrf', auth.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
    options.payload = form.toString();
  }
  return options;
}

function namesField(response: LightMyRequestResponse, field: string): boolean {
  if (response.headers['content-type']?.toString().includes('json')) {
    const errors = (response.json() as { errors?: { field: string; message: string }[] }).errors ?? [];
    return errors.some((e) => e.field === field && e.message === NUL_MESSAGE);
  }
  return response.body.includes(NUL_MESSAGE);
}

describe.each(testEngines())('NUL characters and impossible dates are refused, never a 500 (%s)', (engine) => {
  let t: TestApp;
  let personId: string;
  let records: Map<string, string>;
  let sam: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Nul', 'Fixture');
    records = await personRecords(t.database.db, t.org.orgId, personId);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  it('refuses a NUL in a body field, a repeated field or the query string on every route in the inventory', async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const route of inventoryRoutes(t.app).filter((r) => r.method !== 'HEAD' && r.method !== 'DELETE')) {
      const auth = await credentialsFor(t, route.policy);
      if (!auth) continue;
      const url = fillPath(route.url, personId, records);
      const shapes: [string, Record<string, string | string[]>][] = [
        ['note', { note: NUL_TEXT }],
        ['address-1', { address: ['1 High Street', NUL_TEXT] }],
      ];
      for (const [field, fields] of shapes) {
        // A fresh session each time: a route (sign-out) may end the one before.
        const fresh = (await credentialsFor(t, route.policy))!;
        const response = await t.app.inject(requestWith(route.method, url, fresh, fields));
        cases += 1;
        if (response.statusCode !== 422 || !namesField(response, field))
          problems.push(`${route.method} ${route.url} (${field}): ${response.statusCode}`);
      }
    }
    expect(problems).toEqual([]);
    expect(cases).toBeGreaterThan(100);
  }, 600_000);

  it('answers 404 for a NUL in any route parameter, as for a page that is not there', async () => {
    const problems: string[] = [];
    for (const route of inventoryRoutes(t.app).filter((r) => routeParams(r.url).length && r.method === 'GET')) {
      const auth = await credentialsFor(t, route.policy);
      if (!auth) continue;
      const url = route.url.replace(/:(\w+)/g, 'a%00b');
      const response = await t.app.inject({ method: 'GET', url, headers: { host: TEST_HOST, ...auth.headers } });
      if (response.statusCode !== 404) problems.push(`GET ${route.url}: ${response.statusCode}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('refuses a NUL in an otherwise valid new person, on the page and through the API (once a 500)', async () => {
    const page = await sam.post('/people', {
      givenName: NUL_TEXT,
      familyName: 'Jones',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': '1944',
      interpreterNeeded: 'no',
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain(NUL_MESSAGE);
    const api = await sam.api('POST', '/api/v1/people', {
      givenName: 'Edna',
      familyName: NUL_TEXT,
      dateOfBirth: '1944-09-02',
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([{ field: 'familyName', message: NUL_MESSAGE }]);
  });

  it('refuses a date of birth in year 0 or before 1850 with a useful message, on the page and through the API', async () => {
    for (const year of ['0000', '1849']) {
      const api = await sam.api('POST', '/api/v1/people', {
        givenName: 'Edna',
        familyName: 'Jones',
        dateOfBirth: `${year}-01-01`,
      });
      expect(api.statusCode).toBe(422);
      expect(api.json().errors).toEqual([{ field: 'dateOfBirth', message: 'Date of birth must be in 1850 or later' }]);
      const page = await sam.post('/people/new', {
        givenName: 'Edna',
        familyName: 'Jones',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': year,
        interpreterNeeded: 'no',
      });
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('href="#dateOfBirth-day"');
      expect(page.body).toContain('Date of birth must be in 1850 or later');
    }
  });

  it('refuses a partner event that happened before 1850 (year 0 once failed in SQL)', async () => {
    const { token } = await issueToken(t.database.db, t.org.orgId, ['partner-events:write']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner-events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        external_id: 'year-zero',
        event_type: 'fall',
        nhs_number: '9434765919',
        occurred_at: '0000-01-01T00:00:00Z',
        source_organisation: 'Fenshire Hospitals',
      }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'occurred_at', message: 'occurred_at must be in 1850 or later' }]);
  });

  it('searches for an impossible date without failing', async () => {
    for (const q of ['0000-01-01', '31/02/1950']) {
      const api = await sam.api('POST', '/api/v1/people/search', { q });
      expect(api.statusCode).toBe(200);
      expect(api.json().total).toBe(0);
    }
  });
});
