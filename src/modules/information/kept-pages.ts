import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InformationService } from './service.js';

/**
 * Whole public pages kept for people who are not signed in: the same URL shows everyone the same
 * page until the directory changes (see directory/public-cache.ts), so the page is rendered once.
 * Pages carry nothing per response (the Content-Security-Policy allows GOV.UK Frontend's inline
 * script by its hash, not a nonce), so a kept page is sent as it is; anything for a signed-in
 * person (their name, navigation, flash messages) is why their pages are always rendered afresh.
 */
export interface RenderedPage {
  status: number;
  html: string;
}

export async function sendPublicPage(
  request: FastifyRequest,
  reply: FastifyReply,
  information: InformationService,
  key: string,
  render: () => Promise<RenderedPage>,
): Promise<FastifyReply> {
  const page = request.session || request.actor ? await render() : await information.keptPage(key, render);
  return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
}
