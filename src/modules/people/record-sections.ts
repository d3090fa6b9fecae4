import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PolicyName } from '../../platform/access/policies.js';
import { authorize } from '../../platform/access/authorize.js';

/**
 * Sections other modules add to a person's record page (e.g. crisis episodes), read inside the
 * record's own transaction, so the record's one audit entry covers what they show. The people module
 * stays ignorant of those modules: they register here, as timeline sources do.
 */
export interface RecordSectionItem {
  href: string;
  text: string;
  detail?: string;
  tag?: { text: string; classes: string };
}

export interface RecordSection {
  id: string;
  heading: string;
  items: RecordSectionItem[];
  /** Said when there are no items. */
  empty: string;
  /** Links shown under the items to people whose role allows each one. */
  actions: { href: string; text: string; policy: PolicyName }[];
}

interface SectionSource {
  /** Who may see the section at all. */
  policy: PolicyName;
  load(tx: Tx, personId: string): Promise<RecordSection>;
}

const sources: SectionSource[] = [];

export function addRecordSection(source: SectionSource): void {
  if (!sources.includes(source)) sources.push(source);
}

export async function recordSections(tx: Tx, actor: Actor, personId: string): Promise<RecordSection[]> {
  const allowed = sources.filter((s) => authorize(actor, s.policy) === 'allow');
  const sections = await Promise.all(allowed.map((s) => s.load(tx, personId)));
  return sections.map((section) => ({
    ...section,
    actions: section.actions.filter((a) => authorize(actor, a.policy) === 'allow'),
  }));
}
