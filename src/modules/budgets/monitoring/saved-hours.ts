import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import { ValidationError } from '../../../platform/http/errors.js';
import * as repo from './repository.js';

/**
 * Saved-up hours (S8): hours the plan allows to be carried forward — unused hours saved for a week,
 * spent later (respite). An append-only ledger in hundredths of an hour; the balance is its sum and
 * can never go below zero (the part is locked by the caller, so two uses at once cannot both pass).
 */
export interface SavedHoursEntry {
  direction: 'save' | 'use';
  hundredths: number;
  weekOf: string;
  note: string;
}

/** '2.5' → 250, '3' → 300, '0.25' → 25; null if it is not a number of hours up to 168 with at most 2 decimals. */
export function parseHours(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return hundredths > 0 && hundredths <= 16800 ? hundredths : null;
}

/** 250 → '2.5', 300 → '3', -25 → '-0.25'. */
export function formatHours(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const fraction =
    abs % 100 === 0
      ? ''
      : `.${String(abs % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`;
  return `${sign}${Math.floor(abs / 100)}${fraction}`;
}

export async function addSavedHours(
  tx: Tx,
  partId: string,
  entry: SavedHoursEntry,
  by: string | null,
): Promise<number> {
  const balance = await repo.savedHoursBalance(tx, partId);
  if (entry.direction === 'use' && entry.hundredths > balance)
    throw new ValidationError([{ text: `There are only ${formatHours(balance)} saved hours to use`, href: '#hours' }]);
  await tx
    .insertInto('budget_saved_hours')
    .values({
      org_id: scopedOrgId,
      part_id: partId,
      hundredths: entry.direction === 'save' ? entry.hundredths : -entry.hundredths,
      week_of: entry.weekOf,
      note: entry.note,
      created_by: by,
    } as never)
    .execute();
  return balance + (entry.direction === 'save' ? entry.hundredths : -entry.hundredths);
}
