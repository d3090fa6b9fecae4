import type { FastifyInstance } from 'fastify';

/** The crisis board, the figures (page and CSV) and the crisis settings. Owned by the "board" work. */
export function registerCrisisBoardPages(app: FastifyInstance): void {
  void app;
}
