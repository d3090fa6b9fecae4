import { z } from 'zod';
import { listValues, type ListId } from '../../platform/cld/index.js';

/**
 * The JSON API's response shapes, written out as zod so the OpenAPI document is generated from
 * the same source as everything else. Each must match its presenter in presenters.ts
 * (personToApi, relationshipToApi, eventToApi); the API tests parse real responses with these.
 */
const text = z.string().nullable();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: 'date' });
const listCode = (list: string) =>
  z
    .string()
    .nullable()
    .meta({ description: `A code from the ${list} list, or null` });

export const personApiSchema = z
  .object({
    id: z.uuid(),
    version: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Send this back (or as If-Match) when you change the record' }),
    councilPersonId: z.string(),
    nhsNumber: z
      .string()
      .regex(/^\d{10}$/)
      .nullable()
      .meta({ description: 'Ten digits, no spaces' }),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: text,
    dateOfBirth: date,
    dateOfDeath: date.nullable(),
    address: z.object({ line1: text, line2: text, town: text, postcode: text }),
    gender: listCode('CLD gender'),
    ethnicity: listCode('CLD ethnicity'),
    accommodationStatus: listCode('CLD accommodation status'),
    employmentStatus: listCode('CLD employment status'),
    primarySupportReason: listCode('CLD primary support reason'),
    clientType: listCode('CLD client type'),
    communication: z.object({ firstLanguage: listCode('language'), interpreterNeeded: z.boolean() }),
    gpPracticeCode: text.meta({ description: 'The GP practice’s ODS code (CLD GP Practice Code)' }),
    autismSpectrumDisorder: listCode('local autism (CLD ASD field)'),
    visualImpairment: listCode('local visual impairment'),
    hearingImpairment: listCode('local hearing impairment'),
    dementia: listCode('local dementia'),
    patchId: z.uuid().nullable(),
    restricted: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ title: 'Person' });

export const relationshipApiSchema = z
  .object({
    id: z.uuid(),
    relatedPersonId: z
      .uuid()
      .nullable()
      .meta({ description: 'Set when the other person has a record here; otherwise contactName is set' }),
    contactName: text,
    contactPhone: text,
    contactEmail: text,
    relationshipType: z.string().meta({ description: 'A code from the CLD relationship type list' }),
    otherProvidesCare: z.boolean(),
    otherReceivesCare: z.boolean(),
    carerLabel: z.enum(['accepted', 'declined', 'not_asked']),
    inCircleOfSupport: z.boolean(),
    isKeyContact: z.boolean(),
    notes: text,
    version: z.number().int().positive(),
  })
  .meta({ title: 'Relationship' });

export const eventApiSchema = z
  .object({
    id: z.uuid(),
    eventType: z.string().meta({ description: 'A code from the CLD event type list' }),
    startDate: date,
    endDate: date.nullable(),
    eventOutcome: listCode('CLD event outcome'),
    clientType: z.string().meta({ description: 'A code from the CLD client type list; never null' }),
    linkedPersonIds: z
      .array(z.uuid())
      .max(3)
      .meta({ description: 'A carer’s event: the adults they care for (CLD Adult 1–3 Linked Person ID)' }),
    clientFundingStatus: listCode('CLD client funding status'),
    hasUnpaidCarer: listCode('CLD has unpaid carer'),
    adultsCaredFor: z.number().int().nonnegative().nullable(),
    hoursCaringPerWeek: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .meta({ description: 'Hours, not a band: the CLD bands were not found' }),
    routeOfAccess: listCode('CLD route of access'),
    assessmentType: listCode('CLD assessment type'),
    eligibleNeedsIdentified: listCode('local eligible needs identified'),
    methodOfAssessment: listCode('local method of assessment'),
    serviceType: listCode('CLD service type'),
    serviceComponent: listCode('CLD service component'),
    deliveryMechanism: listCode('CLD delivery mechanism'),
    reviewReason: listCode('CLD review reason'),
    reviewOutcomesAchieved: listCode('local review outcomes achieved'),
    methodOfReview: listCode('local method of review'),
    providerCqcLocationId: text.meta({ description: 'The provider’s CQC location ID, like 1-123456789' }),
    unitCostPence: z.number().int().nonnegative().nullable().meta({ description: 'Money is always whole pence' }),
    costFrequency: listCode('local cost frequency'),
    plannedUnitsPerWeek: z.number().nonnegative().nullable().meta({ description: 'Two decimal places' }),
    summary: text,
    recordedInError: z
      .object({ at: z.iso.datetime(), reason: z.string() })
      .nullable()
      .meta({ description: 'Set when the event was recorded in error: it is kept, and never counted' }),
    sourceModule: z.string(),
    version: z.number().int().positive(),
  })
  .meta({ title: 'PersonEvent' });

export const personPageApiSchema = z
  .object({
    items: z.array(personApiSchema),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0).meta({ description: 'How many people match, counted up to 1,000' }),
    totalIsCapped: z.boolean().meta({ description: 'True when more than 1,000 people match: narrow the search' }),
  })
  .meta({ title: 'PersonSearchResult' });

export const relationshipListApiSchema = z
  .object({ items: z.array(relationshipApiSchema) })
  .meta({ title: 'RelationshipList' });
export const eventListApiSchema = z.object({ items: z.array(eventApiSchema) }).meta({ title: 'PersonEventList' });

/**
 * The API's search request. Stricter than the pages' searchSchema (which quietly treats a missing
 * query as "no search"): a partner system sending nothing has a bug we should tell it about.
 */
export const apiSearchSchema = z
  .object({
    q: z
      .string({ error: 'Enter a name, NHS number, date of birth or postcode' })
      .trim()
      .min(1, 'Enter a name, NHS number, date of birth or postcode')
      .max(100, 'Search must be 100 characters or fewer'),
    page: z
      .number({ error: 'Page must be a whole number' })
      .int('Page must be a whole number')
      .min(1, 'Page must be 1 or more')
      .max(1000, 'Page must be 1000 or less')
      .default(1),
  })
  .meta({ title: 'PersonSearch' });

/**
 * What the request schemas check in refinements, which JSON Schema cannot see: the allowed codes of
 * each defined list, and calendar dates. Added to the OpenAPI document's request bodies.
 */
const codes = (id: ListId) => ({ enum: listValues(id).map((v) => v.code) });
const calendarDate = { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

export const personInputHints = {
  dateOfBirth: calendarDate,
  dateOfDeath: calendarDate,
  nhsNumber: { description: 'Ten digits with a valid check digit; spaces and hyphens are ignored' },
  gender: codes('gender'),
  ethnicity: codes('ethnicity'),
  accommodationStatus: codes('accommodationStatus'),
  employmentStatus: codes('employmentStatus'),
  primarySupportReason: codes('primarySupportReason'),
  clientType: codes('clientType'),
  firstLanguage: codes('language'),
  autismSpectrumDisorder: codes('autismSpectrumDisorder'),
  visualImpairment: codes('visualImpairment'),
  hearingImpairment: codes('hearingImpairment'),
  dementia: codes('dementia'),
};

export const eventInputHints = {
  startDate: calendarDate,
  endDate: calendarDate,
  eventType: codes('eventType'),
  eventOutcome: codes('eventOutcome'),
  clientType: codes('clientType'),
  clientFundingStatus: codes('clientFundingStatus'),
  hasUnpaidCarer: codes('hasUnpaidCarer'),
  routeOfAccess: codes('routeOfAccess'),
  assessmentType: codes('assessmentType'),
  eligibleNeedsIdentified: codes('eligibleNeedsIdentified'),
  methodOfAssessment: codes('methodOfAssessment'),
  serviceType: codes('serviceType'),
  serviceComponent: codes('serviceComponent'),
  deliveryMechanism: codes('deliveryMechanism'),
  reviewReason: codes('reviewReason'),
  reviewOutcomesAchieved: codes('reviewOutcomesAchieved'),
  methodOfReview: codes('methodOfReview'),
  costFrequency: codes('costFrequencyUnitType'),
};

export const relationshipInputHints = {
  relationshipType: codes('relationshipType'),
  relatedPersonId: { description: 'Someone with a record here; send either this or contactName, not both' },
};
