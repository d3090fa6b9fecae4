import type { CapacityResult } from './tables.js';

/**
 * The Mental Capacity Act 2005's two-stage test (ss.2–3), as a pure rule. A person lacks capacity
 * for a decision only if (stage 1) there is an impairment of, or a disturbance in the functioning
 * of, the mind or brain, and (stage 2) because of it they cannot do at least one of the four things
 * s.3(1) lists. Anything else is capacity: the Act presumes it (s.1(2)).
 */
export interface CapacityAnswers {
  impairment: boolean;
  canUnderstand: boolean;
  canRetain: boolean;
  canUseOrWeigh: boolean;
  canCommunicate: boolean;
}

export type AbilityKey = 'canUnderstand' | 'canRetain' | 'canUseOrWeigh' | 'canCommunicate';

/** The four abilities of s.3(1), in the Act's order, as the pages ask and explain them. */
export const ABILITIES: readonly { key: AbilityKey; question: string; missing: string }[] = [
  {
    key: 'canUnderstand',
    question: 'Can they understand the information relevant to the decision?',
    missing: 'understand the information relevant to the decision',
  },
  { key: 'canRetain', question: 'Can they retain that information?', missing: 'retain that information' },
  {
    key: 'canUseOrWeigh',
    question: 'Can they use or weigh that information as part of deciding?',
    missing: 'use or weigh that information as part of deciding',
  },
  {
    key: 'canCommunicate',
    question: 'Can they communicate their decision (by talking, sign language or any other means)?',
    missing: 'communicate their decision by any means',
  },
];

export interface Finding {
  result: CapacityResult;
  /** Why, in plain English, from the answers alone. */
  explanation: string;
}

/** What the answers mean: the result the Act gives, and why. */
export function capacityFinding(answers: CapacityAnswers): Finding {
  if (!answers.impairment)
    return {
      result: 'has_capacity',
      explanation:
        'There is no impairment of, or disturbance in the functioning of, the mind or brain (stage 1), so the person is presumed to have capacity for this decision.',
    };
  const missing = ABILITIES.filter((a) => !answers[a.key]).map((a) => a.missing);
  if (missing.length === 0)
    return {
      result: 'has_capacity',
      explanation:
        'There is an impairment of the mind or brain, but the person can understand, retain, use or weigh the information and communicate their decision (stage 2), so they have capacity for this decision.',
    };
  return {
    result: 'lacks_capacity',
    explanation: `There is an impairment of, or disturbance in the functioning of, the mind or brain (stage 1), and because of it the person cannot ${joinAnd(missing)} (stage 2), so they lack capacity for this decision.`,
  };
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}
