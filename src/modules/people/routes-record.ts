import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { routeId } from '../../platform/http/ids.js';
import { authorize } from '../../platform/access/authorize.js';
import type { PolicyName } from '../../platform/access/policies.js';
import type { Actor } from '../../platform/access/roles.js';
import { getFeature } from '../../platform/features.js';
import { personSummary } from './presenters.js';
import { networkEntries, type NetworkEntry } from './network-view-models.js';
import { buildTimeline, type TimelineItem } from './timeline.js';
import { groupByCircle } from './circles.js';
import { EVENT_CAP } from './record-read.js';
import { addRecordTab, recordNav } from './record-tabs.js';
import { PeopleService, type PersonRecord } from './service.js';

const read = { config: { policy: 'people.read' as const } };
const base = (personId: string) => `/people/${personId}`;

/**
 * The person record as tabs: people's own pages (summary, details, network, conversations and plans,
 * timeline), each one request, one transaction and one audit entry. Other modules add theirs with
 * addRecordTab (their own page) or addRecordTabPage (a page of their record sections).
 */
export function registerRecordPages(app: FastifyInstance, people: PeopleService): void {
  const own = (key: string, label: string, order: number, path: string, policy: PolicyName = 'people.read') =>
    addRecordTab({ key, label, order, policy, href: (id) => `${base(id)}${path}` });
  own('summary', 'Summary', 10, '');
  own('details', 'Details', 20, '/details');
  own('network', 'Network', 30, '/network');
  own('prevention', 'Conversations and plans', 40, '/conversations-and-plans', 'conversations.read');
  own('timeline', 'Timeline', 90, '/timeline');

  registerSummaryPage(app, people);
  registerDetailsPage(app, people);
  registerNetworkPage(app, people);
  registerPreventionPage(app, people);
  registerTimelinePage(app, people);
}

/** What every page of the record shows at its top: the person, the banner's communication needs, the tabs. */
function frame(request: FastifyRequest, record: PersonRecord, tab: string, title: string) {
  const name = `${record.person.given_name} ${record.person.family_name}`;
  return {
    title: tab === 'summary' ? name : `${title}: ${name}`,
    // The summary is the record's front page: it is headed with their name, the other tabs with their part.
    heading: tab === 'summary' ? name : title,
    caption: tab === 'summary' ? 'Person record' : name,
    person: personSummary(record.person),
    communication: record.communication,
    recordNav: recordNav(request.actor, record.person.id, tab),
    canEdit: mayEdit(request.actor),
  };
}

const mayEdit = (actor: Actor | null) =>
  actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(actor.role);

/** Parts of the model a patch may trial before the council rolls them out (admin → Patches). */
function featureOn(record: PersonRecord, key: string): boolean {
  return record.featureOverrides.get(key) ?? getFeature(key)?.defaultEnabled ?? false;
}

function registerSummaryPage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'summary');
    const network = networkEntries(record.relationships, record.inverseRelationships);
    return reply.view('people/views/record.njk', {
      ...frame(request, record, 'summary', 'Summary'),
      showCommunicationChart: featureOn(record, 'people.communication-chart'),
      keyContacts: keyContacts(network),
      networkCount: network.length,
      sections: record.sections,
      openWork: record.openWork,
      canSeeAudit: request.actor?.kind === 'user' && ['team_manager', 'ig_auditor'].includes(request.actor.role),
    });
  });
}

const KEY_CONTACTS_SHOWN = 3;

/**
 * The people to call first: the network's key contacts, or when none is marked, its closest people
 * (family, then friends and neighbours, then others: the relationship circle's order).
 */
export function keyContacts(network: readonly NetworkEntry[]): NetworkEntry[] {
  const marked = network.filter((entry) => entry.isKeyContact);
  if (marked.length) return marked;
  return groupByCircle(network)
    .flatMap((group) => group.entries)
    .slice(0, KEY_CONTACTS_SHOWN);
}

function registerDetailsPage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/details', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'details');
    return reply.view('people/views/record-details.njk', {
      ...frame(request, record, 'details', 'Details'),
      showCommunicationChart: featureOn(record, 'people.communication-chart'),
    });
  });
}

function registerNetworkPage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/network', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'network');
    const relationships = networkEntries(record.relationships, record.inverseRelationships);
    return reply.view('people/views/record-network.njk', {
      ...frame(request, record, 'network', 'Network'),
      circles: featureOn(record, 'people.network-map') ? groupByCircle(relationships) : null,
      relationships,
    });
  });
}

function registerPreventionPage(app: FastifyInstance, people: PeopleService): void {
  const policy = { config: { policy: 'conversations.read' as const } };
  app.get('/people/:id/conversations-and-plans', policy, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'prevention');
    return reply.view('people/views/record-prevention.njk', {
      ...frame(request, record, 'prevention', 'Conversations and plans'),
      tierOne: tierOneLinks(request.actor),
    });
  });
}

/** Tier one beside the record: conversations, the at-risk register and the contingency plan, as the user's role allows. */
function tierOneLinks(actor: Actor | null) {
  const may = (policy: PolicyName) => authorize(actor, policy) === 'allow';
  return {
    conversations: may('conversations.read'),
    recordConversation: may('conversations.write'),
    register: may('register.write'),
    plan: may('plans.read'),
  };
}

function registerTimelinePage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/timeline', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'timeline');
    return reply.view('people/views/timeline.njk', {
      ...frame(request, record, 'timeline', 'Timeline'),
      items: withInErrorLinks(buildTimeline(record), request.actor, record.person.id),
      eventCount: record.eventCount,
      eventCap: EVENT_CAP,
    });
  });
}

/** Someone who may record events may mark one recorded in error (never one already marked). */
function withInErrorLinks(items: TimelineItem[], actor: Actor | null, personId: string) {
  if (authorize(actor, 'events.write') !== 'allow') return items;
  return items.map((item) =>
    item.eventId && !item.inError
      ? { ...item, markInErrorHref: `/people/${personId}/events/${item.eventId}/in-error` }
      : item,
  );
}
