import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { FieldError } from '../../../platform/http/errors.js';
import { registerSettingsForm } from '../../../platform/http/settings-form.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import { actorId } from '../../../platform/access/roles.js';
import { parsePoundsToPence, penceToPounds } from '../../../platform/money.js';
import { findSettings } from './part-repository.js';
import { done, text, type Body, type Parsed } from './part-forms.js';

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

/** The council's personal budget settings (administrators): the small payment scheme's limit, contributions, surpluses, DP terms. */
export function registerSettingsPage(app: FastifyInstance): void {
  registerSettingsForm(app, {
    path: '/budgets/settings',
    policy: 'budgets.settings',
    template: 'budgets/parts/views/settings.njk',
    title: 'Personal budget settings',
    fields: async (tx) => {
      const saved = await findSettings(tx);
      return {
        smallPaymentLimit: penceToPounds(saved.smallPaymentLimitPence),
        contributionCollection: saved.contributionCollection,
        surplusWeeks: String(saved.surplusWeeks),
        termsVersion: saved.directPaymentTermsVersion,
      };
    },
    parse: parseBudgetSettings,
    save: async (tx, ctx, input) => {
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
    },
    audit: { action: 'budget-settings.update', resourceType: 'budget_settings' },
    savedMessage: 'The personal budget settings have been saved',
  });
}
