import type { FieldError } from '../../../platform/http/errors.js';
import type { CrisisSettings, UrgencyLevel } from '../settings.js';

/**
 * The crisis settings form: the urgency levels as numbered rows (label, response time in hours or
 * minutes, order, remove) and the time limit. Works without JavaScript: "Add another level" posts
 * the form back with one more empty row.
 */
export interface LevelRow {
  key: string;
  label: string;
  amount: string;
  unit: 'hours' | 'minutes';
  order: string;
  remove: boolean;
}
export interface SettingsValues {
  levels: LevelRow[];
  timeLimitDays: string;
  warnDays: string;
  version: string;
}

const MAX_LEVELS = 12;
/** Two weeks: the longest response target the database accepts. */
const MAX_MINUTES = 20_160;
const KEY = /^[a-z0-9_]{1,40}$/;
type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function valuesFromSettings(settings: CrisisSettings, version: string): SettingsValues {
  return {
    levels: settings.urgencyLevels.map((l, i) => ({
      key: l.key,
      label: l.label,
      remove: false,
      order: String(i + 1),
      ...(l.responseMinutes % 60 === 0
        ? { amount: String(l.responseMinutes / 60), unit: 'hours' as const }
        : { amount: String(l.responseMinutes), unit: 'minutes' as const }),
    })),
    timeLimitDays: String(settings.timeLimitDays),
    warnDays: String(settings.warnDays),
    version,
  };
}

export function valuesFromBody(body: Body): SettingsValues {
  const levels: LevelRow[] = [];
  for (let i = 0; i < MAX_LEVELS; i++) {
    const p = `levels-${i}`;
    if (!(`${p}-label` in body)) continue;
    levels.push({
      key: text(body[`${p}-key`]),
      label: text(body[`${p}-label`]),
      amount: text(body[`${p}-amount`]),
      unit: body[`${p}-unit`] === 'minutes' ? 'minutes' : 'hours',
      order: text(body[`${p}-order`]),
      remove: body[`${p}-remove`] === 'yes',
    });
  }
  return {
    levels,
    timeLimitDays: text(body.timeLimitDays),
    warnDays: text(body.warnDays),
    version: text(body.version),
  };
}

export function withEmptyRow(values: SettingsValues): SettingsValues {
  if (values.levels.length >= MAX_LEVELS) return values;
  return {
    ...values,
    levels: [
      ...values.levels,
      { key: '', label: '', amount: '', unit: 'hours', order: String(values.levels.length + 1), remove: false },
    ],
  };
}

/** A key made from the label ("Within 2 hours" → within_2_hours), made unique among `taken`. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 34) || 'level';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

const wholeNumber = (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : null);

export type ParsedSettings =
  | { data: { timeLimitDays: number; warnDays: number; urgencyLevels: UrgencyLevel[] }; errors?: undefined }
  | { data?: undefined; errors: FieldError[] };

export function parseSettings(values: SettingsValues): ParsedSettings {
  const errors: FieldError[] = [];
  const kept: { row: LevelRow; index: number; minutes: number; order: number }[] = [];
  const labels = new Set<string>();
  values.levels.forEach((row, index) => {
    const p = `levels-${index}`;
    // A blank added row, or one marked for removal, is simply left out.
    if (row.remove || (!row.label && !row.amount && !row.key)) return;
    if (!row.label) errors.push({ text: `Enter a label for urgency level ${index + 1}`, href: `#${p}-label` });
    else if (row.label.length > 60)
      errors.push({
        text: `The label for urgency level ${index + 1} must be 60 characters or fewer`,
        href: `#${p}-label`,
      });
    else if (labels.has(row.label.toLowerCase()))
      errors.push({ text: `Urgency level ${index + 1} has the same label as another level`, href: `#${p}-label` });
    labels.add(row.label.toLowerCase());
    const amount = wholeNumber(row.amount);
    const minutes = amount === null ? null : row.unit === 'hours' ? amount * 60 : amount;
    if (amount === null)
      errors.push({
        text: `Enter the response time for urgency level ${index + 1} as a whole number`,
        href: `#${p}-amount`,
      });
    else if (minutes! < 1 || minutes! > MAX_MINUTES)
      errors.push({
        text: `The response time for urgency level ${index + 1} must be between 1 minute and 336 hours (14 days)`,
        href: `#${p}-amount`,
      });
    const order = row.order === '' ? index + 1 : wholeNumber(row.order);
    if (order === null)
      errors.push({ text: `Enter the order of urgency level ${index + 1} as a whole number`, href: `#${p}-order` });
    kept.push({ row, index, minutes: minutes ?? 0, order: order ?? 0 });
  });
  if (kept.length === 0) errors.push({ text: 'Keep at least one urgency level', href: '#levels-0-label' });
  const limit = wholeNumber(values.timeLimitDays);
  const warn = wholeNumber(values.warnDays);
  if (limit === null || limit < 1 || limit > 365)
    errors.push({ text: 'Enter the time limit as a whole number of days from 1 to 365', href: '#timeLimitDays' });
  if (warn === null || warn > 60)
    errors.push({ text: 'Enter the warning as a whole number of days from 0 to 60', href: '#warnDays' });
  else if (limit !== null && warn >= limit)
    errors.push({
      text: 'The warning must come before the time limit: enter fewer days than the time limit',
      href: '#warnDays',
    });
  if (errors.length) return { errors };
  // Existing levels keep their key (episodes remember the key they were triaged with); new ones get one from their label.
  const taken = new Set<string>();
  const ordered = [...kept].sort((a, b) => a.order - b.order || a.index - b.index);
  const urgencyLevels = ordered.map(({ row, minutes }) => {
    const key =
      KEY.test(row.key) && !taken.has(row.key)
        ? row.key
        : keyFromLabel(row.label, new Set([...taken, ...kept.map((k) => k.row.key)]));
    taken.add(key);
    return { key, label: row.label, responseMinutes: minutes };
  });
  return { data: { timeLimitDays: limit!, warnDays: warn!, urgencyLevels } };
}
