import { randomBytes, createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';

/** Signing in through the real sign-in form, a bearer token, and the rotating request sets. */
function cookieFrom(response: Response): string | undefined {
  const match = response.headers
    .getSetCookie()
    .map((c) => /^tl_session=([^;]+)/.exec(c))
    .find(Boolean);
  return match ? `tl_session=${match[1]}` : undefined;
}

function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const page = await fetch(`${base}/sign-in`);
  const anon = cookieFrom(page);
  if (!anon) throw new Error('The sign-in page set no cookie');
  const form = new URLSearchParams({ username, password, _csrf: csrfFrom(await page.text()), returnTo: '/' });
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    body: form,
    headers: { cookie: anon },
    redirect: 'manual',
  });
  const cookie = cookieFrom(response);
  if (response.status !== 303 || !cookie) throw new Error(`Sign-in failed: ${response.status}`);
  const home = await fetch(`${base}/`, { headers: { cookie } });
  return { cookie, csrf: csrfFrom(await home.text()) };
}

/** Store a search in the session the way the search page does (POST), so GET /people shows its results. */
export async function storeSearch(base: string, session: Session, q: string): Promise<void> {
  const response = await fetch(`${base}/people/search`, {
    method: 'POST',
    body: new URLSearchParams({ q, _csrf: session.csrf }),
    headers: { cookie: session.cookie },
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`Storing the search failed: ${response.status}`);
}

export async function insertBenchToken(db: Kysely<DB>, orgId: string): Promise<string> {
  const token = `tl_bench_${randomBytes(24).toString('hex')}`;
  await db
    .insertInto('api_token')
    .values({
      org_id: orgId,
      name: 'Benchmark (people:read)',
      token_hash: createHash('sha256').update(token).digest('hex'),
      scopes: ['people:read'],
    })
    .execute();
  return token;
}

interface Sample {
  id: string;
  given_name: string;
  family_name: string;
  nhs_number: string | null;
  date_of_birth: string;
  postcode: string | null;
}

/** A fixed sample of people (ordered by a hash of the id, so the same on every run against the same data). */
export async function samplePeople(db: Kysely<DB>, orgId: string, n: number): Promise<Sample[]> {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'nhs_number', 'date_of_birth', 'postcode'])
    .where('org_id', '=', orgId)
    .where('restricted', '=', false)
    .orderBy((eb) => eb.fn('md5', [eb.cast('id', 'text')]))
    .limit(n)
    .execute();
}

/** What people type into a search box: surnames, full names, the start of a name, typos, NHS numbers, dates, postcodes. */
export function realisticQueries(sample: Sample[]): string[] {
  const typo = (s: string) => (s.length > 4 ? s.slice(0, 2) + s.charAt(3) + s.charAt(2) + s.slice(4) : s);
  const queries: string[] = [];
  sample.slice(0, 40).forEach((p, i) => {
    switch (i % 8) {
      case 0:
        queries.push(p.family_name);
        break;
      case 1:
        queries.push(`${p.given_name} ${p.family_name}`);
        break;
      case 2:
        queries.push(p.family_name.slice(0, 4));
        break;
      case 3:
        queries.push(`${p.given_name} ${typo(p.family_name)}`);
        break;
      case 4:
        if (p.nhs_number)
          queries.push(`${p.nhs_number.slice(0, 3)} ${p.nhs_number.slice(3, 6)} ${p.nhs_number.slice(6)}`);
        break;
      case 5:
        queries.push(p.date_of_birth.split('-').reverse().join('/'));
        break;
      case 6:
        if (p.postcode) queries.push(p.postcode);
        break;
      default:
        queries.push(typo(p.given_name));
        break;
    }
  });
  return queries;
}
