import type { PersonEventRow, PersonRow } from './tables.js';
import { labelFor } from '../../platform/cld/index.js';
import { eventSummary } from './presenters.js';
import type { Tx } from '../../platform/db/scope.js';

export interface TimelineItem {
  date: string;
  kind: 'event' | 'record' | 'network' | 'communication' | 'module';
  title: string;
  detail: string[];
  outcome: string;
  summary: string | null;
  /** Where the record behind this item can be read, when a module has a page for it. */
  href?: string;
  /** The CLD event behind the item, when it is one. */
  eventId?: string;
  /** An event recorded in error: shown struck through, with why. */
  inError?: { reason: string };
}

interface TimelineSources {
  person: PersonRow;
  events: PersonEventRow[];
  relationships: {
    created_at: Date;
    relationship_type: string;
    contact_name: string | null;
    related_given_name: string | null;
    related_family_name: string | null;
  }[];
  communication: { created_at: Date; at_this_time: string }[];
  /** Items other modules add for things that are not CLD events (see addTimelineSource). */
  moduleItems?: TimelineItem[];
}

/**
 * A module's own records that belong on the timeline but are not CLD events (e.g. a contingency
 * plan agreed or activated). Read inside the timeline's transaction, after the person was found
 * visible; the timeline's one audit entry covers them.
 */
export type TimelineSource = (tx: Tx, personId: string) => Promise<TimelineItem[]>;
const sources: TimelineSource[] = [];

export function addTimelineSource(source: TimelineSource): void {
  if (!sources.includes(source)) sources.push(source);
}

export async function moduleTimelineItems(tx: Tx, personId: string): Promise<TimelineItem[]> {
  return (await Promise.all(sources.map((source) => source(tx, personId)))).flat();
}

/**
 * A module whose records write CLD events (e.g. a tier-one conversation writes the request) says
 * where the record behind such an event is, so the timeline can link to it.
 */
export type EventLink = (personId: string, sourceId: string) => string;
const eventLinks = new Map<string, EventLink>();

export function addEventLink(sourceModule: string, link: EventLink): void {
  eventLinks.set(sourceModule, link);
}

function linkFor(e: PersonEventRow): string | undefined {
  const link = e.source_id ? eventLinks.get(e.source_module) : undefined;
  return link && e.source_id ? link(e.person_id, e.source_id) : undefined;
}

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/**
 * The person's story in date order, newest first: their CLD events (request, assessment, service,
 * review) interleaved with the other things recorded about them. Later modules' events arrive
 * through the event store, so they appear here without this file changing.
 */
export function buildTimeline({
  person,
  events,
  relationships,
  communication,
  moduleItems = [],
}: TimelineSources): TimelineItem[] {
  const items: TimelineItem[] = events.map((e) => {
    const s = eventSummary(e);
    const range = s.endDate && s.endDate !== s.startDate ? ` (until ${s.endDate})` : '';
    const href = linkFor(e);
    return {
      date: e.start_date,
      kind: 'event',
      title: `${s.type}${range}`,
      detail: s.detail,
      outcome: s.outcome,
      summary: s.summary,
      eventId: e.id,
      ...(href ? { href } : {}),
      ...(s.inError ? { inError: s.inError } : {}),
    };
  });
  for (const r of relationships) {
    const who = r.contact_name ?? `${r.related_given_name ?? ''} ${r.related_family_name ?? ''}`.trim();
    items.push({
      date: day(r.created_at),
      kind: 'network',
      title: `${who} added to their network`,
      detail: [labelFor('relationshipType', r.relationship_type)],
      outcome: '',
      summary: null,
    });
  }
  for (const c of communication) {
    items.push({
      date: day(c.created_at),
      kind: 'communication',
      title: 'Communication chart updated',
      detail: [c.at_this_time],
      outcome: '',
      summary: null,
    });
  }
  items.push(...moduleItems);
  items.push({
    date: day(person.created_at),
    kind: 'record',
    title: 'Record created',
    detail: [],
    outcome: '',
    summary: null,
  });
  // Stable sort: newest first; on the same day, events before notes.
  return items.sort((a, b) =>
    a.date === b.date ? Number(a.kind !== 'event') - Number(b.kind !== 'event') : a.date < b.date ? 1 : -1,
  );
}
