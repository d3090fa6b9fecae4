import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { canonicalId, routeId } from '../../platform/http/ids.js';
import { formatPounds } from '../../platform/money.js';
import { RAS_RULES } from './ras-types.js';
import { RasVersionService, StaleVersionError, TEST_SIZE } from './versions-service.js';
import { bandRows, versionFormValues } from './version-forms.js';
import { openedVersion, type Body } from './budget-forms.js';

const manage = { config: { policy: 'ras.manage' as const } };
const LIST = '/allocation/ras-versions';
const pageOf = (id: string) => `${LIST}/${id}`;

/** The council's resource allocation versions: the list, a draft's form, its test, and publishing it. */
export function registerVersionPages(
  app: FastifyInstance,
  versions = new RasVersionService(app.deps.database.db),
): void {
  const flash = async (request: FastifyRequest, message: string) => {
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  };

  app.get(LIST, manage, async (request, reply) => listPage(versions, request, reply, 200, []));
  app.post(LIST, manage, async (request, reply) => {
    const basedOn = canonicalId((request.body as Body | undefined)?.basedOn);
    try {
      if (!basedOn) throw new ValidationError([{ text: 'Select a published version to start from', href: '#basedOn' }]);
      const id = await versions.createDraft(requestContext(request), basedOn);
      await flash(request, 'A new draft has been made. Change it, test it, then publish it.');
      return reply.redirect(pageOf(id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return listPage(versions, request, reply, 422, error.errors);
      throw error;
    }
  });

  app.get(`${LIST}/:versionId`, manage, async (request, reply) => versionPage(versions, request, reply, 200));
  app.post(`${LIST}/:versionId`, manage, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const opened = openedVersion(body);
    try {
      if (opened === null)
        throw new ValidationError([{ text: 'Open the form again: it was missing its version', href: '#form' }]);
      await versions.saveDraft(requestContext(request), routeId(request, 'versionId'), opened, body);
      await flash(request, 'The draft has been saved');
      return reply.redirect(pageOf(routeId(request, 'versionId')), 303);
    } catch (error) {
      if (error instanceof ValidationError)
        return versionPage(versions, request, reply, 422, { body, errors: error.errors, opened });
      if (error instanceof StaleVersionError)
        return versionPage(versions, request, reply, 409, { errors: [{ text: error.message, href: '#form' }] });
      throw error;
    }
  });

  app.post(`${LIST}/:versionId/publish`, manage, async (request, reply) => {
    const opened = openedVersion((request.body ?? {}) as Body);
    try {
      if (opened === null)
        throw new ValidationError([{ text: 'Open the page again: it was missing its version', href: '#publish' }]);
      await versions.publish(requestContext(request), routeId(request, 'versionId'), opened);
      await flash(request, 'The version has been published. It can no longer change.');
      return reply.redirect(LIST, 303);
    } catch (error) {
      if (error instanceof ValidationError) return versionPage(versions, request, reply, 422, { errors: error.errors });
      if (error instanceof StaleVersionError)
        return versionPage(versions, request, reply, 409, { errors: [{ text: error.message, href: '#form' }] });
      throw error;
    }
  });
  registerTestPage(app, versions);
}

/** "What would this draft give these 50 people?" */
function registerTestPage(app: FastifyInstance, versions: RasVersionService): void {
  app.get(`${LIST}/:versionId/test`, manage, async (request, reply) => {
    const { row, rows } = await versions.test(requestContext(request), routeId(request, 'versionId'));
    const total = (pick: 'before' | 'after') => rows.reduce((sum, r) => sum + r[pick], 0);
    const difference = (d: number) => (d === 0 ? 'No change' : `${d > 0 ? '+' : ''}${formatPounds(d)}`);
    return reply.view('allocation/views/version-test.njk', {
      title: `Test ${row.label}`,
      label: row.label,
      backLink: pageOf(row.id),
      size: TEST_SIZE,
      rows: rows.map((r) => ({
        councilPersonId: r.person.councilPersonId,
        href: `/people/${r.person.id}/budget`,
        calculatedOn: r.calculatedOn,
        versionLabel: r.versionLabel,
        before: formatPounds(r.before),
        after: formatPounds(r.after),
        difference: difference(r.after - r.before),
        notAsked: r.notAsked,
      })),
      totals: {
        before: formatPounds(total('before')),
        after: formatPounds(total('after')),
        difference: difference(total('after') - total('before')),
      },
    });
  });
}

async function listPage(
  versions: RasVersionService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  errors: FieldError[],
) {
  const rows = await versions.list(requestContext(request));
  return reply.code(status).view('allocation/views/versions.njk', {
    title: 'Resource allocation versions',
    errors,
    fieldErrors: errorMap(errors),
    published: rows.filter((r) => r.status === 'published'),
    drafts: rows.filter((r) => r.status === 'draft'),
  });
}

interface Shown {
  body?: Body;
  errors?: FieldError[];
  opened?: number | null;
}

async function versionPage(
  versions: RasVersionService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  shown: Shown = {},
) {
  const { row, version } = await versions.find(requestContext(request), routeId(request, 'versionId'));
  const values = shown.body ?? versionFormValues(version);
  const errors = shown.errors ?? [];
  return reply.code(status).view('allocation/views/version.njk', {
    title: `${row.status === 'draft' ? 'Draft: ' : ''}${row.label}`,
    row,
    version,
    isDraft: row.status === 'draft',
    formVersion: shown.opened ?? row.version,
    action: pageOf(row.id),
    backLink: LIST,
    values,
    errors,
    fieldErrors: errorMap(errors),
    bandRows: bandRows(values, 'band'),
    carerRows: bandRows(values, 'carer'),
    reducible: version.domains.filter((d) => d.key !== version.carer.domainKey),
    rules: RAS_RULES,
  });
}
