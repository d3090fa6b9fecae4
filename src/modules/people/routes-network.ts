import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { govukItems } from '../../platform/cld/index.js';
import { communicationEntrySchema, relationshipInputSchema } from './schema.js';
import { personSummary } from './presenters.js';
import { NetworkService } from './network-service.js';
import { routeId } from '../../platform/http/ids.js';
import type { PeopleService } from './service.js';

type Body = Record<string, unknown>;

/**
 * Stands in for the linked person's id while the other fields are checked: the real id is found
 * from the identifier inside the same transaction that saves the relationship.
 */
const PENDING_LINK = '00000000-0000-4000-8000-000000000000';
const roleFields = ['otherProvidesCare', 'otherReceivesCare', 'inCircleOfSupport', 'isKeyContact'] as const;
const asArray = (v: unknown): string[] =>
  v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** The relationship form's body to the schema's input: roles checkboxes to booleans, "who" to link or contact. */
export function relationshipFormToInput(body: Body): Record<string, unknown> {
  const roles = asArray(body.roles);
  const linked = body.who === 'person';
  return {
    relatedPersonId: linked ? PENDING_LINK : null,
    contactName: linked ? null : body.contactName,
    contactPhone: linked ? null : body.contactPhone,
    contactEmail: linked ? null : body.contactEmail,
    relationshipType: body.relationshipType,
    carerLabel: body.carerLabel === undefined || body.carerLabel === '' ? undefined : body.carerLabel,
    notes: body.notes,
    ...Object.fromEntries(roleFields.map((f) => [f, roles.includes(f)])),
  };
}

const write = { config: { policy: 'people.write' as const } };

async function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

/** Pages for a person's network and communication chart. */
export function registerNetworkPages(
  app: FastifyInstance,
  people: PeopleService,
  network = new NetworkService(app.deps.database.db),
): void {
  registerAddRelationshipPages(app, people, network);
  registerCommunicationChartPages(app, people);
}

async function relationshipPage(
  people: PeopleService,
  request: FastifyRequest,
  values: Body,
  errors: FieldError[] = [],
) {
  const row = await people.getPerson(requestContext(request), routeId(request));
  const person = personSummary(row);
  return {
    title: `Add someone to ${person.name}’s network`,
    person,
    firstName: row.preferred_name ?? row.given_name,
    values,
    errors,
    fieldErrors: errorMap(errors),
    backLink: `/people/${person.id}/network`,
    relationshipTypeItems: govukItems('relationshipType', (values.relationshipType as string | undefined) ?? null, {
      placeholder: 'Select how they are related',
    }),
    roles: asArray(values.roles),
  };
}

/** Someone added to the network: a person already on the system (found by identifier) or a contact. */
function registerAddRelationshipPages(app: FastifyInstance, people: PeopleService, network: NetworkService): void {
  app.get('/people/:id/relationships/new', write, async (request, reply) =>
    reply.view(
      'people/views/relationship-form.njk',
      await relationshipPage(people, request, { carerLabel: 'not_asked' }),
    ),
  );

  app.post('/people/:id/relationships/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const again = async (errors: FieldError[]) =>
      reply.code(422).view('people/views/relationship-form.njk', await relationshipPage(people, request, body, errors));
    const errors: FieldError[] = [];
    if (body.who !== 'person' && body.who !== 'contact')
      errors.push({ text: 'Select whether they are already on the system', href: '#who' });
    const identifier = typeof body.relatedIdentifier === 'string' ? body.relatedIdentifier.trim() : '';
    if (body.who === 'person' && !identifier)
      errors.push({ text: 'Enter their council person ID or NHS number', href: '#relatedIdentifier' });
    if (body.who === 'person' && identifier.length > 40)
      errors.push({
        text: 'Council person ID or NHS number must be 40 characters or fewer',
        href: '#relatedIdentifier',
      });
    if (body.who === 'contact' && !String(body.contactName ?? '').trim())
      errors.push({ text: 'Enter their name', href: '#contactName' });
    const parsed = relationshipInputSchema.safeParse(relationshipFormToInput(body));
    if (!parsed.success)
      errors.push(...toFieldErrors(parsed.error).filter((e) => body.who === 'contact' || e.href !== '#contactName'));
    // One message per field, the most specific (ours) first.
    const unique = errors.filter((e, i) => errors.findIndex((o) => o.href === e.href) === i);
    if (unique.length || !parsed.success) return again(unique);
    try {
      if (body.who === 'person') {
        const { relatedPersonId: _pending, ...rest } = parsed.data;
        const { other } = await network.addLinkedRelationship(requestContext(request), id, identifier, rest);
        await flash(app, request, `${other.given_name} ${other.family_name} has been added to their network`);
      } else {
        await people.addRelationship(requestContext(request), id, parsed.data);
        await flash(app, request, `${parsed.data.contactName ?? 'They'} has been added to their network`);
      }
    } catch (error) {
      if (error instanceof ValidationError) return again(error.errors);
      throw error;
    }
    return reply.redirect(`/people/${id}/network`, 303);
  });
}

async function communicationPage(
  people: PeopleService,
  request: FastifyRequest,
  values: Body,
  errors: FieldError[] = [],
) {
  const row = await people.getPerson(requestContext(request), routeId(request));
  const person = personSummary(row);
  return {
    title: `Add to ${person.name}’s communication chart`,
    person,
    firstName: row.preferred_name ?? row.given_name,
    values,
    errors,
    fieldErrors: errorMap(errors),
    backLink: `/people/${person.id}/details#communication`,
  };
}

function registerCommunicationChartPages(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/communication/new', write, async (request, reply) =>
    reply.view('people/views/communication-form.njk', await communicationPage(people, request, {})),
  );

  app.post('/people/:id/communication/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = communicationEntrySchema.safeParse(body);
    if (!parsed.success)
      return reply
        .code(422)
        .view(
          'people/views/communication-form.njk',
          await communicationPage(people, request, body, toFieldErrors(parsed.error)),
        );
    await people.addCommunicationEntry(requestContext(request), id, parsed.data);
    await flash(app, request, 'The communication chart has been updated');
    return reply.redirect(`/people/${id}/details#communication`, 303);
  });
}
