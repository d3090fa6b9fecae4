import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { PREPARE_MARK } from '../../../platform/db/prepared.js';
import type { CldDeliveryMechanism, HoldingRoute, JournalKind } from '../tables.js';

export interface MoneyPart {
  id: string;
  route: HoldingRoute;
  holder: string;
  serviceId: string | null;
  weeklyPence: number | null;
  oneOffPence: number | null;
  startsOn: string;
  endsOn: string | null;
  feeWeeklyPence: number;
  cardRestrictions: string | null;
  cld: CldDeliveryMechanism;
  accountId: string;
  switchedFromId: string | null;
  version: number;
  poolId: string | null;
  trustees: string[];
  agreement: { signedOn: string; signedBy: string; termsVersion: string } | null;
  suitablePerson: {
    name: string;
    relationship: string;
    dbsCheckedOn: string | null;
    referencesChecked: boolean;
    appointedOn: string;
  } | null;
}

export interface MoneyPosting {
  journalId: string;
  effectiveOn: string;
  kind: JournalKind;
  description: string;
  accountId: string;
  amountPence: number;
}

export interface MoneyRecord {
  parts: MoneyPart[];
  balances: Record<string, number>;
  contributions: { weeklyPence: number; startsOn: string; endsOn: string | null; reference: string | null }[];
  /** Postings to the person's accounts since `since`, newest first. */
  postings: MoneyPosting[];
}

/**
 * Everything the person's Money page shows, in ONE statement: their parts with trustees, agreement and
 * suitable person, each account's balance summed from its postings, their contributions, and the
 * postings of the last year. Read together so the balances and the statement agree; its text is the
 * same for everyone, so each connection plans it once (PREPARE_MARK: planning it took longer than
 * running it, measured with EXPLAIN ANALYZE on the bench county).
 */
export async function readMoney(tx: Tx, personId: string, since: string): Promise<MoneyRecord> {
  const { rows } = await sql<{
    parts: MoneyPart[] | null;
    balances: Record<string, string> | null;
    contributions: MoneyRecord['contributions'] | null;
    postings: MoneyPosting[] | null;
  }>`${sql.raw(PREPARE_MARK)}
    with accounts as (
      select id from budget_account where person_id = ${personId}
    )
    select
      (select json_agg(json_build_object(
          'id', p.id, 'route', p.route, 'holder', p.holder, 'serviceId', p.service_id,
          'weeklyPence', p.weekly_pence, 'oneOffPence', p.one_off_pence, 'startsOn', p.starts_on,
          'endsOn', p.ends_on, 'feeWeeklyPence', p.fee_weekly_pence, 'cardRestrictions', p.card_restrictions,
          'cld', p.cld_delivery_mechanism, 'accountId', p.account_id, 'switchedFromId', p.switched_from_id,
          'version', p.version, 'poolId', p.pool_id,
          'trustees', coalesce((select json_agg(t.name order by t.created_at, t.name) from budget_trustee t where t.part_id = p.id), '[]'::json),
          'agreement', (select json_build_object('signedOn', a.signed_on, 'signedBy', a.signed_by, 'termsVersion', a.terms_version)
                        from direct_payment_agreement a where a.part_id = p.id order by a.signed_on desc limit 1),
          'suitablePerson', (select json_build_object('name', s.name, 'relationship', s.relationship,
                              'dbsCheckedOn', s.dbs_checked_on, 'referencesChecked', s.references_checked,
                              'appointedOn', s.appointed_on)
                             from suitable_person_appointment s where s.part_id = p.id))
        order by p.starts_on, p.created_at)
       from budget_part p where p.person_id = ${personId}) as parts,
      (select json_object_agg(b.account_id, b.balance) from (
         select account_id, sum(amount_pence) as balance from budget_posting
         where account_id in (select id from accounts) group by account_id) b) as balances,
      (select json_agg(json_build_object('weeklyPence', c.weekly_pence, 'startsOn', c.starts_on,
          'endsOn', c.ends_on, 'reference', c.financial_assessment_reference) order by c.starts_on desc)
       from client_contribution c where c.person_id = ${personId}) as contributions,
      (select json_agg(json_build_object('journalId', j.id, 'effectiveOn', j.effective_on, 'kind', j.kind,
          'description', j.description, 'accountId', x.account_id, 'amountPence', x.amount_pence)
          order by j.effective_on desc, x.id desc)
       from budget_posting x join budget_journal j on j.id = x.journal_id
       where x.account_id in (select id from accounts) and j.effective_on >= ${since}) as postings`.execute(tx);
  const row = rows[0]!;
  return {
    parts: (row.parts ?? []).map((p) => ({
      ...p,
      weeklyPence: p.weeklyPence === null ? null : Number(p.weeklyPence),
      oneOffPence: p.oneOffPence === null ? null : Number(p.oneOffPence),
      feeWeeklyPence: Number(p.feeWeeklyPence),
    })),
    balances: Object.fromEntries(Object.entries(row.balances ?? {}).map(([k, v]) => [k, Number(v)])),
    contributions: (row.contributions ?? []).map((c) => ({ ...c, weeklyPence: Number(c.weeklyPence) })),
    postings: (row.postings ?? []).map((p) => ({ ...p, amountPence: Number(p.amountPence) })),
  };
}
