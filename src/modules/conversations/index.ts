import type { FastifyInstance } from 'fastify';
import { ConversationsService } from './service.js';
import { registerConversationPages } from './routes-pages.js';
import { registerFollowUpPages } from './routes-follow-ups.js';
import { addEventLink } from '../people/index.js';

export { ConversationsService } from './service.js';
export { requestSummary } from './service.js';
export type { ConversationRow, FollowUpRow } from './tables.js';

/** Tier-one strengths-based conversations and follow-ups. */
export function registerConversationsModule(app: FastifyInstance): void {
  const service = new ConversationsService(app.deps.database.db);
  registerConversationPages(app, service);
  registerFollowUpPages(app, service);
  // The request event a conversation writes links back to the conversation on the timeline.
  addEventLink('conversations', (personId, conversationId) => `/people/${personId}/conversations/${conversationId}`);
}
