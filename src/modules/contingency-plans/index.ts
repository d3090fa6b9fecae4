import type { FastifyInstance } from 'fastify';
import { addTimelineSource } from '../people/index.js';
import { registerContingencyPlanPages } from './routes.js';
import { contingencyTimeline } from './timeline.js';

export { registerActivationHandler } from './handoff.js';
export type {
  ActivationHandler,
  ActivationHandoff,
  ActivationSnapshot,
  ContingencyPlanActivation,
  CrisisEpisodeRef,
} from './handoff.js';
export { ContingencyPlanService } from './service.js';
export { activationFor, findPlan } from './repository.js';
export type { PlanContent } from './schema.js';
export type { ContingencyPlanActivationRow, ContingencyPlanRow, ContingencyPlanVersionRow } from './tables.js';

/** Contingency plans agreed before a crisis, and their activation (the hand-off to the crisis workspace). */
export function registerContingencyPlansModule(app: FastifyInstance): void {
  registerContingencyPlanPages(app);
  addTimelineSource(contingencyTimeline);
}
