import { apportion } from '../../allocation/index.js';

/**
 * An expense shared equally among the members who took part, in whole pence that add up exactly to
 * the expense: the largest remainder method (allocation's `apportion`), so £100 among three members
 * is £33.34, £33.33, £33.33 — the extra penny to the first listed, the same every time.
 */
export function equalShares(totalPence: number, members: number): number[] {
  if (members < 1) throw new RangeError('An expense is shared among at least one member');
  const total = BigInt(totalPence);
  return apportion(Array<bigint>(members).fill(total), BigInt(members), total).map(Number);
}
