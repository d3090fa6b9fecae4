import type { FastifyInstance } from 'fastify';

/** The crisis workspace: short-term plan, support, check-ins, time limit, closing. Owned by the "workspace" work. */
export function registerCrisisWorkspacePages(app: FastifyInstance): void {
  void app;
}
