import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/auth/sessions.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { adminContext } from './presenters.js';
import { patchFeaturesSchema } from './schema.js';
import type { AdminService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

/** Per-patch switches ("innovation sites"). Administrators change any patch; team managers their own. */
export function registerPatchPages(app: FastifyInstance, admin: AdminService): void {
  const policy = { config: { policy: 'admin.patches' as const } };

  const show = async (request: FastifyRequest, reply: FastifyReply, status = 200, errors: FieldError[] = []) => {
    const ctx = adminContext(request);
    const patches = await admin.patchSettings(ctx);
    return reply.code(status).view('admin/views/patches.njk', {
      title: 'Patches and innovation sites',
      patches,
      canChangeAny: ctx.actor.role === 'administrator',
      errors,
      fieldErrors: errorMap(errors),
    });
  };

  app.get('/admin/patches', policy, async (request, reply) => show(request, reply));

  app.post('/admin/patches/:id', policy, async (request, reply) => {
    const patchId = routeId(request);
    const parsed = patchFeaturesSchema.safeParse(request.body ?? {});
    if (!parsed.success)
      return show(request, reply, 422, [{ text: 'Select switches from the list', href: `#features-${patchId}` }]);
    try {
      const { patch, changed } = await admin.savePatchFeatures(adminContext(request), patchId, parsed.data.features);
      const message = changed.length
        ? `The switches for ${patch.name} have been saved`
        : `Nothing was changed for ${patch.name}`;
      if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
    } catch (error) {
      if (error instanceof ValidationError) return show(request, reply, 422, error.errors);
      throw error;
    }
    return reply.redirect(`/admin/patches#patch-${patchId}`, 303);
  });
}
