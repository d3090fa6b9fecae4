import { formatPounds } from '../../../platform/money.js';
import type { BudgetPartRow, HoldingRoute } from '../tables.js';
import type { BalanceFigures } from './rules.js';
import type { BudgetTransactionRow, CaseStatus, MonitoringCaseRow, MonitoringReason } from './tables.js';

/** What the monitoring pages show, in words and pounds. Pure. */

export const ROUTE_TEXT: Record<HoldingRoute, string> = {
  direct_payment: 'Direct payment',
  suitable_person: 'Direct payment to a suitable person',
  prepaid_card: 'Prepaid card',
  managed_account: 'Managed account',
  trust: 'Trust',
  pool: 'Pooled budget',
  one_off: 'One-off payment',
  council_managed: 'Council-managed budget',
  isf: 'Individual service fund',
};

export const REASON_TEXT: Record<MonitoringReason, string> = {
  surplus: 'Money building up',
  large_transaction: 'A large single payment',
  cash_withdrawal: 'Cash from a card that rules out cash',
  no_statement: 'No statement for a while',
};

export const STATUS_TEXT: Record<CaseStatus, { text: string; classes: string }> = {
  flagged: { text: 'For a conversation', classes: 'govuk-tag--yellow' },
  conversation_held: { text: 'Conversation held', classes: 'govuk-tag--blue' },
  recovered: { text: 'Agreed: recovered', classes: 'govuk-tag--grey' },
  kept: { text: 'Agreed: kept', classes: 'govuk-tag--grey' },
};

export const partBase = (personId: string, partId: string) => `/people/${personId}/budget/parts/${partId}`;

export function partView(part: BudgetPartRow) {
  return {
    id: part.id,
    route: ROUTE_TEXT[part.route],
    isCard: part.route === 'prepaid_card',
    holder: part.holder,
    weekly: part.weekly_pence === null ? null : formatPounds(Number(part.weekly_pence)),
    startsOn: part.starts_on,
    endsOn: part.ends_on,
    cardRestrictions: part.card_restrictions,
  };
}

export function figuresView(f: BalanceFigures) {
  const difference = f.actualPence - f.expectedPence;
  return {
    paidIn: formatPounds(f.paidInPence),
    spent: formatPounds(f.spentPence),
    recovered: formatPounds(f.recoveredPence),
    planned: formatPounds(f.plannedPence),
    actual: formatPounds(f.actualPence),
    expected: formatPounds(f.expectedPence),
    difference:
      difference === 0
        ? 'The balance is what the plan expects'
        : difference > 0
          ? `${formatPounds(difference)} more than expected: less has been spent than planned so far`
          : `${formatPounds(-difference)} less than expected: more has been spent than planned so far`,
  };
}

export function transactionView(t: BudgetTransactionRow) {
  const amount = Number(t.amount_pence);
  return {
    id: t.id,
    occurredOn: t.occurred_on,
    description: t.description,
    reference: t.reference,
    moneyOut: amount < 0 ? formatPounds(-amount) : '',
    moneyIn: amount > 0 ? formatPounds(amount) : '',
    balance: t.balance_pence === null ? '' : formatPounds(Number(t.balance_pence)),
    category: t.category,
    version: t.version,
  };
}

export function caseView(c: MonitoringCaseRow) {
  return {
    id: c.id,
    partId: c.part_id,
    personId: c.person_id,
    reason: REASON_TEXT[c.reason],
    isSurplus: c.reason === 'surplus',
    detail: c.detail,
    amount: c.amount_pence === null ? null : formatPounds(Number(c.amount_pence)),
    flaggedOn: c.flagged_on,
    status: STATUS_TEXT[c.status],
    open: c.status === 'flagged' || c.status === 'conversation_held',
    conversationHeld: c.status === 'conversation_held',
    notes: c.conversation_notes,
    conversationOn: c.conversation_on,
    recovered: c.recovered_pence === null ? null : formatPounds(Number(c.recovered_pence)),
    keepReason: c.keep_reason,
    version: c.version,
  };
}
