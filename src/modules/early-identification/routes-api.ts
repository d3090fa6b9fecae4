import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../../platform/api/openapi.js';
import { requestContext } from '../../platform/http/context.js';
import { partnerEventApiSchema, registerReferralApiSchema } from './schema.js';
import type { PartnerService } from './partner-service.js';

const tag = 'Early identification';

const partnerEventRecordedSchema = z.object({
  id: z.guid(),
  external_id: z.string(),
  status: z
    .enum(['recorded', 'held_for_matching'])
    .describe('held_for_matching: nobody the council knows has the NHS number yet; staff will match it'),
  received_at: z.string(),
});

const referralRecordedSchema = z.object({
  id: z.guid(),
  external_id: z.string().nullable(),
  status: z.enum(['on_register', 'held_for_matching', 'closed']),
});

const entryStatus = (status: string) =>
  status === 'held' ? 'held_for_matching' : status === 'closed' ? 'closed' : 'on_register';

/** The partner API: referrals to the register and events (admission, discharge, fall, carer breakdown). */
export function registerEarlyIdentificationApi(app: FastifyInstance, partners: PartnerService): void {
  registerPartnerEvents(app, partners);
  registerReferrals(app, partners);
}

function registerPartnerEvents(app: FastifyInstance, partners: PartnerService): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/partner-events',
      policy: 'partnerEvents.write',
      operationId: 'recordPartnerEvent',
      tag,
      summary: 'Tell the council about an admission, discharge, fall or carer breakdown',
      description:
        'The person is identified by NHS number. Each register entry the event matters to (the person’s own, or one whose trigger names them, such as a carer) raises an alert for the patch team. An NHS number the council does not know is held for staff to match, never dropped. Sending the same external_id again records nothing new and answers 200 with the first id.',
      body: { name: 'PartnerEventInput', schema: partnerEventApiSchema },
      success: {
        status: 201,
        description: 'Recorded',
        name: 'PartnerEventRecorded',
        schema: partnerEventRecordedSchema,
        also: { 200: 'Already recorded: the same external_id was sent before' },
      },
      problems: [400, 415, 422],
    },
    async (request, body, reply) => {
      const { event, created } = await partners.receiveEvent(requestContext(request), body);
      const answer = {
        id: event.id,
        external_id: event.external_id,
        status: event.person_id ? 'recorded' : 'held_for_matching',
        received_at: event.received_at.toISOString(),
      };
      return created ? answer : reply.code(200).send(answer);
    },
  );
}

function registerReferrals(app: FastifyInstance, partners: PartnerService): void {
  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/register-referrals',
      policy: 'register.write',
      operationId: 'referToRegister',
      tag,
      summary: 'Refer someone to the “at risk if anything changes” register',
      description:
        'The person is identified by NHS number; a referral for an NHS number the council does not know is held for staff to match. A trigger may name a related person by NHS number (for example the carer: “if Mr Jones is admitted to hospital”). With an external_id, sending the same referral again answers 200 with the first id.',
      body: { name: 'RegisterReferralInput', schema: registerReferralApiSchema },
      success: {
        status: 201,
        description: 'Referred',
        name: 'RegisterReferralRecorded',
        schema: referralRecordedSchema,
        also: { 200: 'Already recorded: the same external_id was sent before' },
      },
      problems: [400, 415, 422],
    },
    async (request, body, reply) => {
      const { entry, created } = await partners.receiveReferral(requestContext(request), body);
      const answer = { id: entry.id, external_id: entry.external_id, status: entryStatus(entry.status) };
      return created ? answer : reply.code(200).send(answer);
    },
  );
}
