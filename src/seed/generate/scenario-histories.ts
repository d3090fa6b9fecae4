import type { GeneratedEvent } from './events.js';
import { addDays } from './dates.js';

/**
 * The CLD events behind the source documents' case studies (shared/scenarios/README.md), dated back
 * from `asOf` so the timelines always look current. Offsets are days before `asOf`; a null end is
 * support still in place.
 */
type Ev = Omit<GeneratedEvent, 'start_date' | 'end_date' | 'event_outcome'> & { from: number; to: number | null; outcome: string | null };

const request = (from: number, route: string, outcome: string, summary: string): Ev => ({ event_type: 'Request', from, to: from, outcome, route_of_access: route, summary });
const assessment = (from: number, to: number, eligible: boolean | null, summary: string, extra: Partial<Ev> = {}): Ev => ({
  event_type: 'Assessment', from, to, assessment_type: eligible === null ? 'Short term assessment' : 'Long term assessment',
  eligible_needs_identified: eligible === null ? null : eligible ? 'Yes' : 'No', method_of_assessment: 'Face to face',
  outcome: eligible ? 'Progress to support planning or services' : 'NFA: Information and advice or signposting', summary, ...extra,
});
const service = (from: number, to: number | null, outcome: string | null, type: string, component: string, mechanism: string, pence: number, frequency: string, summary: string): Ev => ({
  event_type: 'Service', from, to, outcome, service_type: type, service_component: component, delivery_mechanism: mechanism, unit_cost_pence: pence, cost_frequency: frequency, summary,
});
const review = (from: number, reason: string, outcome: string, summary: string, withCarer = false): Ev => ({
  event_type: 'Review', from, to: from, outcome, review_reason: reason, review_outcomes_achieved: 'Fully achieved', method_of_review: withCarer ? 'Service User and Carer' : 'Service User Only', summary,
});
const LT = 'Long term support: Community';
const CARER = 'Unpaid carer support: Direct to unpaid carer';
const CONTINUE = 'Continuation of support or services';

export const scenarioHistories: Record<string, readonly Ev[]> = {
  mrsJones: [
    request(420, 'Community / Other route', 'Progress to assessment, review or reassessment', 'GP practice: Mr Jones is caring for Mrs Jones (dementia) and his own health is getting worse'),
    assessment(410, 410, null, 'Tier one conversation at home: strengths, daughter and neighbours, peer group for couples living with dementia offered; contingency plan agreed'),
    request(118, 'Diversion from Hospital Services', 'Progress to support planning or services', 'Hospital notified: Mr Jones admitted as an emergency; contingency plan started the same day'),
    service(118, 80, 'Progress to assessment, review or reassessment', 'Short term support: Other short term', 'Home support or domiciliary care', 'CASSR commissioned support', 2600, 'Hourly', 'Crisis support at home while Mr Jones is in hospital (no respite bed)'),
    assessment(80, 66, true, 'Joint assessment with the community health worker; indicative personal budget from the RAS'),
    service(60, null, null, LT, 'Home support or domiciliary care', 'CASSR managed personal budget', 2550, 'Hourly', 'Support plan: help at home, a sitter so Mr Jones can rest; budget held by Fenshire Community Action'),
    service(60, null, null, LT, 'Equipment', 'CASSR commissioned support', 45000, 'One-off', 'Home-monitoring technology'),
    review(12, 'Planned', CONTINUE, 'Six-week review with Mr Jones and their daughter: the plan is working', true),
  ],
  mrJones: [
    request(118, 'Discharge from Hospital', 'Progress to reablement/ST-Max', 'Ward referral: home after a COPD exacerbation, wants to keep looking after his wife'),
    service(110, 72, 'Progress to assessment, review or reassessment', 'Short term support: ST-Max', 'Reablement', 'CASSR commissioned support', 2450, 'Hourly', 'Reablement at home after the hospital stay'),
    review(72, 'Review of short term support', 'Progress to assessment, review or reassessment', 'End of reablement: stronger; joins the carers\u2019 group and the Timebank'),
    assessment(72, 66, true, 'Joint assessment with Mrs Jones: what Mr Jones still can and wants to do'),
    service(60, null, null, LT, 'Other long term support', 'CASSR managed personal budget', 1500, 'Weekly', 'Help with the house and shopping; short-breaks scheme'),
  ],
  mrsN: [
    request(1150, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Granddaughter phoned: Mrs N needs help with personal care; speaks Gujarati'),
    assessment(1140, 1120, true, 'Supported self-assessment with a Gujarati interpreter', { method_of_assessment: 'Supported self-assessment' }),
    service(1100, null, null, LT, 'Direct payment', 'Direct payment', 38500, 'Weekly', 'Direct payment on a prepaid card: Gujarati-speaking personal assistants'),
    service(1100, null, null, LT, 'Day support', 'Direct payment', 5200, 'Per session', 'Asian day centre three times a week'),
    review(760, 'Planned', CONTINUE, 'Annual review with the interpreter and her granddaughter', true),
    review(395, 'Planned', CONTINUE, 'Annual review with the interpreter and her granddaughter', true),
    service(60, null, null, LT, 'Home support or domiciliary care', 'CASSR managed personal budget', 2500, 'Hourly', 'Personal care switched back to a council-managed budget from this date'),
    review(30, 'Unplanned - Other Reason', CONTINUE, 'Switch-back check: no gap and no double funding'),
  ],
  margaret: [
    request(800, 'Discharge from Hospital', 'Progress to reablement/ST-Max', 'Discharge after a fall at home'),
    service(790, 750, 'Progress to assessment, review or reassessment', 'Short term support: ST-Max', 'Reablement', 'CASSR commissioned support', 2450, 'Hourly', 'Reablement at home'),
    assessment(748, 735, true, 'Care Act assessment: wants accompanied shopping and the British Legion social club'),
    service(730, null, null, LT, 'Home support or domiciliary care', 'CASSR managed personal budget', 2600, 'Hourly', 'Individual service fund lodged with her care agency'),
    review(380, 'Planned', CONTINUE, 'Annual review: the ISF pays for the social club as planned'),
  ],
  george: [
    request(1400, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Self-referral: needs help after a stroke; has a dog he will not part with'),
    assessment(1390, 1370, true, 'Assessment: one-page profile, histories and appreciations recorded'),
    service(1360, null, null, LT, 'Home support or domiciliary care', 'CASSR managed personal budget', 2500, 'Hourly', 'Council-managed budget used flexibly week to week, dog walking included'),
    service(1300, 1290, 'NFA: Support ended as planned', LT, 'Equipment', 'CASSR commissioned support', 320000, 'One-off', 'Home adaptations: level-access shower and ramp'),
    review(1000, 'Planned', CONTINUE, 'Annual review'), review(640, 'Planned', CONTINUE, 'Annual review'), review(270, 'Planned', CONTINUE, 'Annual review'),
  ],
  shirley: [
    request(950, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Self-referral: wants to choose her own personal assistant'),
    assessment(940, 925, true, 'Assessment with her daughter, who helps with forms'),
    service(900, null, null, LT, 'Direct payment', 'Direct payment', 29500, 'Weekly', 'Direct payment to her own account: employs a PA; support service linked'),
    review(540, 'Planned', CONTINUE, 'Annual review: statements submitted, nothing more needed'), review(175, 'Planned', CONTINUE, 'Annual review'),
  ],
  joan: [
    request(500, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Her friend Sheila phoned: Joan (dementia) is not managing alone'),
    assessment(490, 470, true, 'Assessment; decision-specific capacity assessment about a direct payment'),
    service(440, null, null, LT, 'Direct payment', 'Direct payment', 31000, 'Weekly', 'Direct payment to a suitable person (Sheila); PA employed through an agency'),
    review(100, 'Planned', CONTINUE, 'Annual review with Sheila; Joan chose her PA', true),
  ],
  mrsL: [
    request(700, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Mr L asked for help: his wife\u2019s needs have grown'),
    assessment(690, 675, true, 'Assessment with Mr and Mrs L'),
    service(660, null, null, LT, 'Day support', 'CASSR managed personal budget', 7500, 'Per session', 'Supported managed account: a fortnightly day from an agency, floating hours saved for respite'),
    review(300, 'Planned', CONTINUE, 'Annual review: saved hours balance checked', true),
  ],
  mrL: [
    request(690, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Carer\u2019s assessment asked for'),
    assessment(685, 675, true, 'Carer\u2019s assessment'),
    service(660, null, null, CARER, 'Unpaid carer sitting service', 'CASSR managed personal budget', 2200, 'Hourly', 'Four hours a week from a carers\u2019 charity'),
  ],
  mrsM: [
    request(400, 'Community / Other route', 'Progress to assessment, review or reassessment', 'GP: Mrs M has Alzheimer\u2019s; her husband cares for her'),
    assessment(390, 380, true, 'Assessment with Mr M'),
    service(370, null, null, LT, 'Day support', 'CASSR commissioned support', 5500, 'Per session', 'Day support twice a week'),
  ],
  mrM: [
    request(200, 'Community / Other route', 'Progress to assessment, review or reassessment', 'Carer\u2019s conversation: the neglected garden worries him'),
    assessment(195, 195, true, 'Carer\u2019s assessment'),
    service(180, 180, 'NFA: Support ended as planned', CARER, 'Other unpaid carer support', 'Direct payment', 48000, 'One-off', 'Small one-off payment: a gardener two hours a week'),
  ],
};

export function scenarioEvents(key: string, asOf: string): GeneratedEvent[] {
  return (scenarioHistories[key] ?? []).map(({ from, to, outcome, ...rest }) => ({
    ...rest, start_date: addDays(asOf, -from), end_date: to === null ? null : addDays(asOf, -to), event_outcome: outcome,
  }));
}
