/**
 * What the demo directory's services look like, kind by kind: names ({town} is filled in), a plain
 * English description, who runs them, where and when they happen and what they cost. The generator
 * (services.ts) draws from these, so the demo reads like a real Fenland directory.
 */
import type { KindTemplate } from './kind-template.js';
import { groupsAndBreaksKinds } from './kinds-groups-and-breaks.js';
import { arrangingSupportKinds } from './kinds-arranging-support.js';
import { daysAdviceAndCompanyKinds } from './kinds-days-advice-and-company.js';

export { lunchCost, type KindTemplate, type Venue } from './kind-template.js';

/** Every kind, in this order: service n has kind n mod 17, so the order decides each service's kind. */
export const kindTemplates: readonly KindTemplate[] = [
  ...groupsAndBreaksKinds,
  ...arrangingSupportKinds,
  ...daysAdviceAndCompanyKinds,
];

/** Parts of a town, to tell apart its several groups of one kind ("North Wisbech Lunch Club"). */
export const townQuarters = ['North', 'South', 'East', 'West', 'Central', 'Old', 'Upper', 'Lower'];
/** Streets groups meet in, for a town with more groups of a kind than it has parts. */
export const meetingStreets = [
  'High Street',
  'Church Lane',
  'Station Road',
  'Mill Road',
  'The Causeway',
  'Victoria Road',
  'Queen Street',
  'Market Street',
  'Chapel Street',
  'The Green',
  'Broad Street',
  'New Road',
];

/** Venues for group sessions and offices; {town} is filled in. */
export const hallVenues = [
  '{town} Library',
  '{town} Community Centre',
  'Methodist Church Hall, {town}',
  'St Mary’s Church Hall, {town}',
  '{town} Village Hall',
  '{town} Leisure Centre',
  'The Hub, {town}',
];
export const officeVenues = [
  '{town} Library',
  'Fenshire Resource Centre, {town}',
  'The Old Bank, {town}',
  'Market Place Offices, {town}',
];

export const accessibilityNotes = [
  { description: 'Step-free access', details: 'Level entrance, accessible toilet and a hearing loop.' },
  {
    description: 'Wheelchair accessible',
    details: 'Ramp at the side door; accessible toilet; parking for blue badge holders.',
  },
  {
    description: 'Partly accessible',
    details: 'One step at the entrance (a portable ramp is available); no hearing loop.',
  },
  {
    description: 'Dementia friendly',
    details: 'Clear signs, quiet room, staff trained as dementia friends; accessible toilet.',
  },
];

export const otherLanguages = [
  { name: 'Polish', code: 'pl' },
  { name: 'Lithuanian', code: 'lt' },
  { name: 'Latvian', code: 'lv' },
  { name: 'Portuguese', code: 'pt' },
  { name: 'Gujarati', code: 'gu' },
  { name: 'Bengali', code: 'bn' },
  { name: 'British Sign Language', code: 'bfi' },
  { name: 'Russian', code: 'ru' },
];

export const contactFirstNames = [
  'Sue',
  'Dave',
  'Karen',
  'Agnieszka',
  'Raj',
  'Helen',
  'Tomas',
  'Janet',
  'Mark',
  'Priti',
  'Gill',
  'Steve',
  'Lina',
  'Pat',
  'Ruth',
  'Kevin',
];
export const contactFamilyNames = [
  'Baxter',
  'Cooper',
  'Nowak',
  'Patel',
  'Fisher',
  'Kazlauskas',
  'Thompson',
  'Harding',
  'Mistry',
  'Gray',
  'Woods',
  'Sharpe',
];
export const contactTitles = [
  'Group organiser',
  'Coordinator',
  'Service manager',
  'Volunteer lead',
  'Duty adviser',
  'Branch manager',
];
export const fundingSources = [
  'Fenshire County Council grant',
  'Charitable donations and fundraising',
  'National Lottery grant',
  'Fees paid by people who use the service',
  'NHS Cambridgeshire and Peterborough grant',
];
