import type { Tx } from '../../../platform/db/scope.js';
import { formatPounds } from '../../../platform/money.js';
import { accountBalances } from '../ledger.js';
import type { BudgetPartRow } from '../tables.js';
import * as repo from './repository.js';
import {
  LARGE_PAYMENT_WEEKS,
  MONITORED_ROUTES,
  NO_STATEMENT_WEEKS,
  cardForbidsCash,
  isLargePayment,
  looksLikeCashWithdrawal,
  statementOverdue,
  surplusPence,
} from './rules.js';
import type { StatementLine } from './statement-csv.js';

/**
 * Opening monitoring cases: each is "for a conversation" with the person, never a penalty. A case is
 * opened once; while it is open the same thing is not flagged again.
 */

export interface Flagged {
  personId: string;
  opened: number;
}

/** A balance beyond the council's surplus weeks of the part's weekly amount. */
export async function checkSurplus(tx: Tx, part: BudgetPartRow, today: string, by: string | null): Promise<boolean> {
  if (part.weekly_pence === null) return false;
  const weekly = Number(part.weekly_pence);
  const weeks = await repo.surplusWeeks(tx);
  const balance = (await accountBalances(tx, [part.account_id])).get(part.account_id) ?? 0;
  const surplus = surplusPence(balance, weekly, weeks);
  if (surplus === 0) return false;
  return repo.openCase(tx, {
    partId: part.id,
    personId: part.person_id,
    reason: 'surplus',
    detail: `The balance of ${formatPounds(balance)} is more than ${weeks} weeks of the budget (${formatPounds(weekly * weeks)}): ${formatPounds(surplus)} beyond it. Talk with the person about what it is for before anything is recovered.`,
    amountPence: surplus,
    flaggedOn: today,
    createdBy: by,
  });
}

/** Unusual lines of a statement just imported: a very large payment, or cash from a card that rules cash out. */
export async function checkLines(
  tx: Tx,
  part: BudgetPartRow,
  lines: readonly (StatementLine & { id: string })[],
  today: string,
  by: string | null,
): Promise<number> {
  const weekly = Number(part.weekly_pence ?? 0);
  const noCash = part.route === 'prepaid_card' && cardForbidsCash(part.card_restrictions);
  let opened = 0;
  for (const line of lines) {
    const base = { partId: part.id, personId: part.person_id, transactionId: line.id, flaggedOn: today, createdBy: by };
    const amount = formatPounds(-line.amountPence);
    if (weekly > 0 && isLargePayment(line.amountPence, weekly)) {
      const detail = `One payment of ${amount} on ${line.occurredOn} is more than ${LARGE_PAYMENT_WEEKS} weeks of the budget. It may well be planned (equipment, a short break): ask about it.`;
      if (await repo.openCase(tx, { ...base, reason: 'large_transaction', detail, amountPence: -line.amountPence }))
        opened += 1;
    }
    if (noCash && looksLikeCashWithdrawal(line.description, line.amountPence)) {
      const detail = `A cash withdrawal of ${amount} on ${line.occurredOn}, but the card’s agreed restrictions rule out cash. Ask what it was for; the restrictions can be looked at again.`;
      if (await repo.openCase(tx, { ...base, reason: 'cash_withdrawal', detail, amountPence: -line.amountPence }))
        opened += 1;
    }
  }
  return opened;
}

/**
 * Every live monitored part: a surplus, or no statement for NO_STATEMENT_WEEKS. Returns the people
 * with a case newly opened (for the audit entry).
 */
export async function checkAllParts(tx: Tx, today: string, by: string | null): Promise<string[]> {
  const parts = await repo.liveParts(tx, MONITORED_ROUTES, today);
  const lastImports = await repo.lastImportDays(
    tx,
    parts.map((p) => p.id),
  );
  const people = new Set<string>();
  for (const part of parts) {
    if (await checkSurplus(tx, part, today, by)) people.add(part.person_id);
    if (statementOverdue(part.starts_on, lastImports.get(part.id) ?? null, today)) {
      const last = lastImports.get(part.id);
      const detail = `${last ? `The last statement came in on ${last}` : 'No statement has come in yet'}: none for ${NO_STATEMENT_WEEKS} weeks. Ask whether help with statements would make it easier.`;
      const opened = await repo.openCase(tx, {
        partId: part.id,
        personId: part.person_id,
        reason: 'no_statement',
        detail,
        amountPence: null,
        flaggedOn: today,
        createdBy: by,
      });
      if (opened) people.add(part.person_id);
    }
  }
  return [...people];
}
