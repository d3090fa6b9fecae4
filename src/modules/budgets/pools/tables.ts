import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely types for pools and ISF deliveries (migrations/0032_pools_isf.ts). They join the `DB`
 * interface in ../tables.ts, the budgets module's one declaration of its tables.
 */
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number, number, number>;
type PlainDate = string;

export interface BudgetPoolTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  purpose: string;
  account_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetPoolSignatoryTable {
  id: Generated<string>;
  org_id: string;
  pool_id: string;
  position: number;
  name: string;
  person_id: string | null;
  created_at: Generated<Date>;
  /** The first day they no longer sign (they stood down); null while they are a signatory. */
  replaced_on: string | null;
  /** The signatory they took over from. */
  replaces_id: string | null;
}

export interface BudgetPoolMemberTable {
  id: Generated<string>;
  org_id: string;
  pool_id: string;
  person_id: string;
  part_id: string;
  joined_on: PlainDate;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetPoolContributionTable {
  id: Generated<string>;
  org_id: string;
  pool_id: string;
  member_id: string;
  amount_pence: Pence;
  contributed_on: PlainDate;
  journal_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetPoolExpenseTable {
  id: Generated<string>;
  org_id: string;
  pool_id: string;
  amount_pence: Pence;
  description: string;
  spent_on: PlainDate;
  requested_by_name: string;
  requested_by_signatory_id: string | null;
  paid_journal_id: string | null;
  paid_on: PlainDate | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetPoolExpenseShareTable {
  org_id: string;
  pool_id: string;
  expense_id: string;
  member_id: string;
  share_pence: Pence;
}

export interface BudgetPoolApprovalTable {
  id: Generated<string>;
  org_id: string;
  pool_id: string;
  expense_id: string;
  signatory_id: string;
  approved_on: PlainDate;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface BudgetIsfDeliveryTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  delivered_on: PlainDate;
  what: string;
  /** numeric(6,2): comes back as a string. */
  hours: ColumnType<string | null, number | null, number | null>;
  cost_pence: Pence;
  journal_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
}
