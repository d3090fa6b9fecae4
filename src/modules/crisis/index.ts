import type { FastifyInstance } from 'fastify';
import { crisisRecordSection, registerCrisisHandoffs, registerCrisisOpenPages } from './open/index.js';
import { registerCrisisAssessmentPages, registerCrisisWorkspacePages } from './workspace/index.js';
import { registerCrisisBoardPages } from './board/index.js';
import { addRecordSection, addRecordTabPage } from '../people/index.js';
import type { KeptAnswers } from '../../platform/cache/kept-answers.js';
import { addWorkSource } from '../casework/index.js';
import { openEpisodesSource } from './work-source.js';

export { BOARD_PAGE_SIZE, crisisBoardRows } from './board/index.js';

// The crisis tables' row types (tables.ts also adds the tables to the platform's `DB`).
export type {
  CrisisActionRow,
  CrisisAssessmentRow,
  CrisisCheckInRow,
  CrisisConnectionRow,
  CrisisEpisodeRow,
  CrisisExtensionRow,
  CrisisServiceRow,
  CrisisUrgencyLevelRow,
} from './tables.js';

// For the demo seed, which writes crisis episodes as the pages would.
export { nextCheckInDue } from './clock.js';
export { defaultCrisisSettings } from './settings.js';
export { longTermTypes, serviceKinds, whatFollowedOptions } from './choices.js';
export { crisisSupportCoding } from './cld-events.js';
export { closingOutcomes } from './cld-outcomes.js';
export { syncEpisodeEvents } from './cld-sync.js';

/**
 * Tier 2: crisis resolution. Episodes open from a referral, a partner event or an activated
 * contingency plan; the workspace holds the short-term plan, support, check-ins and time limit; the
 * board and figures show whether crises are resolved quickly and without long-term arrangements.
 */
/** `keptBoardRows` is the boards' kept data (crisisBoardRows()), built once in createApp. */
export function registerCrisisModule(app: FastifyInstance, keptBoardRows: KeptAnswers): void {
  registerCrisisOpenPages(app);
  registerCrisisHandoffs(app);
  registerCrisisWorkspacePages(app);
  registerCrisisAssessmentPages(app);
  registerCrisisBoardPages(app, keptBoardRows);
  addRecordSection(recordSection);
  addRecordTabPage(app, {
    key: 'crisis',
    label: 'Crisis',
    order: 50,
    policy: 'crisis.read',
    auditAction: 'person.view-crisis',
  });
  // Open episodes are on caseloads and in patch queues; the lead worker is their allocation (work-source.ts).
  addWorkSource(openEpisodesSource);
}

// On the record's Crisis tab; an open episode is also on the summary's "Open now".
const recordSection = { policy: 'crisis.read' as const, tab: 'crisis', openWork: true, load: crisisRecordSection };
