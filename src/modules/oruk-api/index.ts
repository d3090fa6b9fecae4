import type { FastifyInstance } from 'fastify';

/** The open Open Referral UK 3.0 read API at /api/oruk. */
export function registerOrukApi(_app: FastifyInstance): void {}
