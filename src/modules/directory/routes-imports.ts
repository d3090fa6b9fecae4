import type { FastifyInstance } from 'fastify';

export function registerImportPages(_app: FastifyInstance): void {}
