import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { withOrg } from '../../platform/db/scope.js';
import { todayInLondon } from '../../platform/dates.js';
import { dayCodes, dayNames, serviceInputSchema, serviceStatuses } from './model.js';
import { rowCounts, serviceFormToInput, serviceFormValues, serviceInputToForm } from './forms.js';
import { PAGE_SIZE } from './repository.js';
import { listTermChoices } from './taxonomy.js';
import type { DirectoryService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;
const listQuery = z.object({
  q: z.string().trim().max(200).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
const withdrawSchema = z.object({
  reason: z
    .string({ error: 'Enter why the entry is being withdrawn' })
    .trim()
    .min(1, 'Enter why the entry is being withdrawn')
    .max(500, 'Reason must be 500 characters or fewer'),
});

const curate = { config: { policy: 'directory.curate' as const } };
type ListMode = 'all' | 'review' | 'withdrawn';

/** Staff and partner curation of the community directory, under /directory/manage. */
export function registerManagePages(app: FastifyInstance, directory: DirectoryService): void {
  app.get('/directory/manage', curate, listPage(app, directory, 'all'));
  app.get('/directory/manage/review', curate, listPage(app, directory, 'review'));
  app.get('/directory/manage/withdrawn', curate, listPage(app, directory, 'withdrawn'));
  registerCreatePages(app, directory);
  registerEditPages(app, directory);
  registerCheckedAction(app, directory);
  registerWithdrawPages(app, directory);
}

async function flash(app: FastifyInstance, request: FastifyRequest, text: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, text);
}

function listPage(app: FastifyInstance, directory: DirectoryService, mode: ListMode) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { q, page } = listQuery.parse(request.query ?? {});
    const due =
      mode === 'review'
        ? todayInLondon().subtract({ days: app.deps.config.directoryReviewAfterDays }).toString()
        : null;
    const result = await directory.list(requestContext(request), { q, page, due, withdrawn: mode === 'withdrawn' });
    const base = {
      all: '/directory/manage',
      review: '/directory/manage/review',
      withdrawn: '/directory/manage/withdrawn',
    }[mode];
    const pages = Math.ceil(result.total / PAGE_SIZE);
    return reply.view('directory/views/list.njk', {
      title: { all: 'Directory entries', review: 'Entries due for review', withdrawn: 'Withdrawn entries' }[mode],
      mode,
      q,
      base,
      total: result.total,
      rows: result.rows,
      reviewAfterDays: app.deps.config.directoryReviewAfterDays,
      canImport: request.actor?.kind === 'user' && ['administrator', 'commissioner'].includes(request.actor.role),
      previous: page > 1 ? `${base}?q=${encodeURIComponent(q)}&page=${page - 1}` : null,
      next: page < pages ? `${base}?q=${encodeURIComponent(q)}&page=${page + 1}` : null,
    });
  };
}

async function showForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  context: Record<string, unknown>,
) {
  const values = (context.values ?? {}) as Record<string, unknown>;
  return reply.code(status).view('directory/views/service-form.njk', {
    ...context,
    rows: rowCounts(values),
    kindItems: await kindItems(app, request, (values.kinds ?? []) as string[]),
    statusItems: serviceStatuses.map((s) => ({
      value: s,
      text: s[0]!.toUpperCase() + s.slice(1),
      selected: s === (values.status ?? 'active'),
    })),
    days: dayCodes.map((code) => ({ value: code, text: dayNames[code] })),
  });
}

const invalid = (errors: FieldError[]) => ({ errors, fieldErrors: errorMap(errors) });

function registerCreatePages(app: FastifyInstance, directory: DirectoryService): void {
  app.get('/directory/manage/new', curate, async (request, reply) =>
    showForm(app, request, reply, 200, {
      title: 'Add a directory entry',
      mode: 'create',
      values: { status: 'active' },
    }),
  );

  app.post('/directory/manage/new', curate, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const again = (errors: FieldError[]) =>
      showForm(app, request, reply, 422, {
        title: 'Add a directory entry',
        mode: 'create',
        values: serviceFormValues(body),
        ...invalid(errors),
      });
    const parsed = serviceInputSchema.safeParse(serviceFormToInput(body));
    if (!parsed.success) return again(toFieldErrors(parsed.error));
    try {
      await directory.create(requestContext(request), parsed.data);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.errors);
      throw error;
    }
    await flash(app, request, `${parsed.data.name} has been added to the directory`);
    return reply.redirect('/directory/manage', 303);
  });
}

function registerEditPages(app: FastifyInstance, directory: DirectoryService): void {
  app.get('/directory/manage/services/:serviceId/edit', curate, async (request, reply) => {
    const { row, input } = await directory.get(requestContext(request), routeId(request, 'serviceId'));
    return showForm(app, request, reply, 200, {
      title: `Change ${row.name}`,
      mode: 'edit',
      serviceId: row.id,
      service: row,
      values: serviceInputToForm(input, row.version),
    });
  });

  app.post('/directory/manage/services/:serviceId/edit', curate, async (request, reply) => {
    const id = routeId(request, 'serviceId');
    const body = (request.body ?? {}) as Body;
    const { row } = await directory.get(requestContext(request), id);
    const context = { title: `Change ${row.name}`, mode: 'edit', serviceId: id, service: row };
    const again = (errors: FieldError[]) =>
      showForm(app, request, reply, 422, { ...context, values: serviceFormValues(body), ...invalid(errors) });
    const parsed = serviceInputSchema.safeParse(serviceFormToInput(body));
    if (!parsed.success) return again(toFieldErrors(parsed.error));
    const version = Number(body.version);
    if (!Number.isInteger(version))
      return again([{ text: 'The form is out of date: open the entry again', href: '#name' }]);
    try {
      await directory.update(requestContext(request), id, version, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.errors);
      if (!(error instanceof ConflictError)) throw error;
      const current = await directory.get(requestContext(request), id);
      return showForm(app, request, reply, 409, {
        ...context,
        values: serviceInputToForm(current.input, current.row.version),
        conflict: error.changes,
        errors: [{ text: error.message, href: '#conflict' }],
        fieldErrors: {},
      });
    }
    await flash(app, request, `${parsed.data.name} has been saved`);
    return reply.redirect('/directory/manage', 303);
  });
}

function registerCheckedAction(app: FastifyInstance, directory: DirectoryService): void {
  app.post('/directory/manage/services/:serviceId/checked', curate, async (request, reply) => {
    const row = await directory.markChecked(requestContext(request), routeId(request, 'serviceId'));
    await flash(app, request, `${row.name} has been marked as checked today`);
    return reply.redirect(
      String((request.body as Body | undefined)?.returnTo ?? '') === 'review'
        ? '/directory/manage/review'
        : '/directory/manage',
      303,
    );
  });
}

/** Withdrawing (with a reason, never deleting) and restoring. */
function registerWithdrawPages(app: FastifyInstance, directory: DirectoryService): void {
  app.get('/directory/manage/services/:serviceId/withdraw', curate, async (request, reply) => {
    const { row } = await directory.get(requestContext(request), routeId(request, 'serviceId'));
    return reply.view('directory/views/withdraw.njk', { title: `Withdraw ${row.name}`, service: row, values: {} });
  });

  app.post('/directory/manage/services/:serviceId/withdraw', curate, async (request, reply) => {
    const id = routeId(request, 'serviceId');
    const { row } = await directory.get(requestContext(request), id);
    const parsed = withdrawSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const errors = toFieldErrors(parsed.error);
      return reply.code(422).view('directory/views/withdraw.njk', {
        title: `Withdraw ${row.name}`,
        service: row,
        values: request.body ?? {},
        errors,
        fieldErrors: errorMap(errors),
      });
    }
    await directory.withdraw(requestContext(request), id, parsed.data.reason);
    await flash(app, request, `${row.name} has been withdrawn`);
    return reply.redirect('/directory/manage', 303);
  });

  app.post('/directory/manage/services/:serviceId/restore', curate, async (request, reply) => {
    const row = await directory.restore(requestContext(request), routeId(request, 'serviceId'));
    await flash(app, request, `${row.name} has been restored`);
    return reply.redirect('/directory/manage/withdrawn', 303);
  });
}

/** Checkbox items for every taxonomy term the council has, service kinds first. */
async function kindItems(app: FastifyInstance, request: FastifyRequest, chosen: string[]) {
  const terms = await withOrg(app.deps.database.db, request.actor!.orgId, listTermChoices);
  return terms.map((t) => ({ value: t.id, text: t.name, checked: chosen.includes(t.id) }));
}
