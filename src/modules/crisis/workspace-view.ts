import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { CrisisEpisodeRow } from '../../platform/db/schema-crisis.js';

/**
 * What the episode page shows of the workspace (plan, support, check-ins, time limit, ending),
 * rendered by views/_workspace.njk as `workspace`. Owned by the "workspace" work.
 */
export async function loadWorkspace(tx: Tx, actor: Actor, episode: CrisisEpisodeRow): Promise<Record<string, unknown>> {
  void tx; void actor; void episode;
  return {};
}
