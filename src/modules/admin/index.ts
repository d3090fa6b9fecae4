import type { FastifyInstance } from 'fastify';
import { AdminService } from './service.js';
import { registerUserPages } from './routes-users.js';
import { registerTokenPages } from './routes-tokens.js';
import { registerPatchPages } from './routes-patches.js';

export { AdminService, hashApiToken } from './service.js';

/** Administration: staff accounts, partner API tokens and per-patch switches (innovation sites). */
export function registerAdminModule(app: FastifyInstance): AdminService {
  const admin = new AdminService(app.deps.database.db);
  registerUserPages(app, admin);
  registerTokenPages(app, admin);
  registerPatchPages(app, admin);
  return admin;
}
