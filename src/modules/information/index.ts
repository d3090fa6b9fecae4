import type { FastifyInstance } from 'fastify';
import { InformationService } from './service.js';
import { registerInformationRoutes } from './routes.js';
import { publicDirectoryCache } from '../directory/index.js';

export { importPostcodes } from './postcode-import.js';

/** The public information and advice pages: search the directory, service pages, stories. */
export function registerInformationPages(app: FastifyInstance): void {
  registerInformationRoutes(
    app,
    new InformationService(
      app.deps.database.db,
      app.deps.config.directoryOrgOdsCode,
      publicDirectoryCache(app.deps.database.db, app.deps.config.directoryCacheEntries),
    ),
  );
}
