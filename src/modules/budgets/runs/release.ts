import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { verifyPassword } from '../../../platform/auth/passwords.js';
import { isLocked, recordFailure, throttleKeys } from '../../../platform/auth/throttle.js';
import { formatPounds } from '../../../platform/money.js';

/**
 * Releasing a prepared run is the second pair of eyes: a finance officer who did not prepare it,
 * who has seen the totals (the form carries the totals shown, and a run that changed since is a
 * conflict) and who re-enters their password. Failed passwords count towards the sign-in lock.
 */

export interface ReleaseInput {
  password: string;
  /** The totals the releaser was shown. */
  seenCount: number;
  seenTotalPence: number;
}

const WRONG_PASSWORD = 'The password is not right';
const LOCKED = 'Too many wrong passwords: wait 15 minutes and try again';

async function lockRun(tx: Tx, runId: string) {
  const run = await tx.selectFrom('payment_run').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
  if (!run) throw new NotFoundError();
  return run;
}

/** Why this person may not release this run now, or null. */
export function releaseProblem(run: { status: string; preparedBy: string | null }, userId: string): string | null {
  if (run.status === 'preparing') return 'The run is still being prepared: resume it first';
  if (run.status !== 'prepared') return 'The run has already been released';
  if (run.preparedBy === userId) return 'You prepared this run: another finance officer must release it';
  return null;
}

async function checkPassword(db: Kysely<DB>, ctx: RequestContext, password: string, address: string): Promise<void> {
  const user = await withOrg(db, ctx.actor.orgId, (tx) =>
    tx
      .selectFrom('staff_user')
      .select(['username', 'password_hash'])
      .where('id', '=', ctx.actor.kind === 'user' ? ctx.actor.userId : '')
      .executeTakeFirstOrThrow(),
  );
  const { account } = throttleKeys(user.username, address);
  if (await isLocked(db, [account])) {
    await verifyPassword(null, password);
    throw new ValidationError([{ text: LOCKED, href: '#password' }]);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailure(db, [account]);
    throw new ValidationError([{ text: WRONG_PASSWORD, href: '#password' }]);
  }
}

export async function releaseRun(
  db: Kysely<DB>,
  ctx: RequestContext,
  runId: string,
  input: ReleaseInput,
  address: string,
): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  const userId = ctx.actor.userId;
  // Refuse the preparer before asking argon2 anything: the answer does not depend on the password.
  const before = await withOrg(db, ctx.actor.orgId, (tx) =>
    tx.selectFrom('payment_run').select(['status', 'prepared_by']).where('id', '=', runId).executeTakeFirst(),
  );
  if (!before) throw new NotFoundError();
  const early = releaseProblem({ status: before.status, preparedBy: before.prepared_by }, userId);
  if (early) throw new ValidationError([{ text: early, href: '#password' }]);
  if (!input.password) throw new ValidationError([{ text: 'Enter your password', href: '#password' }]);
  await checkPassword(db, ctx, input.password, address);
  await withOrg(db, ctx.actor.orgId, async (tx) => {
    const run = await lockRun(tx, runId);
    const problem = releaseProblem({ status: run.status, preparedBy: run.prepared_by }, userId);
    if (problem) throw new ValidationError([{ text: problem, href: '#password' }]);
    if (run.payment_count !== input.seenCount || Number(run.total_pence) !== input.seenTotalPence)
      throw new ConflictError(
        `The run's totals changed since you saw them: it is now ${run.payment_count} payments, ${formatPounds(Number(run.total_pence))}. Check them and release again.`,
      );
    await tx
      .updateTable('payment_run')
      .set({ status: 'released', released_by: userId, released_at: new Date() })
      .where('id', '=', runId)
      .execute();
    await writeAudit(tx, ctx, [{ action: 'payment-run.release', resourceType: 'payment_run', resourceId: runId }]);
  });
}

/** The files have gone to the bank: the run is complete. */
export async function completeRun(db: Kysely<DB>, ctx: RequestContext, runId: string): Promise<void> {
  await withOrg(db, ctx.actor.orgId, async (tx) => {
    const run = await lockRun(tx, runId);
    if (run.status !== 'released')
      throw new ValidationError([{ text: 'Only a released run can be marked as sent', href: '#complete' }]);
    await tx
      .updateTable('payment_run')
      .set({ status: 'completed', completed_at: new Date() })
      .where('id', '=', runId)
      .execute();
    await writeAudit(tx, ctx, [{ action: 'payment-run.complete', resourceType: 'payment_run', resourceId: runId }]);
  });
}
