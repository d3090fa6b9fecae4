import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { visiblePeople } from '../../people/index.js';

/**
 * Employer's liability insurance that has lapsed or renews soon. A person who employs a PA must be
 * insured as an employer; a lapse leaves them personally liable, so caseworkers are told before it
 * happens. "Today" is always a parameter, so the lists are the same whenever a test runs.
 */
export const DEFAULT_RENEWAL_DAYS = 30;
export const MAX_RENEWAL_DAYS = 365;

export type InsuranceState = 'lapsed' | 'due' | 'ok' | 'none';

/** Lapsed: the renewal date has passed. Due: it falls within `withinDays` of today (today included). */
export function insuranceState(renewsOn: string | null, today: string, withinDays: number): InsuranceState {
  if (!renewsOn) return 'none';
  if (renewsOn < today) return 'lapsed';
  return renewsOn <= lastDayDue(today, withinDays) ? 'due' : 'ok';
}

export const lastDayDue = (today: string, withinDays: number) =>
  Temporal.PlainDate.from(today).add({ days: withinDays }).toString();

export interface Renewal {
  assistantId: string;
  personId: string;
  personName: string;
  assistantName: string;
  insurer: string;
  renewsOn: string;
  state: 'lapsed' | 'due';
}

/** The PAs still employed on `today` whose insurance renews by `today + withinDays` (or has lapsed). */
function dueRenewals(tx: Tx, today: string, withinDays: number) {
  return tx
    .selectFrom('personal_assistant as pa')
    .where('pa.insurance_renews_on', 'is not', null)
    .where('pa.insurance_renews_on', '<=', lastDayDue(today, withinDays))
    .where((eb) => eb.or([eb('pa.ends_on', 'is', null), eb('pa.ends_on', '>=', today)]));
}

/** For the renewals list: only people the actor may see, soonest (most lapsed) first. */
export async function listRenewals(tx: Tx, actor: Actor, today: string, withinDays: number): Promise<Renewal[]> {
  const rows = await dueRenewals(tx, today, withinDays)
    .innerJoin(visiblePeople(tx, actor, 'p'), 'p.id', 'pa.person_id')
    .select([
      'pa.id',
      'pa.person_id',
      'pa.name',
      'pa.insurer',
      'pa.insurance_renews_on',
      'p.given_name',
      'p.preferred_name',
      'p.family_name',
    ])
    .orderBy('pa.insurance_renews_on')
    .orderBy('p.family_name')
    .orderBy('pa.name')
    .execute();
  return rows.map((r) => ({
    assistantId: r.id,
    personId: r.person_id,
    personName: `${r.preferred_name ?? r.given_name} ${r.family_name}`,
    assistantName: r.name,
    insurer: r.insurer ?? '',
    renewsOn: r.insurance_renews_on!,
    state: r.insurance_renews_on! < today ? 'lapsed' : 'due',
  }));
}

/** For casework's worklists: the same renewals, by PA, without names (casework checks who may see whom). */
export async function listRenewalWork(
  tx: Tx,
  today: string,
  query: { ids?: readonly string[]; personId?: string },
): Promise<{ assistantId: string; personId: string; renewsOn: string; since: Date }[]> {
  if (query.ids !== undefined && query.ids.length === 0) return [];
  let select = dueRenewals(tx, today, DEFAULT_RENEWAL_DAYS).select([
    'pa.id',
    'pa.person_id',
    'pa.insurance_renews_on',
    'pa.updated_at',
  ]);
  if (query.ids) select = select.where('pa.id', 'in', [...query.ids]);
  if (query.personId) select = select.where('pa.person_id', '=', query.personId);
  const rows = await select.orderBy('pa.insurance_renews_on').orderBy('pa.id').execute();
  return rows.map((r) => ({
    assistantId: r.id,
    personId: r.person_id,
    renewsOn: r.insurance_renews_on!,
    since: r.updated_at,
  }));
}
