import type { Database } from '../db/database.js';
import type { AppConfig } from '../config.js';
import type { Actor } from '../access/roles.js';
import type { SessionState } from '../auth/sessions.js';
import type { PolicyName } from '../access/policies.js';
import type { AuditContext } from '../audit/audit.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may use it (see platform/access/policies.ts). */
    policy?: PolicyName;
  }
  interface FastifyRequest {
    session: SessionState | null;
    actor: Actor | null;
  }
  interface FastifyReply {
    /** Render a Nunjucks template with the page chrome's context (user, CSRF token, navigation). */
    view(template: string, context?: Record<string, unknown>): FastifyReply;
    /** The page `view` would send, as text (for pages kept by a cache). */
    renderView(template: string, context?: Record<string, unknown>): string;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** Every registered route with its declared policy (see pipeline.ts). */
    routeInventory: readonly import('./pipeline.js').RouteInventoryEntry[];
    /** A page as `reply.view` renders it, for answers made where the reply is not decorated. */
    renderPage(request: FastifyRequest, template: string, context: Record<string, unknown>): string;
  }
}

export interface AppDeps {
  config: AppConfig;
  database: Database;
  /** Where the logs go (default: standard output as JSON); `npm start` in development passes a readable one. */
  logStream?: NodeJS.WritableStream;
}

/** The audit context for a request: the actor comes from the session or token, never the body. */
export function auditContext(request: { actor: Actor | null; id: string }): AuditContext {
  if (!request.actor) throw new Error('auditContext needs an authenticated request');
  return { actor: request.actor, requestId: request.id };
}

/**
 * What a service needs of the request it acts for: the signed-in actor (checked by the route's
 * policy before the handler runs) and the request id its audit entries carry.
 */
export type RequestContext = AuditContext & { actor: Actor };

/** The context of an authenticated request; the one place a handler gets it from. */
export function requestContext(request: { actor: Actor | null; id: string }): RequestContext {
  // The route's policy has already refused anyone not signed in; reaching here without is a bug.
  if (!request.actor) throw new Error('requestContext needs an authenticated request');
  return { actor: request.actor, requestId: request.id };
}
