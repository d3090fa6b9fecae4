import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';

/** Liveness, readiness, the home page and the floor route the benchmarks compare against. */
export function registerOperationalRoutes(app: FastifyInstance): void {
  app.get('/health', { config: { policy: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/ready', { config: { policy: 'public' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.deps.database.db);
      return { status: 'ready', database: app.deps.database.engine };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  // The benchmark floor: the same server doing one indexed query and no template.
  app.get('/health/floor', { config: { policy: 'public' } }, async () => {
    const row = await app.deps.database.db
      .selectFrom('organisation')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return { ok: Boolean(row) };
  });

  app.get('/', { config: { policy: 'public' } }, async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in', 303);
    return reply.view('home.njk', { title: 'Home' });
  });

  app.get('/accessibility', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.view('accessibility.njk', { title: 'Accessibility statement' }),
  );
}
