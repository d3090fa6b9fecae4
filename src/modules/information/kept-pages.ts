import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InformationService } from './service.js';

/**
 * Whole public pages kept for people who are not signed in: the same URL shows everyone the same
 * page until the directory changes (see directory/public-cache.ts), so the page is rendered once.
 * Only two things differ between answers: the Content-Security-Policy nonce, which is fresh on
 * every response and swapped into the kept text, and anything for a signed-in person (their name,
 * navigation, flash messages), which is why their pages are always rendered afresh and never kept.
 */
export interface RenderedPage {
  status: number;
  html: string;
}

export async function sendPublicPage(
  request: FastifyRequest, reply: FastifyReply, information: InformationService, key: string, render: () => Promise<RenderedPage>,
): Promise<FastifyReply> {
  const nonce = reply.cspNonce?.script;
  let page: RenderedPage;
  if (request.session || request.actor) {
    page = await render();
  } else {
    const kept = await information.keptPage(key, async () => ({ ...(await render()), nonce }));
    page = kept.nonce && nonce && kept.nonce !== nonce ? { status: kept.status, html: kept.html.split(kept.nonce).join(nonce) } : kept;
  }
  return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
}
