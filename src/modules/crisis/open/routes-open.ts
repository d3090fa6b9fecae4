import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { authorize } from '../../../platform/access/authorize.js';
import { govukItems } from '../../../platform/cld/index.js';
import { partsFromDate } from '../../../platform/dates.js';
import { personSummary, addEventLink, addTimelineSource } from '../../people/index.js';
import { routeId } from '../../../platform/http/ids.js';
import { CrisisOpenService, EpisodeAlreadyOpenError } from './open-service.js';
import {
  contactMethods,
  dedupe,
  firstContactFieldsSchema,
  formAnswers,
  londonInstant,
  londonParts,
  momentErrors,
  parseReferral,
  triageSchema,
} from '../schema.js';
import { goalsOf, prefillView, responseView, sourceView, timeLimitView } from '../presenters.js';
import { crisisTimeline } from '../timeline.js';
import { episodeHref } from '../presenters.js';
import { formKit } from '../forms.js';
import { requestContext } from '../../../platform/http/context.js';

type Body = Record<string, unknown>;
type Choices = {
  patches: { id: string; name: string }[];
  workers: { id: string; display_name: string }[];
  settings: { urgencyLevels: { key: string; label: string; responseMinutes: number }[] };
};
const withErrors = (errors: FieldError[]) => ({ errors, fieldErrors: errorMap(errors) });
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** GOV.UK items for the urgency radios, the patch and lead worker selects, with the chosen ones marked. */
function choiceItems(
  c: Choices,
  chosen: { urgencyKey?: string; patchId?: string; leadWorkerId?: string },
  leadPlaceholder: string,
) {
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
  const read = { config: { policy: 'crisis.read' as const } };
  const write = { config: { policy: 'crisis.write' as const } };
  const { flash } = formKit(app);
  addTimelineSource(crisisTimeline);
  // The CLD request an episode wrote carries the episode's id as its source: the timeline links it.
  addEventLink('crisis', (_personId, episodeId) => episodeHref(episodeId));

  const referralPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
  ) => {
    const form = await service.referralForm(requestContext(request), routeId(request));
    const actor = request.actor;
    const myTeam =
      actor?.kind === 'user' && form.patches.some((p) => p.id === actor.teamId)
        ? (actor.teamId ?? '')
        : (form.person.patch_id ?? '');
    const me = actor?.kind === 'user' && form.workers.some((w) => w.id === actor.userId) ? actor.userId : '';
    const now = londonParts(new Date());
    const values = body ?? { patchId: myTeam, leadWorkerId: me, referredAtTime: now.time };
    const dates = body
      ? { day: str(body['referredAt-day']), month: str(body['referredAt-month']), year: str(body['referredAt-year']) }
      : partsFromDate(now.date);
    return reply.code(status).view('crisis/views/new.njk', {
      title: `Crisis referral: ${form.person.given_name} ${form.person.family_name}`,
      person: personSummary(form.person),
      backLink: `/people/${form.person.id}`,
      openEpisodeHref: form.open ? episodeHref(form.open.id) : null,
      values,
      dates,
      ...choiceItems(
        form,
        values as { urgencyKey?: string; patchId?: string; leadWorkerId?: string },
        'Not decided yet (the patch team will triage)',
      ),
      routeItems: govukItems('routeOfAccess', str(values.routeOfAccess) || null, {
        placeholder: 'Select the route of access',
      }),
      ...withErrors(errors),
    });
  };

  app.get('/people/:id/crisis/new', write, async (request, reply) => referralPage(request, reply, 200));

  app.post('/people/:id/crisis/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = parseReferral(body);
    if (parsed.errors) return referralPage(request, reply, 422, body, parsed.errors);
    try {
      const episode = await service.refer(requestContext(request), id, parsed.data);
      await flash(request, 'The crisis episode has been opened and the response clock has started');
      return reply.redirect(episodeHref(episode.id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return referralPage(request, reply, 422, body, error.errors);
      if (error instanceof EpisodeAlreadyOpenError)
        return referralPage(request, reply, 409, body, [{ text: error.message, href: '#open-episode' }]);
      throw error;
    }
  });

  app.get('/crisis/episodes/:id', read, async (request, reply) => {
    const page = await service.episodePage(requestContext(request), routeId(request));
    const { episode, person } = page;
    const canWrite = authorize(request.actor, 'crisis.write') === 'allow';
    return reply.view('crisis/views/episode.njk', {
      title: `Crisis episode: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: `/people/${person.id}`,
      episode,
      firstName: person.preferred_name ?? person.given_name,
      open: episode.status === 'open',
      canWrite,
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

  const triagePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
  ) => {
    const form = await service.episodeForm(requestContext(request), routeId(request), 'crisis-episode.triage-form');
    const { episode, person } = form;
    // A refused stale change shows the episode as saved now, with its version, to decide again from.
    const stale = errors.some((e) => e.href === '#version');
    const values =
      body && !stale
        ? body
        : {
            urgencyKey: episode.urgency_key,
            patchId: episode.patch_id ?? '',
            leadWorkerId: episode.lead_worker_id ?? '',
          };
    return reply.code(status).view('crisis/views/triage.njk', {
      title: `Triage the crisis episode: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: episodeHref(episode.id),
      episode,
      version: body && !stale ? str(body.version) : episode.version,
      ...choiceItems(
        form,
        values as { urgencyKey?: string; patchId?: string; leadWorkerId?: string },
        'Select the lead worker',
      ),
      ...withErrors(errors),
    });
  };

  app.get('/crisis/episodes/:id/triage', write, async (request, reply) => triagePage(request, reply, 200));

  app.post('/crisis/episodes/:id/triage', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = triageSchema.safeParse(body);
    if (!parsed.success)
      return triagePage(
        request,
        reply,
        422,
        body,
        dedupe(parsed.error.issues.map((i) => ({ text: i.message, href: `#${i.path.map(String).join('-')}` }))),
      );
    try {
      await service.triage(requestContext(request), id, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError) return triagePage(request, reply, 422, body, error.errors);
      if (error instanceof ConflictError)
        return triagePage(request, reply, 409, body, [{ text: error.message, href: '#version' }]);
      throw error;
    }
    await flash(request, 'Triage saved');
    return reply.redirect(episodeHref(id), 303);
  });

  const firstContactPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
  ) => {
    const { episode, person } = await service.episodeForm(
      requestContext(request),
      routeId(request),
      'crisis-episode.first-contact-form',
    );
    const now = londonParts(new Date());
    const stale = errors.some((e) => e.href === '#version');
    return reply.code(status).view('crisis/views/first-contact.njk', {
      title: `Record first contact: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: episodeHref(episode.id),
      episode,
      firstName: person.preferred_name ?? person.given_name,
      version: stale || !body ? episode.version : str(body.version),
      values: body ?? { atTime: now.time },
      dates: body
        ? { day: str(body['at-day']), month: str(body['at-month']), year: str(body['at-year']) }
        : partsFromDate(now.date),
      howItems: Object.entries(contactMethods).map(([value, text]) => ({ value, text, checked: body?.how === value })),
      ...withErrors(errors),
    });
  };

  app.get('/crisis/episodes/:id/first-contact', write, async (request, reply) => firstContactPage(request, reply, 200));

  app.post('/crisis/episodes/:id/first-contact', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const answers = formAnswers(body, ['at']);
    const parsed = firstContactFieldsSchema.safeParse(body);
    const errors = momentErrors('at', 'first contact', answers.dates.at ?? '', str(body.atTime));
    if (!parsed.success)
      errors.unshift(
        ...parsed.error.issues.map((i) => ({ text: i.message, href: `#${i.path.map(String).join('-')}` })),
      );
    if (!parsed.success || errors.length) return firstContactPage(request, reply, 422, body, dedupe(errors));
    try {
      await service.recordFirstContact(requestContext(request), id, {
        ...parsed.data,
        at: londonInstant(answers.dates.at!, str(body.atTime))!,
      });
    } catch (error) {
      if (error instanceof ValidationError) return firstContactPage(request, reply, 422, body, error.errors);
      if (error instanceof ConflictError)
        return firstContactPage(request, reply, 409, body, [{ text: error.message, href: '#version' }]);
      throw error;
    }
    await flash(request, 'First contact recorded');
    return reply.redirect(episodeHref(id), 303);
  });
}
