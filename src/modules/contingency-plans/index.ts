import type { FastifyInstance } from 'fastify';

/** Contingency plans agreed before a crisis, and their activation. */
export function registerContingencyPlansModule(_app: FastifyInstance): void {}
