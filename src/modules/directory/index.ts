import type { FastifyInstance } from 'fastify';

/** The community directory: curation pages, taxonomy and feed imports (Open Referral UK 3.0 shape). */
export function registerDirectoryModule(_app: FastifyInstance): void {}
