import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { actorId } from '../../../platform/access/roles.js';
import type { ManageCapacity, SupportInPlace, SupportLevel } from './tables.js';

/**
 * The direct payment support matrix (issue 14 §5): how well the person can manage a direct payment ×
 * the support they already have → how much the direct payment support service should do. The two
 * questions and the levels are fixed here, so every decision means the same thing; which level each
 * answer pair recommends is the council's to set (dp_support_matrix), starting from these defaults.
 */
export const CAPACITY_LABELS: Record<ManageCapacity, string> = {
  independent: 'Manages independently',
  some_help: 'Manages with some help',
  considerable_help: 'Needs considerable help',
  cannot_manage: 'Cannot manage — a suitable person or representative manages',
};
export const SUPPORT_IN_PLACE_LABELS: Record<SupportInPlace, string> = {
  none: 'None',
  family: 'Family or friends help',
  organisation: 'A support organisation helps',
};
export const SUPPORT_LEVEL_LABELS: Record<SupportLevel, string> = {
  information: 'Information only',
  light: 'Light touch',
  regular: 'Regular support',
  managed: 'Full managed service',
};

export const CAPACITIES = Object.keys(CAPACITY_LABELS) as ManageCapacity[];
export const SUPPORTS_IN_PLACE = Object.keys(SUPPORT_IN_PLACE_LABELS) as SupportInPlace[];
export const SUPPORT_LEVELS = Object.keys(SUPPORT_LEVEL_LABELS) as SupportLevel[];

export type SupportMatrix = Record<ManageCapacity, Record<SupportInPlace, SupportLevel>>;

/** The demo county's table: less help from the service the more the person can do and the more help they have. */
export const DEFAULT_SUPPORT_MATRIX: SupportMatrix = {
  independent: { none: 'information', family: 'information', organisation: 'information' },
  some_help: { none: 'light', family: 'light', organisation: 'information' },
  considerable_help: { none: 'regular', family: 'regular', organisation: 'light' },
  cannot_manage: { none: 'managed', family: 'regular', organisation: 'regular' },
};

export const cellName = (capacity: ManageCapacity, support: SupportInPlace) => `cell-${capacity}-${support}`;

export const isCapacity = (v: unknown): v is ManageCapacity =>
  typeof v === 'string' && Object.hasOwn(CAPACITY_LABELS, v);
export const isSupportInPlace = (v: unknown): v is SupportInPlace =>
  typeof v === 'string' && Object.hasOwn(SUPPORT_IN_PLACE_LABELS, v);
export const isSupportLevel = (v: unknown): v is SupportLevel =>
  typeof v === 'string' && Object.hasOwn(SUPPORT_LEVEL_LABELS, v);

/** The level the table recommends for one pair of answers. */
export function recommendedLevel(matrix: SupportMatrix, capacity: ManageCapacity, support: SupportInPlace) {
  return matrix[capacity][support];
}

/** The council's table: its own cells, and the default for any cell it has not set. */
export async function findSupportMatrix(tx: Tx): Promise<SupportMatrix> {
  const rows = await tx
    .selectFrom('dp_support_matrix')
    .select(['capacity', 'support_in_place', 'recommended_level'])
    .execute();
  const matrix = structuredClone(DEFAULT_SUPPORT_MATRIX);
  for (const r of rows) matrix[r.capacity][r.support_in_place] = r.recommended_level;
  return matrix;
}

/** Save every cell of the council's table (in the caller's transaction). */
export async function saveSupportMatrix(tx: Tx, actor: Actor, matrix: SupportMatrix): Promise<void> {
  const values = CAPACITIES.flatMap((capacity) =>
    SUPPORTS_IN_PLACE.map((support_in_place) => ({
      org_id: actor.orgId,
      capacity,
      support_in_place,
      recommended_level: matrix[capacity][support_in_place],
      updated_at: new Date(),
      updated_by: actorId(actor),
    })),
  );
  await tx
    .insertInto('dp_support_matrix')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['org_id', 'capacity', 'support_in_place']).doUpdateSet((eb) => ({
        recommended_level: eb.ref('excluded.recommended_level'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .execute();
}
