import { z } from 'zod';
import { zodCldValue, type ListId } from '../../platform/cld/index.js';
import { nhsNumberSchema } from '../../platform/identifiers/nhs-number.js';
import { plainDateSchema } from '../../platform/dates.js';
import { idField } from '../../platform/http/ids.js';
import { brokenEventRules } from './event-rules.js';

/**
 * One zod schema per input. Field names are the API's (camelCase); the pages use the same names as
 * their form field ids so the error summary links land on the right input.
 */
const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.preprocess(emptyToNull, z.string().max(max, `${label} must be ${max} characters or fewer`).nullable()),
  );
}

function requiredText(missing: string, label: string, max: number) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
}

export function optionalListValue(id: ListId, label: string) {
  return z.preprocess(emptyToNull, zodCldValue(id, label).nullable());
}

const postcodePattern = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/;
const postcode = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase().replace(/\s+/g, ' ') : v),
    z.preprocess(emptyToNull, z.string().regex(postcodePattern, 'Enter a real postcode, like SW1A 1AA').nullable()),
  )
  .transform((v) => (v && !v.includes(' ') ? `${v.slice(0, -3)} ${v.slice(-3)}` : v));

const optionalNhsNumber = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  nhsNumberSchema.nullable().optional(),
);

const booleanish = z.preprocess((v) => v === true || v === 'true' || v === 'yes' || v === 'on', z.boolean());

export const personFields = {
  givenName: requiredText('Enter the person’s first name', 'First name', 100),
  familyName: requiredText('Enter the person’s last name', 'Last name', 100),
  preferredName: optionalText('Preferred name', 100),
  dateOfBirth: plainDateSchema('Date of birth', { notFuture: true }),
  dateOfDeath: z.preprocess(emptyToNull, plainDateSchema('Date of death', { notFuture: true }).nullable()),
  nhsNumber: optionalNhsNumber.transform((v) => v ?? null),
  councilPersonId: optionalText('Council person ID', 40),
  addressLine1: optionalText('Address line 1', 200),
  addressLine2: optionalText('Address line 2', 200),
  town: optionalText('Town or city', 100),
  postcode,
  gender: optionalListValue('gender', 'the person’s gender'),
  ethnicity: optionalListValue('ethnicity', 'the person’s ethnicity'),
  accommodationStatus: optionalListValue('accommodationStatus', 'the accommodation status'),
  employmentStatus: optionalListValue('employmentStatus', 'the employment status'),
  primarySupportReason: optionalListValue('primarySupportReason', 'the primary support reason'),
  clientType: optionalListValue('clientType', 'the client type'),
  firstLanguage: optionalListValue('language', 'the person’s first language'),
  // cld.md §2.1 fields 9 and 20–23 (the four flags' values are local lists: none were published).
  gpPracticeCode: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.preprocess(
      emptyToNull,
      z
        .string()
        .regex(/^[A-Z]\d{5}$/, 'Enter the GP practice code, a letter and five numbers, like A81001')
        .nullable(),
    ),
  ),
  autismSpectrumDisorder: optionalListValue('autismSpectrumDisorder', 'whether they are autistic'),
  visualImpairment: optionalListValue('visualImpairment', 'their sight'),
  hearingImpairment: optionalListValue('hearingImpairment', 'their hearing'),
  dementia: optionalListValue('dementia', 'whether they have dementia'),
  interpreterNeeded: booleanish.default(false),
  patchId: z.preprocess(emptyToNull, idField('Select a patch from the list').nullable()),
};

export const personInputSchema = z
  .object(personFields)
  .refine((p) => !p.dateOfDeath || p.dateOfDeath >= p.dateOfBirth, {
    path: ['dateOfDeath'],
    error: 'Date of death must be on or after the date of birth',
  });
export type PersonInput = z.output<typeof personInputSchema>;

/** An edit carries the version it was based on, so a stale edit is caught rather than overwriting. */
export const personUpdateSchema = z
  .object({ ...personFields, version: z.coerce.number({ error: 'The record version is missing' }).int().positive() })
  .refine((p) => !p.dateOfDeath || p.dateOfDeath >= p.dateOfBirth, {
    path: ['dateOfDeath'],
    error: 'Date of death must be on or after the date of birth',
  });
export type PersonUpdateInput = z.output<typeof personUpdateSchema>;

export const searchSchema = z.object({
  q: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().max(100, 'Search must be 100 characters or fewer'),
  ),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type SearchInput = z.output<typeof searchSchema>;

export const relationshipInputSchema = z
  .object({
    relatedPersonId: z.preprocess(emptyToNull, idField('Select a person').nullable()),
    contactName: optionalText('Name', 200),
    contactPhone: optionalText('Phone number', 40),
    contactEmail: z.preprocess(
      emptyToNull,
      z.email('Enter an email address in the correct format, like name@example.com').nullable(),
    ),
    relationshipType: zodCldValue('relationshipType', 'how they are related'),
    otherProvidesCare: booleanish.default(false),
    otherReceivesCare: booleanish.default(false),
    carerLabel: z
      .enum(['accepted', 'declined', 'not_asked'], { error: 'Select whether they want to be called a carer' })
      .default('not_asked'),
    inCircleOfSupport: booleanish.default(false),
    isKeyContact: booleanish.default(false),
    notes: optionalText('Notes', 2000),
  })
  .refine((r) => (r.relatedPersonId === null) !== (r.contactName === null), {
    path: ['contactName'],
    error: 'Enter the name of the person, or choose someone already on the system',
  });
export type RelationshipInput = z.output<typeof relationshipInputSchema>;

export const communicationEntrySchema = z.object({
  atThisTime: requiredText('Enter when this happens', 'When this happens', 500),
  personDoes: requiredText('Enter what the person does', 'What the person does', 500),
  weThinkItMeans: requiredText('Enter what you think it means', 'What it means', 500),
  weShould: requiredText('Enter what others should do', 'What others should do', 500),
});
export type CommunicationEntryInput = z.output<typeof communicationEntrySchema>;

/** Every event has a client type (cld.md §2.1 field 14); without one it is the person's own. */
export const DEFAULT_CLIENT_TYPE = 'Service user';

function optionalWholeNumber(label: string, max: number) {
  return z.preprocess(
    emptyToNull,
    z.coerce
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} cannot be negative`)
      .max(max, `${label} must be ${max} or fewer`)
      .nullable(),
  );
}

const eventFields = z.object({
  eventType: zodCldValue('eventType', 'the event type'),
  startDate: plainDateSchema('Start date'),
  endDate: z.preprocess(emptyToNull, plainDateSchema('End date').nullable()),
  eventOutcome: optionalListValue('eventOutcome', 'the outcome'),
  clientType: z.preprocess((v) => emptyToNull(v) ?? DEFAULT_CLIENT_TYPE, zodCldValue('clientType', 'the client type')),
  // cld.md §2.1 fields 37–39: the adults a carer cares for who have a record here.
  linkedPersonIds: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(idField('Select the person they care for')).max(3, 'Link at most three people they care for'),
  ),
  clientFundingStatus: optionalListValue('clientFundingStatus', 'how the support is funded'),
  hasUnpaidCarer: optionalListValue('hasUnpaidCarer', 'whether they have an unpaid carer'),
  adultsCaredFor: optionalWholeNumber('Number of adults cared for', 99),
  // Kept as hours: the CLD bands for this field were not found (cld.md §3.17).
  hoursCaringPerWeek: optionalWholeNumber('Hours caring a week', 168),
  routeOfAccess: optionalListValue('routeOfAccess', 'the route of access'),
  assessmentType: optionalListValue('assessmentType', 'the assessment type'),
  eligibleNeedsIdentified: optionalListValue('eligibleNeedsIdentified', 'whether eligible needs were identified'),
  methodOfAssessment: optionalListValue('methodOfAssessment', 'the method of assessment'),
  serviceType: optionalListValue('serviceType', 'the service type'),
  serviceComponent: optionalListValue('serviceComponent', 'the service component'),
  deliveryMechanism: optionalListValue('deliveryMechanism', 'the delivery mechanism'),
  providerCqcLocationId: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.preprocess(
      emptyToNull,
      z
        .string()
        .regex(/^1-\d{5,12}$/, 'Enter the provider’s CQC location ID, like 1-123456789')
        .nullable(),
    ),
  ),
  reviewReason: optionalListValue('reviewReason', 'the review reason'),
  reviewOutcomesAchieved: optionalListValue('reviewOutcomesAchieved', 'whether review outcomes were achieved'),
  methodOfReview: optionalListValue('methodOfReview', 'the method of review'),
  unitCostPence: z.preprocess(
    emptyToNull,
    z.coerce
      .number()
      .int('Unit cost must be a whole number of pence')
      .min(0, 'Unit cost cannot be negative')
      .nullable(),
  ),
  costFrequency: optionalListValue('costFrequencyUnitType', 'the cost frequency'),
  // cld.md §2.1 field 50: a number with two decimal places.
  plannedUnitsPerWeek: z.preprocess(
    emptyToNull,
    z.coerce
      .number({ error: 'Planned units per week must be a number' })
      .min(0, 'Planned units per week cannot be negative')
      .max(9_999_999, 'Planned units per week is too large')
      .refine(
        (n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
        'Planned units per week can have at most two decimal places',
      )
      .nullable(),
  ),
  summary: optionalText('Summary', 2000),
});

export const eventInputSchema = eventFields.superRefine((e, context) => {
  if (e.endDate && e.endDate < e.startDate)
    context.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be on or after the start date' });
  const seen = new Set<string>();
  for (const rule of brokenEventRules(e)) {
    if (seen.has(rule.path)) continue;
    seen.add(rule.path);
    context.addIssue({ code: 'custom', path: [rule.path], message: rule.message });
  }
});

/** Fields added with the tier 3 event model: other modules' writers may leave them to their defaults. */
type DefaultedEventField =
  | 'clientType'
  | 'linkedPersonIds'
  | 'clientFundingStatus'
  | 'hasUnpaidCarer'
  | 'adultsCaredFor'
  | 'hoursCaringPerWeek'
  | 'providerCqcLocationId'
  | 'plannedUnitsPerWeek';
type ParsedEvent = z.output<typeof eventInputSchema>;
export type EventInput = Omit<ParsedEvent, DefaultedEventField> & Partial<Pick<ParsedEvent, DefaultedEventField>>;

/**
 * Every type-specific CLD field of an event, empty: a writer spreads this and sets only what its event
 * type carries (the per-type rules then check nothing required is missing).
 */
export const EMPTY_EVENT_FIELDS = {
  routeOfAccess: null,
  assessmentType: null,
  eligibleNeedsIdentified: null,
  methodOfAssessment: null,
  serviceType: null,
  serviceComponent: null,
  deliveryMechanism: null,
  reviewReason: null,
  reviewOutcomesAchieved: null,
  methodOfReview: null,
  unitCostPence: null,
  costFrequency: null,
} as const satisfies Partial<EventInput>;

/** Why an event was recorded in error: kept with it, so the record explains the struck-through entry. */
export const recordedInErrorSchema = z.object({
  reason: requiredText('Enter why this event was recorded in error', 'Reason', 500),
});

export const breakGlassSchema = z.object({
  reason: z
    .string({ error: 'Enter why you need to see this record' })
    .trim()
    .min(10, 'Enter why you need to see this record, in at least 10 characters')
    .max(1000, 'Reason must be 1000 characters or fewer'),
});
