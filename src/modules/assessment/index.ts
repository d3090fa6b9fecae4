import type { FastifyInstance } from 'fastify';
import { registerWaitingPage } from './routes.js';

export { addAssessmentSource, type AssessmentSource, type WaitingForAssessment } from './sources.js';

/**
 * Tier 3: assessment. Until assessments are recorded here (the next issue), this module keeps the
 * queue of people other modules have said need one, so that a manager can see them all in one place.
 */
export function registerAssessmentModule(app: FastifyInstance): void {
  registerWaitingPage(app);
}
