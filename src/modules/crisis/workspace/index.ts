// The door to the workspace part: plan, support, check-ins, assessment and closing.
export { registerCrisisWorkspacePages } from './routes-workspace.js';
export { registerCrisisAssessmentPages } from './routes-assessment.js';
export { loadWorkspace } from './workspace-view.js';
