import { Temporal } from 'temporal-polyfill';
import { penceToPounds } from '../../../platform/money.js';

/**
 * A plausible statement for the demo county's seed: for each week from `from`, a PA's wages and a
 * day centre, spending `spentShare` of the weekly amount (so a share under 1 builds a surplus that
 * the monitoring check then flags). Deterministic: the same arguments give the same CSV, byte for byte.
 */
export function demoStatementCsv(opts: { weeklyPence: number; from: string; weeks: number; spentShare: number }): {
  csv: string;
  spentPence: number;
} {
  const lines = ['date,description,amount,reference'];
  let spentPence = 0;
  for (let week = 0; week < opts.weeks; week++) {
    const day = Temporal.PlainDate.from(opts.from).add({ weeks: week });
    const weekSpend = Math.floor(opts.weeklyPence * opts.spentShare);
    const wages = Math.floor(weekSpend * 0.7);
    const dayCentre = weekSpend - wages;
    lines.push(`${day.toString()},PA wages,-${penceToPounds(wages)},W${week + 1}`);
    if (dayCentre > 0)
      lines.push(`${day.add({ days: 2 }).toString()},Day centre,-${penceToPounds(dayCentre)},D${week + 1}`);
    spentPence += weekSpend;
  }
  return { csv: `${lines.join('\n')}\n`, spentPence };
}
