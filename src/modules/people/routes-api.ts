import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute } from '../../platform/api/openapi.js';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import type { PersonRow } from './tables.js';
import {
  eventInputSchema,
  personInputSchema,
  personUpdateSchema,
  recordedInErrorSchema,
  relationshipInputSchema,
} from './schema.js';
import { eventToApi, personToApi, relationshipToApi } from './presenters.js';
import {
  apiSearchSchema,
  eventApiSchema,
  eventInputHints,
  eventListApiSchema,
  personApiSchema,
  personInputHints,
  personPageApiSchema,
  relationshipApiSchema,
  relationshipInputHints,
  relationshipListApiSchema,
} from './api-schemas.js';
import { PeopleApiService } from './api-service.js';
import { PAGE_SIZE } from './search-repository.js';
import type { PeopleService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

const BASE = '/api/v1/people';
const tag = 'People';

/** The person, with the ETag a client can send back as If-Match. */
function sendPerson(reply: FastifyReply, person: PersonRow) {
  reply.header('etag', `"${person.version}"`);
  return personToApi(person);
}

/** PUT takes the version from the body or from an If-Match header ("3" or W/"3"). */
function bodyWithIfMatch(request: FastifyRequest): unknown {
  const body = request.body;
  const header = request.headers['if-match'];
  if (typeof header !== 'string' || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match)
    throw new ValidationError([{ text: 'If-Match must be the record version in quotes, like "3"', href: '#version' }]);
  const version = Number(match[1]);
  const inBody = (body as { version?: unknown }).version;
  if (inBody !== undefined && Number(inBody) !== version) {
    throw new ValidationError([
      { text: 'The version in the body and the If-Match header are different', href: '#version' },
    ]);
  }
  return { ...body, version };
}

const personResponse = {
  name: 'Person',
  schema: personApiSchema,
  headers: { ETag: 'The record version, for If-Match' },
};

/** The JSON API for people, their network and their events (documented at /api/v1/openapi.json). */
export function registerPeopleApi(app: FastifyInstance, people: PeopleService): void {
  const api = new PeopleApiService(app.deps.database.db);
  registerSearchPeopleApi(app, people);
  registerCreatePersonApi(app, people);
  registerGetPersonApi(app, people);
  registerUpdatePersonApi(app, people, api);
  registerRelationshipsApi(app, people, api);
  registerEventsApi(app, people, api);
}

function registerSearchPeopleApi(app: FastifyInstance, people: PeopleService): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: `${BASE}/search`,
      policy: 'people.read',
      operationId: 'searchPeople',
      tag,
      summary: 'Find people by name (typos tolerated), NHS number, date of birth or postcode',
      description:
        'The search words go in the body so they never appear in URLs or logs. Each person returned is audited.',
      body: { name: 'PersonSearch', schema: apiSearchSchema },
      success: {
        status: 200,
        description: 'One page of matches, best first',
        name: 'PersonSearchResult',
        schema: personPageApiSchema,
      },
      problems: [400, 415, 422],
    },
    async (request, body) => {
      const result = await people.search(requestContext(request), body.q, body.page);
      return {
        items: result.rows.map(personToApi),
        page: body.page,
        pageSize: PAGE_SIZE,
        total: result.total,
        totalIsCapped: result.capped,
      };
    },
  );
}

function registerCreatePersonApi(app: FastifyInstance, people: PeopleService): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: BASE,
      policy: 'people.write',
      operationId: 'createPerson',
      tag,
      summary: 'Add a person',
      description: 'Refused (422, field nhsNumber) when someone in the council already has the NHS number.',
      body: { name: 'PersonInput', schema: personInputSchema, hints: personInputHints },
      success: {
        status: 201,
        description: 'Created',
        ...personResponse,
        headers: { ...personResponse.headers, Location: 'The new record' },
      },
      problems: [400, 415, 422],
    },
    async (request, body, reply) => {
      const person = await people.create(requestContext(request), body);
      reply.header('location', `${BASE}/${person.id}`);
      return sendPerson(reply, person);
    },
  );
}

function registerGetPersonApi(app: FastifyInstance, people: PeopleService): void {
  apiRoute(
    app,
    {
      method: 'GET',
      url: `${BASE}/:id`,
      policy: 'people.read',
      operationId: 'getPerson',
      tag,
      summary: 'Get a person',
      success: { status: 200, description: 'The person', ...personResponse },
      problems: [404],
    },
    async (request, _body, reply) =>
      sendPerson(reply, await people.getPerson(requestContext(request), routeId(request))),
  );
}

/** A stale PUT shows the caller what the record now says, so that disclosure is audited too. */
function registerUpdatePersonApi(app: FastifyInstance, people: PeopleService, api: PeopleApiService): void {
  apiRoute(
    app,
    {
      method: 'PUT',
      url: `${BASE}/:id`,
      policy: 'people.write',
      operationId: 'updatePerson',
      tag,
      summary: 'Change a person’s details',
      description:
        'Send the whole record with the version you last read (in the body, or as If-Match: "3"). If someone changed it since, nothing is saved and the answer is 409 listing their changes.',
      body: { name: 'PersonUpdate', schema: personUpdateSchema, hints: personInputHints, from: bodyWithIfMatch },
      success: { status: 200, description: 'Saved', ...personResponse },
      problems: [400, 404, 409, 415, 422],
    },
    async (request, body, reply) => {
      const id = routeId(request);
      try {
        return sendPerson(reply, await people.update(requestContext(request), id, body));
      } catch (error) {
        if (error instanceof ConflictError) await api.auditConflictDisclosure(requestContext(request), id);
        throw error;
      }
    },
  );
}

function registerRelationshipsApi(app: FastifyInstance, people: PeopleService, api: PeopleApiService): void {
  apiRoute(
    app,
    {
      method: 'GET',
      url: `${BASE}/:id/relationships`,
      policy: 'people.read',
      operationId: 'listRelationships',
      tag,
      summary: 'The person’s network: family, friends, carers and other contacts',
      success: {
        status: 200,
        description: 'Current relationships, key contacts first',
        name: 'RelationshipList',
        schema: relationshipListApiSchema,
      },
      problems: [404],
    },
    async (request) => ({
      items: (await api.listRelationships(requestContext(request), routeId(request))).map(relationshipToApi),
    }),
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: `${BASE}/:id/relationships`,
      policy: 'people.write',
      operationId: 'addRelationship',
      tag,
      summary: 'Add someone to the person’s network',
      body: { name: 'RelationshipInput', schema: relationshipInputSchema, hints: relationshipInputHints },
      success: { status: 201, description: 'Added', name: 'Relationship', schema: relationshipApiSchema },
      problems: [400, 404, 415, 422],
    },
    async (request, body) =>
      relationshipToApi(await people.addRelationship(requestContext(request), routeId(request), body)),
  );
}

function registerEventsApi(app: FastifyInstance, people: PeopleService, api: PeopleApiService): void {
  apiRoute(
    app,
    {
      method: 'GET',
      url: `${BASE}/:id/events`,
      policy: 'people.read',
      operationId: 'listEvents',
      tag,
      summary: 'The person’s timeline of CLD events, newest first',
      success: {
        status: 200,
        description: 'Events, newest first',
        name: 'PersonEventList',
        schema: eventListApiSchema,
      },
      problems: [404],
    },
    async (request) => ({ items: (await api.listEvents(requestContext(request), routeId(request))).map(eventToApi) }),
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: `${BASE}/:id/events`,
      policy: 'events.write',
      operationId: 'recordEvent',
      tag,
      summary: 'Record a CLD event (request, assessment, service, review)',
      description: 'Codes are the CLD defined-list values; money is whole pence (unitCostPence).',
      body: { name: 'PersonEventInput', schema: eventInputSchema, hints: eventInputHints },
      success: { status: 201, description: 'Recorded', name: 'PersonEvent', schema: eventApiSchema },
      problems: [400, 404, 415, 422],
    },
    async (request, body) => eventToApi(await people.recordEvent(requestContext(request), routeId(request), body)),
  );
  registerInErrorApi(app, people);
}

/** An event is never deleted: one recorded in error is marked, with why. */
function registerInErrorApi(app: FastifyInstance, people: PeopleService): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: `${BASE}/:id/events/:eventId/recorded-in-error`,
      policy: 'events.write',
      operationId: 'markEventRecordedInError',
      tag,
      summary: 'Mark an event as recorded in error',
      description: 'The event is kept (events are never deleted), shown struck through, and never counted.',
      body: { name: 'RecordedInErrorInput', schema: recordedInErrorSchema },
      success: { status: 200, description: 'Marked', name: 'PersonEvent', schema: eventApiSchema },
      problems: [400, 404, 415, 422],
    },
    async (request, body) =>
      eventToApi(
        await people.markEventInError(
          requestContext(request),
          routeId(request),
          routeId(request, 'eventId'),
          body.reason,
        ),
      ),
  );
}
