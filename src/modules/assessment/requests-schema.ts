import { z } from 'zod';
import { zodCldValue } from '../../platform/cld/index.js';
import { dateFromParts, plainDateSchema } from '../../platform/dates.js';
import { nhsNumberSchema } from '../../platform/identifiers/nhs-number.js';

/**
 * What the "Ask for an assessment" form and the partner API send, checked with GOV.UK messages. Form
 * field names are the inputs' ids, so the error summary's links land on them.
 */
type Body = Record<string, unknown>;

const REASON_MAX = 2000;
const reason = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(REASON_MAX, `Why they need an assessment must be ${REASON_MAX} characters or fewer`);

export const requestFormSchema = z.object({
  kind: z.enum(['care_needs', 'carer'], { error: 'Select what the assessment is for' }),
  receivedOn: plainDateSchema('The date they asked', { notFuture: true }),
  routeOfAccess: zodCldValue('routeOfAccess', 'how they came to us'),
  reason: reason('Enter why they need an assessment'),
});
export type RequestFormInput = z.output<typeof requestFormSchema>;

/** The form's flat body as the schema's input (the date's three boxes made one). */
export function requestFormToInput(body: Body): Record<string, unknown> {
  return {
    kind: body.kind,
    receivedOn: dateFromParts(body['receivedOn-day'], body['receivedOn-month'], body['receivedOn-year']),
    routeOfAccess: body.routeOfAccess,
    reason: body.reason,
  };
}

export const requestApiSchema = z.object({
  external_id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('The sender’s own reference for the request; sending it again opens nothing new'),
  nhs_number: nhsNumberSchema,
  kind: z
    .enum(['care_needs', 'carer'])
    .default('care_needs')
    .describe('care_needs: for the person’s care and support needs; carer: for their own needs as someone who cares'),
  reason: reason('reason must say why they need an assessment').describe('Why they need an assessment'),
  received_on: plainDateSchema('received_on', { notFuture: true }).describe(
    'The date the request was made (YYYY-MM-DD)',
  ),
  route_of_access: zodCldValue('routeOfAccess', 'route_of_access')
    .optional()
    .describe('CLD Request: Route of Access; Community / Other route when not sent'),
  source_organisation: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Who is asking, e.g. the hospital trust or GP practice'),
});
export type RequestApiInput = z.output<typeof requestApiSchema>;
