import type { FieldError } from '../../../platform/http/errors.js';
import { formatPounds } from '../../../platform/money.js';
import type { DirectPaymentConsentStatus } from '../../capacity/index.js';
import { HOLDING_ROUTES, MIN_TRUSTEES } from './holding-routes.js';
import type { PartInput } from './part-forms.js';

/** What the rules need to know beyond the form, read in the same transaction. */
export interface PartContext {
  /** The agreed weekly budget, or null when no budget has been agreed yet. */
  agreedWeeklyPence: number | null;
  /** The weekly amounts of the person's other parts in force on or after the new part's start. */
  committedWeeklyPence: number;
  consent: DirectPaymentConsentStatus;
  smallPaymentLimitPence: number;
  /** Whether the organisation named was found in the directory (routes held by an organisation). */
  serviceFound: boolean;
  /** Whether the pool chosen (for a 'pool' part) is one of the council's. */
  poolFound: boolean;
  personName: string;
}

/**
 * Whether a part may be held this way, each refusal saying what is missing. Pure and in one place:
 * the form, the seed and the tests all go through it.
 */
export function partProblems(input: PartInput, ctx: PartContext): FieldError[] {
  const problems: FieldError[] = [];
  const say = (text: string, href: string) => problems.push({ text, href });
  if (input.route === 'one_off') {
    const over = (input.oneOffPence ?? 0) - ctx.smallPaymentLimitPence;
    if (over > 0)
      say(
        `A small payment can be up to ${formatPounds(ctx.smallPaymentLimitPence)}: ${formatPounds(input.oneOffPence!)} is ${formatPounds(over)} over the scheme’s limit. Set up a direct payment instead, or pay less`,
        '#oneOff',
      );
  } else budgetProblems(input, ctx, say);
  if (HOLDING_ROUTES[input.route].directPayment) directPaymentProblems(input, ctx, say);
  if (input.route === 'trust' && input.trustees.length < MIN_TRUSTEES)
    say(
      `A trust needs at least ${MIN_TRUSTEES} trustees: ${input.trustees.length === 0 ? 'none are' : `only ${input.trustees.length} ${input.trustees.length === 1 ? 'is' : 'are'}`} named`,
      '#trustees',
    );
  if (input.route === 'pool' && input.poolId && !ctx.poolFound) say('Select one of the council’s pools', '#poolId');
  if (input.serviceName && !ctx.serviceFound)
    say(`No organisation called ‘${input.serviceName}’ is in the directory: check the name`, '#service');
  return problems;
}

type Say = (text: string, href: string) => void;

function budgetProblems(input: PartInput, ctx: PartContext, say: Say): void {
  if (ctx.agreedWeeklyPence === null) {
    say('The budget has not been agreed yet: agree it on the Budget tab first', '#weekly');
    return;
  }
  const total = ctx.committedWeeklyPence + (input.weeklyPence ?? 0);
  if (total > ctx.agreedWeeklyPence)
    say(
      `The parts would come to ${formatPounds(total)} a week, ${formatPounds(total - ctx.agreedWeeklyPence)} more than the agreed budget of ${formatPounds(ctx.agreedWeeklyPence)}`,
      '#weekly',
    );
}

/**
 * Care Act s.31–32: a direct payment goes to the person when they can consent to one, and to a
 * suitable person only when a capacity assessment of that decision found they cannot (S6).
 */
function directPaymentProblems(input: PartInput, ctx: PartContext, say: Say): void {
  const { consent } = ctx;
  const assessed = consent.assessment ? ` (assessed on ${consent.assessment.assessedOn})` : '';
  if (input.route !== 'suitable_person') {
    if (consent.lacksCapacity)
      say(
        `${ctx.personName} lacks capacity to consent to a direct payment${assessed}: it can only go to a suitable person`,
        '#route',
      );
    return;
  }
  if (!consent.assessment)
    say(
      `A direct payment can go to a suitable person only when a capacity assessment of the decision ‘consent to a direct payment’ found ${ctx.personName} lacks capacity for it: none is recorded`,
      '#route',
    );
  else if (!consent.lacksCapacity)
    say(
      `The latest capacity assessment${assessed} found ${ctx.personName} can consent to a direct payment: pay it to them, or to someone they nominate`,
      '#route',
    );
  else if (!consent.bestInterests)
    say('Record the best-interests decision that follows the capacity assessment first', '#route');
  const sp = input.suitablePerson;
  if (!sp) return;
  const holdsPower = consent.powers.some((p) => p.holders.toLowerCase().includes(sp.name.toLowerCase()));
  if (!sp.dbsCheckedOn && !holdsPower)
    say(
      'Record the date of the suitable person’s DBS check (needed unless they hold a power of attorney or deputyship over the person’s money)',
      '#spDbs-day',
    );
  if (!sp.referencesChecked) say('Check the suitable person’s references before appointing them', '#spReferences');
  if (!sp.agreesToActInBestInterests)
    say('The suitable person must agree to act in the person’s best interests', '#spBestInterests');
}
