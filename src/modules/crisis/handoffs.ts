import type { FastifyInstance } from 'fastify';

/** Episodes opened from partner events (onPartnerEvent) and contingency plan activations (registerActivationHandler). */
export function registerCrisisHandoffs(app: FastifyInstance): void {
  void app;
}
