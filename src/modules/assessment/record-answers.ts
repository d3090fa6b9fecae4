import { adultAnswersSchema, carerAnswersSchema } from './eligibility-schema.js';
import { determineAdultEligibility, determineCarerEligibility, type Determination } from './eligibility.js';
import type { EligibilityProblem } from './eligibility-schema.js';
import { adultAnswersFrom, carerAnswersFrom } from './record-schema.js';
import type { FieldError } from '../../platform/http/errors.js';
import type { AssessmentKind } from './tables.js';

type Body = Record<string, unknown>;
type Values = Record<string, unknown>;

/** The rule's problems as GOV.UK errors: its dotted answer paths are the page's field ids. */
export function problemErrors(problems: EligibilityProblem[]): FieldError[] {
  const errors = problems.map((p) => ({ text: p.text, href: `#${p.field.replaceAll('.', '-')}` }));
  return errors.filter((e, i) => errors.findIndex((o) => o.href === e.href) === i);
}

/** The eligibility page's answers judged by the rule for this kind of assessment: the answers kept and the determination. */
export function judge(
  kind: AssessmentKind,
  body: Body,
): { ok: true; answers: unknown; determination: Determination } | { ok: false; errors: FieldError[] } {
  if (kind === 'adult') {
    const input = adultAnswersFrom(body);
    const result = determineAdultEligibility(input);
    if (!result.ok) return { ok: false, errors: problemErrors(result.problems) };
    const { ok: _ok, ...determination } = result;
    return { ok: true, answers: adultAnswersSchema.parse(input), determination };
  }
  const input = carerAnswersFrom(body);
  const result = determineCarerEligibility(input);
  if (!result.ok) return { ok: false, errors: problemErrors(result.problems) };
  const { ok: _ok, ...determination } = result;
  return { ok: true, answers: carerAnswersSchema.parse(input), determination };
}

interface StoredFinding {
  met: boolean;
  words: string;
}
interface StoredAnswers {
  outcomes?: Record<string, { ways: string[]; words: Record<string, string> }>;
  fluctuation?: string;
  continuingToCare?: { willing: string; able: string; words: string };
  [finding: string]: unknown;
}

const FINDINGS = ['impairmentOrIllness', 'needsFromProvidingCare', 'healthDeteriorating', 'wellbeingImpact'];

/** Saved answers back into the page's fields, to change them. */
export function answersToValues(stored: unknown): Values {
  if (!stored || typeof stored !== 'object') return {};
  const answers = stored as StoredAnswers;
  const values: Values = { fluctuation: answers.fluctuation ?? '' };
  for (const name of FINDINGS) {
    const finding = answers[name] as StoredFinding | undefined;
    if (!finding) continue;
    values[`${name}-met`] = finding.met ? 'yes' : 'no';
    values[`${name}-words`] = finding.words;
  }
  for (const [key, answer] of Object.entries(answers.outcomes ?? {})) {
    values[`outcomes-${key}-ways`] = answer.ways;
    for (const [way, words] of Object.entries(answer.words)) values[`outcomes-${key}-words-${way}`] = words;
  }
  if (answers.continuingToCare) {
    values['continuingToCare-willing'] = answers.continuingToCare.willing;
    values['continuingToCare-able'] = answers.continuingToCare.able;
    values['continuingToCare-words'] = answers.continuingToCare.words;
  }
  return values;
}
