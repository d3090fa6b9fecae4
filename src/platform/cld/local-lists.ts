/**
 * Configurable ("local") lists for fields the CLD standard does not define, kept beside the CLD lists
 * so forms use the same helpers (listValues, labelFor, govukItems, zodCldValue) for both.
 *
 * Why here and not in a database table: these are small, reviewed vocabularies that code depends on
 * (e.g. tests, seed data). A council wanting different values changes this file in one place; the
 * codes are stable slugs so that relabelling never rewrites stored records.
 */
import type { DefinedValue, ListDefinition } from './lists.js';
import { cldFieldLocalLists, type CldFieldLocalListId } from './local-lists-cld-fields.js';

export type LocalListId = 'relationshipType' | 'communicationMethod' | 'language' | CldFieldLocalListId;
export type LocalList = ListDefinition<LocalListId>;

const relationshipTypes: readonly DefinedValue[] = [
  { code: 'spouse-or-partner', label: 'Spouse or partner' },
  { code: 'son', label: 'Son' },
  { code: 'daughter', label: 'Daughter' },
  { code: 'parent', label: 'Parent' },
  { code: 'sibling', label: 'Brother or sister' },
  { code: 'grandchild', label: 'Grandchild' },
  { code: 'other-family', label: 'Other family member' },
  { code: 'friend', label: 'Friend' },
  { code: 'neighbour', label: 'Neighbour' },
  { code: 'professional', label: 'Professional' },
  { code: 'other', label: 'Other' },
];

const communicationMethods: readonly DefinedValue[] = [
  { code: 'bsl', label: 'British Sign Language' },
  { code: 'easy-read', label: 'Easy Read' },
  { code: 'large-print', label: 'Large print' },
  { code: 'makaton', label: 'Makaton' },
  { code: 'braille', label: 'Braille' },
  { code: 'audio', label: 'Audio or spoken information' },
  { code: 'interpreter', label: 'Spoken language interpreter' },
  { code: 'deafblind-manual', label: 'Deafblind manual alphabet' },
  { code: 'speech-and-language-support', label: 'Speech and language support' },
  { code: 'other', label: 'Other' },
];

/**
 * Languages most often recorded by English councils. Codes are ISO 639-1 where one exists; otherwise
 * a BCP 47 tag: 'zh-yue' / 'zh-cmn' so Cantonese and Mandarin (both "Chinese" in ISO 639-1) can be told
 * apart for interpreter bookings, and ISO 639-3 for languages without a two-letter code ('bfi' British
 * Sign Language, 'syl' Sylheti). English first because it is by far the most common answer; the rest
 * are in alphabetical order of their English name.
 */
const languages: readonly DefinedValue[] = [
  { code: 'en', label: 'English' },
  { code: 'sq', label: 'Albanian' },
  { code: 'am', label: 'Amharic' },
  { code: 'ar', label: 'Arabic' },
  { code: 'bn', label: 'Bengali' },
  { code: 'bfi', label: 'British Sign Language' },
  { code: 'bg', label: 'Bulgarian' },
  { code: 'zh-yue', label: 'Chinese (Cantonese)' },
  { code: 'zh-cmn', label: 'Chinese (Mandarin)' },
  { code: 'cs', label: 'Czech' },
  { code: 'fa', label: 'Farsi (Persian)' },
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'el', label: 'Greek' },
  { code: 'gu', label: 'Gujarati' },
  { code: 'hi', label: 'Hindi' },
  { code: 'hu', label: 'Hungarian' },
  { code: 'ig', label: 'Igbo' },
  { code: 'ga', label: 'Irish' },
  { code: 'it', label: 'Italian' },
  { code: 'ku', label: 'Kurdish' },
  { code: 'lv', label: 'Latvian' },
  { code: 'lt', label: 'Lithuanian' },
  { code: 'ml', label: 'Malayalam' },
  { code: 'ne', label: 'Nepali' },
  { code: 'ps', label: 'Pashto' },
  { code: 'pl', label: 'Polish' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'pa', label: 'Punjabi' },
  { code: 'ro', label: 'Romanian' },
  { code: 'ru', label: 'Russian' },
  { code: 'gd', label: 'Scottish Gaelic' },
  { code: 'sk', label: 'Slovak' },
  { code: 'so', label: 'Somali' },
  { code: 'es', label: 'Spanish' },
  { code: 'sw', label: 'Swahili' },
  { code: 'syl', label: 'Sylheti' },
  { code: 'tl', label: 'Tagalog (Filipino)' },
  { code: 'ta', label: 'Tamil' },
  { code: 'te', label: 'Telugu' },
  { code: 'ti', label: 'Tigrinya' },
  { code: 'tr', label: 'Turkish' },
  { code: 'uk', label: 'Ukrainian' },
  { code: 'ur', label: 'Urdu' },
  { code: 'vi', label: 'Vietnamese' },
  { code: 'cy', label: 'Welsh' },
  { code: 'yo', label: 'Yoruba' },
  // A language not listed is still recordable; the form should ask which one in a text field.
  { code: 'other', label: 'Another language' },
];

export const localLists: Readonly<Record<LocalListId, LocalList>> = Object.freeze({
  ...cldFieldLocalLists,
  relationshipType: {
    id: 'relationshipType',
    field: 'Relationship to the person',
    source: 'Local list (no CLD equivalent)',
    values: relationshipTypes,
  },
  communicationMethod: {
    id: 'communicationMethod',
    field: 'Communication needs',
    // Aligns with the Accessible Information Standard's kinds of support; CLD has no such field.
    source: 'Local list (no CLD equivalent)',
    values: communicationMethods,
  },
  language: {
    id: 'language',
    field: 'Main language',
    source: 'Local list: ISO 639-1 codes (BCP 47 / ISO 639-3 where none exists)',
    values: languages,
  },
});
