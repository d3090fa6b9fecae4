/**
 * How an assessment of the care someone gives speaks of them. Nobody is called a carer on a page
 * unless they accept the word (relationship.carer_label 'accepted', people module): Mr Jones looks
 * after his wife every day and does not see himself as one (scenario S1). The regulations' own
 * wording says "the carer", so for anyone else it is put in plain terms about them.
 */

const REPLACEMENTS: readonly [RegExp, string][] = [
  [/the carer has\b/gi, 'they have'],
  [/the carer provides\b/gi, 'they provide'],
  [/the carer['’]s home/gi, 'their home'],
  [/\bthe carer\b/gi, 'they'],
  [/\ba carer\b/gi, 'someone giving care'],
  [/\bcarers['’]?\b/gi, 'people giving care'],
  [/\bcarer['’]s\b/gi, 'care-giver’s'],
  [/\bcarer\b/gi, 'person giving care'],
];

/** The text as it may be shown about this person: unchanged if they accept the word "carer". */
export function carerWording(text: string, acceptsCarerLabel: boolean): string {
  if (acceptsCarerLabel) return text;
  return REPLACEMENTS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** "Edna Jones", "Edna Jones and Pat Smith", "A, B and C". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the assessment is called on its pages and on the timeline. */
export function assessmentTitle(
  kind: 'adult' | 'carer',
  opts: { acceptsCarerLabel: boolean; caredForNames: readonly string[] },
): string {
  if (kind === 'adult') return 'Assessment of care and support needs';
  if (opts.acceptsCarerLabel) return 'Carer’s assessment';
  return opts.caredForNames.length > 0
    ? `Assessment of the care they give to ${namesList(opts.caredForNames)}`
    : 'Assessment of the care they give';
}
