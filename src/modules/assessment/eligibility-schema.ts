import { z } from 'zod';
import {
  ADULT_OUTCOMES,
  ADULT_WAYS,
  CARER_OUTCOMES,
  CARER_WAYS,
  UNABLE_WAYS,
  describeWayMessage,
  type UnableWayKey,
} from './eligibility-outcomes.js';

/**
 * The answers an eligibility decision is made from, checked with GOV.UK messages so the assessment
 * forms can reuse them. A finding ticked "yes" and each way of being unable to achieve an outcome
 * must carry the practitioner's words: a decision is only as good as the evidence written beside it.
 */

const WORDS_MAX = 4000;
const WAY_KEYS = UNABLE_WAYS.map((w) => w.key) as [UnableWayKey, ...UnableWayKey[]];

/** A form sends one checkbox as a string, several as an array and none at all as nothing. */
const asList = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const yesNo = (v: unknown): unknown => (v === 'yes' ? true : v === 'no' ? false : v);

const words = (label: string) =>
  z
    .string()
    .trim()
    .max(WORDS_MAX, `${label} must be ${WORDS_MAX} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');

/** A yes-or-no finding that, when yes, must be described. */
function findingSchema(selectMessage: string, describeMessage: string) {
  const finding = z
    .object({
      met: z.preprocess(yesNo, z.boolean({ error: selectMessage })),
      words: words('The description'),
    })
    .superRefine((finding, ctx) => {
      if (finding.met && finding.words === '')
        ctx.addIssue({ code: 'custom', path: ['words'], message: describeMessage });
    });
  // An unanswered question arrives as nothing at all: ask it, rather than say "expected object".
  return z.preprocess((v) => v ?? {}, finding);
}

const outcomeAnswerSchema = z.object({
  ways: z.preprocess(
    (v) => [...new Set(asList(v))],
    z.array(z.enum(WAY_KEYS, { error: 'Select how they are unable to achieve this outcome from the list' })),
  ),
  words: z.partialRecord(z.enum(WAY_KEYS), words('The description')).default({}),
});
export type OutcomeAnswer = z.output<typeof outcomeAnswerSchema>;

/**
 * The outcomes of one list, each answered with the ways it cannot be achieved and words for each way.
 * An outcome left out, or answered with no ways, is one the person can achieve.
 */
function outcomesSchema<K extends string>(
  outcomes: readonly { key: K; short: string }[],
  allowedWays: readonly UnableWayKey[],
  refusedWayMessage: string,
) {
  const keys = outcomes.map((o) => o.key) as [K, ...K[]];
  return z
    .partialRecord(z.enum(keys, { error: 'Select an outcome from the list' }), outcomeAnswerSchema)
    .default({})
    .superRefine((answers, ctx) => {
      for (const outcome of outcomes) {
        const answer = (answers as Partial<Record<K, OutcomeAnswer>>)[outcome.key];
        for (const way of answer?.ways ?? []) {
          if (!allowedWays.includes(way)) {
            ctx.addIssue({ code: 'custom', path: [outcome.key, 'ways'], message: refusedWayMessage });
          } else if (!answer?.words[way]) {
            const message = describeWayMessage(way, outcome.short);
            ctx.addIssue({ code: 'custom', path: [outcome.key, 'words', way], message });
          }
        }
      }
    });
}

export const adultAnswersSchema = z.object({
  impairmentOrIllness: findingSchema(
    'Select yes if their needs arise from or are related to a physical or mental impairment or illness',
    'Describe the impairment or illness their needs arise from',
  ),
  outcomes: outcomesSchema(ADULT_OUTCOMES, ADULT_WAYS, 'Select how they are unable to achieve this outcome'),
  wellbeingImpact: findingSchema(
    'Select yes if there is, or is likely to be, a significant impact on their wellbeing',
    'Describe the impact on their wellbeing',
  ),
  /** Regulation 2(4): where needs fluctuate, the period looked at to see their level. */
  fluctuation: words('How their needs fluctuate'),
});

const continuing = z.enum(['yes', 'no', 'not_sure'], { error: 'Select yes, no or not sure' });

export const carerAnswersSchema = z.object({
  needsFromProvidingCare: findingSchema(
    'Select yes if their needs arise because they provide necessary care for an adult',
    'Describe the necessary care they provide',
  ),
  healthDeteriorating: findingSchema(
    'Select yes if their physical or mental health is, or is at risk of, deteriorating',
    'Describe how their physical or mental health is, or is at risk of, deteriorating',
  ),
  outcomes: outcomesSchema(
    CARER_OUTCOMES,
    CARER_WAYS,
    'Taking significantly longer is not one of the ways a carer counts as unable to achieve an outcome (regulation 3(3))',
  ),
  wellbeingImpact: findingSchema(
    'Select yes if there is, or is likely to be, a significant impact on their wellbeing',
    'Describe the impact on their wellbeing',
  ),
  /** Regulation 3(4): where needs fluctuate, the period looked at to see their level. */
  fluctuation: words('How their needs fluctuate'),
  /** Not part of the rule: carried to the plan, which must not rest on care they cannot go on giving. */
  continuingToCare: z.preprocess(
    (v) => v ?? {},
    z.object({ willing: continuing, able: continuing, words: words('What they said about going on caring') }),
  ),
});

export type AdultAnswers = z.output<typeof adultAnswersSchema>;
export type AdultAnswersInput = z.input<typeof adultAnswersSchema>;
export type CarerAnswers = z.output<typeof carerAnswersSchema>;
export type CarerAnswersInput = z.input<typeof carerAnswersSchema>;

/** One thing to put right, with the answer it is about as a dotted path ('outcomes.nutrition.words.…'). */
export interface EligibilityProblem {
  field: string;
  text: string;
}

export function problemsFrom(error: z.ZodError): EligibilityProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), text: issue.message }));
}
