import { penceToPounds } from '../../platform/money.js';
import type { ServiceInput } from './model.js';

const labels: [keyof ServiceInput, string][] = [
  ['name', 'Name'],
  ['description', 'What it offers'],
  ['organizationName', 'Organisation'],
  ['url', 'Website'],
  ['email', 'Email'],
  ['status', 'Status'],
  ['eligibilityDescription', 'Who it is for'],
  ['minimumAge', 'Minimum age'],
  ['maximumAge', 'Maximum age'],
  ['location', 'Address'],
  ['schedules', 'Opening times'],
  ['contacts', 'Contacts'],
  ['costOptions', 'Costs'],
  ['languages', 'Languages'],
  ['serviceAreas', 'Areas served'],
  ['kinds', 'Kinds of service'],
  ['acceptsDirectPayments', 'Accepts direct payments'],
  ['freeOrLowCost', 'Free or low cost'],
  ['ownerName', 'Owner'],
  ['lastChecked', 'Last checked'],
];

/** A readable one-line form of a value, for the "what is different now" table. */
function show(key: keyof ServiceInput, value: unknown, termNames: Map<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (key === 'location') {
    const l = value as NonNullable<ServiceInput['location']>;
    return [l.name, l.address1, l.address2, l.city, l.postcode].filter(Boolean).join(', ');
  }
  if (key === 'schedules')
    return (value as ServiceInput['schedules'])
      .map((s) => `${s.days.join(' ')} ${s.opensAt ?? ''}–${s.closesAt ?? ''} ${s.description ?? ''}`.trim())
      .sort()
      .join('; ');
  if (key === 'contacts')
    return (value as ServiceInput['contacts'])
      .map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' '))
      .sort()
      .join('; ');
  if (key === 'costOptions')
    return (value as ServiceInput['costOptions'])
      .map((c) =>
        [c.option, c.amountPence === null ? null : `£${penceToPounds(c.amountPence)}`, c.amountDescription]
          .filter(Boolean)
          .join(' '),
      )
      .sort()
      .join('; ');
  if (key === 'kinds')
    return (value as string[])
      .map((id) => termNames.get(id) ?? id)
      .sort()
      .join(', ');
  if (Array.isArray(value)) return [...value].sort().join(', ');
  return String(value);
}

/** For a refused stale edit: each part where the saved entry now differs from what was submitted. */
export function describeServiceChanges(
  current: ServiceInput,
  submitted: ServiceInput,
  termNames: Map<string, string> = new Map(),
): { field: string; yours: string; theirs: string }[] {
  return labels
    .map(([key, field]) => ({
      field,
      yours: show(key, submitted[key], termNames),
      theirs: show(key, current[key], termNames),
    }))
    .filter((c) => c.yours !== c.theirs);
}
