import {
  ADULT_OUTCOMES,
  CARER_OUTCOMES,
  wayShort,
  type AdultOutcomeKey,
  type CarerOutcomeKey,
  type UnableWayKey,
} from './eligibility-outcomes.js';
import {
  adultAnswersSchema,
  carerAnswersSchema,
  problemsFrom,
  type AdultAnswersInput,
  type CarerAnswers,
  type CarerAnswersInput,
  type EligibilityProblem,
  type OutcomeAnswer,
} from './eligibility-schema.js';

/**
 * Care Act eligibility, as the Care and Support (Eligibility Criteria) Regulations 2015 set it:
 * regulation 2 for an adult who needs care and support, regulation 3 for a carer. Pure: answers in,
 * a determination out, with every condition explained in plain English for the page and the record.
 */

/** An outcome the person cannot achieve, with each way that applies and the words recorded for it. */
export interface CountedOutcome {
  key: AdultOutcomeKey | CarerOutcomeKey;
  label: string;
  ways: { key: UnableWayKey; text: string; words: string }[];
}

export interface EligibilityOverride {
  /** The decision the override makes. */
  eligible: boolean;
  /** Why, in the decision maker's words; an override without one is refused. */
  reason: string;
  /** Who made it (a name or staff id, as the service records people). */
  decidedBy: string;
}

export interface Determination {
  who: 'adult' | 'carer';
  /** The decision: the regulations' answer, or the override's when there is one. */
  eligible: boolean;
  /** What the regulations' test gives, kept when an override changes the decision. */
  eligibleByRule: boolean;
  reasons: string[];
  counted: CountedOutcome[];
  override: EligibilityOverride | null;
  /** A carer's willingness and ability to go on caring: not part of the rule, carried for the plan. */
  continuingToCare: CarerAnswers['continuingToCare'] | null;
}

export type DeterminationResult = ({ ok: true } & Determination) | { ok: false; problems: EligibilityProblem[] };

const quoted = (text: string) => `‘${text}’`;

function countOutcomes<K extends string>(
  list: readonly { key: K; label: string }[],
  answers: Partial<Record<K, OutcomeAnswer>>,
): CountedOutcome[] {
  return list.flatMap((outcome) => {
    const answer = answers[outcome.key];
    if (!answer || answer.ways.length === 0) return [];
    const ways = answer.ways.map((way) => ({ key: way, text: wayShort(way), words: answer.words[way] ?? '' }));
    return [{ key: outcome.key as CountedOutcome['key'], label: outcome.label, ways }];
  });
}

function describeCounted(counted: CountedOutcome[]): string {
  return counted.map((o) => `${o.label} (${o.ways.map((w) => `${w.text}: ${quoted(w.words)}`).join('; ')})`).join(', ');
}

function outcomesReason(counted: CountedOutcome[], of: number, needed: string, met: boolean): string {
  const list = counted.length > 0 ? `: ${describeCounted(counted)}` : '';
  return `Unable to achieve ${counted.length} of the ${of} outcomes${list}. ${needed}, so this condition is ${met ? 'met' : 'not met'}.`;
}

function fluctuationReason(fluctuation: string): string[] {
  return fluctuation === ''
    ? []
    : [`Their needs fluctuate: ${quoted(fluctuation)}. Their circumstances over that period were taken into account.`];
}

function wellbeingReason(finding: { met: boolean; words: string }): string {
  return finding.met
    ? `As a consequence there is, or is likely to be, a significant impact on their wellbeing: ${quoted(finding.words)}.`
    : 'There is not, and is not likely to be, a significant impact on their wellbeing.';
}

function conclusion(eligible: boolean, regulation: string): string {
  return eligible
    ? `Eligible: all three conditions of ${regulation} are met.`
    : `Not eligible: not every condition of ${regulation} is met.`;
}

/** Regulation 2: impairment or illness; as a result, two or more of ten outcomes; consequently, wellbeing. */
export function determineAdultEligibility(input: AdultAnswersInput): DeterminationResult {
  const parsed = adultAnswersSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFrom(parsed.error) };
  const answers = parsed.data;
  const counted = countOutcomes(ADULT_OUTCOMES, answers.outcomes);
  const impairment = answers.impairmentOrIllness.met;
  const outcomesMet = counted.length >= 2;
  const eligible = impairment && outcomesMet && answers.wellbeingImpact.met;
  const reasons = [
    conclusion(eligible, 'regulation 2'),
    impairment
      ? `Their needs arise from or are related to a physical or mental impairment or illness: ${quoted(answers.impairmentOrIllness.words)}.`
      : 'Their needs do not arise from, and are not related to, a physical or mental impairment or illness.',
    outcomesReason(counted, ADULT_OUTCOMES.length, 'Two or more are needed', outcomesMet),
    wellbeingReason(answers.wellbeingImpact),
    ...fluctuationReason(answers.fluctuation),
  ];
  return { ok: true, ...determination('adult', eligible, reasons, counted, null) };
}

const continuingWords = { yes: 'yes', no: 'no', not_sure: 'not sure' } as const;

function continuingReason(c: CarerAnswers['continuingToCare']): string {
  const said = c.words === '' ? '' : ` ${quoted(c.words)}.`;
  return `Willing to go on caring: ${continuingWords[c.willing]}; able to go on caring: ${continuingWords[c.able]}.${said} This is recorded for the plan and is not part of the eligibility rule.`;
}

/**
 * Regulation 3: needs from providing necessary care; as a result, health deteriorating (or at risk of
 * it) OR any one of eight outcomes; consequently, a significant impact on wellbeing.
 */
export function determineCarerEligibility(input: CarerAnswersInput): DeterminationResult {
  const parsed = carerAnswersSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFrom(parsed.error) };
  const answers = parsed.data;
  const counted = countOutcomes(CARER_OUTCOMES, answers.outcomes);
  const fromCaring = answers.needsFromProvidingCare.met;
  const health = answers.healthDeteriorating.met;
  const effect = health || counted.length >= 1;
  const eligible = fromCaring && effect && answers.wellbeingImpact.met;
  const reasons = [
    conclusion(eligible, 'regulation 3'),
    fromCaring
      ? `Their needs arise as a consequence of providing necessary care for an adult: ${quoted(answers.needsFromProvidingCare.words)}.`
      : 'Their needs do not arise as a consequence of providing necessary care for an adult.',
    health
      ? `Their physical or mental health is, or is at risk of, deteriorating: ${quoted(answers.healthDeteriorating.words)}. This alone meets the second condition.`
      : 'Their physical or mental health is not deteriorating, nor at risk of it.',
    outcomesReason(counted, CARER_OUTCOMES.length, 'One is enough (or their health at risk)', effect),
    wellbeingReason(answers.wellbeingImpact),
    ...fluctuationReason(answers.fluctuation),
    continuingReason(answers.continuingToCare),
  ];
  return { ok: true, ...determination('carer', eligible, reasons, counted, answers.continuingToCare) };
}

function determination(
  who: Determination['who'],
  eligible: boolean,
  reasons: string[],
  counted: CountedOutcome[],
  continuingToCare: Determination['continuingToCare'],
): Determination {
  return { who, eligible, eligibleByRule: eligible, reasons, counted, override: null, continuingToCare };
}

export type OverrideResult = { ok: true; determination: Determination } | { ok: false; error: string };

/**
 * A practitioner or manager may decide differently from the rule, but only on the record: a reason
 * and who made it. A missing one is returned as an error rather than thrown, because it is an answer
 * a person typed (or left blank) on a form, to be shown back to them, not a fault in the program.
 */
export function applyOverride(determination: Determination, override: EligibilityOverride): OverrideResult {
  const reason = override.reason.trim();
  const decidedBy = override.decidedBy.trim();
  if (reason === '') return { ok: false, error: 'Enter the reason for changing the eligibility decision' };
  if (decidedBy === '') return { ok: false, error: 'Enter who made the decision' };
  if (determination.override) return { ok: false, error: 'This decision has already been overridden' };
  if (override.eligible === determination.eligibleByRule) {
    const already = determination.eligibleByRule ? 'eligible' : 'not eligible';
    return { ok: false, error: `The rule already finds them ${already}: an override must change the decision` };
  }
  const decision = override.eligible ? 'eligible' : 'not eligible';
  const ruleSays = determination.eligibleByRule ? 'eligible' : 'not eligible';
  const overrideReason = `Decision overridden by ${decidedBy}: ${decision}, where the rule finds them ${ruleSays}. Reason: ${quoted(reason)}.`;
  return {
    ok: true,
    determination: {
      ...determination,
      eligible: override.eligible,
      reasons: [overrideReason, ...determination.reasons],
      override: { eligible: override.eligible, reason, decidedBy },
    },
  };
}
