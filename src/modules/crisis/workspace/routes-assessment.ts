import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/http/errors.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { govukItems, labelFor } from '../../../platform/cld/index.js';
import { withOrg } from '../../../platform/db/scope.js';
import { findVisiblePerson, addEventLink } from '../../people/index.js';
import { WorkspaceService } from './workspace-service.js';
import { dateValues, formKit, type FormValues } from '../forms.js';
import { assessmentOutcomes, recordAssessment } from './assessment.js';
import { episodeHref } from '../presenters.js';
import { episodeOfRecord } from '../repository.js';
import { requestContext } from '../../../platform/http/context.js';
import { routeId } from '../../../platform/http/ids.js';

type Body = Record<string, unknown>;

/**
 * Recording a short-term assessment in the workspace; and the addresses the timeline links a crisis
 * service's or assessment's CLD event to, which lead to the episode they belong to.
 */
export function registerCrisisAssessmentPages(app: FastifyInstance): void {
  const db = app.deps.database.db;
  const workspace = new WorkspaceService(db);
  const kit = formKit(app);
  const write = { config: { policy: 'crisis.write' as const } };
  const read = { config: { policy: 'crisis.read' as const } };

  const assessmentPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const { episode, person } = await workspace.form(requestContext(request), kit.idOf(request));
    const values: FormValues = body
      ? { ...body, startedOn: dateValues(body, 'startedOn'), completedOn: dateValues(body, 'completedOn') }
      : {};
    return reply.code(status).view('crisis/views/assessment.njk', {
      ...kit.page(episode, person, 'Record a short-term assessment', values, errors),
      version: keepVersion ?? episode.version,
      methods: govukItems('methodOfAssessment').map((i) => ({
        value: i.value,
        text: i.text,
        checked: values.method === i.value,
      })),
      outcomes: assessmentOutcomes.map((code) => ({
        value: code,
        text: labelFor('eventOutcome', code),
        checked: values.outcome === code,
      })),
    });
  };
  app.get('/crisis/episodes/:id/assessments/new', write, async (request, reply) => assessmentPage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/assessments/new',
    write,
    kit.submit(
      (ctx, id, body) => recordAssessment(db, ctx, id, body),
      assessmentPage,
      'The short-term assessment has been recorded',
    ),
  );

  // The timeline's links for the CLD events of support put in and of assessments: to their episode.
  const toEpisode =
    (table: 'crisis_service' | 'crisis_assessment', param: string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const recordId = routeId(request, param);
      const episodeId = await withOrg(db, request.actor!.orgId, async (tx) => {
        const row = await episodeOfRecord(tx, table, recordId);
        return row && (await findVisiblePerson(tx, request.actor!, row.person_id)) ? row.episode_id : null;
      });
      if (!episodeId) throw new NotFoundError();
      return reply.redirect(episodeHref(episodeId), 303);
    };
  app.get('/crisis/support/:serviceId', read, toEpisode('crisis_service', 'serviceId'));
  app.get('/crisis/assessments/:assessmentId', read, toEpisode('crisis_assessment', 'assessmentId'));
  addEventLink('crisis-service', (_personId, serviceId) => `/crisis/support/${serviceId}`);
  // Long-term support that goes on after the crisis: its event links to the item that agreed it.
  addEventLink('crisis-service-long-term', (_personId, serviceId) => `/crisis/support/${serviceId}`);
  addEventLink('crisis-assessment', (_personId, assessmentId) => `/crisis/assessments/${assessmentId}`);
}
