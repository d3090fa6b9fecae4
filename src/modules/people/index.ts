import type { FastifyInstance } from 'fastify';
import { PeopleService } from './service.js';
import { registerPeoplePages } from './routes-pages.js';
import { registerNetworkPages } from './routes-network.js';
import { registerEventPages } from './routes-events.js';
import { registerRestrictedPages } from './routes-restricted.js';
import { registerPeopleApi } from './routes-api.js';

export { PeopleService } from './service.js';

// What other modules may use: finding a person they may see, writing their timeline, showing them.
export { findPersonInOrg, findVisiblePerson, listRelationships, lockPerson, personPatchId } from './repository.js';
// The way to read or change one person's record: visible first, audited last, one transaction.
export { onVisibleRecord, type RecordAudit, type RecordWork } from './on-record.js';
export { searchPeople, PAGE_SIZE as PEOPLE_PAGE_SIZE } from './search-repository.js';
export { insertEvent, updateEventFromSource } from './event-repository.js';
// Other modules join people through these queries, never the person table itself.
export { findVisiblePeople, peopleNamedOrRestricted, visiblePeople, type PersonListing } from './visible-people.js';
export {
  countUnreviewedBreakGlass,
  findBreakGlass,
  listBreakGlass,
  markBreakGlassReviewed,
} from './break-glass-register.js';
export {
  acceptsCarerLabel,
  addNetworkContact,
  caredForPeople,
  listNetworkChoices,
  ownRelationshipIds,
  setNetworkPhone,
  visibleRelatedPeople,
} from './network-repository.js';
export { liveEventsFromSources, syncEventsFromSources, type SourcedEvent } from './source-events.js';
export { personSummary } from './presenters.js';
export { EMPTY_EVENT_FIELDS, optionalText, type EventInput } from './schema.js';
export { addEventLink, addTimelineSource, type TimelineItem } from './timeline.js';
export { addRecordSection, type RecordSection } from './record-sections.js';
export { AGE_BANDS, personCharacteristics, type PersonCharacteristics } from './characteristics.js';
// The record's tabs: a module adds its tab (its own page, or a page of its sections) and shows the tabs on its pages.
export { addRecordTab, recordNav, type RecordNav } from './record-tabs.js';
export { addRecordTabPage } from './routes-record-tab.js';
// The people tables' row types (the tables themselves are declared into the platform's DB in tables.ts).
export type { NewPerson, PersonEventRow, PersonRow, PersonUpdate, RelationshipRow } from './tables.js';

/** The people module: the person record, their network, communication needs and timeline. */
export function registerPeopleModule(app: FastifyInstance): PeopleService {
  const people = new PeopleService(app.deps.database.db);
  registerPeoplePages(app, people);
  registerNetworkPages(app, people);
  registerEventPages(app, people);
  registerRestrictedPages(app);
  registerPeopleApi(app, people);
  return people;
}
