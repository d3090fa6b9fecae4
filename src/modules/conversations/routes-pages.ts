import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { labelFor } from '../../platform/cld/index.js';
import { personSummary, recordNav } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { parsePlainDate } from '../../platform/dates.js';
import {
  conversationFormToInput,
  conversationSchema,
  conversationUpdateSchema,
  followUpFormToInput,
  followUpSchema,
  linkErrors,
  type FollowUpInput,
} from './schema.js';
import { chosenServiceIds, conversationFormContext, conversationToForm } from './view-models.js';
import { conversationView } from './view-conversation.js';
import type { ConversationsService } from './service.js';

type Body = Record<string, unknown>;
const FORM = 'conversations/views/form.njk';

/** The conversation form's answers checked; the optional follow-up only when something of it was filled in. */
function parseConversation<S extends typeof conversationSchema | typeof conversationUpdateSchema>(
  body: Body,
  schema: S,
) {
  const mode = schema === conversationSchema ? 'create' : 'edit';
  const { input, extraErrors } = conversationFormToInput(body);
  const parsed = schema.safeParse(input) as z.ZodSafeParseResult<z.output<S>>;
  const errors: FieldError[] = [...(parsed.success ? [] : linkErrors(toFieldErrors(parsed.error))), ...extraErrors];
  let followUp: FollowUpInput | null = null;
  const heldOn = parsePlainDate(String(input.heldOn ?? ''));
  const followUpInput = mode === 'create' ? followUpFormToInput(body, 'followUp', heldOn ?? undefined) : null;
  if (followUpInput) {
    const f = followUpSchema.safeParse(followUpInput);
    if (f.success) followUp = f.data;
    else errors.push(...linkErrors(toFieldErrors(f.error), 'followUp', body));
  }
  // Error summary in the order of the form: one message per field.
  const unique = errors.filter((e, i) => errors.findIndex((o) => o.href === e.href) === i);
  return { data: parsed.success ? parsed.data : null, followUp, errors: unique };
}

const read = { config: { policy: 'conversations.read' as const } };
const write = { config: { policy: 'conversations.write' as const } };
const me = (request: FastifyRequest) => (request.actor?.kind === 'user' ? request.actor.userId : null);

async function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

/** Tier-one conversation pages under the person: list, record, view and correct. */
export function registerConversationPages(app: FastifyInstance, service: ConversationsService): void {
  registerConversationList(app, service);
  registerRecordConversationPages(app, service);
  registerConversationPage(app, service);
  registerCorrectConversationPages(app, service);
  registerFollowUpOnConversationPage(app, service);
}

/** The form, from what was submitted or (values 'saved') from the saved conversation being corrected. */
async function showForm(
  service: ConversationsService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  submitted: Body | 'saved',
  errors: FieldError[],
  edit?: { conversationId: string; conflict?: ConflictError['changes'] },
) {
  const id = routeId(request);
  const fromBody = submitted === 'saved' ? {} : submitted;
  const serviceSearch = typeof fromBody.serviceSearch === 'string' ? fromBody.serviceSearch.trim().slice(0, 100) : '';
  const data = await service.formData(requestContext(request), id, {
    serviceSearch,
    chosenServiceIds: chosenServiceIds(fromBody),
    conversationId: edit?.conversationId,
  });
  const values =
    submitted === 'saved' && data.saved ? conversationToForm(data.saved.conversation, data.saved.links) : fromBody;
  const person = personSummary(data.person);
  const firstName = data.person.preferred_name ?? data.person.given_name;
  return reply.code(status).view(FORM, {
    title: edit ? `Change the conversation with ${person.name}` : `Record a conversation with ${person.name}`,
    person,
    firstName,
    mode: edit ? 'edit' : 'create',
    action: edit ? `/people/${id}/conversations/${edit.conversationId}/edit` : `/people/${id}/conversations/new`,
    backLink: edit ? `/people/${id}/conversations/${edit.conversationId}` : `/people/${id}/conversations`,
    conflict: edit?.conflict,
    ...conversationFormContext(data, values, errors, me(request)),
  });
}

function registerConversationList(app: FastifyInstance, service: ConversationsService): void {
  app.get('/people/:id/conversations', read, async (request, reply) => {
    const id = routeId(request);
    const { person, conversations } = await service.list(requestContext(request), id);
    return reply.view('conversations/views/list.njk', {
      title: `Conversations with ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      recordNav: recordNav(request.actor, id, 'prevention'),
      backLink: `/people/${id}`,
      conversations: conversations.map((c) => ({ ...c, outcomeLabel: labelFor('eventOutcome', c.outcome) })),
      canWrite: request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role),
    });
  });
}

function registerRecordConversationPages(app: FastifyInstance, service: ConversationsService): void {
  app.get('/people/:id/conversations/new', write, async (request, reply) =>
    showForm(service, request, reply, 200, {}, []),
  );

  app.post('/people/:id/conversations/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    // "Search the directory" posts the whole form back so nothing typed is lost (works without JavaScript).
    if (body.intent === 'search') return showForm(service, request, reply, 200, body, []);
    const { data, followUp, errors } = parseConversation(body, conversationSchema);
    if (!data || errors.length) return showForm(service, request, reply, 422, body, errors);
    try {
      const conversation = await service.create(requestContext(request), id, data, followUp);
      await flash(
        app,
        request,
        followUp ? 'The conversation and its follow-up have been saved' : 'The conversation has been saved',
      );
      return reply.redirect(`/people/${id}/conversations/${conversation.id}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return showForm(service, request, reply, 422, body, error.errors);
      throw error;
    }
  });
}

function registerConversationPage(app: FastifyInstance, service: ConversationsService): void {
  app.get('/people/:id/conversations/:conversationId', read, async (request, reply) => {
    const id = routeId(request);
    const conversationId = routeId(request, 'conversationId');
    const data = await service.view(requestContext(request), id, conversationId);
    return reply.view('conversations/views/view.njk', conversationView(data, request, {}, []));
  });
}

function registerCorrectConversationPages(app: FastifyInstance, service: ConversationsService): void {
  app.get('/people/:id/conversations/:conversationId/edit', write, async (request, reply) => {
    return showForm(service, request, reply, 200, 'saved', [], { conversationId: routeId(request, 'conversationId') });
  });

  app.post('/people/:id/conversations/:conversationId/edit', write, async (request, reply) => {
    const id = routeId(request);
    const conversationId = routeId(request, 'conversationId');
    const body = (request.body ?? {}) as Body;
    if (body.intent === 'search') return showForm(service, request, reply, 200, body, [], { conversationId });
    const { data, errors } = parseConversation(body, conversationUpdateSchema);
    if (!data || errors.length) return showForm(service, request, reply, 422, body, errors, { conversationId });
    try {
      await service.update(requestContext(request), id, conversationId, data);
    } catch (error) {
      if (error instanceof ValidationError)
        return showForm(service, request, reply, 422, body, error.errors, { conversationId });
      if (error instanceof ConflictError) {
        return showForm(service, request, reply, 409, 'saved', [{ text: error.message, href: '#conflict' }], {
          conversationId,
          conflict: error.changes,
        });
      }
      throw error;
    }
    await flash(app, request, 'The conversation has been updated');
    return reply.redirect(`/people/${id}/conversations/${conversationId}`, 303);
  });
}

/** A follow-up added from the conversation's own page; errors show that page again. */
function registerFollowUpOnConversationPage(app: FastifyInstance, service: ConversationsService): void {
  app.post('/people/:id/conversations/:conversationId/follow-ups', write, async (request, reply) => {
    const id = routeId(request);
    const conversationId = routeId(request, 'conversationId');
    const body = (request.body ?? {}) as Body;
    const parsed = followUpSchema.safeParse(followUpFormToInput(body, ''));
    let errors = parsed.success ? [] : linkErrors(toFieldErrors(parsed.error), '', body);
    if (parsed.success) {
      try {
        await service.addFollowUp(requestContext(request), id, conversationId, parsed.data);
        await flash(app, request, 'The follow-up has been added');
        return reply.redirect(`/people/${id}/conversations/${conversationId}#follow-ups`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        errors = error.errors;
      }
    }
    const data = await service.view(requestContext(request), id, conversationId);
    return reply.code(422).view('conversations/views/view.njk', conversationView(data, request, body, errors));
  });
}
