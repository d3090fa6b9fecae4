import type { Rng } from '../generate/random.js';
import { patchTowns, patchWeights } from '../generate/places.js';
import { meetingStreets, otherLanguages, townQuarters, type KindTemplate } from './catalogue.js';
import { townNamed, type DemoTown } from './places.js';

/**
 * What the generator (services.ts) chooses for each demo service beyond its kind's template: the town,
 * a name no other service has, who runs it, its phone number and languages, and why one was withdrawn.
 */

export const withdrawalReasons = [
  'The group has closed.',
  'Funding for the service ended.',
  'Merged with another group in the directory.',
  'The organiser has moved away and nobody has taken it on.',
];

const patchOf = new Map(
  Object.entries(patchTowns).flatMap(([patch, towns]) => towns.map((t) => [t.town, patch] as const)),
);
export const townChoices = Object.entries(patchTowns).flatMap(([patch, towns]) => {
  const patchWeight = patchWeights.find(([p]) => p === patch)?.[1] ?? 10;
  const total = towns.reduce((sum, t) => sum + t.weight, 0);
  // A floor so the smallest villages still have something near them.
  return towns.map((t) => [townNamed(t.town), 2 + (t.weight / total) * patchWeight] as const);
});

/** Which organisation runs a service: its name says so for some, otherwise the local one for its patch. */
export function organisationFor(rng: Rng, template: KindTemplate, name: string, town: DemoTown): string {
  if (/Polish|Lithuanian/.test(name)) return 'easternEuropean';
  if (/Asian/.test(name)) return 'asianElders';
  if (/Men’s Shed/.test(name)) return 'mensSheds';
  if (/Learning Disability|Gardening|Work Skills/.test(name)) return 'dayOpportunities';
  const patch = patchOf.get(town.town);
  if (template.kind === 'home-care-agencies')
    return rng.pick(
      patch === 'Fenland North'
        ? ['nene', 'homecareFenshire']
        : patch === 'Cathedral City'
          ? ['ouse', 'homecareFenshire']
          : ['granta'],
    );
  if (template.kind === 'transport')
    return patch === 'Fenland North'
      ? 'fenlandTransport'
      : patch === 'Cathedral City'
        ? 'elyTransport'
        : 'grantaNeighbours';
  return rng.pick(template.organisations);
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/’/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A name no other service has. Real directories tell a town's several groups of one kind apart by
 * the part of town, then by the street they meet in, so the generator does the same when a big
 * directory (the benchmark's 10,000) runs out of plain names; a number would leak into public pages.
 */
export function uniqueName(rng: Rng, template: KindTemplate, town: DemoTown, used: Set<string>): string {
  const start = rng.int(0, template.names.length - 1);
  const patterns = template.names.map((_, i) => template.names[(start + i) % template.names.length]!);
  const candidates = function* () {
    for (const place of [town.town, ...townQuarters.map((q) => `${q} ${town.town}`)])
      for (const pattern of patterns) yield pattern.replaceAll('{town}', place);
    for (const place of [town.town, ...townQuarters.map((q) => `${q} ${town.town}`)])
      for (const street of meetingStreets) for (const pattern of patterns) yield onStreet(pattern, street, place);
  };
  for (const name of candidates()) {
    if (used.has(name)) continue;
    used.add(name);
    return name;
  }
  // Beyond ~5,000 of one kind in one town: a repeated name is still a plausible name.
  return patterns[0]!.replaceAll('{town}', town.town);
}

/** "Church Lane Lunch Club, Ely", "Home Care – Church Lane, Ely". */
function onStreet(pattern: string, street: string, place: string): string {
  return pattern.startsWith('{town}')
    ? `${pattern.replace('{town}', street)}, ${place}`
    : pattern.replaceAll('{town}', `${street}, ${place}`);
}

/** Ofcom's drama range, 01632 960000–960999: never a real number. Unique while the range lasts. */
export function dramaNumber(rng: Rng, used: Set<number>): string {
  let k = rng.int(0, 999);
  for (let i = 0; i < 1000 && used.has(k); i += 1) k = (k + 1) % 1000;
  used.add(k);
  return `01632 960${String(k).padStart(3, '0')}`;
}

const english = { name: 'English', code: 'en' };
export function languagesFor(rng: Rng, organisationKey: string): { name: string; code: string }[] {
  if (organisationKey === 'easternEuropean')
    return [
      english,
      { name: 'Polish', code: 'pl' },
      { name: 'Lithuanian', code: 'lt' },
      { name: 'Latvian', code: 'lv' },
      { name: 'Russian', code: 'ru' },
    ];
  if (organisationKey === 'asianElders')
    return [
      english,
      { name: 'Gujarati', code: 'gu' },
      { name: 'Hindi', code: 'hi' },
      { name: 'Punjabi', code: 'pa' },
      { name: 'Bengali', code: 'bn' },
    ];
  return rng.chance(0.15) ? [english, rng.pick(otherLanguages)] : [english];
}
