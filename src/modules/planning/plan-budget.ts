import type { CurrentBudget } from '../allocation/index.js';

/**
 * The budget a plan is costed against, taken from the person's current allocation (never typed into
 * the plan): the agreed amount once agreed, else the indicative amount, which the plan says is not
 * agreed yet. Null before any assessment has been costed. Pure.
 */
export interface PlanBudget {
  weeklyPence: number;
  agreed: boolean;
  versionLabel: string;
}

export function planBudget(current: CurrentBudget | undefined): PlanBudget | null {
  if (!current) return null;
  const agreed = current.status === 'agreed' && current.agreedWeeklyPence !== null;
  return {
    weeklyPence: agreed ? current.agreedWeeklyPence! : current.indicativeWeeklyPence,
    agreed,
    versionLabel: current.versionLabel,
  };
}
