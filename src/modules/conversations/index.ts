import type { FastifyInstance } from 'fastify';

/** Tier-one strengths-based conversations and follow-ups. */
export function registerConversationsModule(_app: FastifyInstance): void {}
