import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/**
 * Per-patch switches ("innovation sites"): a council can trial a part of the model in one patch
 * before rolling it out. Each capability registers its switch here at import time; the
 * administration pages list every registered switch for every patch, and the capability asks
 * `isFeatureEnabled` before offering itself. A patch with no saved row gets the feature's default.
 */
export interface FeatureDefinition {
  /** Stable key stored in patch_feature.feature, e.g. 'tier1.conversations'. */
  key: string;
  /** Plain-English name shown to administrators and team managers. */
  label: string;
  /** One or two sentences on what switching it on changes for staff in the patch. */
  description: string;
  /** On in every patch unless a patch has switched it off. Default false. */
  defaultEnabled?: boolean;
}

const registry = new Map<string, Required<FeatureDefinition>>();
const keyPattern = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function registerFeature(feature: FeatureDefinition): void {
  if (!keyPattern.test(feature.key))
    throw new Error(`Feature key "${feature.key}" must be lower-case words joined by dots or hyphens`);
  const existing = registry.get(feature.key);
  // Modules may be imported more than once (tests build many apps); the same definition is harmless.
  if (existing && (existing.label !== feature.label || existing.defaultEnabled !== (feature.defaultEnabled ?? false))) {
    throw new Error(`Feature "${feature.key}" is registered twice with different definitions`);
  }
  registry.set(feature.key, { defaultEnabled: false, ...feature });
}

/** Every registered switch, in registration order. */
export function listFeatures(): readonly Required<FeatureDefinition>[] {
  return [...registry.values()];
}

export function getFeature(key: string): Required<FeatureDefinition> | undefined {
  return registry.get(key);
}

/**
 * Is `key` switched on in this patch? A saved row wins; otherwise the feature's default. An
 * unknown key is off, so a capability whose switch was never registered stays hidden. Takes either
 * the database or a transaction, so callers can ask inside their own withOrg.
 */
export async function isFeatureEnabled(
  db: Kysely<DB>,
  orgId: string,
  patchId: string | null,
  key: string,
): Promise<boolean> {
  const feature = registry.get(key);
  if (!feature) return false;
  if (!patchId) return feature.defaultEnabled;
  const row = await db
    .selectFrom('patch_feature')
    .select('enabled')
    .where('org_id', '=', orgId)
    .where('team_id', '=', patchId)
    .where('feature', '=', key)
    .executeTakeFirst();
  return row ? row.enabled : feature.defaultEnabled;
}

// The first two switches, both on the person record. Later capabilities register theirs in their
// own module (e.g. 'tier1.conversations', 'tier2.crisis').
registerFeature({
  key: 'people.communication-chart',
  label: 'Communication charts',
  description:
    'Staff can record how a person communicates (what they do, what we think it means and what we should do) and see it on their record.',
  defaultEnabled: true,
});
registerFeature({
  key: 'people.network-map',
  label: 'Network map',
  description:
    'Staff see a picture of the person’s circle of support — family, friends, neighbours and professionals — as well as the list.',
});

/**
 * Every registered switch for one patch, read in one query: a page that asks about several
 * switches (the person record) should not pay a round trip for each.
 */
export async function patchFeatures(
  db: Kysely<DB>,
  orgId: string,
  patchId: string | null,
): Promise<(key: string) => boolean> {
  const saved = patchId
    ? await db
        .selectFrom('patch_feature')
        .select(['feature', 'enabled'])
        .where('org_id', '=', orgId)
        .where('team_id', '=', patchId)
        .execute()
    : [];
  const overrides = new Map(saved.map((r) => [r.feature, r.enabled]));
  return (key) => {
    const feature = registry.get(key);
    if (!feature) return false;
    return overrides.get(key) ?? feature.defaultEnabled;
  };
}
