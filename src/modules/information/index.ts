import type { FastifyInstance } from 'fastify';

/** The public information and advice pages: search the directory, service pages, stories. */
export function registerInformationPages(_app: FastifyInstance): void {}
