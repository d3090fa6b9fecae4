import type { FastifyInstance } from 'fastify';
import { setFlash } from '../../platform/auth/sessions.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { newTokenSchema } from './schema.js';
import { adminContext, scopeOptions, selectedScopes, tokenSummary } from './presenters.js';
import type { AdminService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;

/** Partner API tokens: list, issue (shown once), revoke. Administrators only. */
export function registerTokenPages(app: FastifyInstance, admin: AdminService): void {
  const policy = { config: { policy: 'admin.tokens' as const } };

  app.get('/admin/api-tokens', policy, async (request, reply) => {
    const tokens = await admin.listTokens(adminContext(request));
    return reply.view('admin/views/tokens.njk', { title: 'API tokens', tokens: tokens.map(tokenSummary) });
  });

  app.get('/admin/api-tokens/new', policy, async (_request, reply) =>
    reply.view('admin/views/token-new.njk', {
      title: 'Issue an API token',
      values: { name: '', scopes: [] },
      scopeOptions,
      backLink: '/admin/api-tokens',
    }),
  );

  app.post('/admin/api-tokens/new', policy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = newTokenSchema.safeParse(body);
    if (!parsed.success) {
      const errors = toFieldErrors(parsed.error);
      return reply.code(422).view('admin/views/token-new.njk', {
        title: 'Issue an API token',
        errors,
        fieldErrors: errorMap(errors),
        scopeOptions,
        backLink: '/admin/api-tokens',
        values: { name: typeof body.name === 'string' ? body.name : '', scopes: selectedScopes(body) },
      });
    }
    const issued = await admin.issueToken(adminContext(request), parsed.data);
    // Shown once, in this response only: never in a redirect URL, a flash message or a cache.
    reply.header('cache-control', 'no-store');
    return reply.view('admin/views/token-issued.njk', {
      title: 'Token issued',
      token: { name: issued.name, scopes: issued.scopes, value: issued.token },
    });
  });

  app.post('/admin/api-tokens/:id/revoke', policy, async (request, reply) => {
    const token = await admin.revokeToken(adminContext(request), routeId(request));
    if (request.session)
      await setFlash(
        app.deps.database.db,
        request.session.idHash,
        `The token ‘${token.name}’ has been revoked. It no longer works`,
      );
    return reply.redirect('/admin/api-tokens', 303);
  });
}
