import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { setSearchQuery } from '../../platform/auth/sessions.js';
import { searchSchema } from './schema.js';
import { eventSummary, personSummary } from './presenters.js';
import { networkEntries } from './network-view-models.js';
import { buildTimeline, type TimelineItem } from './timeline.js';
import { groupByCircle } from './circles.js';
import { getFeature } from '../../platform/features.js';
import { authorize } from '../../platform/access/authorize.js';
import type { PolicyName } from '../../platform/access/policies.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PeopleService } from './service.js';
import { PAGE_SIZE } from './search-repository.js';
import { routeId } from '../../platform/http/ids.js';
import { registerAddPersonPages, registerEditPersonPages } from './routes-person-form.js';

type Body = Record<string, unknown>;

const read = { config: { policy: 'people.read' as const } };

/** Pages for finding, viewing, creating and editing a person. */
export function registerPeoplePages(app: FastifyInstance, people: PeopleService): void {
  registerSearchPages(app, people);
  registerAddPersonPages(app, people);
  registerPersonRecordPage(app, people);
  registerTimelinePage(app, people);
  registerEditPersonPages(app, people);
}

function registerSearchPages(app: FastifyInstance, people: PeopleService): void {
  // The search words travel in the POST body and the session, never the URL: a name in a URL ends
  // up in browser history and proxy logs.
  app.post('/people/search', read, async (request, reply) => {
    const parsed = searchSchema.safeParse({ q: (request.body as Body | undefined)?.q, page: 1 });
    const q = parsed.success ? parsed.data.q : '';
    if (request.session) await setSearchQuery(app.deps.database.db, request.session.idHash, q || null);
    return reply.redirect('/people', 303);
  });

  app.get('/people', read, async (request, reply) => {
    const { page } = searchSchema.parse({ q: '', page: (request.query as { page?: string } | undefined)?.page });
    const q = request.session?.searchQuery ?? '';
    const result = q
      ? await people.search(requestContext(request), q, page)
      : { rows: [], total: 0, capped: false, restrictedMatchId: null };
    return reply.view('people/views/search.njk', {
      title: 'Find a person',
      q,
      page,
      total: result.total,
      capped: result.capped,
      results: result.rows.map(personSummary),
      restrictedMatchId: result.restrictedMatchId,
      pagination: pagination(q, page, result.total),
    });
  });
}

function registerPersonRecordPage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request));
    // Parts of the model a patch may trial before the council rolls them out (admin → Patches).
    const enabled = (key: string) => record.featureOverrides.get(key) ?? getFeature(key)?.defaultEnabled ?? false;
    const [showCommunicationChart, showNetworkMap] = [
      enabled('people.communication-chart'),
      enabled('people.network-map'),
    ];
    const relationships = networkEntries(record.relationships, record.inverseRelationships);
    return reply.view('people/views/record.njk', {
      title: `${record.person.given_name} ${record.person.family_name}`,
      person: personSummary(record.person),
      communication: record.communication,
      showCommunicationChart,
      circles: showNetworkMap ? groupByCircle(relationships) : null,
      relationships,
      events: record.events.map(eventSummary),
      eventCount: record.eventCount,
      canEdit: request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role),
      canSeeAudit: request.actor?.kind === 'user' && ['team_manager', 'ig_auditor'].includes(request.actor.role),
      tierOne: tierOneLinks(request.actor, record.person.id),
      sections: record.sections,
    });
  });
}

function registerTimelinePage(app: FastifyInstance, people: PeopleService): void {
  app.get('/people/:id/timeline', read, async (request, reply) => {
    const record = await people.getRecord(requestContext(request), routeId(request), 'timeline');
    return reply.view('people/views/timeline.njk', {
      title: `Timeline: ${record.person.given_name} ${record.person.family_name}`,
      person: personSummary(record.person),
      communication: record.communication,
      items: withInErrorLinks(buildTimeline(record), request.actor, record.person.id),
      backLink: `/people/${record.person.id}`,
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

function pagination(_q: string, page: number, total: number) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `/people?page=${n}`;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: Array.from({ length: Math.min(pages, 10) }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === page,
    })),
  };
}

/** Tier one beside the record: conversations, the at-risk register and the contingency plan, as the user's role allows. */
function tierOneLinks(actor: Actor | null, personId: string) {
  const may = (policy: PolicyName) => authorize(actor, policy) === 'allow';
  return {
    conversations: may('conversations.read'),
    recordConversation: may('conversations.write'),
    register: may('register.write'),
    plan: may('plans.read'),
    personId,
  };
}
