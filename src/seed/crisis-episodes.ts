import { openEpisodeSeeds } from './crisis-episodes-open.js';
import { closedEpisodeSeeds } from './crisis-episodes-closed.js';

/**
 * The demo county's crisis episodes, as data: who, when (days and hours before today), how urgent,
 * how fast first contact came, the support put in, the check-ins, and how the closed ones ended.
 * The Joneses have none: their crisis (S1 step 3) is the one a user plays through live.
 */
/** `directory`: name patterns (SQL like, separated by |) tried in turn for the community directory entry to link. */
export interface ServiceSeed {
  kind: string;
  description: string;
  provider: string;
  fromDay: number;
  toDay?: number;
  longTermOverride?: string;
  directory?: string;
}
export interface CheckInSeed {
  day: number;
  how: string;
  isWorking: string;
  coping: string;
  needsToChange?: string;
}
export interface CloseSeed {
  day: number;
  route: 'step_down' | 'step_up' | 'other';
  whatFollowed: string;
  note: string;
  stepUpReason?: string;
  connection?: { note: string; directory?: string };
}

export interface EpisodeSeed {
  /** The scenario person (src/seed/scenario-people.ts). */
  person: string;
  /** Referred this many days ago, at this hour (UK time); first contact this many hours later (none while waiting). */
  daysAgo: number;
  hour: number;
  contactAfterHours: number | null;
  urgency: string;
  source: 'referral' | 'partner_event' | 'plan_activation';
  route: string;
  referredBy: string;
  reason: string;
  lead: string | null;
  wants: string;
  goals: string[];
  actions: [description: string, who: string, dueDay: number, doneDay: number | null][];
  services: ServiceSeed[];
  checkIns: CheckInSeed[];
  /** A short-term assessment on this day of the episode (CLD: Short term assessment). */
  assessment?: { day: number; method: string; strengths: string; needs: string; outcome: string };
  /** Days added to the time limit by a manager, with the reason. */
  extension?: { days: number; onDay: number; reason: string };
  close?: CloseSeed;
}

// The episodes themselves, open and closed, are listed in crisis-episodes-open.ts and -closed.ts.

export const crisisEpisodeSeeds: EpisodeSeed[] = [...openEpisodeSeeds, ...closedEpisodeSeeds];
