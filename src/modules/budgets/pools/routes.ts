import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { routeId } from '../../../platform/http/ids.js';
import { formatPounds } from '../../../platform/money.js';
import { partsFromDate, todayInLondon } from '../../../platform/dates.js';
import { personSummary } from '../../people/index.js';
import { PoolService } from './service.js';
import { SOMEONE_ELSE, many, type Body } from './forms.js';
import { expenseView, memberView, sheetView } from './presenters.js';

const read = { config: { policy: 'pools.read' } } as const;
const write = { config: { policy: 'pools.write' } } as const;
export const poolBase = (poolId: string) => `/pools/${poolId}`;
const today = () => todayInLondon().toString();

/** A form: shown as saved (blank) or as typed with what was wrong (422); on success, back to the pool with a message. */
interface PoolForm {
  path: string;
  template: string;
  heading: string;
  /** What the form needs to show, loaded (and audited) as the form it is. */
  load(pools: PoolService, request: FastifyRequest): Promise<Record<string, unknown>>;
  blank(): Body;
  /** Save; the flash message and where to go. */
  save(pools: PoolService, request: FastifyRequest, body: Body): Promise<{ message: string; to: string }>;
}

const dateParts = (name: string) => {
  const d = partsFromDate(today());
  return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
};

const detailFor = async (pools: PoolService, request: FastifyRequest, action: string) => {
  const detail = await pools.get(requestContext(request), routeId(request, 'poolId'), action);
  return { detail, backLink: poolBase(detail.pool.id), members: detail.members.filter((m) => m.name !== null) };
};

const FORMS: PoolForm[] = [
  {
    path: '/pools/new',
    template: 'budgets/pools/views/new.njk',
    heading: 'Set up a pool',
    load: async () => ({ backLink: '/pools' }),
    blank: () => ({}),
    save: async (pools, request, body) => {
      const id = await pools.create(requestContext(request), body);
      return { message: 'The pool has been set up', to: poolBase(id) };
    },
  },
  {
    path: '/pools/:poolId/add-member',
    template: 'budgets/pools/views/add-member.njk',
    heading: 'Add a member',
    load: async (pools, request) => {
      const { pool, parts, people } = await pools.joinForm(requestContext(request), routeId(request, 'poolId'));
      const choices = parts.map((p) => ({
        value: p.id,
        text: people.get(p.person_id)!.name,
        hint: { text: `${formatPounds(Number(p.weekly_pence ?? 0))} a week into the pool from ${p.starts_on}` },
      }));
      return { pool, choices, backLink: poolBase(pool.id) };
    },
    blank: () => dateParts('joinedOn'),
    save: async (pools, request, body) => {
      const poolId = routeId(request, 'poolId');
      await pools.addMember(requestContext(request), poolId, body, today());
      return { message: 'The member has been added', to: poolBase(poolId) };
    },
  },
  {
    path: '/pools/:poolId/contribute',
    template: 'budgets/pools/views/contribute.njk',
    heading: 'Pay into the pool',
    load: async (pools, request) => detailFor(pools, request, 'pool.contribute-form'),
    blank: () => ({ ...dateParts('contributedOn'), submission: randomUUID() }),
    save: async (pools, request, body) => {
      const poolId = routeId(request, 'poolId');
      const pence = await pools.contribute(requestContext(request), poolId, body, today());
      return { message: `${formatPounds(pence)} has been paid into the pool`, to: poolBase(poolId) };
    },
  },
  {
    path: '/pools/:poolId/request-expense',
    template: 'budgets/pools/views/expense.njk',
    heading: 'Ask for an expense',
    load: async (pools, request) => ({
      ...(await detailFor(pools, request, 'pool.expense-form')),
      someoneElse: SOMEONE_ELSE,
    }),
    blank: () => dateParts('spentOn'),
    save: async (pools, request, body) => {
      const poolId = routeId(request, 'poolId');
      await pools.requestExpense(requestContext(request), poolId, body, today());
      return { message: 'The expense is waiting for two signatories to approve it', to: poolBase(poolId) };
    },
  },
  {
    path: '/pools/:poolId/expenses/:expenseId/approve',
    template: 'budgets/pools/views/approve.njk',
    heading: 'Record a signatory’s approval',
    load: async (pools, request) => {
      const loaded = await detailFor(pools, request, 'pool.approve-form');
      const expense = loaded.detail.expenses.find((e) => e.id === routeId(request, 'expenseId'));
      if (!expense) throw new NotFoundError();
      return { ...loaded, expense: expenseView(expense) };
    },
    blank: () => dateParts('approvedOn'),
    save: async (pools, request, body) => {
      const poolId = routeId(request, 'poolId');
      const ctx = requestContext(request);
      const outcome = await pools.approve(ctx, poolId, routeId(request, 'expenseId'), body, today());
      const message = !outcome.recorded
        ? 'That signatory had already approved this expense: it still counts once'
        : outcome.paidNow
          ? 'Approved by two signatories: the expense has been paid from the pool'
          : outcome.paid
            ? 'The approval has been recorded (the expense was already paid)'
            : 'The approval has been recorded: one more signatory must approve before it is paid';
      return { message, to: poolBase(poolId) };
    },
  },
  {
    path: '/pools/:poolId/signatories/:signatoryId/replace',
    template: 'budgets/pools/views/replace-signatory.njk',
    heading: 'Replace a signatory',
    load: async (pools, request) => {
      const loaded = await detailFor(pools, request, 'pool.signatory-form');
      const leaving = loaded.detail.signatories.find((s) => s.id === routeId(request, 'signatoryId'));
      if (!leaving) throw new NotFoundError();
      return { ...loaded, leaving };
    },
    blank: () => dateParts('from'),
    save: async (pools, request, body) => {
      const poolId = routeId(request, 'poolId');
      const ctx = requestContext(request);
      const change = await pools.replaceSignatory(ctx, poolId, routeId(request, 'signatoryId'), body, today());
      return { message: `${change.joining} is now a signatory in place of ${change.leaving}`, to: poolBase(poolId) };
    },
  },
];

/** The pool pages (S9). Staff record each signatory's approval on their behalf, choosing which signatory. */
export function registerPoolPages(app: FastifyInstance, pools = new PoolService(app.deps.database.db)): void {
  app.get('/pools', read, async (request, reply) => {
    const list = await pools.list(requestContext(request));
    return reply.view('budgets/pools/views/list.njk', {
      title: 'Pools',
      pools: list.map((p) => ({ ...p, balance: formatPounds(p.balancePence) })),
    });
  });
  app.get('/pools/:poolId', read, async (request, reply) => {
    const detail = await pools.get(requestContext(request), routeId(request, 'poolId'));
    return reply.view('budgets/pools/views/pool.njk', {
      title: `Pool: ${detail.pool.name}`,
      backLink: '/pools',
      detail,
      balance: formatPounds(detail.balancePence),
      members: detail.members.map(memberView),
      expenses: detail.expenses.map(expenseView),
    });
  });
  app.get('/pools/:poolId/members/:personId', read, async (request, reply) => {
    const ctx = requestContext(request);
    const { person, sheet } = await pools.recordSheet(ctx, routeId(request, 'poolId'), routeId(request, 'personId'));
    return reply.view('budgets/pools/views/sheet.njk', {
      title: `Record sheet: ${person.given_name} ${person.family_name}`,
      backLink: poolBase(sheet.poolId),
      person: personSummary(person),
      sheet: sheetView(sheet),
    });
  });
  for (const form of FORMS) registerForm(app, pools, form);
}

function registerForm(app: FastifyInstance, pools: PoolService, form: PoolForm): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: Body,
    errors: FieldError[],
  ) =>
    reply.code(status).view(form.template, {
      title: form.heading,
      heading: form.heading,
      action: request.url,
      values,
      picked: many(values, 'members'),
      errors,
      fieldErrors: errorMap(errors),
      ...(await form.load(pools, request)),
    });
  app.get(form.path, write, async (request, reply) => show(request, reply, 200, form.blank(), []));
  app.post(form.path, write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      const { message, to } = await form.save(pools, request, body);
      if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
      return reply.redirect(to, 303);
    } catch (error) {
      if (error instanceof ValidationError) return show(request, reply, 422, body, error.errors);
      throw error;
    }
  });
}
