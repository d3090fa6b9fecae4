import type { PersonEventRow, PersonRow, RelationshipRow } from './tables.js';
import { labelFor } from '../../platform/cld/index.js';
import { formatNhsNumber } from '../../platform/identifiers/nhs-number.js';
import { ageOn, partsFromDate } from '../../platform/dates.js';

/** The API's view of a person: explicit fields, camelCase, never a raw row. */
export function personToApi(p: PersonRow) {
  return {
    id: p.id,
    version: p.version,
    councilPersonId: p.council_person_id,
    nhsNumber: p.nhs_number,
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    dateOfBirth: p.date_of_birth,
    dateOfDeath: p.date_of_death,
    address: { line1: p.address_line1, line2: p.address_line2, town: p.town, postcode: p.postcode },
    gender: p.gender,
    ethnicity: p.ethnicity,
    accommodationStatus: p.accommodation_status,
    employmentStatus: p.employment_status,
    primarySupportReason: p.primary_support_reason,
    clientType: p.client_type,
    communication: { firstLanguage: p.first_language, interpreterNeeded: p.interpreter_needed },
    gpPracticeCode: p.gp_practice_code,
    autismSpectrumDisorder: p.autism_spectrum_disorder,
    visualImpairment: p.visual_impairment,
    hearingImpairment: p.hearing_impairment,
    dementia: p.dementia,
    patchId: p.patch_id,
    restricted: p.restricted,
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

export function relationshipToApi(r: RelationshipRow) {
  return {
    id: r.id,
    relatedPersonId: r.related_person_id,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    relationshipType: r.relationship_type,
    otherProvidesCare: r.other_provides_care,
    otherReceivesCare: r.other_receives_care,
    carerLabel: r.carer_label,
    inCircleOfSupport: r.in_circle_of_support,
    isKeyContact: r.is_key_contact,
    notes: r.notes,
    version: r.version,
  };
}

export function eventToApi(e: PersonEventRow) {
  return {
    id: e.id,
    eventType: e.event_type,
    startDate: e.start_date,
    endDate: e.end_date,
    eventOutcome: e.event_outcome,
    clientType: e.client_type,
    linkedPersonIds: e.linked_person_ids,
    clientFundingStatus: e.client_funding_status,
    hasUnpaidCarer: e.has_unpaid_carer,
    adultsCaredFor: e.adults_cared_for,
    hoursCaringPerWeek: e.hours_caring_per_week,
    routeOfAccess: e.route_of_access,
    assessmentType: e.assessment_type,
    eligibleNeedsIdentified: e.eligible_needs_identified,
    methodOfAssessment: e.method_of_assessment,
    serviceType: e.service_type,
    serviceComponent: e.service_component,
    deliveryMechanism: e.delivery_mechanism,
    reviewReason: e.review_reason,
    reviewOutcomesAchieved: e.review_outcomes_achieved,
    methodOfReview: e.method_of_review,
    providerCqcLocationId: e.provider_cqc_location_id,
    unitCostPence: e.unit_cost_pence,
    costFrequency: e.cost_frequency,
    plannedUnitsPerWeek: e.planned_units_per_week === null ? null : Number(e.planned_units_per_week),
    summary: e.summary,
    recordedInError: e.recorded_in_error_at
      ? { at: new Date(e.recorded_in_error_at).toISOString(), reason: e.recorded_in_error_reason ?? '' }
      : null,
    sourceModule: e.source_module,
    version: e.version,
  };
}

/** The form's values for a person (edit page, or re-showing a form with errors). */
export function personToForm(p: PersonRow): Record<string, unknown> {
  return {
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : '',
    councilPersonId: p.council_person_id,
    dateOfBirth: partsFromDate(p.date_of_birth),
    dateOfDeath: partsFromDate(p.date_of_death),
    addressLine1: p.address_line1,
    addressLine2: p.address_line2,
    town: p.town,
    postcode: p.postcode,
    gender: p.gender,
    ethnicity: p.ethnicity,
    accommodationStatus: p.accommodation_status,
    employmentStatus: p.employment_status,
    primarySupportReason: p.primary_support_reason,
    clientType: p.client_type,
    firstLanguage: p.first_language,
    interpreterNeeded: p.interpreter_needed ? 'yes' : 'no',
    gpPracticeCode: p.gp_practice_code,
    autismSpectrumDisorder: p.autism_spectrum_disorder,
    visualImpairment: p.visual_impairment,
    hearingImpairment: p.hearing_impairment,
    dementia: p.dementia,
    patchId: p.patch_id,
    version: p.version,
  };
}

/** What the pages show about a person: labels, not codes; formatted identifiers. */
export function personSummary(p: PersonRow) {
  return {
    id: p.id,
    name: `${p.given_name} ${p.family_name}`,
    preferredName: p.preferred_name,
    nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : null,
    councilPersonId: p.council_person_id,
    dateOfBirth: p.date_of_birth,
    age: ageOn(p.date_of_birth),
    dateOfDeath: p.date_of_death,
    address: [p.address_line1, p.address_line2, p.town, p.postcode].filter(Boolean),
    postcode: p.postcode,
    gender: labelFor('gender', p.gender),
    ethnicity: labelFor('ethnicity', p.ethnicity),
    accommodationStatus: labelFor('accommodationStatus', p.accommodation_status),
    employmentStatus: labelFor('employmentStatus', p.employment_status),
    primarySupportReason: labelFor('primarySupportReason', p.primary_support_reason),
    clientType: labelFor('clientType', p.client_type),
    firstLanguage: labelFor('language', p.first_language),
    interpreterNeeded: p.interpreter_needed,
    restricted: p.restricted,
    version: p.version,
  };
}

export function eventSummary(e: PersonEventRow) {
  const detail = [
    labelFor('routeOfAccess', e.route_of_access),
    labelFor('assessmentType', e.assessment_type),
    labelFor('serviceType', e.service_type),
    labelFor('serviceComponent', e.service_component),
    labelFor('deliveryMechanism', e.delivery_mechanism),
    labelFor('reviewReason', e.review_reason),
  ].filter(Boolean);
  return {
    id: e.id,
    type: labelFor('eventType', e.event_type),
    startDate: e.start_date,
    endDate: e.end_date,
    outcome: labelFor('eventOutcome', e.event_outcome),
    detail,
    summary: e.summary,
    // Shown struck through with the reason; never counted. The client type is deliberately not shown:
    // a page calls someone a carer only when they accepted the label (relationship.carer_label).
    inError: e.recorded_in_error_at ? { reason: e.recorded_in_error_reason ?? '' } : null,
  };
}
