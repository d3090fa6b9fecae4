import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { bankDetailsSchema, maskedAccount, payeePage, saveBankDetails, type PayeeKey } from './bank.js';

/** Bank details pages: a part's payee (/payments/parts/:partId/bank) and a provider's (/payments/services/:serviceId/bank). */

const bank = { config: { policy: 'payments.bank' as const } };
type Body = Record<string, unknown>;

async function bankPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  key: PayeeKey,
  status = 200,
  typed?: Body,
  errors: FieldError[] = [],
) {
  const page = await payeePage(app.deps.database.db, requestContext(request), key);
  const d = page.details;
  // The finance form is the one place the full numbers appear; the summary above it is masked.
  const saved = d ? { accountName: d.accountName, sortCode: d.sortCode, accountNumber: d.accountNumber } : {};
  return reply.code(status).view('budgets/runs/views/bank.njk', {
    title: 'Bank details for payments',
    heading: page.heading,
    action: request.url.split('?')[0],
    masked: d ? { accountName: d.accountName, account: maskedAccount(d.accountNumber) } : null,
    version: d?.version ?? 0,
    values: typed ?? saved,
    errors,
    fieldErrors: errorMap(errors),
  });
}

function registerOne(app: FastifyInstance, path: string, keyOf: (request: FastifyRequest) => PayeeKey) {
  app.get(path, bank, (request, reply) => bankPage(app, request, reply, keyOf(request)));
  app.post(path, bank, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = bankDetailsSchema.safeParse(body);
    if (!parsed.success) return bankPage(app, request, reply, keyOf(request), 422, body, toFieldErrors(parsed.error));
    await saveBankDetails(app.deps.database.db, requestContext(request), keyOf(request), parsed.data);
    if (request.session)
      await setFlash(app.deps.database.db, request.session.idHash, 'The bank details have been saved');
    return reply.redirect(request.url.split('?')[0]!, 303);
  });
}

export function registerBankPages(app: FastifyInstance): void {
  registerOne(app, '/payments/parts/:partId/bank', (request) => ({ partId: routeId(request, 'partId') }));
  registerOne(app, '/payments/services/:serviceId/bank', (request) => ({ serviceId: routeId(request, 'serviceId') }));
}
