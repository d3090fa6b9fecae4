import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/http/errors.js';
import { partsFromDate, todayInLondon } from '../../../platform/dates.js';
import { requestContext } from '../../../platform/http/context.js';
import { routeId } from '../../../platform/http/ids.js';
import { dateValues, type FormKit, type FormValues } from '../forms.js';
import type { CrisisServiceRow } from '../tables.js';
import { serviceKinds } from '../choices.js';
import type { SupportItemService } from './support-items.js';

type Body = Record<string, unknown>;

const write = { config: { policy: 'crisis.write' as const } };

/** Where a support item's forms are. */
export const supportItemHref = (episodeId: string, serviceId: string) =>
  `/crisis/episodes/${episodeId}/services/${serviceId}`;

/** What both forms show of the item, whatever was typed. */
function itemView(service: CrisisServiceRow) {
  return {
    id: service.id,
    kind: serviceKinds.find((k) => k.key === service.kind)?.label ?? service.kind,
    description: service.description,
    provider: service.provider,
    startsOn: service.starts_on,
    endsOn: service.ends_on,
    cancelled: service.status === 'cancelled',
  };
}

const endValues = (service: CrisisServiceRow, body?: Body): FormValues =>
  body
    ? { ...body, endsOn: dateValues(body, 'endsOn') }
    : { ending: '', endsOn: partsFromDate(service.ends_on ?? todayInLondon().toString()) };

const changeValues = (service: CrisisServiceRow, body?: Body): FormValues =>
  body
    ? { ...body, startsOn: dateValues(body, 'startsOn'), endsOn: dateValues(body, 'endsOn') }
    : {
        description: service.description,
        provider: service.provider,
        startsOn: partsFromDate(service.starts_on),
        endsOn: partsFromDate(service.ends_on),
      };

/** One support item's form: "End this support" or "Change", each a new version of the item. */
function registerItemForm(
  app: FastifyInstance,
  items: SupportItemService,
  kit: FormKit,
  form: {
    path: 'end' | 'change';
    title: string;
    values: (service: CrisisServiceRow, body?: Body) => FormValues;
    act: typeof items.end;
    message: string | ((body: Body) => string);
  },
): void {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const serviceId = routeId(request, 'serviceId');
    const { episode, person, service } = await items.form(requestContext(request), kit.idOf(request), serviceId);
    return reply.code(status).view(`crisis/views/service-${form.path}.njk`, {
      ...kit.page(episode, person, form.title, form.values(service, body), errors),
      version: keepVersion ?? episode.version,
      item: itemView(service),
      formAction: `${supportItemHref(episode.id, service.id)}/${form.path}`,
    });
  };
  const path = `/crisis/episodes/:id/services/:serviceId/${form.path}`;
  app.get(path, write, async (request, reply) => page(request, reply, 200));
  app.post(path, write, async (request, reply) =>
    kit.submit(
      (ctx, id, body) => form.act.call(items, ctx, id, routeId(request, 'serviceId'), body),
      page,
      form.message,
    )(request, reply),
  );
}

/** Support already put in: ended (or cancelled when it did not go ahead) and corrected. */
export function registerSupportItemPages(app: FastifyInstance, items: SupportItemService, kit: FormKit): void {
  registerItemForm(app, items, kit, {
    path: 'end',
    title: 'End this support',
    values: endValues,
    act: items.end,
    message: (body) =>
      body.ending === 'cancelled'
        ? 'The support has been cancelled: it did not go ahead'
        : 'The support has been ended',
  });
  registerItemForm(app, items, kit, {
    path: 'change',
    title: 'Change the support',
    values: changeValues,
    act: items.change,
    message: 'The support has been changed',
  });
}
