import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { withOrg } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { todayInLondon } from '../../../platform/dates.js';
import {
  CAPACITIES,
  CAPACITY_LABELS,
  SUPPORTS_IN_PLACE,
  SUPPORT_IN_PLACE_LABELS,
  SUPPORT_LEVEL_LABELS,
  cellName,
  findSupportMatrix,
  isSupportLevel,
  saveSupportMatrix,
  type SupportMatrix,
} from './matrix.js';
import { DEFAULT_RENEWAL_DAYS, MAX_RENEWAL_DAYS, lastDayDue } from './renewals.js';
import type { AssistantService } from './service.js';
import type { Body } from './schema.js';

const MATRIX_PATH = '/budgets/support-matrix';
const matrixPolicy = { config: { policy: 'budgets.matrix' as const } };
const readPolicy = { config: { policy: 'assistants.read' as const } };

/** The renewals list's window from `?days=`: a whole number of days up to a year, else the default. */
export function renewalDays(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.days;
  const days = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  return days >= 0 && days <= MAX_RENEWAL_DAYS ? days : DEFAULT_RENEWAL_DAYS;
}

/** Council-wide pages: insurance renewals for caseworkers, and the support matrix for administrators. */
export function registerCouncilPages(app: FastifyInstance, service: AssistantService): void {
  app.get('/budgets/assistants/renewals', readPolicy, async (request, reply) => {
    const days = renewalDays(request.query);
    const today = todayInLondon().toString();
    const renewals = await service.renewals(requestContext(request), today, days);
    return reply.view('budgets/assistants/views/renewals.njk', {
      title: 'Personal assistants’ insurance to renew',
      days,
      until: lastDayDue(today, days),
      lapsed: renewals.filter((r) => r.state === 'lapsed'),
      due: renewals.filter((r) => r.state === 'due'),
    });
  });
  app.get(MATRIX_PATH, matrixPolicy, async (request, reply) => matrixPage(app, request, reply, 200));
  app.post(MATRIX_PATH, matrixPolicy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = parseMatrix(body);
    if ('errors' in parsed) return matrixPage(app, request, reply, 422, body, parsed.errors);
    const ctx = requestContext(request);
    await withOrg(app.deps.database.db, ctx.actor.orgId, async (tx) => {
      await saveSupportMatrix(tx, ctx.actor, parsed.matrix);
      await writeAudit(tx, ctx, [{ action: 'dp-support-matrix.update', resourceType: 'dp_support_matrix' }]);
    });
    if (request.session)
      await setFlash(app.deps.database.db, request.session.idHash, 'The support matrix has been saved');
    return reply.redirect(MATRIX_PATH, 303);
  });
}

/** Every cell must name a level: the table answers every pair of answers. */
export function parseMatrix(body: Body): { matrix: SupportMatrix } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const matrix = {} as SupportMatrix;
  for (const capacity of CAPACITIES) {
    matrix[capacity] = {} as SupportMatrix[typeof capacity];
    for (const support of SUPPORTS_IN_PLACE) {
      const value = body[cellName(capacity, support)];
      if (isSupportLevel(value)) matrix[capacity][support] = value;
      else
        errors.push({
          text: `Select the level for “${CAPACITY_LABELS[capacity]}” with “${SUPPORT_IN_PLACE_LABELS[support]}”`,
          href: `#${cellName(capacity, support)}`,
        });
    }
  }
  return errors.length ? { errors } : { matrix };
}

async function matrixPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  posted?: Body,
  errors: FieldError[] = [],
) {
  const ctx = requestContext(request);
  const saved = await withOrg(app.deps.database.db, ctx.actor.orgId, (tx) => findSupportMatrix(tx));
  const chosen = (capacity: (typeof CAPACITIES)[number], support: (typeof SUPPORTS_IN_PLACE)[number]) =>
    posted ? posted[cellName(capacity, support)] : saved[capacity][support];
  return reply.code(status).view('budgets/assistants/views/matrix.njk', {
    title: 'Direct payment support matrix',
    errors,
    fieldErrors: errorMap(errors),
    supportHeadings: SUPPORTS_IN_PLACE.map((s) => SUPPORT_IN_PLACE_LABELS[s]),
    rows: CAPACITIES.map((capacity) => ({
      label: CAPACITY_LABELS[capacity],
      cells: SUPPORTS_IN_PLACE.map((support) => ({
        name: cellName(capacity, support),
        label: `${CAPACITY_LABELS[capacity]}, ${SUPPORT_IN_PLACE_LABELS[support]}`,
        items: Object.entries(SUPPORT_LEVEL_LABELS).map(([value, text]) => ({
          value,
          text,
          selected: chosen(capacity, support) === value,
        })),
      })),
    })),
  });
}
