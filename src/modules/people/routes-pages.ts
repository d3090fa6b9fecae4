import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash, setSearchQuery } from '../../platform/auth/sessions.js';
import { personInputSchema, personUpdateSchema, searchSchema, type PersonInput } from './schema.js';
import { linkDateErrors, personFormToInput, personFormValues, personInputToHidden } from './forms.js';
import { eventSummary, personSummary, personToForm } from './presenters.js';
import { personFormOptions } from './view-models.js';
import { networkEntries } from './network-view-models.js';
import { buildTimeline, type TimelineItem } from './timeline.js';
import { groupByCircle } from './circles.js';
import { getFeature } from '../../platform/features.js';
import { authorize } from '../../platform/access/authorize.js';
import type { PolicyName } from '../../platform/access/policies.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PeopleService } from './service.js';
import { PAGE_SIZE } from './repository.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;

const read = { config: { policy: 'people.read' as const } };
const write = { config: { policy: 'people.write' as const } };

/** Pages for finding, viewing, creating and editing a person. */
export function registerPeoplePages(app: FastifyInstance, people: PeopleService): void {
  registerSearchPages(app, people);
  registerAddPersonForm(app, people);
  registerCreatePerson(app, people);
  registerPersonRecordPage(app, people);
  registerTimelinePage(app, people);
  registerEditPersonPages(app, people);
}

function registerSearchPages(app: FastifyInstance, people: PeopleService): void {
  // The search words travel in the POST body and the session, never the URL: a name in a URL ends
  // up in browser history and proxy logs.
  app.post('/people/search', read, async (request, reply) => {
    const parsed = searchSchema.safeParse({ q: (request.body as Body | undefined)?.q, page: 1 });
    const q = parsed.success ? parsed.data.q : '';
    if (request.session) await setSearchQuery(app.deps.database.db, request.session.idHash, q || null);
    return reply.redirect('/people', 303);
  });

  app.get('/people', read, async (request, reply) => {
    const { page } = searchSchema.parse({ q: '', page: (request.query as { page?: string } | undefined)?.page });
    const q = request.session?.searchQuery ?? '';
    const result = q
      ? await people.search(requestContext(request), q, page)
      : { rows: [], total: 0, capped: false, restrictedMatchId: null };
    return reply.view('people/views/search.njk', {
      title: 'Find a person',
      q,
      page,
      total: result.total,
      capped: result.capped,
      results: result.rows.map(personSummary),
      restrictedMatchId: result.restrictedMatchId,
      pagination: pagination(q, page, result.total),
    });
  });
}

/** The form to add a person, and its first step: check the answers (and any possible duplicates). */
function registerAddPersonForm(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/new', write, async (request, reply) =>
    reply.view('people/views/person-form.njk', {
      title: 'Add a person',
      mode: 'create',
      values: { interpreterNeeded: 'no' },
      ...(await personFormOptions(app, request)),
    }),
  );

  // Step 1 of 2: validate, then show "Check your answers" (with any possible duplicates).
  app.post('/people/new', write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = personInputSchema.safeParse(personFormToInput(body));
    if (!parsed.success || body._change) {
      const errors = parsed.success ? [] : linkDateErrors(toFieldErrors(parsed.error));
      return reply.code(errors.length ? 422 : 200).view('people/views/person-form.njk', {
        title: 'Add a person',
        mode: 'create',
        errors,
        fieldErrors: errorMap(errors),
        values: personFormValues(body),
        focus: body._change,
        ...(await personFormOptions(app, request)),
      });
    }
    const duplicates = await people.duplicates(requestContext(request), parsed.data);
    return reply.view('people/views/check-answers.njk', {
      title: 'Check your answers before adding this person',
      answers: checkAnswersRows(parsed.data, await personFormOptions(app, request)),
      hidden: personInputToHidden(parsed.data),
      duplicates: duplicates.map(personSummary),
    });
  });
}

function registerCreatePerson(app: FastifyInstance, people: PeopleService): void {
  // Step 2 of 2: create. Validated again: hidden fields are still user input.
  app.post('/people', write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = personInputSchema.safeParse(personFormToInput(body));
    if (!parsed.success) {
      const errors = linkDateErrors(toFieldErrors(parsed.error));
      return reply.code(422).view('people/views/person-form.njk', {
        title: 'Add a person',
        mode: 'create',
        errors,
        fieldErrors: errorMap(errors),
        values: personFormValues(body),
        ...(await personFormOptions(app, request)),
      });
    }
    try {
      const person = await people.create(requestContext(request), parsed.data as PersonInput);
      if (request.session)
        await setFlash(
          app.deps.database.db,
          request.session.idHash,
          `${person.given_name} ${person.family_name} has been added`,
        );
      return reply.redirect(`/people/${person.id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(422).view('people/views/person-form.njk', {
        title: 'Add a person',
        mode: 'create',
        errors: error.errors,
        fieldErrors: errorMap(error.errors),
        values: personFormValues(body),
        ...(await personFormOptions(app, request)),
      });
    }
  });
}

function registerPersonRecordPage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request));
    // Parts of the model a patch may trial before the council rolls them out (admin → Patches).
    const enabled = (key: string) => record.featureOverrides.get(key) ?? getFeature(key)?.defaultEnabled ?? false;
    const [showCommunicationChart, showNetworkMap] = [
      enabled('people.communication-chart'),
      enabled('people.network-map'),
    ];
    const relationships = networkEntries(record.relationships, record.inverseRelationships);
    return reply.view('people/views/record.njk', {
      title: `${record.person.given_name} ${record.person.family_name}`,
      person: personSummary(record.person),
      communication: record.communication,
      showCommunicationChart,
      circles: showNetworkMap ? groupByCircle(relationships) : null,
      relationships,
      events: record.events.map(eventSummary),
      eventCount: record.eventCount,
      canEdit: request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role),
      canSeeAudit: request.actor?.kind === 'user' && ['team_manager', 'ig_auditor'].includes(request.actor.role),
      tierOne: tierOneLinks(request.actor, record.person.id),
      sections: record.sections,
    });
  });
}

function registerTimelinePage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/timeline', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'timeline');
    return reply.view('people/views/timeline.njk', {
      title: `Timeline: ${record.person.given_name} ${record.person.family_name}`,
      person: personSummary(record.person),
      communication: record.communication,
      items: withInErrorLinks(buildTimeline(record), request.actor, record.person.id),
      backLink: `/people/${record.person.id}`,
    });
  });
}

/** Someone who may record events may mark one recorded in error (never one already marked). */
function withInErrorLinks(items: TimelineItem[], actor: Actor | null, personId: string) {
  if (authorize(actor, 'events.write') !== 'allow') return items;
  return items.map((item) =>
    item.eventId && !item.inError
      ? { ...item, markInErrorHref: `/people/${personId}/events/${item.eventId}/in-error` }
      : item,
  );
}

function registerEditPersonPages(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/edit', write, async (request, reply) => {
    const person = await people.getPerson(requestContext(request), routeId(request));
    return reply.view('people/views/person-form.njk', {
      title: `Change details: ${person.given_name} ${person.family_name}`,
      mode: 'edit',
      personId: person.id,
      values: personToForm(person),
      backLink: `/people/${person.id}`,
      ...(await personFormOptions(app, request)),
    });
  });

  app.post('/people/:id/edit', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const show = async (status: number, extra: Record<string, unknown>) =>
      reply.code(status).view('people/views/person-form.njk', {
        title: 'Change details',
        mode: 'edit',
        personId: id,
        values: personFormValues(body),
        backLink: `/people/${id}`,
        ...(await personFormOptions(app, request)),
        ...extra,
      });
    const parsed = personUpdateSchema.safeParse(personFormToInput(body));
    if (!parsed.success) {
      const errors = linkDateErrors(toFieldErrors(parsed.error));
      return show(422, { errors, fieldErrors: errorMap(errors) });
    }
    try {
      await people.update(requestContext(request), id, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError)
        return show(422, { errors: error.errors, fieldErrors: errorMap(error.errors) });
      if (error instanceof ConflictError) return conflictPage(app, people, request, reply, id, error);
      throw error;
    }
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, 'The details have been saved');
    return reply.redirect(`/people/${id}`, 303);
  });
}

async function conflictPage(
  app: FastifyInstance,
  people: PeopleService,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  error: ConflictError,
) {
  const current = await people.getPerson(requestContext(request), id);
  return reply.code(409).view('people/views/person-form.njk', {
    title: 'Change details',
    mode: 'edit',
    personId: id,
    values: personToForm(current),
    backLink: `/people/${id}`,
    errors: [{ text: error.message, href: '#conflict' }],
    conflict: error.changes,
    ...(await personFormOptions(app, request)),
  });
}

function checkAnswersRows(input: PersonInput, options: Awaited<ReturnType<typeof personFormOptions>>) {
  const label = (items: { value: string; text: string }[], v: string | null) =>
    items.find((i) => i.value === v)?.text ?? '';
  return [
    ['givenName', 'First name', input.givenName],
    ['familyName', 'Last name', input.familyName],
    ['preferredName', 'Preferred name', input.preferredName ?? ''],
    ['dateOfBirth-day', 'Date of birth', input.dateOfBirth],
    ['nhsNumber', 'NHS number', input.nhsNumber ?? ''],
    [
      'addressLine1',
      'Address',
      [input.addressLine1, input.addressLine2, input.town, input.postcode].filter(Boolean).join(', '),
    ],
    ['gender', 'Gender', label(options.genderItems, input.gender)],
    ['ethnicity', 'Ethnicity', label(options.ethnicityItems, input.ethnicity)],
    [
      'primarySupportReason',
      'Primary support reason',
      label(options.primarySupportReasonItems, input.primarySupportReason),
    ],
    ['firstLanguage', 'First language', label(options.languageItems, input.firstLanguage)],
    ['interpreterNeeded', 'Needs an interpreter', input.interpreterNeeded ? 'Yes' : 'No'],
    ['patchId', 'Patch', label(options.patchItems, input.patchId)],
  ].map(([field, key, value]) => ({ field, key, value, isDate: field === 'dateOfBirth-day' }));
}

function pagination(_q: string, page: number, total: number) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `/people?page=${n}`;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: Array.from({ length: Math.min(pages, 10) }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === page,
    })),
  };
}

/** Tier one beside the record: conversations, the at-risk register and the contingency plan, as the user's role allows. */
function tierOneLinks(actor: Actor | null, personId: string) {
  const may = (policy: PolicyName) => authorize(actor, policy) === 'allow';
  return {
    conversations: may('conversations.read'),
    recordConversation: may('conversations.write'),
    register: may('register.write'),
    plan: may('plans.read'),
    personId,
  };
}
