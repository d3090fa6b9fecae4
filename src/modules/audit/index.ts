/** Who looked at or changed a record: the audit pages for staff (the chain itself is platform/audit). */
export { registerAuditPages } from './routes.js';
