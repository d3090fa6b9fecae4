import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { personInputSchema, personUpdateSchema, type PersonInput } from './schema.js';
import { linkDateErrors, personFormToInput, personFormValues, personInputToHidden } from './forms.js';
import { personSummary, personToForm } from './presenters.js';
import { personFormOptions } from './view-models.js';
import type { PeopleService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;

const write = { config: { policy: 'people.write' as const } };

/** The person form's pages: adding a person and changing their details. */

/** Adding a person: the form, "Check your answers", then create. */
export function registerAddPersonPages(app: FastifyInstance, people: PeopleService): void {
  registerAddPersonForm(app, people);
  registerCreatePerson(app, people);
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

/** The person form for changing a person's details, with the saved version when someone else saved first. */
export function registerEditPersonPages(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/edit', write, async (request, reply) => {
    const person = await people.getPerson(requestContext(request), routeId(request));
    return reply.view('people/views/person-form.njk', {
      title: `Change details: ${person.given_name} ${person.family_name}`,
      mode: 'edit',
      personId: person.id,
      values: personToForm(person),
      backLink: `/people/${person.id}/details`,
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
        backLink: `/people/${id}/details`,
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
    return reply.redirect(`/people/${id}/details`, 303);
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
    backLink: `/people/${id}/details`,
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
