/**
 * Exact shares of money. Amounts are fractions numerator / denominator (pence), worked in BigInt so no
 * product of points, prices and percentages can lose a penny to floating point, however large.
 */

/** n / d rounded to the nearest whole, half up (n ≥ 0, d > 0). */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Whole pence for each share, adding up exactly to `total`, by the largest remainder method: each
 * share is rounded down, then the pence still missing go one each to the shares that lost most in
 * rounding down, and between equal losses to the one listed first. Deterministic: the same shares in
 * the same order always give the same pence. `total` must lie between the sum of the rounded-down
 * shares and that sum plus the number of shares with a remainder (it does for the rounded sum).
 */
export function apportion(numerators: readonly bigint[], denominator: bigint, total: bigint): bigint[] {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  if (numerators.some((n) => n < 0n)) throw new RangeError('Shares must not be negative');
  const floors = numerators.map((n) => n / denominator);
  let missing = total - floors.reduce((sum, f) => sum + f, 0n);
  const withRemainder = numerators.filter((n) => n % denominator !== 0n).length;
  if (missing < 0n || missing > BigInt(withRemainder)) {
    throw new RangeError(`Cannot apportion ${total} exactly among these shares`);
  }
  const order = numerators
    .map((n, index) => ({ index, remainder: n % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = [...floors];
  for (const { index } of order) {
    if (missing === 0n) break;
    result[index] = result[index]! + 1n;
    missing -= 1n;
  }
  return result;
}
