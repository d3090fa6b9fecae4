import type { FastifyInstance } from 'fastify';
import { RegisterService } from './service.js';
import { PartnerService, type PartnerEventListener } from './partner-service.js';
import { registerEntryPages } from './routes-entries.js';
import { registerRegisterPages } from './routes-register.js';
import { registerEarlyIdentificationApi } from './routes-api.js';

export type { PartnerEventListener, PartnerEventMatched } from './partner-service.js';
export { alertsForEvent, alertsForPerson } from './alerts-repository.js';
export { partnerEventFor } from './partner-events-repository.js';
export { triggerDescription } from './register-repository.js';
export { acknowledgeOpenAlertsFor } from './acknowledge.js';
export { eventTypeLabels, label } from './lists.js';
export type {
  ConsentStatus,
  PartnerEventRow,
  PartnerEventType,
  RegisterAlertRow,
  RegisterEntryRow,
  RegisterEntryTable,
  RegisterStatus,
  RegisterTriggerRow,
} from './tables.js';

const listeners = new WeakMap<FastifyInstance, PartnerEventListener[]>();

function listenersOf(app: FastifyInstance): PartnerEventListener[] {
  let list = listeners.get(app);
  if (!list) listeners.set(app, (list = []));
  return list;
}

/**
 * Be told, inside the same transaction, whenever a partner event is matched to a person (on arrival
 * or when staff match a held one), with the alerts it raised. Tier 2 opens crisis episodes from this.
 */
export function onPartnerEvent(app: FastifyInstance, listener: PartnerEventListener): void {
  listenersOf(app).push(listener);
}

/** The early-identification register, partner events and alerts. */
export function registerEarlyIdentificationModule(app: FastifyInstance): {
  register: RegisterService;
  partners: PartnerService;
} {
  const { db } = app.deps.database;
  const register = new RegisterService(db);
  const partners = new PartnerService(db, listenersOf(app));
  registerEntryPages(app, register);
  registerRegisterPages(app, register, partners);
  registerEarlyIdentificationApi(app, partners);
  return { register, partners };
}
