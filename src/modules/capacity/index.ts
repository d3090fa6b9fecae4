import type { FastifyInstance } from 'fastify';
import { addRecordSection } from '../people/index.js';
import { registerCapacityPages } from './routes.js';
import { capacityRecordSection } from './presenters.js';

// For the budgets issue: the one question asked before a direct payment to a suitable person (S6).
export {
  directPaymentConsentStatus,
  type ConsentAssessment,
  type ConsentBestInterests,
  type DirectPaymentConsentStatus,
  type FinancialPower,
} from './consent.js';
// The records themselves, each checked as its form checks it (the demo seed writes Joan's with it).
export { CapacityService } from './service.js';
export { capacityFinding, type CapacityAnswers, type Finding } from './finding.js';
// The capacity tables' row types (tables.ts also adds the tables to the platform's `DB`).
export type { BestInterestsDecisionRow, CapacityAssessmentRow, LegalPowerRow } from './tables.js';

/**
 * Mental capacity, decision by decision (Mental Capacity Act 2005): the two-stage test, best-interests
 * decisions that follow a finding of incapacity, and lasting or enduring powers of attorney and Court
 * of Protection deputyships, each of which can be ended.
 */
export function registerCapacityModule(app: FastifyInstance): void {
  registerCapacityPages(app);
  addRecordSection(recordSection);
}

const recordSection = { policy: 'capacity.read' as const, load: capacityRecordSection };
