import type { FastifyInstance } from 'fastify';

/** The early-identification register, partner events and alerts. */
export function registerEarlyIdentificationModule(_app: FastifyInstance): void {}
