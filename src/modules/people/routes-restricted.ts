import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError } from '../../platform/http/errors.js';
import { routeId } from '../../platform/http/ids.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { roleLabels, type Role } from '../../platform/access/roles.js';
import { breakGlassSchema } from './schema.js';
import { personSummary } from './presenters.js';
import { RestrictedService, restrictionSchema } from './restricted-service.js';
import { BREAK_GLASS_MINUTES } from './restricted-repository.js';

type Body = Record<string, unknown>;

const restrict = { config: { policy: 'people.restrict' as const } };
const read = { config: { policy: 'people.read' as const } };

/** Restricting a record (team managers) and breaking glass to see one (any member of staff who reads records). */
export function registerRestrictedPages(
  app: FastifyInstance,
  service = new RestrictedService(app.deps.database.db),
): void {
  registerRestrictionPages(app, service);
  registerBreakGlassPages(app, service);
}

async function showRestriction(
  service: RestrictedService,
  request: FastifyRequest,
  status: number,
  extra: Record<string, unknown> = {},
) {
  const id = routeId(request);
  const { person, named, staff } = await service.getRestriction(requestContext(request), id);
  const namedIds = new Set((extra.namedIds as string[] | undefined) ?? named.map((n) => n.id));
  const me = request.actor?.kind === 'user' ? request.actor.userId : '';
  return {
    status,
    context: {
      title: `Who can see this record: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: `/people/${id}`,
      restrictedValue: (extra.restrictedValue as string | undefined) ?? (person.restricted ? 'yes' : 'no'),
      named: named.map((n) => ({ name: n.display_name, role: roleLabels[n.role as Role] ?? n.role })),
      // The manager is named automatically (see the service), so they are not offered as a choice.
      staffItems: staff
        .filter((s) => s.id !== me)
        .map((s) => ({
          value: s.id,
          text: `${s.display_name} (${roleLabels[s.role as Role] ?? s.role})`,
          checked: namedIds.has(s.id),
        })),
      ...extra,
    },
  };
}

/** Who can see this record: restrict it (naming the staff who may) or lift the restriction. */
function registerRestrictionPages(app: FastifyInstance, service: RestrictedService): void {
  app.get('/people/:id/restriction', restrict, async (request, reply) => {
    const page = await showRestriction(service, request, 200);
    return reply.code(page.status).view('people/views/restricted.njk', page.context);
  });

  app.post('/people/:id/restriction', restrict, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = restrictionSchema.safeParse({ restricted: body.restricted, namedStaff: body.namedStaff });
    const again = async (errors: { text: string; href: string }[]) => {
      const namedIds = Array.isArray(body.namedStaff) ? body.namedStaff : body.namedStaff ? [body.namedStaff] : [];
      const page = await showRestriction(service, request, 422, {
        errors,
        fieldErrors: errorMap(errors),
        restrictedValue: body.restricted,
        namedIds,
      });
      return reply.code(page.status).view('people/views/restricted.njk', page.context);
    };
    if (!parsed.success) return again(toFieldErrors(parsed.error));
    try {
      const result = await service.setRestriction(requestContext(request), id, parsed.data);
      const message = result.restricted
        ? 'The record is restricted. Only the staff named can see it'
        : 'The record is no longer restricted';
      if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
      return reply.redirect(`/people/${id}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.errors);
      throw error;
    }
  });
}

function registerBreakGlassPages(app: FastifyInstance, service: RestrictedService): void {
  app.get('/people/:id/break-glass', read, async (request, reply) => {
    const id = routeId(request);
    if ((await service.breakGlassState(requestContext(request), id)) === 'visible')
      return reply.redirect(`/people/${id}`, 303);
    return reply.view('people/views/break-glass.njk', {
      title: 'This record is restricted',
      personId: id,
      minutes: BREAK_GLASS_MINUTES,
      backLink: '/people',
    });
  });

  app.post('/people/:id/break-glass', read, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = breakGlassSchema.safeParse({ reason: body.reason });
    if (!parsed.success) {
      // Check again that the page applies before saying anything about the record.
      await service.breakGlassState(requestContext(request), id);
      const errors = toFieldErrors(parsed.error);
      return reply.code(422).view('people/views/break-glass.njk', {
        title: 'This record is restricted',
        personId: id,
        minutes: BREAK_GLASS_MINUTES,
        backLink: '/people',
        errors,
        fieldErrors: errorMap(errors),
        reason: body.reason,
      });
    }
    await service.breakGlass(requestContext(request), id, parsed.data.reason);
    if (request.session) {
      await setFlash(
        app.deps.database.db,
        request.session.idHash,
        `You can see this record for ${BREAK_GLASS_MINUTES} minutes. Your reason has been recorded and will be reviewed`,
      );
    }
    return reply.redirect(`/people/${id}`, 303);
  });
}
