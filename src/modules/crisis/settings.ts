import type { Tx } from '../../platform/db/scope.js';

/**
 * A council's crisis settings: urgency levels (each with a response-time target) and the episode
 * time limit. Until a council sets its own, these defaults apply, so a new organisation can open
 * episodes straight away.
 */
export interface UrgencyLevel {
  key: string;
  label: string;
  responseMinutes: number;
}

export interface CrisisSettings {
  timeLimitDays: number;
  /** Warn this many days before an episode's time limit. */
  warnDays: number;
  urgencyLevels: UrgencyLevel[];
}

export const defaultUrgencyLevels: readonly UrgencyLevel[] = [
  { key: 'within_4_hours', label: 'Within 4 hours', responseMinutes: 240 },
  { key: 'same_day', label: 'Same day (within 8 hours)', responseMinutes: 480 },
  { key: 'within_24_hours', label: 'Within 24 hours', responseMinutes: 1440 },
  { key: 'within_3_days', label: 'Within 3 days', responseMinutes: 4320 },
];

export const defaultCrisisSettings: CrisisSettings = {
  timeLimitDays: 42,
  warnDays: 7,
  urgencyLevels: [...defaultUrgencyLevels],
};

/** The organisation's settings (inside withOrg: row-level security picks the organisation). */
export async function crisisSettings(tx: Tx): Promise<CrisisSettings> {
  const [setting, levels] = await Promise.all([
    tx.selectFrom('crisis_setting').select(['time_limit_days', 'warn_days']).executeTakeFirst(),
    tx
      .selectFrom('crisis_urgency_level')
      .select(['key', 'label', 'response_minutes'])
      .orderBy('position')
      .orderBy('response_minutes')
      .execute(),
  ]);
  return {
    timeLimitDays: setting?.time_limit_days ?? defaultCrisisSettings.timeLimitDays,
    warnDays: setting?.warn_days ?? defaultCrisisSettings.warnDays,
    urgencyLevels:
      levels.length > 0
        ? levels.map((l) => ({ key: l.key, label: l.label, responseMinutes: l.response_minutes }))
        : [...defaultUrgencyLevels],
  };
}
