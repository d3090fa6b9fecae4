import type { PlanContent } from './schema.js';

type Sections = Record<string, string>;

/** A plan as labelled plain-text sections, in page order: for comparing versions and showing what changed. */
export function planSections(p: PlanContent): Sections {
  const lines = (items: string[]) => items.join('\n');
  return {
    'What should happen': lines(p.situations.map((s) => `${s.situation}: ${s.whatShouldHappen}`)),
    'What they want': p.wants ?? '',
    'What they do not want': p.doesNotWant ?? '',
    'What increases distress': p.increasesDistress ?? '',
    'What reduces distress': p.reducesDistress ?? '',
    'Who does what': lines(p.helpers.map((h) => `${h.name}${h.phone ? ` (${h.phone})` : ''}: ${h.does}`)),
    'Who to call': lines(p.callList.map((c) => `${c.name} ${c.phone}${c.when ? `: ${c.when}` : ''}`)),
    'Pre-planned support': lines(
      p.support.map(
        (s) =>
          `${s.what}${s.directoryServiceName || s.providedBy ? ` (${s.directoryServiceName ?? s.providedBy})` : ''}`,
      ),
    ),
    'Who agreed it': [p.agreedWithPerson ? 'The person' : '', p.agreedWithOthers ?? ''].filter(Boolean).join('; '),
    'Date agreed': p.agreedOn,
    'Review date': p.reviewDate,
  };
}

export interface PlanChange {
  field: string;
  theirs: string;
  yours: string;
}

/**
 * For a refused stale edit: each section someone else changed since the version the user opened,
 * with what is saved now and what the user tried to save.
 */
export function describePlanChanges(opened: PlanContent, saved: PlanContent, submitted: PlanContent): PlanChange[] {
  const [before, now, mine] = [planSections(opened), planSections(saved), planSections(submitted)];
  return Object.keys(now)
    .filter((field) => before[field] !== now[field])
    .map((field) => ({ field, theirs: now[field]!, yours: mine[field]! }));
}

/** Sections that differ between two versions (for the version page: "changed in this version"). */
export function changedSections(previous: PlanContent, next: PlanContent): string[] {
  const [a, b] = [planSections(previous), planSections(next)];
  return Object.keys(b).filter((field) => a[field] !== b[field]);
}
