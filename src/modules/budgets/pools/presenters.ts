import { formatPounds } from '../../../platform/money.js';
import type { PoolDetail } from './pool-detail.js';
import type { RecordSheet } from './record-sheet.js';
import { APPROVALS_NEEDED } from './service.js';

/** What the pool pages show: amounts in pounds, and each expense's approval status in words. */
export function memberView(m: PoolDetail['members'][number]) {
  return {
    ...m,
    contributed: formatPounds(m.contributedPence),
    spent: formatPounds(m.spentPence),
    remaining: formatPounds(m.remainingPence),
  };
}

export function expenseView(e: PoolDetail['expenses'][number]) {
  const approvals = e.approvedBy.length;
  const status = e.paid
    ? { text: 'Paid', classes: 'govuk-tag--green' }
    : approvals === 0
      ? { text: 'Waiting for two approvals', classes: 'govuk-tag--yellow' }
      : { text: `Approved by ${approvals} of ${APPROVALS_NEEDED}: not paid`, classes: 'govuk-tag--yellow' };
  return {
    ...e,
    amount: formatPounds(e.amount_pence),
    status,
    approvedByText: e.approvedBy.map((a) => a.name).join(', '),
  };
}

export function sheetView(sheet: RecordSheet) {
  return {
    ...sheet,
    contributed: formatPounds(sheet.contributedPence),
    spent: formatPounds(sheet.spentPence),
    awaiting: formatPounds(sheet.awaitingPence),
    remaining: formatPounds(sheet.remainingPence),
    contributions: sheet.contributions.map((c) => ({ ...c, amount: formatPounds(c.pence) })),
    activities: sheet.activities.map((a) => ({
      ...a,
      amount: formatPounds(a.amountPence),
      share: formatPounds(a.sharePence),
    })),
  };
}
