import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit, type AuditEntry } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PartnerEventRow, RegisterAlertRow, RegisterEntryRow } from './tables.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { findEntryByExternalId, insertEntry, replaceTriggers } from './register-repository.js';
import {
  acknowledgeAlert,
  alertsForPerson,
  findAlert,
  findEventPerson,
  findTrigger,
  raiseAlerts,
} from './alerts-repository.js';
import {
  findHeldEvent,
  findHeldReferral,
  findPartnerEventByExternalId,
  findPersonByIdentifier,
  findPersonByNhs,
  insertPartnerEvent,
  listHeldEvents,
  listHeldReferrals,
  matchHeldReferral,
  matchPartnerEvent,
} from './partner-events-repository.js';
import { perPerson } from './service.js';
import type { PartnerEventApiInput, RegisterReferralApiInput, TriggerInput } from './schema.js';
import type { RequestContext } from '../../platform/http/context.js';

/** What a listener hears when a partner event is matched to a person (on arrival, or by hand later). */
export interface PartnerEventMatched {
  event: PartnerEventRow;
  personId: string;
  /** The alerts this event raised on register entries (possibly none). */
  alerts: RegisterAlertRow[];
}
/** Runs inside the transaction that matched the event, so its own writes commit or fail with it. */
export type PartnerEventListener = (tx: Tx, matched: PartnerEventMatched, actor: Actor) => Promise<void>;

const alertAudit = (alerts: readonly RegisterAlertRow[]): AuditEntry[] =>
  alerts.map((a) => ({
    action: 'register-alert.raise',
    resourceType: 'register_alert',
    resourceId: a.id,
    personId: a.person_id,
  }));

/** A referral's triggers with each related person found by NHS number; one nobody has is refused. */
async function resolveTriggers(
  tx: Tx,
  actor: Actor,
  referred: RegisterReferralApiInput['triggers'],
): Promise<TriggerInput[]> {
  const triggers: TriggerInput[] = [];
  for (const [i, t] of referred.entries()) {
    const related = t.related_nhs_number ? await findPersonByNhs(tx, actor, t.related_nhs_number) : null;
    if (t.related_nhs_number && !related) {
      throw new ValidationError([
        { text: 'No one the council knows has this NHS number', href: `#triggers-${i}-related_nhs_number` },
      ]);
    }
    triggers.push({ eventType: t.event_type, description: t.description, relatedPersonId: related?.id ?? null });
  }
  return triggers;
}

/**
 * Partner events, API referrals, matching of held items, and alerts. An event or referral whose NHS
 * number finds nobody is held, never dropped; the same external id is recorded once.
 */
export class PartnerService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly listeners: readonly PartnerEventListener[] = [],
  ) {}

  /** Record a partner event; `created` is false when this external id was already recorded. */
  async receiveEvent(
    ctx: RequestContext,
    input: PartnerEventApiInput,
  ): Promise<{ event: PartnerEventRow; created: boolean }> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await findPersonByNhs(tx, ctx.actor, input.nhs_number);
      const event = await insertPartnerEvent(tx, ctx.actor, {
        externalId: input.external_id,
        eventType: input.event_type,
        nhsNumber: input.nhs_number,
        occurredAt: input.occurred_at,
        sourceOrganisation: input.source_organisation,
        details: input.details,
        personId: person?.id ?? null,
      });
      if (!event) {
        const existing = await findPartnerEventByExternalId(tx, ctx.actor.orgId, input.external_id);
        if (!existing) throw new Error('partner event conflict without a row');
        await writeAudit(tx, ctx, [
          {
            action: 'partner-event.repeat',
            resourceType: 'partner_event',
            resourceId: existing.id,
            personId: existing.person_id,
          },
        ]);
        return { event: existing, created: false };
      }
      const alerts = person ? await this.matched(tx, ctx.actor, event, person.id) : [];
      await writeAudit(tx, ctx, [
        {
          action: person ? 'partner-event.receive' : 'partner-event.hold',
          resourceType: 'partner_event',
          resourceId: event.id,
          personId: person?.id ?? null,
        },
        ...alertAudit(alerts),
      ]);
      return { event, created: true };
    });
  }

  /** A referral to the register from a partner system, held when nobody has the NHS number. */
  async receiveReferral(
    ctx: RequestContext,
    input: RegisterReferralApiInput,
  ): Promise<{ entry: RegisterEntryRow; created: boolean }> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await findPersonByNhs(tx, ctx.actor, input.nhs_number);
      const triggers = await resolveTriggers(tx, ctx.actor, input.triggers);
      const entry = await insertEntry(
        tx,
        ctx.actor,
        {
          patchId: person?.patch_id ?? null,
          referrerKind: input.referrer.kind,
          referrerName: input.referrer.name,
          referrerOrganisation: input.referrer.organisation,
          reason: input.reason,
          riskFactors: input.risk_factors,
          riskNotes: input.risk_notes,
          consent: input.consent.status,
          consentNotGivenReason: input.consent.not_given_reason,
          bestInterestsDecision: input.consent.best_interests_decision,
          consentRecordedBy: input.consent.recorded_by,
          consentRecordedOn: input.consent.recorded_on,
          reviewDate: input.review_date,
          triggers,
        },
        { personId: person?.id ?? null, heldNhsNumber: input.nhs_number, externalId: input.external_id, source: 'api' },
      );
      if (!entry) {
        const existing = await findEntryByExternalId(tx, ctx.actor.orgId, input.external_id!);
        if (!existing) throw new Error('referral conflict without a row');
        await writeAudit(tx, ctx, [
          {
            action: 'register-entry.repeat',
            resourceType: 'register_entry',
            resourceId: existing.id,
            personId: existing.person_id,
          },
        ]);
        return { entry: existing, created: false };
      }
      await replaceTriggers(tx, ctx.actor.orgId, entry.id, triggers);
      await writeAudit(tx, ctx, [
        {
          action: person ? 'register-entry.create' : 'register-entry.hold',
          resourceType: 'register_entry',
          resourceId: entry.id,
          personId: person?.id ?? null,
        },
      ]);
      return { entry, created: true };
    });
  }

  /** Events and referrals waiting for someone to say who they are about. */
  async held(ctx: RequestContext) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const [events, referrals] = await Promise.all([listHeldEvents(tx), listHeldReferrals(tx)]);
      await writeAudit(tx, ctx, [
        { action: 'partner-event.held-list', resourceType: 'partner_event', resourceId: null, personId: null },
      ]);
      return { events, referrals };
    });
  }

  async heldItem(ctx: RequestContext, kind: 'event' | 'referral', id: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const item = kind === 'event' ? await findHeldEvent(tx, id) : await findHeldReferral(tx, id);
      if (!item) throw new NotFoundError();
      await writeAudit(tx, ctx, [
        {
          action: `held-${kind}.view`,
          resourceType: kind === 'event' ? 'partner_event' : 'register_entry',
          resourceId: id,
          personId: null,
        },
      ]);
      return item;
    });
  }

  /** Match a held event or referral to a person by council person id or NHS number; an event then raises its alerts. */
  async match(ctx: RequestContext, kind: 'event' | 'referral', id: string, identifier: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const item = kind === 'event' ? await findHeldEvent(tx, id) : await findHeldReferral(tx, id);
      if (!item) throw new NotFoundError();
      const person = await findPersonByIdentifier(tx, ctx.actor, identifier);
      if (!person)
        throw new ValidationError([
          { text: 'No one you can see has this council person ID or NHS number', href: '#identifier' },
        ]);
      const entries: AuditEntry[] = [];
      if (kind === 'event') {
        const event = await matchPartnerEvent(tx, ctx.actor, id, person.id);
        if (!event) throw new NotFoundError();
        const alerts = await this.matched(tx, ctx.actor, event, person.id);
        entries.push(
          { action: 'partner-event.match', resourceType: 'partner_event', resourceId: id, personId: person.id },
          ...alertAudit(alerts),
        );
      } else {
        if (!(await matchHeldReferral(tx, ctx.actor, id, person))) throw new NotFoundError();
        entries.push({
          action: 'register-entry.match',
          resourceType: 'register_entry',
          resourceId: id,
          personId: person.id,
        });
      }
      await writeAudit(tx, ctx, entries);
      return { person };
    });
  }

  async getAlert(ctx: RequestContext, alertId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const alert = await findAlert(tx, ctx.actor, alertId);
      if (!alert) throw new NotFoundError();
      // The event may be about someone else (the carer); it is shown, so it is audited for them too.
      const other =
        alert.event_person_id && alert.event_person_id !== alert.person_id
          ? await findEventPerson(tx, alert.event_person_id)
          : undefined;
      const trigger = alert.trigger_id ? await findTrigger(tx, alert.trigger_id) : undefined;
      await writeAudit(
        tx,
        ctx,
        perPerson('register-alert.view', 'register_alert', [
          { id: alertId, person_id: alert.person_id },
          ...(other ? [{ id: alertId, person_id: other.id }] : []),
        ]),
      );
      return { alert, eventPerson: other ?? null, trigger: trigger ?? null };
    });
  }

  async acknowledge(ctx: RequestContext, alertId: string, note: string | null) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const alert = await findAlert(tx, ctx.actor, alertId);
      if (!alert) throw new NotFoundError();
      const done = await acknowledgeAlert(tx, ctx.actor, alertId, note);
      await writeAudit(tx, ctx, [
        {
          action: done ? 'register-alert.acknowledge' : 'register-alert.acknowledge-again',
          resourceType: 'register_alert',
          resourceId: alertId,
          personId: alert.person_id,
        },
      ]);
      return { alert, changed: Boolean(done) };
    });
  }

  /** Alerts about a person, newest first: for tier 2 (crisis work starts from them). Audited. */
  async listAlertsForPerson(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const alerts = await alertsForPerson(tx, ctx.actor, personId);
      if (alerts.length)
        await writeAudit(tx, ctx, [
          { action: 'register-alert.list', resourceType: 'person', resourceId: personId, personId },
        ]);
      return alerts;
    });
  }

  private async matched(tx: Tx, actor: Actor, event: PartnerEventRow, personId: string): Promise<RegisterAlertRow[]> {
    const alerts = await raiseAlerts(tx, actor.orgId, event, personId);
    for (const listener of this.listeners) await listener(tx, { event, personId, alerts }, actor);
    return alerts;
  }
}
