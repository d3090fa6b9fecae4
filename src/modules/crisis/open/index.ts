// The door to the opening part: referral, triage, first contact and the hand-offs from partner
// events and plan activations. Other parts of the crisis module use it only through this file.
export { registerCrisisOpenPages } from './routes-open.js';
export { registerCrisisHandoffs } from './handoffs.js';
export { crisisRecordSection } from './open-record-panel.js';
