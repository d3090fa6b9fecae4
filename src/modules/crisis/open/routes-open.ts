import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/access/authorize.js';
import { govukItems } from '../../../platform/cld/index.js';
import { partsFromDate } from '../../../platform/dates.js';
import type { Actor } from '../../../platform/access/roles.js';
import { personSummary, addEventLink, addTimelineSource } from '../../people/index.js';
import { routeId } from '../../../platform/http/ids.js';
import { CrisisOpenService, EpisodeAlreadyOpenError } from './open-service.js';
import { contactMethods, londonParts, parseFirstContact, parseReferral, parseTriage, type Parsed } from '../schema.js';
import { goalsOf, prefillView, responseView, sourceView, timeLimitView } from '../presenters.js';
import { crisisTimeline } from '../timeline.js';
import { episodeHref } from '../presenters.js';
import { dateValues, formKit, type FormKit, type FormValues } from '../forms.js';
import { requestContext } from '../../../platform/http/context.js';

type Body = Record<string, unknown>;
type Choices = {
  patches: { id: string; name: string }[];
  workers: { id: string; display_name: string }[];
  settings: { urgencyLevels: { key: string; label: string; responseMinutes: number }[] };
};
type Chosen = { urgencyKey?: string; patchId?: string; leadWorkerId?: string };

const read = { config: { policy: 'crisis.read' as const } };
const write = { config: { policy: 'crisis.write' as const } };

/** A parsed form's input, or its errors refused as a ValidationError (which the form kit shows). */
function valid<T>(parsed: Parsed<T>): T {
  if (parsed.errors) throw new ValidationError(parsed.errors);
  return parsed.data;
}

/** GOV.UK items for the urgency radios, the patch and lead worker selects, with the chosen ones marked. */
function choiceItems(c: Choices, chosen: Chosen, leadPlaceholder: string) {
  return {
    urgencyItems: c.settings.urgencyLevels.map((l) => ({
      value: l.key,
      text: l.label,
      checked: l.key === chosen.urgencyKey,
    })),
    patchItems: [
      { value: '', text: 'Select the patch team' },
      ...c.patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen.patchId })),
    ],
    workerItems: [
      { value: '', text: leadPlaceholder },
      ...c.workers.map((w) => ({ value: w.id, text: w.display_name, selected: w.id === chosen.leadWorkerId })),
    ],
  };
}

/** Opening an episode (referral form), triage, first contact and the episode page. */
export function registerCrisisOpenPages(
  app: FastifyInstance,
  service = new CrisisOpenService(app.deps.database.db),
): void {
  const kit = formKit(app);
  addTimelineSource(crisisTimeline);
  // The CLD request an episode wrote carries the episode's id as its source: the timeline links it.
  addEventLink('crisis', (_personId, episodeId) => episodeHref(episodeId));
  registerReferralPages(app, service, kit);
  registerEpisodePage(app, service);
  registerTriagePages(app, service, kit);
  registerFirstContactPages(app, service, kit);
}

/** A new referral starts on the worker's own patch team and with them as lead, when they are offered. */
function referralDefaults(actor: Actor | null, form: Choices & { person: { patch_id: string | null } }) {
  const myTeam =
    actor?.kind === 'user' && form.patches.some((p) => p.id === actor.teamId)
      ? (actor.teamId ?? '')
      : (form.person.patch_id ?? '');
  const me = actor?.kind === 'user' && form.workers.some((w) => w.id === actor.userId) ? actor.userId : '';
  return { patchId: myTeam, leadWorkerId: me };
}

/** A referral is refused for its mistakes, or because the person already has an open episode (the page links to it). */
const referralRefusal = (kit: FormKit) => (error: unknown) =>
  error instanceof ValidationError || error instanceof EpisodeAlreadyOpenError
    ? kit.refusal(error, '#open-episode')
    : null;

function registerReferralPages(app: FastifyInstance, service: CrisisOpenService, kit: FormKit): void {
  const referralPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
  ) => {
    const form = await service.referralForm(requestContext(request), kit.idOf(request));
    const now = londonParts(new Date());
    const values: FormValues = body ?? { ...referralDefaults(request.actor, form), referredAtTime: now.time };
    return reply.code(status).view('crisis/views/new.njk', {
      ...kit.personPage(form.person, 'Crisis referral', `/people/${form.person.id}`, values, errors),
      openEpisodeHref: form.open ? episodeHref(form.open.id) : null,
      dates: body ? dateValues(body, 'referredAt') : partsFromDate(now.date),
      ...choiceItems(form, values as Chosen, 'Not yet allocated'),
      routeItems: govukItems('routeOfAccess', typeof values.routeOfAccess === 'string' ? values.routeOfAccess : null, {
        placeholder: 'Select the route of access',
      }),
    });
  };
  app.get('/people/:id/crisis/new', write, async (request, reply) => referralPage(request, reply, 200));
  app.post(
    '/people/:id/crisis/new',
    write,
    kit.submit(
      (ctx, personId, body) => service.refer(ctx, personId, valid(parseReferral(body))),
      referralPage,
      'The crisis episode has been opened and the response clock has started',
      { refusal: referralRefusal(kit), redirectTo: (episode) => episodeHref(episode.id) },
    ),
  );
}

function registerEpisodePage(app: FastifyInstance, service: CrisisOpenService): void {
  app.get('/crisis/episodes/:id', read, async (request, reply) => {
    const page = await service.episodePage(requestContext(request), routeId(request));
    const { episode, person } = page;
    return reply.view('crisis/views/episode.njk', {
      title: `Crisis episode: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: `/people/${person.id}`,
      episode,
      firstName: person.preferred_name ?? person.given_name,
      open: episode.status === 'open',
      canWrite: authorize(request.actor, 'crisis.write') === 'allow',
      response: responseView(episode),
      timeLimit: timeLimitView(episode, page.settings.warnDays),
      source: sourceView(episode, page.source),
      patchName: page.patchName,
      leadWorkerName: page.leadWorkerName,
      firstContactByName: page.firstContactByName,
      goals: goalsOf(episode.goals),
      prefill: prefillView(episode.prefill),
      workspace: page.workspace,
    });
  });
}

function registerTriagePages(app: FastifyInstance, service: CrisisOpenService, kit: FormKit): void {
  const triagePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const form = await service.episodeForm(requestContext(request), kit.idOf(request), 'crisis-episode.triage-form');
    const { episode, person } = form;
    // A refused stale change shows the episode as saved now, with its version, to decide again from.
    const asSaved = {
      urgencyKey: episode.urgency_key,
      patchId: episode.patch_id ?? '',
      leadWorkerId: episode.lead_worker_id ?? '',
    };
    const values: FormValues = body && status !== 409 ? body : asSaved;
    return reply.code(status).view('crisis/views/triage.njk', {
      ...kit.page(episode, person, 'Triage the crisis episode', values, errors),
      version: keepVersion ?? episode.version,
      ...choiceItems(form, values as Chosen, 'Select the lead worker'),
    });
  };
  app.get('/crisis/episodes/:id/triage', write, async (request, reply) => triagePage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/triage',
    write,
    kit.submit((ctx, id, body) => service.triage(ctx, id, valid(parseTriage(body))), triagePage, 'Triage saved', {
      refusal: (error) => kit.refusal(error, '#version'),
    }),
  );
}

function registerFirstContactPages(app: FastifyInstance, service: CrisisOpenService, kit: FormKit): void {
  const firstContactPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const ctx = requestContext(request);
    const form = await service.episodeForm(ctx, kit.idOf(request), 'crisis-episode.first-contact-form');
    const now = londonParts(new Date());
    return reply.code(status).view('crisis/views/first-contact.njk', {
      ...kit.page(form.episode, form.person, 'Record first contact', body ?? { atTime: now.time }, errors),
      version: keepVersion ?? form.episode.version,
      dates: body ? dateValues(body, 'at') : partsFromDate(now.date),
      howItems: Object.entries(contactMethods).map(([value, text]) => ({ value, text, checked: body?.how === value })),
    });
  };
  app.get('/crisis/episodes/:id/first-contact', write, async (request, reply) => firstContactPage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/first-contact',
    write,
    kit.submit(
      (ctx, id, body) => service.recordFirstContact(ctx, id, valid(parseFirstContact(body))),
      firstContactPage,
      'First contact recorded',
      { refusal: (error) => kit.refusal(error, '#version') },
    ),
  );
}
