import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../../platform/api/openapi.js';
import { requestContext } from '../../platform/http/context.js';
import { requestApiSchema } from './requests-schema.js';
import { receivePartnerRequest } from './requests-service.js';

const requestOpenedSchema = z.object({
  id: z.guid(),
  external_id: z.string(),
  status: z
    .enum(['waiting', 'closed'])
    .describe('waiting: on the council’s list of requests waiting for an assessment'),
  received_on: z.string(),
});

/** The partner API: a request for an assessment of someone's care and support needs. */
export function registerRequestApi(app: FastifyInstance): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assessment-requests',
      policy: 'assessmentRequests.write',
      operationId: 'requestAssessment',
      tag: 'Assessments',
      summary: 'Ask the council for an assessment of someone’s care and support needs',
      description:
        'The person is identified by NHS number and must be known to the council (422 otherwise). kind "carer" asks for an assessment of a carer’s own needs. The request joins the council’s list of requests waiting for an assessment, and its CLD Request event is written. Sending the same external_id again opens nothing new and answers 200 with the first id.',
      body: { name: 'AssessmentRequestInput', schema: requestApiSchema },
      success: {
        status: 201,
        description: 'Requested',
        name: 'AssessmentRequestOpened',
        schema: requestOpenedSchema,
        also: { 200: 'Already requested: the same external_id was sent before' },
      },
      problems: [400, 415, 422],
    },
    async (request, body, reply) => {
      const { request: row, created } = await receivePartnerRequest(
        app.deps.database.db,
        requestContext(request),
        body,
      );
      const answer = {
        id: row.id,
        external_id: row.source_id ?? '',
        status: row.status,
        received_on: row.received_on,
      };
      return created ? answer : reply.code(200).send(answer);
    },
  );
}
