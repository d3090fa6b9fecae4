import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/auth/sessions.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { MIN_PASSWORD_LENGTH, newUserSchema, userUpdateSchema, versionSchema } from './schema.js';
import { adminContext, roleItems, teamItems, userFormValues, userSummary, userToForm } from './presenters.js';
import type { AdminService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;

const policy = { config: { policy: 'admin.users' as const } };

/** Staff accounts: list, add, change role or team, disable and enable. Administrators only. */
export function registerUserPages(app: FastifyInstance, admin: AdminService): void {
  app.get('/admin/users', policy, async (request, reply) => {
    const users = await admin.listUsers(adminContext(request));
    return reply.view('admin/views/users.njk', { title: 'Staff accounts', users: users.map(userSummary) });
  });
  registerNewUserPages(app, admin);
  registerUserAccountPages(app, admin);
  registerDisableAndEnable(app, admin);
}

function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  return request.session ? setFlash(app.deps.database.db, request.session.idHash, message) : Promise.resolve();
}

/** The form to add a member of staff, and what adding one does. */
function registerNewUserPages(app: FastifyInstance, admin: AdminService): void {
  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: Body,
    errors: FieldError[] = [],
  ) =>
    reply.code(status).view('admin/views/user-new.njk', {
      title: 'Add a member of staff',
      values,
      errors,
      fieldErrors: errorMap(errors),
      roleItems,
      teamItems: teamItems(await admin.listTeams(adminContext(request))),
      minPasswordLength: MIN_PASSWORD_LENGTH,
      backLink: '/admin/users',
    });

  app.get('/admin/users/new', policy, async (request, reply) =>
    showNew(request, reply, 200, { signInMethod: 'password' }),
  );

  app.post('/admin/users/new', policy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = newUserSchema.safeParse(body);
    if (!parsed.success) return showNew(request, reply, 422, userFormValues(body), toFieldErrors(parsed.error));
    try {
      const user = await admin.createUser(adminContext(request), parsed.data);
      await flash(app, request, `${user.display_name} can now sign in as ${user.username}`);
      return reply.redirect('/admin/users', 303);
    } catch (error) {
      if (error instanceof ValidationError) return showNew(request, reply, 422, userFormValues(body), error.errors);
      throw error;
    }
  });
}

/** The account page: its details, the change form and the disable or enable button. */
async function showUser(
  admin: AdminService,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  status = 200,
  extra: Body = {},
) {
  const ctx = adminContext(request);
  const [user, teams] = await Promise.all([admin.getUser(ctx, id), admin.listTeams(ctx)]);
  return reply.code(status).view('admin/views/user-edit.njk', {
    title: `Staff account: ${user.display_name}`,
    user: userSummary(user),
    values: userToForm(user),
    roleItems,
    teamItems: teamItems(teams),
    isSelf: id === ctx.actor.userId,
    backLink: '/admin/users',
    ...extra,
  });
}

/** An account's page and the change to its role or team. */
function registerUserAccountPages(app: FastifyInstance, admin: AdminService): void {
  app.get('/admin/users/:id', policy, async (request, reply) => showUser(admin, request, reply, routeId(request)));

  app.post('/admin/users/:id', policy, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const invalid = (errors: FieldError[]) =>
      showUser(admin, request, reply, id, 422, { errors, fieldErrors: errorMap(errors), values: userFormValues(body) });
    const parsed = userUpdateSchema.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    try {
      await admin.updateUser(adminContext(request), id, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError) return invalid(error.errors);
      // Show what is saved now (with its new version), what this edit wanted, and keep nothing.
      if (error instanceof ConflictError)
        return showUser(admin, request, reply, id, 409, {
          errors: [{ text: error.message, href: '#conflict' }],
          conflict: error.changes,
        });
      throw error;
    }
    await flash(app, request, 'The account has been saved');
    return reply.redirect(`/admin/users/${id}`, 303);
  });
}

function registerDisableAndEnable(app: FastifyInstance, admin: AdminService): void {
  for (const action of ['disable', 'enable'] as const) {
    app.post(`/admin/users/:id/${action}`, policy, async (request, reply) => {
      const id = routeId(request);
      const parsed = versionSchema.safeParse(request.body ?? {});
      const version = parsed.success ? parsed.data.version : 0;
      try {
        const user = await admin.setDisabled(adminContext(request), id, version, action === 'disable');
        await flash(
          app,
          request,
          action === 'disable'
            ? `${user.display_name}’s account is disabled and they have been signed out`
            : `${user.display_name} can sign in again`,
        );
      } catch (error) {
        if (error instanceof ConflictError)
          return showUser(admin, request, reply, id, 409, {
            errors: [{ text: error.message, href: '#conflict' }],
            conflict: [],
          });
        throw error;
      }
      return reply.redirect(`/admin/users/${id}`, 303);
    });
  }
}
