import type { FastifyInstance } from 'fastify';
import { registerAuditPages as registerRecordAuditPages } from './routes.js';
import { registerPersonFinder } from './routes-find.js';

/** Who looked at or changed a record: the audit pages for staff (the chain itself is platform/audit). */
export function registerAuditPages(app: FastifyInstance): void {
  registerRecordAuditPages(app);
  registerPersonFinder(app);
}
