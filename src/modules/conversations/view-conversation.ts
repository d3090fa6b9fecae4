import type { FastifyRequest } from 'fastify';
import { labelFor } from '../../platform/cld/index.js';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { todayInLondon } from '../../platform/dates.js';
import { personSummary } from '../people/index.js';
import type { ConversationsService } from './service.js';
import { dueChoices } from './schema.js';
import { relationshipName, staffItems } from './view-models.js';

type ViewData = Awaited<ReturnType<ConversationsService['view']>>;
type Body = Record<string, unknown>;

/** The conversation page: what was said, in the order of the conversation, and its follow-ups. */
export function conversationView(data: ViewData, request: FastifyRequest, followUpValues: Body, errors: FieldError[]) {
  const { person, conversation: c, links, relationships, followUps, staff } = data;
  const byId = new Map(relationships.map((r) => [r.id, relationshipName(r)]));
  const names = (role: string) =>
    links.network
      .filter((n) => n.role === role)
      .map((n) => byId.get(n.relationship_id) ?? 'Someone no longer in their network');
  const actor = request.actor;
  const today = todayInLondon().toString();
  return {
    title: `Conversation with ${person.given_name} ${person.family_name}`,
    person: personSummary(person),
    backLink: `/people/${person.id}/conversations`,
    conversation: c,
    recordedBy: data.recordedBy,
    route: labelFor('routeOfAccess', c.route_of_access),
    outcome: labelFor('eventOutcome', c.outcome),
    present: names('present'),
    network: names('network'),
    advice: links.advice,
    connections: links.connections.map((conn) => ({
      to: conn.service_name ?? conn.connected_to_name ?? '',
      isService: Boolean(conn.directory_service_id),
      agreed: conn.agreed_follow_up,
    })),
    followUps: followUps.map((f) => ({ ...f, overdue: !f.done_at && f.due_on < today })),
    canWrite: actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(actor.role),
    errors,
    fieldErrors: errorMap(errors),
    values: followUpValues,
    dueChoices,
    staffItems: staffItems(staff, followUpValues.assignedTo ?? (actor?.kind === 'user' ? actor.userId : null)),
    dueOn: {
      day: followUpValues['dueOn-day'] ?? '',
      month: followUpValues['dueOn-month'] ?? '',
      year: followUpValues['dueOn-year'] ?? '',
    },
  };
}
