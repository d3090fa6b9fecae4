import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { requestContext, type RequestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { scopedOrgId, withOrg } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { actorId } from '../../../platform/access/roles.js';
import { parsePoundsToPence, penceToPounds } from '../../../platform/money.js';
import { findSettings } from './part-repository.js';
import { done, text, type Body, type Parsed } from './part-forms.js';

const PATH = '/budgets/settings';
const policy = { config: { policy: 'budgets.settings' as const } };

export interface BudgetSettingsInput {
  smallPaymentLimitPence: number;
  contributionCollection: 'net' | 'invoice';
  surplusWeeks: number;
  directPaymentTermsVersion: string;
}

/** The council's budget settings as typed, each with a GOV.UK message when it is not right. */
export function parseBudgetSettings(body: Body): Parsed<BudgetSettingsInput> {
  const errors: FieldError[] = [];
  const limit = parsePoundsToPence(text(body, 'smallPaymentLimit'), 'The small payment limit');
  if (!limit.ok) errors.push({ text: limit.error, href: '#smallPaymentLimit' });
  const collection = text(body, 'contributionCollection');
  if (collection !== 'net' && collection !== 'invoice')
    errors.push({ text: 'Select how contributions are collected', href: '#contributionCollection' });
  const weeks = text(body, 'surplusWeeks');
  if (!/^\d{1,2}$/.test(weeks) || Number(weeks) < 1 || Number(weeks) > 52)
    errors.push({ text: 'The surplus threshold must be a whole number of weeks from 1 to 52', href: '#surplusWeeks' });
  const terms = text(body, 'termsVersion');
  if (!terms || terms.length > 50)
    errors.push({
      text: 'Enter the version of the direct payment agreement, in 50 characters or fewer',
      href: '#termsVersion',
    });
  return done(errors, {
    smallPaymentLimitPence: limit.ok ? limit.pence : 0,
    contributionCollection: collection === 'invoice' ? 'invoice' : 'net',
    surplusWeeks: Number(weeks),
    directPaymentTermsVersion: terms,
  });
}

async function saveSettings(app: FastifyInstance, ctx: RequestContext, input: BudgetSettingsInput) {
  await withOrg(app.deps.database.db, ctx.actor.orgId, async (tx) => {
    const row = {
      small_payment_limit_pence: input.smallPaymentLimitPence,
      contribution_collection: input.contributionCollection,
      surplus_weeks: input.surplusWeeks,
      direct_payment_terms_version: input.directPaymentTermsVersion,
      updated_at: new Date(),
      updated_by: actorId(ctx.actor),
    };
    await tx
      .insertInto('budget_settings')
      .values({ org_id: scopedOrgId, ...row } as never)
      .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...row, updated_at: sql`now()` } as never))
      .execute();
    await writeAudit(tx, ctx, [{ action: 'budget-settings.update', resourceType: 'budget_settings' }]);
  });
}

async function settingsPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values?: Body,
  errors: FieldError[] = [],
) {
  const ctx = requestContext(request);
  const saved = await withOrg(app.deps.database.db, ctx.actor.orgId, (tx) => findSettings(tx));
  const shown = values ?? {
    smallPaymentLimit: penceToPounds(saved.smallPaymentLimitPence),
    contributionCollection: saved.contributionCollection,
    surplusWeeks: String(saved.surplusWeeks),
    termsVersion: saved.directPaymentTermsVersion,
  };
  return reply.code(status).view('budgets/parts/views/settings.njk', {
    title: 'Personal budget settings',
    values: shown,
    errors,
    fieldErrors: errorMap(errors),
  });
}

/** The council's personal budget settings (administrators): the small payment scheme's limit, contributions, surpluses, DP terms. */
export function registerSettingsPage(app: FastifyInstance): void {
  app.get(PATH, policy, async (request, reply) => settingsPage(app, request, reply, 200));
  app.post(PATH, policy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = parseBudgetSettings(body);
    if (!parsed.ok) return settingsPage(app, request, reply, 422, body, parsed.errors);
    await saveSettings(app, requestContext(request), parsed.value);
    if (request.session)
      await setFlash(app.deps.database.db, request.session.idHash, 'The personal budget settings have been saved');
    return reply.redirect(PATH, 303);
  });
}
