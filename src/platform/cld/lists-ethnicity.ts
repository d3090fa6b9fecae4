/**
 * CLD Ethnicity defined list (cld.md §3.15). Kept in its own file because R2 re-spelt all 21 values
 * ("Group - detail" became "Group: detail"), so the R1 spellings are carried as retired values to let
 * pre-R2 records display and be mapped forward.
 *
 * R2 values and groups: DHSC `Main_tables/docs/methodology/5-data-cleaning.md` (Ethnicity_Grouped).
 * R1 values: NHSE LTS001b #REF_Ethnicity. Labels are the census-style wording people recognise.
 */
import type { DefinedList, DefinedValue } from './lists.js';

const WHITE = 'White';
const MIXED = 'Mixed or multiple ethnic groups';
const ASIAN = 'Asian or Asian British';
const BLACK = 'Black, Black British, Caribbean or African';
const OTHER = 'Other ethnic group';
const NO_DATA = 'No data';

const current: readonly DefinedValue[] = [
  {
    code: 'White: English, Welsh, Scottish, Northern Irish or British',
    label: 'White: English, Welsh, Scottish, Northern Irish or British',
    group: WHITE,
  },
  { code: 'White: Irish', label: 'White: Irish', group: WHITE },
  { code: 'White: Gypsy or Irish Traveller', label: 'White: Gypsy or Irish Traveller', group: WHITE },
  { code: 'White: Roma', label: 'White: Roma', group: WHITE },
  { code: 'White: Any other White background', label: 'White: any other White background', group: WHITE },
  {
    code: 'Mixed or multiple ethnic groups: White and Black Caribbean',
    label: 'Mixed or multiple ethnic groups: White and Black Caribbean',
    group: MIXED,
  },
  {
    code: 'Mixed or multiple ethnic groups: White and Black African',
    label: 'Mixed or multiple ethnic groups: White and Black African',
    group: MIXED,
  },
  {
    code: 'Mixed or multiple ethnic groups: White and Asian',
    label: 'Mixed or multiple ethnic groups: White and Asian',
    group: MIXED,
  },
  {
    code: 'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
    label: 'Mixed or multiple ethnic groups: any other mixed or multiple ethnic background',
    group: MIXED,
  },
  { code: 'Asian or Asian British: Indian', label: 'Asian or Asian British: Indian', group: ASIAN },
  { code: 'Asian or Asian British: Pakistani', label: 'Asian or Asian British: Pakistani', group: ASIAN },
  { code: 'Asian or Asian British: Bangladeshi', label: 'Asian or Asian British: Bangladeshi', group: ASIAN },
  { code: 'Asian or Asian British: Chinese', label: 'Asian or Asian British: Chinese', group: ASIAN },
  {
    code: 'Asian or Asian British: Any other Asian background',
    label: 'Asian or Asian British: any other Asian background',
    group: ASIAN,
  },
  {
    code: 'Black, Black British, Caribbean or African: African',
    label: 'Black, Black British, Caribbean or African: African',
    group: BLACK,
  },
  {
    code: 'Black, Black British, Caribbean or African: Caribbean',
    label: 'Black, Black British, Caribbean or African: Caribbean',
    group: BLACK,
  },
  {
    code: 'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
    label: 'Black, Black British, Caribbean or African: any other Black, Black British or Caribbean background',
    group: BLACK,
  },
  { code: 'Other ethnic group: Arab', label: 'Other ethnic group: Arab', group: OTHER },
  {
    code: 'Other ethnic group: Any other ethnic group',
    label: 'Other ethnic group: any other ethnic group',
    group: OTHER,
  },
  { code: 'No data: Refused', label: 'Prefers not to say', group: NO_DATA },
  // SALT/ASCOF fall back to this value when a person's records conflict (cld.md §8 item 11).
  { code: 'No data: Undeclared or not known', label: 'Not known', group: NO_DATA },
];

/**
 * R1 spelling → R2 code. R2 changed the separator from " - " to ": " for every value and, for the last,
 * also "Not known" → "not known"; nothing else differs, so the map is written out rather than derived
 * (a derivation would hide a future one-off change).
 */
const r1ToR2: ReadonlyArray<readonly [r1: string, r2: string]> = [
  [
    'White - English, Welsh, Scottish, Northern Irish or British',
    'White: English, Welsh, Scottish, Northern Irish or British',
  ],
  ['White - Irish', 'White: Irish'],
  ['White - Gypsy or Irish Traveller', 'White: Gypsy or Irish Traveller'],
  ['White - Roma', 'White: Roma'],
  ['White - Any other White background', 'White: Any other White background'],
  [
    'Mixed or multiple ethnic groups - White and Black Caribbean',
    'Mixed or multiple ethnic groups: White and Black Caribbean',
  ],
  [
    'Mixed or multiple ethnic groups - White and Black African',
    'Mixed or multiple ethnic groups: White and Black African',
  ],
  ['Mixed or multiple ethnic groups - White and Asian', 'Mixed or multiple ethnic groups: White and Asian'],
  [
    'Mixed or multiple ethnic groups - Any other Mixed or multiple ethnic background',
    'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
  ],
  ['Asian or Asian British - Indian', 'Asian or Asian British: Indian'],
  ['Asian or Asian British - Pakistani', 'Asian or Asian British: Pakistani'],
  ['Asian or Asian British - Bangladeshi', 'Asian or Asian British: Bangladeshi'],
  ['Asian or Asian British - Chinese', 'Asian or Asian British: Chinese'],
  ['Asian or Asian British - Any other Asian background', 'Asian or Asian British: Any other Asian background'],
  ['Black, Black British, Caribbean or African - African', 'Black, Black British, Caribbean or African: African'],
  ['Black, Black British, Caribbean or African - Caribbean', 'Black, Black British, Caribbean or African: Caribbean'],
  [
    'Black, Black British, Caribbean or African - Any other Black, Black British or Caribbean background',
    'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
  ],
  ['Other ethnic group - Arab', 'Other ethnic group: Arab'],
  ['Other ethnic group - Any other ethnic group', 'Other ethnic group: Any other ethnic group'],
  ['No data - Refused', 'No data: Refused'],
  ['No data - Undeclared or Not known', 'No data: Undeclared or not known'],
];

const labelOf = new Map(current.map((v) => [v.code, v.label]));

const retired: readonly DefinedValue[] = r1ToR2.map(([code, replacedBy]) => ({
  code,
  label: labelOf.get(replacedBy) ?? code,
  retired: true,
  replacedBy,
}));

export const ethnicityList = {
  id: 'ethnicity',
  field: 'Ethnicity',
  source: 'CLD R2 via cld.md §3.15 (DHSC 5-data-cleaning.md); R1 retired (NHSE #REF_Ethnicity)',
  evidence: 'confirmed',
  values: [...current, ...retired],
} as const satisfies DefinedList;
