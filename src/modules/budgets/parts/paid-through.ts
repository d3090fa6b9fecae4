import type { Tx } from '../../../platform/db/scope.js';

/**
 * The last day a part has been paid for in advance, or null when nothing has been paid. Until payment
 * runs exist, nothing is paid in advance. (Replaced when the runs land: the latest paid period's end.)
 */
export async function paidThrough(tx: Tx, partId: string): Promise<string | null> {
  void tx;
  void partId;
  return null;
}
