import type { FastifyInstance } from 'fastify';

/** Opening an episode (referral form), triage, first contact and the episode page. Owned by the "open" work. */
export function registerCrisisOpenPages(app: FastifyInstance): void {
  void app;
}
