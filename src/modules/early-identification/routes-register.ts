import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { todayInLondon } from '../../platform/dates.js';
import { formatNhsNumber } from '../../platform/identifiers/nhs-number.js';
import type { PartnerEventRow, RegisterEntryRow } from './tables.js';
import { acknowledgeInputSchema, matchInputSchema } from './schema.js';
import { eventTypeLabels, label, referrerKinds, riskFactors, consentLabels } from './lists.js';
import { alertSummary } from './view-models.js';
import type { RegisterService } from './service.js';
import type { PartnerService } from './partner-service.js';
import { canonicalId, routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;
const filterSchema = z.object({
  patch: z.string().optional(),
  review: z.enum(['due', 'all']).catch('all').optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).optional(),
});
/** Entries per page of the register. */
export const REGISTER_PAGE_SIZE = 50;

const read = { config: { policy: 'register.read' as const } };
const write = { config: { policy: 'register.write' as const } };
const match = { config: { policy: 'partnerEvents.match' as const } };

type RegisterRow = Awaited<ReturnType<RegisterService['register']>>['entries'][number];

/** The register list with open alerts, an alert's page, and matching held partner events and referrals. */
export function registerRegisterPages(app: FastifyInstance, register: RegisterService, partners: PartnerService): void {
  registerListPage(app, register);
  registerAlertPages(app, partners);
  registerMatchPages(app, partners);
}

function registerListPage(app: FastifyInstance, register: RegisterService): void {
  app.get('/early-identification', read, async (request, reply) => {
    const query = filterSchema.safeParse(request.query ?? {});
    const {
      patch,
      review,
      page = 1,
    } = query.success ? query.data : { patch: undefined, review: 'all' as const, page: 1 };
    // Staff start on their own patch team's list; "all" shows every patch.
    const ownTeam = request.actor?.kind === 'user' ? request.actor.teamId : null;
    const chosen = patch === undefined ? (ownTeam ?? 'all') : patch;
    const patchId = canonicalId(chosen);
    const today = todayInLondon().toString();
    const { entries, total, alerts, patches } = await register.register(
      requestContext(request),
      { patchId, reviewDueBy: review === 'due' ? today : null },
      { limit: REGISTER_PAGE_SIZE, offset: (page - 1) * REGISTER_PAGE_SIZE },
    );
    const pageHref = (n: number) =>
      `/early-identification?${new URLSearchParams({ patch: chosen, review: review ?? 'all', page: String(n) }).toString()}`;
    return reply.view('early-identification/views/register.njk', {
      title: 'At-risk register',
      patchItems: [
        { value: 'all', text: 'All patches' },
        ...patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === patchId })),
      ],
      review: review ?? 'all',
      patchName: patches.find((p) => p.id === patchId)?.name ?? null,
      alerts: alerts.map(alertSummary),
      total,
      firstPageHref: pageHref(1),
      shownFrom: entries.length ? (page - 1) * REGISTER_PAGE_SIZE + 1 : 0,
      shownTo: (page - 1) * REGISTER_PAGE_SIZE + entries.length,
      pagination: registerPagination(page, Math.ceil(total / REGISTER_PAGE_SIZE), pageHref),
      entries: entries.map((e) => registerRow(e, today)),
    });
  });
}

/** GOV.UK pagination for the register, or null when it fits on one page. */
function registerPagination(page: number, pages: number, pageHref: (n: number) => string) {
  if (pages <= 1) return null;
  return {
    previous: page > 1 ? { href: pageHref(Math.min(page - 1, pages)) } : undefined,
    next: page < pages ? { href: pageHref(page + 1) } : undefined,
    items: Array.from({ length: pages }, (_, i) => ({
      number: i + 1,
      href: pageHref(i + 1),
      current: i + 1 === page,
    })),
  };
}

function registerRow(e: RegisterRow, today: string) {
  return {
    href: `/people/${e.person_id}/early-identification/${e.id}`,
    name: `${e.given_name} ${e.family_name}`,
    councilPersonId: e.council_person_id,
    reason: e.reason,
    reviewDate: e.review_date,
    reviewDue: e.review_date <= today,
    patch: e.patch_name ?? 'No patch',
    referrer: label(referrerKinds, e.referrer_kind),
    consent: label(consentLabels, e.consent),
    riskFactors: e.risk_factors.map((c) => label(riskFactors, c)),
  };
}

function registerAlertPages(app: FastifyInstance, partners: PartnerService): void {
  app.get('/early-identification/alerts/:alertId', read, async (request, reply) => {
    const { alert, eventPerson, trigger } = await partners.getAlert(
      requestContext(request),
      routeId(request, 'alertId'),
    );
    const canWrite = request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role);
    return reply.view('early-identification/views/alert.njk', {
      title: `Alert: ${alert.given_name} ${alert.family_name}`,
      alert: {
        ...alertSummary(alert),
        details: alert.details,
        acknowledgedAt: alert.acknowledged_at,
        note: alert.acknowledged_note,
        entryId: alert.entry_id,
      },
      eventPerson:
        eventPerson && !eventPerson.restricted
          ? { id: eventPerson.id, name: `${eventPerson.given_name} ${eventPerson.family_name}` }
          : null,
      eventPersonRestricted: Boolean(eventPerson?.restricted),
      trigger,
      canWrite,
      backLink: '/early-identification',
    });
  });

  app.post('/early-identification/alerts/:alertId/acknowledge', write, async (request, reply) => {
    const alertId = routeId(request, 'alertId');
    const parsed = acknowledgeInputSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
    const { changed } = await partners.acknowledge(requestContext(request), alertId, parsed.data.note);
    if (request.session)
      await setFlash(
        app.deps.database.db,
        request.session.idHash,
        changed ? 'The alert has been acknowledged' : 'Someone had already acknowledged this alert',
      );
    return reply.redirect(`/early-identification/alerts/${alertId}`, 303);
  });
}

type HeldKind = 'event' | 'referral';
const heldIdParam = (kind: HeldKind) => (kind === 'event' ? 'eventId' : 'entryId');

async function showMatch(
  partners: PartnerService,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: HeldKind,
  status: number,
  values: Body,
  errors: FieldError[] = [],
) {
  const item = await partners.heldItem(requestContext(request), kind, routeId(request, heldIdParam(kind)));
  return reply.code(status).view('early-identification/views/match.njk', {
    title: kind === 'event' ? 'Match a partner event to a person' : 'Match a referral to a person',
    kind,
    values,
    errors,
    fieldErrors: errorMap(errors),
    item: kind === 'event' ? heldEventSummary(item as PartnerEventRow) : heldReferralSummary(item as RegisterEntryRow),
    action: request.url.split('?')[0],
    backLink: '/early-identification/unmatched',
  });
}

/** Held partner events and referrals, and matching each to a person. */
function registerMatchPages(app: FastifyInstance, partners: PartnerService): void {
  app.get('/early-identification/unmatched', match, async (request, reply) => {
    const { events, referrals } = await partners.held(requestContext(request));
    return reply.view('early-identification/views/unmatched.njk', {
      title: 'Partner events and referrals waiting to be matched',
      backLink: '/early-identification',
      events: events.map(heldEventSummary),
      referrals: referrals.map(heldReferralSummary),
    });
  });

  for (const kind of ['event', 'referral'] as const) {
    const url =
      kind === 'event'
        ? '/early-identification/unmatched/events/:eventId'
        : '/early-identification/unmatched/referrals/:entryId';
    app.get(url, match, async (request, reply) => showMatch(partners, request, reply, kind, 200, {}));
    app.post(url, match, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const parsed = matchInputSchema.safeParse(body);
      if (!parsed.success) return showMatch(partners, request, reply, kind, 422, body, toFieldErrors(parsed.error));
      try {
        const id = routeId(request, heldIdParam(kind));
        const { person } = await partners.match(requestContext(request), kind, id, parsed.data.identifier);
        if (request.session)
          await setFlash(
            app.deps.database.db,
            request.session.idHash,
            `Matched to ${person.given_name} ${person.family_name}`,
          );
      } catch (error) {
        if (error instanceof ValidationError) return showMatch(partners, request, reply, kind, 422, body, error.errors);
        throw error;
      }
      return reply.redirect('/early-identification/unmatched', 303);
    });
  }
}

function heldEventSummary(e: PartnerEventRow) {
  return {
    id: e.id,
    href: `/early-identification/unmatched/events/${e.id}`,
    event: label(eventTypeLabels, e.event_type),
    nhsNumber: formatNhsNumber(e.nhs_number),
    occurredAt: e.occurred_at,
    source: e.source_organisation,
    details: e.details,
    receivedAt: e.received_at,
    externalId: e.external_id,
  };
}

function heldReferralSummary(r: RegisterEntryRow) {
  return {
    id: r.id,
    href: `/early-identification/unmatched/referrals/${r.id}`,
    nhsNumber: r.held_nhs_number ? formatNhsNumber(r.held_nhs_number) : '',
    referrer: [label(referrerKinds, r.referrer_kind), r.referrer_name, r.referrer_organisation]
      .filter(Boolean)
      .join(', '),
    reason: r.reason,
    receivedAt: r.created_at,
  };
}
