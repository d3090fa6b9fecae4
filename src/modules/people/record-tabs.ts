import type { PolicyName } from '../../platform/access/policies.js';
import type { Actor } from '../../platform/access/roles.js';
import { authorize } from '../../platform/access/authorize.js';

/**
 * The person record's tabs (the MoJ Design System's sub navigation): Summary, Details, Network,
 * Conversations and plans, Crisis, Assessments, Plan, Budget, Timeline. The people module owns the
 * frame; other modules add their tab through people's front door, pointing at their own page
 * (assessments, support plan, budget) or at a page people renders from their record sections
 * (routes-record-tabs.ts `addRecordTabPage`).
 */
export interface RecordTab {
  /** What sections name as their `tab`, and pages name as the current tab. */
  key: string;
  label: string;
  /** Left to right; people's own are 10 (Summary) … 90 (Timeline), modules fit between. */
  order: number;
  /** Who sees the tab: a tab the user may not open is not shown. */
  policy: PolicyName;
  href(personId: string): string;
}

const tabs: RecordTab[] = [];

/** Add a tab (once per key: a second registration of a key replaces the first). */
export function addRecordTab(tab: RecordTab): void {
  const existing = tabs.findIndex((t) => t.key === tab.key);
  if (existing >= 0) tabs.splice(existing, 1);
  tabs.push(tab);
  tabs.sort((a, b) => a.order - b.order);
}

export interface RecordNav {
  items: { text: string; href: string; current: boolean }[];
}

/**
 * The tabs the actor may open for this person, with `current` marked: computed from the actor's role
 * alone, no queries, so any page about a person can show it (partial people/views/record-nav.njk).
 */
export function recordNav(actor: Actor | null, personId: string, current: string): RecordNav {
  return {
    items: tabs
      .filter((t) => authorize(actor, t.policy) === 'allow')
      .map((t) => ({ text: t.label, href: t.href(personId), current: t.key === current })),
  };
}
