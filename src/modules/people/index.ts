import type { FastifyInstance } from 'fastify';
import { PeopleService } from './service.js';
import { registerPeoplePages } from './routes-pages.js';
import { registerPeopleApi } from './routes-api.js';

export { PeopleService } from './service.js';

/** The people module: the person record, their network, communication needs and timeline. */
export function registerPeopleModule(app: FastifyInstance): PeopleService {
  const people = new PeopleService(app.deps.database.db);
  registerPeoplePages(app, people);
  registerPeopleApi(app, people);
  return people;
}
