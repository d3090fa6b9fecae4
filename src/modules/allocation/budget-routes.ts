import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { authorize } from '../../platform/access/authorize.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { routeId } from '../../platform/http/ids.js';
import { formatPounds, penceToPounds } from '../../platform/money.js';
import { partsFromDate, todayInLondon } from '../../platform/dates.js';
import { personSummary, recordNav } from '../people/index.js';
import { RAS_RULES } from './ras-types.js';
import { BudgetService, StaleBudgetError, type BudgetContext } from './budget-service.js';
import { openedVersion, type Body } from './budget-forms.js';
import {
  allocationView,
  limitsText,
  questionsView,
  savedAnswerValues,
  savedNow,
  STATUS_TEXT,
} from './budget-presenters.js';
import type { ApprovalLimit } from './approval-limits.js';

export const budgetBase = (id: string) => `/people/${id}/budget`;
const read = { config: { policy: 'budgets.read' as const } };
const write = { config: { policy: 'budgets.write' } } as const;
const panel = { config: { policy: 'budgets.panel' } } as const;

type Loaded = BudgetContext & { limits: ApprovalLimit[] };

/** The person's budget pages: the budget itself, the RAS questions, the agreed amount, and the panel's decision. */
export function registerBudgetPages(app: FastifyInstance, budgets = new BudgetService(app.deps.database.db)): void {
  app.get('/people/:id/budget', read, async (request, reply) => budgetPage(budgets, request, reply, 200, []));
  app.post('/people/:id/budget/approve', write, async (request, reply) => {
    const opened = openedVersion((request.body ?? {}) as Body);
    try {
      if (opened === null)
        throw new ValidationError([{ text: 'Open the page again: it was missing its version', href: '#approve' }]);
      await budgets.approve(requestContext(request), routeId(request), opened);
      return done(app, request, reply, 'The budget has been approved and agreed');
    } catch (error) {
      if (error instanceof ValidationError) return budgetPage(budgets, request, reply, 422, error.errors);
      if (error instanceof StaleBudgetError)
        return budgetPage(budgets, request, reply, 409, [{ text: error.message, href: '#current' }]);
      throw error;
    }
  });
  registerForm(app, budgets, FORMS.answers);
  registerForm(app, budgets, FORMS.agree);
  registerForm(app, budgets, FORMS.panel);
}

async function budgetPage(
  budgets: BudgetService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  errors: FieldError[],
) {
  const loaded = await budgets.getBudgets(requestContext(request), routeId(request));
  const person = personSummary(loaded.person);
  const current = loaded.allocation;
  const can = (policy: 'budgets.write' | 'budgets.panel') => authorize(request.actor, policy) === 'allow';
  return reply.code(status).view('allocation/views/budget.njk', {
    title: `Budget: ${person.name}`,
    person,
    firstName: loaded.person.preferred_name ?? loaded.person.given_name,
    backLink: `/people/${person.id}`,
    recordNav: recordNav(request.actor, person.id, 'budget'),
    base: budgetBase(person.id),
    errors,
    assessment: loaded.assessment,
    versionLabel: loaded.version?.label ?? null,
    allocations: loaded.allocations.map(allocationView),
    current: current ? { id: current.id, status: current.status, version: current.version } : null,
    canAnswer:
      can('budgets.write') && loaded.assessment?.kind === 'adult' && (!current || current.status === 'indicative'),
    canPropose: can('budgets.write') && current !== null && current.status !== 'agreed',
    canApprove: can('budgets.write') && current?.status === 'awaiting_approval',
    canPanel: can('budgets.panel') && current?.status === 'awaiting_panel',
    limits: limitsText(loaded.limits),
    rules: RAS_RULES,
  });
}

async function done(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, message: string) {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  return reply.redirect(budgetBase(routeId(request)), 303);
}

interface BudgetForm {
  path: string;
  template: string;
  heading: string;
  policy: { config: { policy: 'budgets.write' | 'budgets.panel' } };
  audit: string;
  /** The form's values from what is saved. */
  saved(loaded: Loaded): Body;
  /** What else the template needs. */
  extra(loaded: Loaded, values: Body): Record<string, unknown>;
  /** Check and save what was posted (in one transaction); the flash message on success. */
  save(budgets: BudgetService, request: FastifyRequest, opened: number, body: Body): Promise<string>;
}

const indicativeOf = (loaded: Loaded) => Number(loaded.allocation?.indicative_weekly_pence ?? 0);

const FORMS = {
  answers: {
    path: '/people/:id/budget/answers',
    template: 'allocation/views/answers.njk',
    heading: 'Answer the budget questions',
    policy: write,
    audit: 'budget.answer-form',
    saved: (loaded) => savedAnswerValues(loaded.allocation),
    extra: (loaded, values) => ({
      domains: loaded.version ? questionsView(loaded.version, (k) => values[`q-${k}`] as string | undefined) : [],
      networkDomains: loaded.version
        ? loaded.version.domains
            .filter((d) => d.key !== loaded.version!.carer.domainKey)
            .map((d) => ({
              value: 'yes',
              name: `network-${d.key}`,
              text: d.label,
              checked: values[`network-${d.key}`] === 'yes',
            }))
        : [],
      locked: loaded.allocation !== null && loaded.allocation.status !== 'indicative',
    }),
    save: async (budgets, request, opened, body) => {
      const budget = await budgets.saveAnswers(requestContext(request), routeId(request), opened, body);
      return `Indicative budget worked out: ${formatPounds(budget.weeklyPence)} a week`;
    },
  },
  agree: {
    path: '/people/:id/budget/agree',
    template: 'allocation/views/agree.njk',
    heading: 'Propose the agreed budget',
    policy: write,
    audit: 'budget.agree-form',
    saved: (loaded) => ({
      amount: penceToPounds(
        Number(loaded.allocation?.agreed_weekly_pence ?? loaded.allocation?.indicative_weekly_pence ?? 0),
      ),
      reason: loaded.allocation?.difference_reason ?? '',
    }),
    extra: (loaded) => ({
      indicative: formatPounds(indicativeOf(loaded)),
      limits: limitsText(loaded.limits),
    }),
    save: async (budgets, request, opened, body) => {
      const { status } = await budgets.propose(requestContext(request), routeId(request), opened, body);
      return status === 'agreed'
        ? 'The budget has been agreed'
        : `The proposed budget is ${STATUS_TEXT[status].text.toLowerCase()}`;
    },
  },
  panel: {
    path: '/people/:id/budget/panel',
    template: 'allocation/views/panel.njk',
    heading: 'Record the panel’s decision',
    policy: panel,
    audit: 'budget.panel-form',
    saved: (loaded) => {
      const date = partsFromDate(null);
      return {
        'panelDate-day': date.day,
        'panelDate-month': date.month,
        'panelDate-year': date.year,
        amount: penceToPounds(Number(loaded.allocation?.agreed_weekly_pence ?? 0)),
        reason: loaded.allocation?.difference_reason ?? '',
      };
    },
    extra: (loaded) => ({
      indicative: formatPounds(indicativeOf(loaded)),
      proposed: formatPounds(Number(loaded.allocation?.agreed_weekly_pence ?? 0)),
    }),
    save: async (budgets, request, opened, body) => {
      const today = todayInLondon().toString();
      const agreed = await budgets.recordPanel(requestContext(request), routeId(request), opened, body, today);
      return agreed
        ? 'The panel’s decision has been recorded and the budget agreed'
        : 'The panel’s decision has been recorded: not agreed';
    },
  },
} satisfies Record<string, BudgetForm>;

interface Shown {
  status: number;
  values?: Body;
  errors?: FieldError[];
  version?: number;
  conflict?: string[];
}

function registerForm(app: FastifyInstance, budgets: BudgetService, form: BudgetForm): void {
  /** The form: as saved, or as typed with what was wrong, or (stale) on what is saved now. */
  const show = async (request: FastifyRequest, reply: FastifyReply, how: Shown) => {
    const { status, values, errors = [], version, conflict } = how;
    const loaded = await budgets.getForm(requestContext(request), routeId(request), form.audit);
    const shown = values ?? form.saved(loaded);
    return reply.code(status).view(form.template, {
      title: `${form.heading}: ${loaded.person.given_name} ${loaded.person.family_name}`,
      heading: form.heading,
      person: personSummary(loaded.person),
      firstName: loaded.person.preferred_name ?? loaded.person.given_name,
      backLink: budgetBase(loaded.person.id),
      action: request.url,
      assessment: loaded.assessment,
      versionLabel: loaded.version?.label ?? null,
      current: loaded.allocation,
      version: version ?? loaded.allocation?.version ?? 0,
      values: shown,
      errors,
      fieldErrors: errorMap(errors),
      conflict,
      ...form.extra(loaded, shown),
    });
  };
  app.get(form.path, form.policy, async (request, reply) => show(request, reply, { status: 200 }));
  app.post(form.path, form.policy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const opened = openedVersion(body);
    try {
      if (opened === null)
        throw new ValidationError([{ text: 'Open the form again: it was missing its version', href: '#form' }]);
      const message = await form.save(budgets, request, opened, body);
      return done(app, request, reply, message);
    } catch (error) {
      if (error instanceof ValidationError)
        return show(request, reply, { status: 422, values: body, errors: error.errors, version: opened ?? undefined });
      if (error instanceof StaleBudgetError)
        return show(request, reply, {
          status: 409,
          errors: [{ text: error.message, href: '#conflict' }],
          conflict: savedNow(error.saved),
        });
      throw error;
    }
  });
}
