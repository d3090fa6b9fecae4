import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { authorize } from '../../../platform/access/authorize.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { routeId } from '../../../platform/http/ids.js';
import { formatPounds } from '../../../platform/money.js';
import { todayInLondon } from '../../../platform/dates.js';
import { personSummary, recordNav } from '../../people/index.js';
import { HOLDING_ROUTES, ROUTE_KEYS } from './holding-routes.js';
import { MoneyService, STATEMENT_SPANS, StalePartError } from './money-service.js';
import { moneyView, statementView } from './money-presenters.js';
import type { Body } from './part-forms.js';

export const moneyBase = (personId: string) => `/people/${personId}/money`;
const read = { config: { policy: 'money.read' } } as const;

/** The person's Money tab and its forms: set up a part, switch one, record a contribution. */
export function registerMoneyPages(app: FastifyInstance, money = new MoneyService(app.deps.database.db)): void {
  app.get('/people/:id/money/statement', read, async (request, reply) => {
    const today = todayInLondon().toString();
    const loaded = await money.getMoney(requestContext(request), routeId(request), today, STATEMENT_SPANS.year);
    const person = personSummary(loaded.person);
    return reply.view('budgets/parts/views/money-statement.njk', {
      title: `Statement for the last 12 months: ${person.name}`,
      person,
      firstName: loaded.person.preferred_name ?? loaded.person.given_name,
      recordNav: recordNav(request.actor, person.id, 'money'),
      moneyHref: moneyBase(person.id),
      statement: statementView(loaded.money),
    });
  });

  app.get('/people/:id/money', read, async (request, reply) => {
    const today = todayInLondon().toString();
    const loaded = await money.getMoney(requestContext(request), routeId(request), today, STATEMENT_SPANS.recent);
    const person = personSummary(loaded.person);
    return reply.view('budgets/parts/views/money.njk', {
      title: `Money: ${person.name}`,
      person,
      firstName: loaded.person.preferred_name ?? loaded.person.given_name,
      recordNav: recordNav(request.actor, person.id, 'money'),
      base: moneyBase(person.id),
      canWrite: authorize(request.actor, 'money.write') === 'allow',
      canContribute: authorize(request.actor, 'money.contributions') === 'allow',
      canSeeAssistants: authorize(request.actor, 'assistants.read') === 'allow',
      ...moneyView(loaded.money, loaded.budget, today, {
        personId: person.id,
        monitor: authorize(request.actor, 'budgets.monitor') === 'allow',
        bank: authorize(request.actor, 'payments.bank') === 'allow',
        isf: authorize(request.actor, 'isf.read') === 'allow',
        pools: authorize(request.actor, 'pools.read') === 'allow',
      }),
    });
  });

  const form = (path: string, policy: 'money.write' | 'money.contributions', spec: FormSpec) => {
    app.get(path, { config: { policy } }, async (request, reply) => showForm(money, request, reply, spec, 200, {}, []));
    app.post(path, { config: { policy } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        const message = await spec.save(money, request, body);
        if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
        return reply.redirect(moneyBase(routeId(request)), 303);
      } catch (error) {
        if (error instanceof ValidationError) return showForm(money, request, reply, spec, 422, body, error.errors);
        if (error instanceof StalePartError)
          return showForm(money, request, reply, spec, 409, {}, [{ text: error.message, href: '#form' }]);
        throw error;
      }
    });
  };
  form('/people/:id/money/parts/new', 'money.write', FORMS.setUp);
  form('/people/:id/money/parts/:partId/switch', 'money.write', FORMS.switch);
  form('/people/:id/money/contributions/new', 'money.contributions', FORMS.contribution);
}

interface FormSpec {
  template: string;
  heading: string;
  audit: string;
  save(money: MoneyService, request: FastifyRequest, body: Body): Promise<string>;
}

const partIdOf = (request: FastifyRequest) => routeId(request, 'partId');
const openedOf = (body: Body) => (/^\d{1,6}$/.test(String(body['version'] ?? '')) ? Number(body['version']) : -1);

const FORMS = {
  setUp: {
    template: 'budgets/parts/views/part-form.njk',
    heading: 'Set up part of the budget',
    audit: 'money.part-form',
    save: async (money, request, body) => {
      await money.setUpPart(requestContext(request), routeId(request), body);
      return `Set up: ${HOLDING_ROUTES[body['route'] as keyof typeof HOLDING_ROUTES].label.toLowerCase()}`;
    },
  },
  switch: {
    template: 'budgets/parts/views/switch.njk',
    heading: 'Switch part of the budget to another way of holding it',
    audit: 'money.switch-form',
    save: async (money, request, body) => {
      await money.switchPart(requestContext(request), routeId(request), partIdOf(request), openedOf(body), body);
      return 'The switch has been recorded';
    },
  },
  contribution: {
    template: 'budgets/parts/views/contribution.njk',
    heading: 'Record a contribution',
    audit: 'money.contribution-form',
    save: async (money, request, body) => {
      const input = await money.recordContribution(requestContext(request), routeId(request), body);
      return `Contribution recorded: ${formatPounds(input.weeklyPence)} a week from ${input.startsOn}`;
    },
  },
} satisfies Record<string, FormSpec>;

async function showForm(
  money: MoneyService,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: FormSpec,
  status: number,
  values: Body,
  errors: FieldError[],
) {
  const hasPart = (request.params as { partId?: string }).partId !== undefined;
  const loaded = await money.getForm(
    requestContext(request),
    routeId(request),
    spec.audit,
    todayInLondon().toString(),
    hasPart ? partIdOf(request) : null,
  );
  const person = personSummary(loaded.person);
  const found = loaded.part;
  const part = found && {
    ...found,
    label: `${HOLDING_ROUTES[found.route].label}: ${found.holder}`,
    weekly: formatPounds(found.weeklyPence ?? 0),
  };
  return reply.code(status).view(spec.template, {
    title: `${spec.heading}: ${person.name}`,
    heading: spec.heading,
    person,
    backLink: moneyBase(person.id),
    action: request.url,
    values,
    errors,
    fieldErrors: errorMap(errors),
    routes: ROUTE_KEYS.map((key) => ({
      value: key,
      text: HOLDING_ROUTES[key].label,
      hint: { text: HOLDING_ROUTES[key].hint },
      checked: values['route'] === key,
    })),
    agreed: loaded.budget?.status === 'agreed' ? formatPounds(loaded.budget.agreedWeeklyPence ?? 0) : null,
    committed: formatPounds(loaded.committed),
    smallPaymentLimit: formatPounds(loaded.settings.smallPaymentLimitPence),
    pools: [
      { value: '', text: 'Choose a pool' },
      ...loaded.pools.map((p) => ({ value: p.id, text: p.name, selected: values['poolId'] === p.id })),
    ],
    part,
  });
}
