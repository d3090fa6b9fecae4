import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  DpSupportDecisionTable,
  DpSupportMatrixTable,
  PersonalAssistantHistoryTable,
  PersonalAssistantTable,
} from './assistants/index.js';
import type {
  BudgetIsfDeliveryTable,
  BudgetPoolApprovalTable,
  BudgetPoolContributionTable,
  BudgetPoolExpenseShareTable,
  BudgetPoolExpenseTable,
  BudgetPoolMemberTable,
  BudgetPoolSignatoryTable,
  BudgetPoolTable,
} from './pools/index.js';
import type {
  BudgetMonitoringCaseTable,
  BudgetSavedHoursTable,
  BudgetStatementImportTable,
  BudgetTransactionTable,
} from './monitoring/index.js';
import type {
  PayeeBankAccountTable,
  PaymentOutboxTable,
  PaymentRunTable,
  PaymentSettingsTable,
  PaymentTable,
} from './runs/index.js';

/** Kysely types for the budgets tables (migrations/0029_budgets_ledger.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number, number, number>;
type NullablePence = ColumnType<string | number | null, number | null | undefined, number | null>;
type DefaultPence = ColumnType<string | number, number | undefined, number>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings. */
type PlainDate = string;

export type AccountKind = 'council_funding' | 'spending' | 'holding' | 'contribution' | 'pool';

export type JournalKind =
  | 'allocate'
  | 'pay'
  | 'spend'
  | 'refund'
  | 'recover'
  | 'reverse'
  | 'adjust'
  | 'switch'
  | 'contribute'
  | 'pool'
  | 'carry_forward';

export type HoldingRoute =
  | 'direct_payment'
  | 'suitable_person'
  | 'prepaid_card'
  | 'managed_account'
  | 'trust'
  | 'pool'
  | 'one_off'
  | 'council_managed'
  | 'isf';

/** The CLD R2 delivery mechanism codes a long-term support service can carry (platform/cld lists, standards/cld.md §3). */
export type CldDeliveryMechanism = 'Direct payment' | 'CASSR managed personal budget' | 'CASSR commissioned support';

export interface BudgetAccountTable {
  id: Generated<string>;
  org_id: string;
  kind: AccountKind;
  person_id: string | null;
  label: string;
  created_at: Generated<Date>;
}

export interface BudgetJournalTable {
  id: Generated<string>;
  org_id: string;
  kind: JournalKind;
  description: string;
  effective_on: PlainDate;
  person_id: string | null;
  reverses_id: string | null;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetPostingTable {
  id: Generated<string>;
  org_id: string;
  journal_id: string;
  account_id: string;
  amount_pence: Pence;
}

export interface BudgetSettingsTable {
  org_id: string;
  small_payment_limit_pence: DefaultPence;
  contribution_collection: Generated<'net' | 'invoice'>;
  surplus_weeks: Generated<number>;
  direct_payment_terms_version: Generated<string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface BudgetPartTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  allocation_id: string | null;
  route: HoldingRoute;
  holder: string;
  service_id: string | null;
  weekly_pence: NullablePence;
  one_off_pence: NullablePence;
  starts_on: PlainDate;
  ends_on: PlainDate | null;
  fee_weekly_pence: DefaultPence;
  card_restrictions: string | null;
  pool_id: string | null;
  cld_delivery_mechanism: CldDeliveryMechanism;
  account_id: string;
  switched_from_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface BudgetTrusteeTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  name: string;
  relationship: string | null;
  created_at: Generated<Date>;
}

export interface DirectPaymentAgreementTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  signed_on: PlainDate;
  terms_version: string;
  signed_by: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface SuitablePersonAppointmentTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  name: string;
  relationship: string;
  dbs_checked_on: PlainDate | null;
  references_checked: Generated<boolean>;
  agrees_to_act_in_best_interests: Generated<boolean>;
  appointed_on: PlainDate;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ClientContributionTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  weekly_pence: Pence;
  starts_on: PlainDate;
  ends_on: PlainDate | null;
  financial_assessment_reference: string | null;
  account_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export type BudgetPartRow = Selectable<BudgetPartTable>;
export type BudgetJournalRow = Selectable<BudgetJournalTable>;
export type BudgetSettingsRow = Selectable<BudgetSettingsTable>;

declare module '../../platform/db/schema.js' {
  interface DB {
    budget_account: BudgetAccountTable;
    budget_journal: BudgetJournalTable;
    budget_posting: BudgetPostingTable;
    budget_settings: BudgetSettingsTable;
    budget_part: BudgetPartTable;
    budget_trustee: BudgetTrusteeTable;
    direct_payment_agreement: DirectPaymentAgreementTable;
    suitable_person_appointment: SuitablePersonAppointmentTable;
    client_contribution: ClientContributionTable;
    // People who employ personal assistants (assistants/tables.ts, migration 0030).
    personal_assistant: PersonalAssistantTable;
    personal_assistant_history: PersonalAssistantHistoryTable;
    dp_support_matrix: DpSupportMatrixTable;
    dp_support_decision: DpSupportDecisionTable;
    budget_pool: BudgetPoolTable;
    budget_pool_signatory: BudgetPoolSignatoryTable;
    budget_pool_member: BudgetPoolMemberTable;
    budget_pool_contribution: BudgetPoolContributionTable;
    budget_pool_expense: BudgetPoolExpenseTable;
    budget_pool_expense_share: BudgetPoolExpenseShareTable;
    budget_pool_approval: BudgetPoolApprovalTable;
    budget_isf_delivery: BudgetIsfDeliveryTable;
    budget_statement_import: BudgetStatementImportTable;
    budget_transaction: BudgetTransactionTable;
    budget_monitoring_case: BudgetMonitoringCaseTable;
    budget_saved_hours: BudgetSavedHoursTable;
    payee_bank_account: PayeeBankAccountTable;
    payment_settings: PaymentSettingsTable;
    payment_run: PaymentRunTable;
    payment: PaymentTable;
    payment_outbox: PaymentOutboxTable;
  }
}
