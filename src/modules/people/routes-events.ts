import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { govukItems, type ListId } from '../../platform/cld/index.js';
import { dateFromParts } from '../../platform/dates.js';
import { parsePoundsToPence } from '../../platform/money.js';
import { eventInputSchema, recordedInErrorSchema } from './schema.js';
import { eventSummary, personSummary } from './presenters.js';
import { routeId } from '../../platform/http/ids.js';
import type { PeopleService } from './service.js';

type Body = Record<string, unknown>;

/** Which CLD fields belong to which event type; the others are cleared so a hidden answer is never saved. */
const fieldsByType: Record<string, readonly string[]> = {
  Request: ['routeOfAccess'],
  Assessment: ['assessmentType', 'eligibleNeedsIdentified', 'methodOfAssessment'],
  Service: [
    'serviceType',
    'serviceComponent',
    'deliveryMechanism',
    'unitCost',
    'costFrequency',
    'plannedUnitsPerWeek',
    'clientFundingStatus',
    'providerCqcLocationId',
  ],
  Review: ['reviewReason', 'reviewOutcomesAchieved', 'methodOfReview'],
};
const typedFields = Object.values(fieldsByType).flat();

const selects: [field: string, list: ListId][] = [
  ['eventOutcome', 'eventOutcome'],
  ['routeOfAccess', 'routeOfAccess'],
  ['assessmentType', 'assessmentType'],
  ['eligibleNeedsIdentified', 'eligibleNeedsIdentified'],
  ['methodOfAssessment', 'methodOfAssessment'],
  ['serviceType', 'serviceType'],
  ['serviceComponent', 'serviceComponent'],
  ['deliveryMechanism', 'deliveryMechanism'],
  ['reviewReason', 'reviewReason'],
  ['reviewOutcomesAchieved', 'reviewOutcomesAchieved'],
  ['methodOfReview', 'methodOfReview'],
  ['costFrequency', 'costFrequencyUnitType'],
  ['clientFundingStatus', 'clientFundingStatus'],
];

/** The event form's flat body to the schema's input, plus any error from the cost in pounds. */
export function eventFormToInput(body: Body): { input: Record<string, unknown>; costError: FieldError | null } {
  const type = typeof body.eventType === 'string' ? body.eventType : '';
  const keep = new Set(fieldsByType[type] ?? []);
  const input: Record<string, unknown> = {
    eventType: body.eventType,
    startDate: dateFromParts(body['startDate-day'], body['startDate-month'], body['startDate-year']),
    endDate: dateFromParts(body['endDate-day'], body['endDate-month'], body['endDate-year']),
    eventOutcome: body.eventOutcome,
    summary: body.summary,
  };
  for (const field of typedFields) if (field !== 'unitCost') input[field] = keep.has(field) ? body[field] : null;
  let costError: FieldError | null = null;
  const cost = keep.has('unitCost') && typeof body.unitCost === 'string' ? body.unitCost.trim() : '';
  input.unitCostPence = null;
  if (cost) {
    const result = parsePoundsToPence(cost, 'Cost');
    if (result.ok) input.unitCostPence = result.pence;
    else costError = { text: result.error, href: '#unitCost' };
  }
  return { input, costError };
}

// Error links must land on the input: a date's first box; the cost is typed in pounds as 'unitCost'.
const fieldHref = (e: FieldError) =>
  e.href === '#startDate' || e.href === '#endDate'
    ? { ...e, href: `${e.href}-day` }
    : e.href === '#unitCostPence'
      ? { ...e, href: '#unitCost' }
      : e;

/** Recording a CLD event (request, assessment, service or review) on a person's timeline. */
export function registerEventPages(app: FastifyInstance, people: PeopleService): void {
  const write = { config: { policy: 'events.write' as const } };

  const page = async (request: FastifyRequest, body: Body, errors: FieldError[] = []) => {
    const person = personSummary(await people.getPerson(requestContext(request), routeId(request)));
    const value = (f: string) => (typeof body[f] === 'string' ? (body[f] as string) : null);
    return {
      title: `Record an event for ${person.name}`,
      person,
      errors,
      fieldErrors: errorMap(errors),
      backLink: `/people/${person.id}/timeline`,
      values: {
        ...body,
        startDate: {
          day: body['startDate-day'] ?? '',
          month: body['startDate-month'] ?? '',
          year: body['startDate-year'] ?? '',
        },
        endDate: {
          day: body['endDate-day'] ?? '',
          month: body['endDate-month'] ?? '',
          year: body['endDate-year'] ?? '',
        },
      },
      eventTypeItems: govukItems('eventType', value('eventType')),
      items: Object.fromEntries(
        selects.map(([field, list]) => [field, govukItems(list, value(field), { placeholder: 'Not recorded' })]),
      ),
    };
  };

  app.get('/people/:id/events/new', write, async (request, reply) =>
    reply.view('people/views/event-form.njk', await page(request, {})),
  );

  app.post('/people/:id/events/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const { input, costError } = eventFormToInput(body);
    const parsed = eventInputSchema.safeParse(input);
    const errors = [
      ...(parsed.success ? [] : toFieldErrors(parsed.error).map(fieldHref)),
      ...(costError ? [costError] : []),
    ];
    if (!parsed.success || errors.length)
      return reply.code(422).view('people/views/event-form.njk', await page(request, body, errors));
    await people.recordEvent(requestContext(request), id, parsed.data);
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, 'The event has been recorded');
    return reply.redirect(`/people/${id}/timeline`, 303);
  });

  registerInErrorPages(app, people);
}

/** Marking an event recorded in error: it is kept and struck through, never deleted. */
function registerInErrorPages(app: FastifyInstance, people: PeopleService): void {
  const write = { config: { policy: 'events.write' as const } };
  const url = '/people/:id/events/:eventId/in-error';
  const page = async (request: FastifyRequest, reason: string, errors: FieldError[] = []) => {
    const found = await people.getCountedEvent(requestContext(request), routeId(request), routeId(request, 'eventId'));
    const { event } = found;
    const person = personSummary(found.person);
    return {
      title: `Mark an event as recorded in error: ${person.name}`,
      person,
      event: eventSummary(event),
      action: `/people/${person.id}/events/${event.id}/in-error`,
      reason,
      errors,
      fieldErrors: errorMap(errors),
      backLink: `/people/${person.id}/timeline`,
    };
  };

  app.get(url, write, async (request, reply) => reply.view('people/views/event-in-error.njk', await page(request, '')));

  app.post(url, write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = recordedInErrorSchema.safeParse({ reason: body.reason });
    if (!parsed.success) {
      const reason = typeof body.reason === 'string' ? body.reason : '';
      const errors = toFieldErrors(parsed.error);
      return reply.code(422).view('people/views/event-in-error.njk', await page(request, reason, errors));
    }
    await people.markEventInError(requestContext(request), id, routeId(request, 'eventId'), parsed.data.reason);
    if (request.session)
      await setFlash(app.deps.database.db, request.session.idHash, 'The event is marked as recorded in error');
    return reply.redirect(`/people/${id}/timeline`, 303);
  });
}
