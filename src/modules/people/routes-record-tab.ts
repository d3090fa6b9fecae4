import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { routeId } from '../../platform/http/ids.js';
import type { PolicyName } from '../../platform/access/policies.js';
import { personSummary } from './presenters.js';
import { addRecordTab, recordNav } from './record-tabs.js';
import { PeopleService } from './service.js';

export interface RecordTabPage {
  key: string;
  label: string;
  order: number;
  /** Who may open the page and see the tab. */
  policy: PolicyName;
  /** The page's one audit entry per view, e.g. 'person.view-crisis' (it needs a label in audit/labels.ts). */
  auditAction: string;
  /** Said at the top of the page, under its heading. */
  intro?: string;
}

export const recordTabPath = (personId: string, key: string) => `/people/${personId}/record/${key}`;

/**
 * A tab whose page is the module's record sections (those added with this `tab`), rendered by people:
 * for modules without a person-level page of their own. Adds the tab and its route
 * `/people/:id/record/<key>`, which reads the person and that tab's sections only, audited once.
 */
export function addRecordTabPage(app: FastifyInstance, page: RecordTabPage): void {
  const { key, label, order, policy, auditAction } = page;
  addRecordTab({ key, label, order, policy, href: (id) => recordTabPath(id, key) });
  const people = new PeopleService(app.deps.database.db);
  app.get(`/people/:id/record/${key}`, { config: { policy } }, async (request, reply) => {
    const { person, sections } = await people.getRecordTab(requestContext(request), routeId(request), key, auditAction);
    return reply.view('people/views/record-tab.njk', {
      title: `${label}: ${person.given_name} ${person.family_name}`,
      heading: label,
      intro: page.intro,
      person: personSummary(person),
      recordNav: recordNav(request.actor, person.id, key),
      sections,
    });
  });
}
