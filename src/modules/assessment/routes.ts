import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { canonicalId } from '../../platform/http/ids.js';
import { todayInLondon } from '../../platform/dates.js';
import { waitingForAssessment } from './waiting.js';
import { Temporal } from 'temporal-polyfill';

const querySchema = z.object({ patch: z.string().optional().catch(undefined) });

/** "Waiting for an assessment": the queue a manager watches until tier 3 assessments are recorded here. */
export function registerWaitingPage(app: FastifyInstance): void {
  app.get('/assessments', { config: { policy: 'assessments.read' } }, async (request, reply) => {
    const query = querySchema.parse(request.query ?? {});
    const patchId = query.patch ? canonicalId(query.patch) : null;
    const list = await waitingForAssessment(app.deps.database.db, requestContext(request), patchId);
    const today = todayInLondon();
    return reply.view('assessment/views/waiting.njk', {
      title: 'Waiting for an assessment',
      patchName: list.patches.find((p) => p.id === list.patchId)?.name ?? null,
      patchItems: [
        { value: '', text: 'All patches', selected: list.patchId === null },
        ...list.patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === list.patchId })),
      ],
      rows: list.rows.map((r) => ({
        ...r,
        daysWaiting: Temporal.PlainDate.from(r.since).until(today, { largestUnit: 'days' }).days,
      })),
    });
  });
}
