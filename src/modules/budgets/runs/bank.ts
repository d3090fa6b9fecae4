import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../platform/db/schema.js';
import { scopedOrgId, withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { findVisiblePerson } from '../../people/index.js';

/**
 * The bank account a part is paid into, or a provider's (by directory service) for council-managed
 * parts and ISFs. Finance officers only; the numbers are never logged (request bodies are not) and
 * are shown masked everywhere except on the form that records them.
 */

export const bankDetailsSchema = z.object({
  accountName: z
    .string({ error: 'Enter the name on the account' })
    .trim()
    .min(1, 'Enter the name on the account')
    .max(100, 'Name on the account must be 100 characters or fewer'),
  sortCode: z
    .string({ error: 'Enter a sort code' })
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter a sort code')
        .regex(/^\d{6}$/, 'Enter a valid sort code like 309430'),
    ),
  accountNumber: z
    .string({ error: 'Enter an account number' })
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter an account number')
        .regex(/^\d+$/, 'Enter a valid account number like 00733445')
        .length(8, 'Account number must be 8 digits'),
    ),
  version: z.coerce.number().int().min(0).default(0),
});
export type BankDetailsInput = z.output<typeof bankDetailsSchema>;

const STALE = 'Someone else changed these bank details since you opened the page. Check them and try again.';

export type PayeeKey = { partId: string } | { serviceId: string };

export interface BankDetails {
  accountName: string;
  sortCode: string;
  accountNumber: string;
  version: number;
}

/** 'Account ending 5678': all a page other than the finance form shows. */
export function maskedAccount(accountNumber: string): string {
  return `Account ending ${accountNumber.slice(-4)}`;
}

export interface PayeePage {
  /** What the payee is: the part's holder and route, or a provider's service. */
  heading: string;
  personId: string | null;
  details: BankDetails | null;
}

/** The part or provider the details are for, checked visible (a restricted person's part is not found). */
async function payeeSubject(tx: Tx, ctx: RequestContext, key: PayeeKey) {
  if ('partId' in key) {
    const part = await tx
      .selectFrom('budget_part')
      .select(['person_id', 'holder', 'route'])
      .where('id', '=', key.partId)
      .executeTakeFirst();
    if (!part || !(await findVisiblePerson(tx, ctx.actor, part.person_id))) throw new NotFoundError();
    return { heading: `${part.holder} (${part.route.replaceAll('_', ' ')})`, personId: part.person_id };
  }
  const used = await tx
    .selectFrom('budget_part')
    .select('id')
    .where('service_id', '=', key.serviceId)
    .limit(1)
    .executeTakeFirst();
  if (!used) throw new NotFoundError();
  return { heading: 'The provider (council-managed support and ISFs)', personId: null };
}

async function currentDetails(tx: Tx, key: PayeeKey) {
  return tx
    .selectFrom('payee_bank_account')
    .select(['account_name', 'sort_code', 'account_number', 'version'])
    .where('partId' in key ? 'part_id' : 'service_id', '=', 'partId' in key ? key.partId : key.serviceId)
    .executeTakeFirst();
}

export async function payeePage(db: Kysely<DB>, ctx: RequestContext, key: PayeeKey): Promise<PayeePage> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const subject = await payeeSubject(tx, ctx, key);
    const row = await currentDetails(tx, key);
    await writeAudit(tx, ctx, [
      {
        action: 'payee-bank.view',
        resourceType: 'payee_bank_account',
        resourceId: idOf(key),
        personId: subject.personId,
      },
    ]);
    const details = row
      ? {
          accountName: row.account_name,
          sortCode: row.sort_code,
          accountNumber: row.account_number,
          version: row.version,
        }
      : null;
    return { ...subject, details };
  });
}

const idOf = (key: PayeeKey) => ('partId' in key ? key.partId : key.serviceId);

/** Record or change the details; a change made since the form was loaded is a conflict (409), not overwritten. */
export async function saveBankDetails(
  db: Kysely<DB>,
  ctx: RequestContext,
  key: PayeeKey,
  input: BankDetailsInput,
): Promise<void> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  await withOrg(db, ctx.actor.orgId, async (tx) => {
    const subject = await payeeSubject(tx, ctx, key);
    const row = await currentDetails(tx, key);
    if ((row?.version ?? 0) !== input.version) throw new ConflictError(STALE);
    const values = {
      account_name: input.accountName,
      sort_code: input.sortCode,
      account_number: input.accountNumber,
      updated_at: new Date(),
      updated_by: userId,
    };
    if (row) {
      const updated = await tx
        .updateTable('payee_bank_account')
        .set({ ...values, version: row.version + 1 })
        .where('partId' in key ? 'part_id' : 'service_id', '=', idOf(key))
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError(STALE);
    } else {
      const inserted = await tx
        .insertInto('payee_bank_account')
        .values({
          ...values,
          org_id: scopedOrgId,
          part_id: 'partId' in key ? key.partId : null,
          service_id: 'serviceId' in key ? key.serviceId : null,
          created_by: userId,
        } as never)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      // Someone else recorded them between our read and this insert: theirs stand, as for an edit.
      if (!inserted) throw new ConflictError(STALE);
    }
    await writeAudit(tx, ctx, [
      {
        action: row ? 'payee-bank.update' : 'payee-bank.create',
        resourceType: 'payee_bank_account',
        resourceId: idOf(key),
        personId: subject.personId,
      },
    ]);
  });
}
