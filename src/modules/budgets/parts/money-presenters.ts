import { formatPounds } from '../../../platform/money.js';
import { labelFor } from '../../../platform/cld/index.js';
import type { CurrentBudget } from '../../allocation/index.js';
import { HOLDING_ROUTES } from './holding-routes.js';
import { MONITORED_ROUTES } from '../monitoring/index.js';
import type { MoneyPart, MoneyRecord } from './money-read.js';

/** What the Money page shows, from what was read: plain strings only (the template escapes them). */
/** What the viewer may open from a part's card (each link's page checks again). */
export interface PartLinks {
  personId: string;
  monitor: boolean;
  bank: boolean;
  isf: boolean;
  pools: boolean;
}

export function moneyView(money: MoneyRecord, budget: CurrentBudget | null, today: string, links: PartLinks) {
  const ended = (p: MoneyPart) => p.endsOn !== null && p.endsOn < today;
  const inForce = (p: MoneyPart) => !ended(p) && p.startsOn <= today;
  const later = (p: MoneyPart) => p.startsOn > today;
  const weeklyInForce = money.parts
    .filter((p) => inForce(p) && p.weeklyPence !== null)
    .reduce((sum, p) => sum + (p.weeklyPence ?? 0), 0);
  const agreed = budget?.status === 'agreed' ? budget.agreedWeeklyPence : null;
  return {
    agreed: agreed === null ? null : formatPounds(agreed),
    held: formatPounds(weeklyInForce),
    unheld: agreed !== null && agreed > weeklyInForce ? formatPounds(agreed - weeklyInForce) : null,
    current: money.parts.filter(inForce).map((p) => partView(p, money.balances, links)),
    upcoming: money.parts.filter(later).map((p) => partView(p, money.balances, links)),
    history: money.parts.filter(ended).map((p) => partView(p, money.balances, links)),
    contributions: money.contributions.map((c) => ({
      weekly: formatPounds(c.weeklyPence),
      from: c.startsOn,
      to: c.endsOn,
      reference: c.reference,
    })),
    statement: statementView(money),
  };
}

/** The statement's rows, newest first: each posting to the person's accounts, money in or out. */
export function statementView(money: MoneyRecord) {
  const accountLabel = new Map(money.parts.map((p) => [p.accountId, `${HOLDING_ROUTES[p.route].label}: ${p.holder}`]));
  return money.postings.map((p) => ({
    date: p.effectiveOn,
    description: p.description,
    account: accountLabel.get(p.accountId) ?? 'Contributions',
    moneyIn: p.amountPence > 0 ? formatPounds(p.amountPence) : '',
    moneyOut: p.amountPence < 0 ? formatPounds(-p.amountPence) : '',
  }));
}

function partLinks(p: MoneyPart, can: PartLinks) {
  const links: { text: string; href: string }[] = [];
  const part = `/people/${can.personId}/budget/parts/${p.id}`;
  if (can.monitor && MONITORED_ROUTES.includes(p.route))
    links.push({ text: 'Statements and monitoring', href: `${part}/monitoring` });
  if (can.monitor && p.route !== 'one_off') links.push({ text: 'Saved-up hours', href: `${part}/saved-hours` });
  if (can.isf && p.route === 'isf') links.push({ text: 'The service fund', href: `/isf/${p.id}` });
  if (can.pools && p.poolId)
    links.push({ text: 'Their record sheet in the pool', href: `/pools/${p.poolId}/members/${can.personId}` });
  if (can.bank) links.push({ text: 'Bank details', href: `/payments/parts/${p.id}/bank` });
  return links;
}

function partView(p: MoneyPart, balances: Record<string, number>, can: PartLinks) {
  const route = HOLDING_ROUTES[p.route];
  const details: { key: string; value: string }[] = [];
  if (p.agreement)
    details.push({
      key: 'Direct payment agreement',
      value: `Signed by ${p.agreement.signedBy} on ${p.agreement.signedOn} (terms ${p.agreement.termsVersion})`,
    });
  if (p.suitablePerson)
    details.push({
      key: 'Suitable person',
      value: `${p.suitablePerson.name} (${p.suitablePerson.relationship}), appointed on ${p.suitablePerson.appointedOn}${p.suitablePerson.dbsCheckedOn ? `; DBS checked on ${p.suitablePerson.dbsCheckedOn}` : ''}${p.suitablePerson.referencesChecked ? '; references checked' : ''}`,
    });
  if (p.trustees.length) details.push({ key: 'Trustees', value: p.trustees.join(', ') });
  if (p.cardRestrictions) details.push({ key: 'Card restrictions', value: p.cardRestrictions });
  if (p.feeWeeklyPence > 0)
    details.push({
      key: 'Managed account fee',
      value: `${formatPounds(p.feeWeeklyPence)} a week, paid from the budget`,
    });
  return {
    id: p.id,
    version: p.version,
    route: route.label,
    holder: p.holder,
    amount:
      p.weeklyPence !== null ? `${formatPounds(p.weeklyPence)} a week` : `${formatPounds(p.oneOffPence ?? 0)} once`,
    from: p.startsOn,
    to: p.endsOn,
    cld: labelFor('deliveryMechanism', p.cld),
    balance: formatPounds(balances[p.accountId] ?? 0),
    switched: p.switchedFromId !== null,
    canSwitch: p.route !== 'one_off',
    details,
    links: partLinks(p, can),
  };
}
