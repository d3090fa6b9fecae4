import { Temporal } from 'temporal-polyfill';
import { partPenceInPeriod, proRataPence } from '../pro-rata.js';
import type { HoldingRoute } from '../tables.js';

/**
 * What a payment run pays, worked out without the database: for each part of a budget in force in
 * the period, how much, to whom, net of any client contribution, or why it is held back.
 */

/** Payments are four-weekly in advance: a run's period is 28 days from its start. */
export const PERIOD_DAYS = 28;

export interface Period {
  start: string;
  /** Inclusive. */
  end: string;
}

export function periodFrom(start: string, days = PERIOD_DAYS): Period {
  return {
    start,
    end: Temporal.PlainDate.from(start)
      .add({ days: days - 1 })
      .toString(),
  };
}

export interface PartForRun {
  id: string;
  personId: string;
  route: HoldingRoute;
  holder: string;
  serviceId: string | null;
  weeklyPence: number | null;
  oneOffPence: number | null;
  startsOn: string;
  endsOn: string | null;
  accountId: string;
}

export interface ContributionForRun {
  personId: string;
  accountId: string;
  weeklyPence: number;
  startsOn: string;
  endsOn: string | null;
}

export interface Payee {
  name: string;
  sortCode: string;
  accountNumber: string;
}

export interface PlannedPayment {
  part: PartForRun;
  grossPence: number;
  /** Taken off the payment from the person's contribution accounts (net collection only). */
  contributions: { accountId: string; pence: number }[];
  /** What goes to the payee: gross less contributions. */
  netPence: number;
  payee: Payee | null;
  heldBackReason: string | null;
}

/**
 * Routes a client contribution is netted from: the person (or someone for them) holds the money, so
 * paying less is how the contribution is collected. Provider and pool payments are paid in full and
 * the contribution, if any, is invoiced.
 */
export const NETTED_ROUTES: ReadonlySet<HoldingRoute> = new Set([
  'direct_payment',
  'suitable_person',
  'prepaid_card',
  'managed_account',
  'trust',
]);

/** Council-managed parts and ISFs are paid to the provider: their bank account is keyed by directory service. */
export const PROVIDER_ROUTES: ReadonlySet<HoldingRoute> = new Set(['council_managed', 'isf']);

export const NO_APPOINTMENT =
  'No suitable person is appointed: record the appointment and the council’s checks before this direct payment can be paid';
export const NO_BANK_DETAILS = 'No bank details are recorded for the payee';
export const NO_PROVIDER = 'No provider is recorded for this part, so there is no one to pay';

/** The pence a part funds in the period: pro rata to the day, or a one-off in the period holding its start. */
export function grossPence(part: PartForRun, period: Period): number {
  if (part.route === 'one_off') {
    const inPeriod = part.startsOn >= period.start && part.startsOn <= period.end;
    return inPeriod ? (part.oneOffPence ?? 0) : 0;
  }
  return partPenceInPeriod(
    { weeklyPence: part.weeklyPence ?? 0, startsOn: part.startsOn, endsOn: part.endsOn },
    period.start,
    period.end,
  );
}

const byStartThenId = (a: { startsOn: string; id: string }, b: { startsOn: string; id: string }) =>
  a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id);

/**
 * Share a person's contributions for the period across their netted parts, earliest part first,
 * never taking a part below 0. Worked out from all of the person's parts every time, so it comes
 * out the same whichever batch of a resumed run a part falls in.
 */
export function allocateContributions(
  personParts: readonly PartForRun[],
  contributions: readonly ContributionForRun[],
  period: Period,
): Map<string, { accountId: string; pence: number }[]> {
  const parts = personParts.filter((p) => NETTED_ROUTES.has(p.route)).sort(byStartThenId);
  const room = new Map(parts.map((p) => [p.id, grossPence(p, period)]));
  const shares = new Map<string, { accountId: string; pence: number }[]>(parts.map((p) => [p.id, []]));
  const ordered = [...contributions].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.accountId.localeCompare(b.accountId),
  );
  for (const c of ordered) {
    const from = c.startsOn > period.start ? c.startsOn : period.start;
    const to = c.endsOn !== null && c.endsOn < period.end ? c.endsOn : period.end;
    let owed = from <= to ? proRataPence(c.weeklyPence, from, to) : 0;
    for (const part of parts) {
      if (owed === 0) break;
      const take = Math.min(owed, room.get(part.id)!);
      if (take === 0) continue;
      room.set(part.id, room.get(part.id)! - take);
      shares.get(part.id)!.push({ accountId: c.accountId, pence: take });
      owed -= take;
    }
  }
  return shares;
}

export interface PlanInputs {
  period: Period;
  netContributions: boolean;
  /** Every part of the people in the batch in force in the period (for sharing contributions). */
  personParts: ReadonlyMap<string, readonly PartForRun[]>;
  contributions: ReadonlyMap<string, readonly ContributionForRun[]>;
  appointedPartIds: ReadonlySet<string>;
  payeeFor: (part: PartForRun) => Payee | null;
}

/** The payment for each part (one funding nothing this period has gross 0: nothing is due). */
export function planPayments(parts: readonly PartForRun[], inputs: PlanInputs): PlannedPayment[] {
  const sharesByPerson = new Map<string, Map<string, { accountId: string; pence: number }[]>>();
  const sharesFor = (personId: string) => {
    if (!sharesByPerson.has(personId))
      sharesByPerson.set(
        personId,
        allocateContributions(
          inputs.personParts.get(personId) ?? [],
          inputs.contributions.get(personId) ?? [],
          inputs.period,
        ),
      );
    return sharesByPerson.get(personId)!;
  };
  const planned: PlannedPayment[] = [];
  for (const part of parts) {
    const gross = grossPence(part, inputs.period);
    const contributions = inputs.netContributions ? (sharesFor(part.personId).get(part.id) ?? []) : [];
    const netPence = gross - contributions.reduce((sum, c) => sum + c.pence, 0);
    const payee = netPence > 0 ? inputs.payeeFor(part) : null;
    planned.push({
      part,
      grossPence: gross,
      contributions,
      netPence,
      payee,
      heldBackReason: heldBackReason(part, inputs, netPence, payee),
    });
  }
  return planned;
}

function heldBackReason(part: PartForRun, inputs: PlanInputs, netPence: number, payee: Payee | null): string | null {
  if (part.route === 'suitable_person' && !inputs.appointedPartIds.has(part.id)) return NO_APPOINTMENT;
  if (PROVIDER_ROUTES.has(part.route) && !part.serviceId) return NO_PROVIDER;
  if (netPence > 0 && !payee) return NO_BANK_DETAILS;
  return null;
}

/** The idempotency key of a part's payment in a run: the same key for the journal, the payment and the outbox. */
export function paymentKey(runId: string, partId: string, periodStart: string): string {
  return `${runId}:${partId}:${periodStart}`;
}

/** The 18-character reference the payee's bank shows: 'TL', the part's first 10 hex digits, the period's yymmdd. */
export function paymentReference(partId: string, periodStart: string): string {
  return `TL${partId.replaceAll('-', '').slice(0, 10).toUpperCase()}${periodStart.slice(2).replaceAll('-', '')}`;
}
