import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_people.js';
import * as m0003 from './0003_oidc.js';
import * as m0004 from './0004_directory.js';
import * as m0005 from './0005_conversations.js';
import * as m0006 from './0006_early_identification.js';
import * as m0007 from './0007_contingency_plans.js';
import * as m0008 from './0008_oruk_published_services.js';
import * as m0009 from './0009_directory_text_search.js';
import * as m0010 from './0010_crisis.js';
import * as m0011 from './0011_directory_generation.js';
import * as m0012 from './0012_crisis_assessment.js';
import * as m0013 from './0013_audit_listing.js';
import * as m0014 from './0014_change_generation.js';
import * as m0015 from './0015_council_rls.js';
import * as m0016 from './0016_one_change_generation.js';
import * as m0017 from './0017_crisis_support_items.js';
import * as m0018 from './0018_plan_contacts_from_network.js';
import * as m0019 from './0019_cld_event_model.js';
import * as m0020 from './0020_crisis_cld_coding.js';
import * as m0021 from './0021_assessment_requests.js';
import * as m0022 from './0022_assessments.js';
import * as m0023 from './0023_capacity.js';
import * as m0024 from './0024_support_plans.js';
import * as m0025 from './0025_allocation.js';
import * as m0027 from './0027_work_allocation.js';
import * as m0028 from './0028_plan_approval.js';
import * as m0029 from './0029_budgets_ledger.js';
import * as m0030 from './0030_personal_assistants.js';
import * as m0031 from './0031_payment_runs.js';
import * as m0032 from './0032_pools_isf.js';
import * as m0033 from './0033_budget_monitoring.js';
import * as m0034 from './0034_pool_signatory_changes.js';

/** Ordered, forward-only. Add new files at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_people': m0002,
  '0003_oidc': m0003,
  '0004_directory': m0004,
  '0005_conversations': m0005,
  '0006_early_identification': m0006,
  '0007_contingency_plans': m0007,
  '0008_oruk_published_services': m0008,
  '0009_directory_text_search': m0009,
  '0010_crisis': m0010,
  '0011_directory_generation': m0011,
  '0012_crisis_assessment': m0012,
  '0013_audit_listing': m0013,
  '0014_change_generation': m0014,
  '0015_council_rls': m0015,
  '0016_one_change_generation': m0016,
  '0017_crisis_support_items': m0017,
  '0018_plan_contacts_from_network': m0018,
  '0019_cld_event_model': m0019,
  '0020_crisis_cld_coding': m0020,
  '0021_assessment_requests': m0021,
  '0022_assessments': m0022,
  '0023_capacity': m0023,
  '0024_support_plans': m0024,
  '0025_allocation': m0025,
  '0027_work_allocation': m0027,
  '0028_plan_approval': m0028,
  '0029_budgets_ledger': m0029,
  '0030_personal_assistants': m0030,
  '0031_payment_runs': m0031,
  '0032_pools_isf': m0032,
  '0033_budget_monitoring': m0033,
  '0034_pool_signatory_changes': m0034,
};
