import type { FastifyInstance } from 'fastify';
import { InformationService } from './service.js';
import { registerInformationRoutes } from './routes.js';
import type { PublicDirectoryCache } from '../directory/index.js';

export { importPostcodes } from './postcode-import.js';

/** The public information and advice pages: search the directory, service pages, stories. */
/** `cache` is the public directory's kept answers, built once in createApp and shared with the ORUK API. */
export function registerInformationPages(app: FastifyInstance, cache: PublicDirectoryCache): void {
  registerInformationRoutes(
    app,
    new InformationService(app.deps.database.db, app.deps.config.directoryOrgOdsCode, cache),
  );
}
