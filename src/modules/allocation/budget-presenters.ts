import { formatPounds } from '../../platform/money.js';
import { roleLabels, isRole } from '../../platform/access/roles.js';
import { WEEKS_IN_A_YEAR } from './ras.js';
import type { ApprovalLimit } from './approval-limits.js';
import type { BudgetLine, RasAnswers, RasVersion } from './ras-types.js';
import type { AllocationWithNames } from './repository.js';
import type { BudgetAllocationRow, BudgetStatus } from './tables.js';

/** How the budget pages say things: plain English, pounds from pence, nothing the template must work out. */

export const STATUS_TEXT: Record<BudgetStatus, { text: string; classes: string }> = {
  indicative: { text: 'Indicative', classes: 'govuk-tag--blue' },
  awaiting_approval: { text: 'Waiting for approval', classes: 'govuk-tag--yellow' },
  awaiting_panel: { text: 'Waiting for a panel', classes: 'govuk-tag--orange' },
  agreed: { text: 'Agreed', classes: 'govuk-tag--green' },
};

const roleText = (role: string | null) =>
  role === 'panel' ? 'a panel' : role && isRole(role) ? roleLabels[role].toLowerCase() : 'someone';

/** One budget as the page shows it: the lines, the totals, and the agreed amount with who decided it. */
export function allocationView(a: AllocationWithNames) {
  const weekly = Number(a.indicative_weekly_pence);
  const agreed = a.agreed_weekly_pence === null ? null : Number(a.agreed_weekly_pence);
  return {
    id: a.id,
    versionLabel: a.version_label,
    calculatedOn: a.calculated_on,
    points: a.points,
    lines: (a.lines as BudgetLine[]).map((l) => l.text),
    weekly: formatPounds(weekly),
    annual: formatPounds(weekly * WEEKS_IN_A_YEAR),
    status: STATUS_TEXT[a.status],
    agreedWeekly: agreed === null ? null : formatPounds(agreed),
    agreedAnnual: agreed === null ? null : formatPounds(agreed * WEEKS_IN_A_YEAR),
    differs: agreed !== null && agreed !== weekly,
    reason: a.difference_reason,
    decided:
      a.status === 'agreed' && a.decided_at
        ? { by: a.decided_by_name ?? 'Unknown', as: roleText(a.decided_role), at: a.decided_at }
        : null,
    panel: a.panel_decision ? { date: a.panel_date, members: a.panel_members, decision: a.panel_decision } : null,
  };
}

/** The delegated limits in words, for the page that asks for an approval. */
export function limitsText(limits: readonly ApprovalLimit[]): string[] {
  return [...limits]
    .sort((a, b) => a.maxWeeklyPence - b.maxWeeklyPence)
    .map((l) => `${roleLabels[l.role]}: up to ${formatPounds(l.maxWeeklyPence)} a week`);
}

/** The questions of a version as radio groups, with the answer given (saved or as typed) checked. */
export function questionsView(version: RasVersion, chosen: (questionKey: string) => string | undefined) {
  return version.domains.map((d) => ({
    key: d.key,
    label: d.label,
    isCarer: d.key === version.carer.domainKey,
    questions: d.questions.map((q) => ({
      name: `q-${q.key}`,
      text: q.text,
      items: q.answers.map((a) => ({
        value: a.key,
        text: a.text,
        hint: { text: `${a.points} ${a.points === 1 ? 'point' : 'points'}` },
        checked: chosen(q.key) === a.key,
      })),
    })),
  }));
}

/** The answers a saved budget had, as form values (the field names the form posts). */
export function savedAnswerValues(allocation: BudgetAllocationRow | null): Record<string, string> {
  if (!allocation) return {};
  const saved = allocation.answers as RasAnswers;
  return {
    ...Object.fromEntries(Object.entries(saved.answers).map(([k, v]) => [`q-${k}`, v])),
    ...Object.fromEntries(saved.networkMeetsNeed.map((k) => [`network-${k}`, 'yes'])),
  };
}

/** What is saved now, for a form refused as stale. */
export function savedNow(a: BudgetAllocationRow | null): string[] {
  if (!a) return ['Nothing has been saved for this budget yet.'];
  const lines = [
    `Status: ${STATUS_TEXT[a.status].text}`,
    `Indicative budget: ${formatPounds(Number(a.indicative_weekly_pence))} a week`,
  ];
  if (a.agreed_weekly_pence !== null)
    lines.push(`Agreed or proposed amount: ${formatPounds(Number(a.agreed_weekly_pence))} a week`);
  if (a.difference_reason) lines.push(`Reason it differs: ${a.difference_reason}`);
  if (a.panel_decision) lines.push(`Panel decision: ${a.panel_decision}`);
  return lines;
}
