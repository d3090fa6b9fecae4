import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Send an HTML page held as bytes, gzipped when the browser accepts it (every browser does), and
 * never stored by the browser or anything in between: it is somebody's personal data.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { page: Buffer; gzipped: Buffer },
): FastifyReply {
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-encoding');
  if (acceptsGzip(request.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(page.gzipped);
  return reply.send(page.page);
}

/** True unless the header is missing or refuses gzip ('gzip;q=0'). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part
      .trim()
      .toLowerCase()
      .split(';')
      .map((p) => p.trim());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
