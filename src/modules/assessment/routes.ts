import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { canonicalId } from '../../platform/http/ids.js';
import { todayInLondon } from '../../platform/dates.js';
import { WAITING_PAGE_SIZE, waitingForAssessment, type WaitingList } from './waiting.js';
import { requestView } from './presenters.js';
import { canRecord } from './record-view.js';

const querySchema = z.object({
  patch: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** "Requests waiting for an assessment": the worklist, by patch, the longest wait first. */
export function registerWaitingPage(app: FastifyInstance): void {
  app.get('/assessments', { config: { policy: 'assessments.read' } }, async (request, reply) => {
    const query = querySchema.parse(request.query ?? {});
    const patchId = query.patch ? canonicalId(query.patch) : null;
    const list = await waitingForAssessment(app.deps.database.db, requestContext(request), {
      patchId,
      page: query.page,
    });
    const today = todayInLondon();
    return reply.view('assessment/views/waiting.njk', {
      title: 'Requests waiting for an assessment',
      patchName: list.patches.find((p) => p.id === list.patchId)?.name ?? null,
      patchItems: [
        { value: '', text: 'All patches', selected: list.patchId === null },
        ...list.patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === list.patchId })),
      ],
      total: list.total,
      firstShown: (list.page - 1) * WAITING_PAGE_SIZE + 1,
      pagination: waitingPagination(list),
      rows: list.rows.map((r) => ({ ...requestView(r.request, today), person: r.person, patchName: r.patchName })),
      canStart: canRecord(request),
    });
  });
}

/** GOV.UK pagination: previous, numbered pages and next, each keeping the patch shown. */
function waitingPagination(list: WaitingList) {
  if (list.pageCount < 2) return null;
  const href = (page: number) =>
    `/assessments?${new URLSearchParams({ ...(list.patchId ? { patch: list.patchId } : {}), page: String(page) })}`;
  return {
    previous: list.page > 1 ? { href: href(list.page - 1) } : undefined,
    next: list.page < list.pageCount ? { href: href(list.page + 1) } : undefined,
    items: Array.from({ length: list.pageCount }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === list.page,
    })),
  };
}
