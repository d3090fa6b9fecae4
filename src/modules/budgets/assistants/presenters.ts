import { partsFromDate } from '../../../platform/dates.js';
import { CAPACITY_LABELS, SUPPORT_IN_PLACE_LABELS, SUPPORT_LEVEL_LABELS } from './matrix.js';
import { insuranceState, type InsuranceState } from './renewals.js';
import { DBS_LEVELS, assistantDateFields, assistantTextFields, dateValues, type Body } from './schema.js';
import type { DpSupportDecisionRow, PersonalAssistantRow } from './tables.js';

const yes = (v: boolean) => (v ? 'Yes' : 'No');

export const INSURANCE_TAGS: Record<InsuranceState, { text: string; classes: string }> = {
  lapsed: { text: 'Lapsed', classes: 'govuk-tag--red' },
  due: { text: 'Renews soon', classes: 'govuk-tag--orange' },
  ok: { text: 'In place', classes: 'govuk-tag--green' },
  none: { text: 'Not recorded', classes: 'govuk-tag--grey' },
};

/** One PA as the list shows them (all text; the template escapes it). */
export function assistantView(a: PersonalAssistantRow, today: string, withinDays: number) {
  const insurance = insuranceState(a.insurance_renews_on, today, withinDays);
  return {
    id: a.id,
    name: a.name,
    current: a.ends_on === null || a.ends_on >= today,
    ended: a.ends_on !== null,
    employment: a.employed_through === 'agency' ? `Through an agency: ${a.agency_name}` : 'Employed directly',
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    endedReason: a.ended_reason,
    dbs:
      a.dbs_level === 'none'
        ? 'No DBS check'
        : `${DBS_LEVELS[a.dbs_level]}${a.dbs_certificate ? `, certificate ${a.dbs_certificate}` : ''}`,
    dbsCheckedOn: a.dbs_checked_on,
    rightToWork: yes(a.right_to_work_checked),
    references: yes(a.references_checked),
    insurer: a.insurer,
    insurancePolicyNumber: a.insurance_policy_number,
    insuranceRenewsOn: a.insurance_renews_on,
    insurance,
    insuranceTag: INSURANCE_TAGS[insurance],
    payroll: a.payroll_service ?? 'No payroll service',
    supportService: a.support_service_name,
    supportServiceLinked: a.support_service_id !== null,
    formHelper: a.form_helper,
    version: a.version,
  };
}

/** The form's fields from what is saved, so the edit form opens filled in. */
export function savedValues(a: PersonalAssistantRow): Body {
  const dates = { startsOn: a.starts_on, dbsCheckedOn: a.dbs_checked_on, insuranceRenewsOn: a.insurance_renews_on };
  const body: Body = {
    name: a.name,
    employedThrough: a.employed_through,
    agencyName: a.agency_name ?? '',
    dbsLevel: a.dbs_level,
    dbsCertificate: a.dbs_certificate ?? '',
    rightToWorkChecked: a.right_to_work_checked ? 'yes' : 'no',
    referencesChecked: a.references_checked ? 'yes' : 'no',
    insured: a.insurer ? 'yes' : 'no',
    insurer: a.insurer ?? '',
    insurancePolicyNumber: a.insurance_policy_number ?? '',
    payroll: a.payroll_service ? 'yes' : 'no',
    payrollService: a.payroll_service ?? '',
    supportService: a.support_service_name ?? '',
    formHelper: a.form_helper ?? '',
  };
  for (const [field, value] of Object.entries(dates)) {
    const parts = partsFromDate(value);
    Object.assign(body, {
      [`${field}-day`]: parts.day,
      [`${field}-month`]: parts.month,
      [`${field}-year`]: parts.year,
    });
  }
  return body;
}

/** What the form template shows: every text field as a string and each date as its three boxes. */
export function formValues(body: Body) {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...Object.fromEntries(assistantTextFields.map((f) => [f, str(body[f])])),
    ...Object.fromEntries(assistantDateFields.map((f) => [f, dateValues(body, f)])),
  };
}

export function decisionView(d: DpSupportDecisionRow) {
  return {
    decidedOn: d.decided_on,
    capacity: CAPACITY_LABELS[d.capacity],
    supportInPlace: SUPPORT_IN_PLACE_LABELS[d.support_in_place],
    recommended: SUPPORT_LEVEL_LABELS[d.recommended_level],
    decided: SUPPORT_LEVEL_LABELS[d.decided_level],
    differs: d.decided_level !== d.recommended_level,
    reason: d.reason,
  };
}

/** GOV.UK radio items from a choice list, the chosen one checked. */
export const radios = (choices: Record<string, string>, chosen: unknown) =>
  Object.entries(choices).map(([value, text]) => ({ value, text, checked: chosen === value }));
