import type { FastifyInstance } from 'fastify';
import { DirectoryService } from './service.js';
import { registerManagePages } from './routes-manage.js';
import { registerTaxonomyPages } from './routes-taxonomy.js';
import { registerImportPages } from './routes-imports.js';

export { findPublishedServices, findPublishedServicesByName } from './repository.js';
export { findActiveServicesNamed, findServiceIdsOwnedBy, findServiceNames, type ServiceName } from './service-names.js';
export { PublicDirectoryCache } from './public-cache.js';
export { publicDirectoryOrgId } from './public-org.js';
export { serviceMatchesText } from './text-search.js';
export { seedServiceKinds } from './service-kinds.js';
export { directoryCommands, directoryUsage, DirectoryUsageError } from './cli-commands.js';
// The directory's table types, for its published readers (the ORUK API serialises these rows).
export type {
  DirectoryAccessibilityTable,
  DirectoryAddressTable,
  DirectoryContactTable,
  DirectoryCostOptionTable,
  DirectoryFundingTable,
  DirectoryLanguageTable,
  DirectoryLocationTable,
  DirectoryOrganizationIdentifierTable,
  DirectoryOrganizationTable,
  DirectoryPhoneTable,
  DirectoryScheduleTable,
  DirectoryServiceAreaTable,
  DirectoryServiceTable,
  DirectoryTaxonomyTable,
  DirectoryTaxonomyTermTable,
} from './tables.js';

/** The community directory: curation pages, taxonomy and feed imports (Open Referral UK 3.0 shape). */
export function registerDirectoryModule(app: FastifyInstance): void {
  const directory = new DirectoryService(app.deps.database.db);
  registerManagePages(app, directory);
  registerTaxonomyPages(app);
  registerImportPages(app);
}
