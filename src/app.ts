import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import helmet from 'helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { AppDeps } from './platform/http/context.js';
import { fastifyTrustProxy } from './platform/trust-proxy.js';
import type { KeptAnswers } from './platform/cache/kept-answers.js';
import { registerPipeline } from './platform/http/pipeline.js';
import { answerUndecodableUrl, registerErrorHandling } from './platform/http/error-handler.js';
import { registerViews } from './platform/views/plugin.js';
import { govukInlineScriptSource } from './platform/views/nunjucks.js';
import { registerAssets } from './platform/http/assets.js';
import { registerAuthRoutes } from './platform/auth/routes.js';
import { registerOidcRoutes } from './platform/auth/oidc.js';
import { registerOperationalRoutes } from './platform/http/operational.js';
import { registerPeopleModule } from './modules/people/index.js';
import { registerAuditPages } from './modules/audit/index.js';
import { registerAdminModule } from './modules/admin/index.js';
import { registerApiDocs } from './platform/api/openapi.js';
import { PublicDirectoryCache, registerDirectoryModule } from './modules/directory/index.js';
import { registerOrukApi } from './modules/oruk-api/index.js';
import { registerInformationPages } from './modules/information/index.js';
import { registerConversationsModule } from './modules/conversations/index.js';
import { registerEarlyIdentificationModule } from './modules/early-identification/index.js';
import { registerContingencyPlansModule } from './modules/contingency-plans/index.js';
import { crisisBoardRows, registerCrisisModule } from './modules/crisis/index.js';
import { registerAssessmentModule } from './modules/assessment/index.js';
import { registerCapacityModule } from './modules/capacity/index.js';
import { registerPlanningModule } from './modules/planning/index.js';
import { registerAllocationModule } from './modules/allocation/index.js';
import { registerCaseworkModule } from './modules/casework/index.js';
import { registerBudgetsModule } from './modules/budgets/index.js';

/** Everything the app keeps in memory: data read from the database, each under its change number. */
export interface KeptInMemory {
  publicDirectory: PublicDirectoryCache;
  crisisBoardRows: KeptAnswers;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** For tests and the benchmark's notes: what is kept, and its hits. */
    kept: KeptInMemory;
  }
}

/**
 * The one composition root. Plugins are registered in pipeline order: security headers and
 * parsing, then authentication/authorisation/CSRF, then the modules' routes.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = createFastify(deps);
  app.decorate('deps', deps);
  // What the app keeps in memory, built here once per app and handed to the modules that use it
  // (never module-level state: two apps in one process, as the tests make, must not share it).
  const kept: KeptInMemory = {
    publicDirectory: new PublicDirectoryCache(deps.database.db, { maxEntries: deps.config.directoryCacheEntries }),
    crisisBoardRows: crisisBoardRows(),
  };
  app.decorate('kept', kept);

  registerSecurityHeaders(app, deps);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });

  registerErrorHandling(app);
  registerPipeline(app);
  registerViews(app, { watch: deps.config.env === 'development' });
  await registerAssets(app);
  registerRoutes(app, kept);
  return app;
}

function createFastify(deps: AppDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    logger: {
      level: deps.config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Never log personal data: no query strings, bodies or cookies, only method, route and status.
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
          method: req.method,
          route: req.routeOptions?.url ?? req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    genReqId: () => randomUUID(),
    // Only proxies named by TRUST_PROXY: believing any sender's X-Forwarded-For would let a client
    // pick a fresh address for every attempt and walk past the per-address sign-in limits.
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: 1_048_576,
    // No automatic HEAD routes: a HEAD on a person would be audited as a view while showing nothing.
    exposeHeadRoutes: false,
    // Called only once the app below exists: an undecodable address gets the GOV.UK "Page not found".
    frameworkErrors: (error, request, reply) => answerUndecodableUrl(app)(error, request, reply),
  });
  return app;
}

/**
 * Security headers from helmet, built once. (@fastify/helmet builds helmet's middleware afresh on
 * every request: measured at ~0.15 ms a request, parsing the same policy each time.)
 */
function registerSecurityHeaders(app: FastifyInstance, deps: AppDeps): void {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptSource()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: deps.config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.cookieSecure,
    // 'same-origin', not helmet's 'no-referrer': with no referrer Chromium sends `Origin: null` on
    // our own form posts, which the CSRF check must refuse.
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, next) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => next(error instanceof Error ? error : undefined)),
  );
}

/** The platform's own pages, then each module's routes. */
function registerRoutes(app: FastifyInstance, kept: KeptInMemory): void {
  registerOperationalRoutes(app);
  registerAuthRoutes(app);
  registerOidcRoutes(app);
  registerApiDocs(app);
  registerPeopleModule(app);
  registerAuditPages(app);
  registerAdminModule(app);
  registerDirectoryModule(app);
  registerOrukApi(app, kept.publicDirectory);
  registerInformationPages(app, kept.publicDirectory);
  registerConversationsModule(app);
  registerEarlyIdentificationModule(app);
  registerContingencyPlansModule(app);
  registerCrisisModule(app, kept.crisisBoardRows);
  registerAssessmentModule(app);
  registerCapacityModule(app);
  registerPlanningModule(app);
  registerAllocationModule(app);
  registerBudgetsModule(app);
  registerCaseworkModule(app);
}
