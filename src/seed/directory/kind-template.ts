/**
 * The shape of a kind's template in the demo directory's catalogue (catalogue.ts), and the costs
 * templates share.
 */
export type Venue = 'hall' | 'office' | 'home';

export interface CostChoice {
  option: string;
  pence: number;
  description: string;
}

export interface KindTemplate {
  kind: string;
  /** Further kinds the service is also tagged with (a memory café is a community activity too). */
  alsoKinds?: readonly string[];
  names: readonly string[];
  description: string;
  organisations: readonly string[];
  venue: Venue;
  /** Group sessions: weekly or monthly, with a start hour and length in hours. */
  sessions?: { freq: 'WEEKLY' | 'MONTHLY'; startHours: readonly number[]; hours: number };
  costs: readonly CostChoice[];
  directPayments: number;
  minimumAge: number;
  eligibility: string;
  /** How to start: phone, drop in, referral. */
  applicationProcess: string;
}

// The costs templates choose from, each written the same way.
export const FREE: CostChoice = { option: 'Free', pence: 0, description: 'Free' };
export const session = (pence: number, what = 'per session'): CostChoice => ({
  option: `£${(pence / 100).toFixed(2)} ${what}`,
  pence,
  description: `£${(pence / 100).toFixed(2)} ${what}, including tea and biscuits`,
});
export const hourly = (pence: number): CostChoice => ({
  option: `£${(pence / 100).toFixed(2)} an hour`,
  pence,
  description: `£${(pence / 100).toFixed(2)} an hour; the council may pay some or all of this if you have a personal budget`,
});

/** What a lunch club charges, whatever the kind's usual costs. */
export const lunchCost: CostChoice = {
  option: '£4.50 a meal',
  pence: 450,
  description: '£4.50 for a two-course lunch with tea or coffee',
};
