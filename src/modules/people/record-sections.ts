import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PolicyName } from '../../platform/access/policies.js';
import { authorize } from '../../platform/access/authorize.js';

/**
 * Sections other modules add to a person's record (e.g. crisis episodes), read inside the
 * transaction of the record page that shows them, so that page's one audit entry covers what they
 * show. The people module stays ignorant of those modules: they register here, as timeline sources do.
 *
 * Each section belongs to one tab of the record (record-tabs.ts): a tab's page loads only its own
 * sections. A section may also offer its open work (items marked `open`) to the summary page.
 */
export interface RecordSectionItem {
  href: string;
  text: string;
  detail?: string;
  tag?: { text: string; classes: string };
  /** Work still going on (an open episode, a request waiting): listed under "Open now" on the summary. */
  open?: boolean;
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
  /**
   * The record tab that shows the section (a key given to addRecordTab). Left out, the section is on
   * the summary: sections written before the record had tabs (the allocated worker) belong there.
   */
  tab?: string;
  /** Whether the summary page loads the section too, to list its items marked `open`. */
  openWork?: boolean;
  load(tx: Tx, personId: string): Promise<RecordSection>;
}

const sources: SectionSource[] = [];

export function addRecordSection(source: SectionSource): void {
  if (!sources.includes(source)) sources.push(source);
}

const tabOf = (source: SectionSource) => source.tab ?? 'summary';

/** The sections one tab shows, as the actor may see them: only that tab's sections are read. */
export async function tabSections(tx: Tx, actor: Actor, personId: string, tab: string): Promise<RecordSection[]> {
  return load(
    tx,
    actor,
    personId,
    allowed(actor, (s) => tabOf(s) === tab),
  );
}

export interface OpenWorkItem extends RecordSectionItem {
  /** The heading of the section it comes from ("Crisis episodes"). */
  section: string;
}

/**
 * What the summary page shows: its own sections (the allocated worker) and, from every section that
 * offers it, the open work. Read together so the summary stays one transaction and one audit entry.
 */
export async function summarySections(
  tx: Tx,
  actor: Actor,
  personId: string,
): Promise<{ sections: RecordSection[]; openWork: OpenWorkItem[] }> {
  const wanted = allowed(actor, (s) => tabOf(s) === 'summary' || s.openWork === true);
  const loaded = await load(tx, actor, personId, wanted);
  const sections = loaded.filter((_, i) => tabOf(wanted[i]!) === 'summary');
  const openWork = loaded.flatMap((section, i) =>
    // A summary section is shown whole already: its open items are not listed twice.
    wanted[i]!.openWork && tabOf(wanted[i]!) !== 'summary'
      ? section.items.filter((item) => item.open).map((item) => ({ ...item, section: section.heading }))
      : [],
  );
  return { sections, openWork };
}

/** The sources the actor may see, of those wanted. */
function allowed(actor: Actor, wanted: (source: SectionSource) => boolean): SectionSource[] {
  return sources.filter((s) => wanted(s) && authorize(actor, s.policy) === 'allow');
}

/** Load the sections (in the page's transaction), keeping only the actions the actor may take. */
async function load(tx: Tx, actor: Actor, personId: string, from: SectionSource[]): Promise<RecordSection[]> {
  const sections = await Promise.all(from.map((s) => s.load(tx, personId)));
  return sections.map((section) => ({
    ...section,
    actions: section.actions.filter((a) => authorize(actor, a.policy) === 'allow'),
  }));
}
