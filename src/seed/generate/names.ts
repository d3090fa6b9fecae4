import type { Rng } from './random.js';
import { surnames, type Heritage } from './surnames.js';
import { britishGiven, heritageGiven, type Cohort, type Sex } from './given-names.js';

export type { Heritage } from './surnames.js';

/**
 * Names for the synthetic residents, by birth cohort and heritage, so that an 88-year-old is a Doreen
 * or a Ronald rather than a Chloe, and search has the mix of common and unusual surnames (and the
 * many Smiths and Patels) it meets in a real county.
 */

export function cohortFor(birthYear: number): Cohort {
  if (birthYear < 1960) return 'older';
  return birthYear < 1985 ? 'middle' : 'younger';
}

export function familyNameFor(rng: Rng, heritage: Heritage): string {
  return rng.pick(surnames[heritage]);
}

export function givenNameFor(rng: Rng, heritage: Heritage, sex: Sex, birthYear: number): string {
  const own = heritageGiven[heritage];
  // Younger people of every heritage often have names from the wider British mix.
  if (own && !(cohortFor(birthYear) === 'younger' && rng.chance(0.4))) return rng.pick(own[sex]);
  return rng.pick(britishGiven[cohortFor(birthYear)][sex]);
}

/** Given names for relatives and neighbours recorded only as contacts (not people with records). */
export function contactGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  return rng.pick(britishGiven[cohortFor(birthYear)][sex]);
}
