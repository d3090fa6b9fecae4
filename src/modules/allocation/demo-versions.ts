import type { RasAnswerOption, RasDomain, RasQuestion } from './ras-types.js';
import { defineRasVersion, deriveRasVersion } from './ras-validate.js';

/**
 * The demo county's RAS: two published versions, 2025 and 2026 (prices up about 4%, one question
 * added). Figures are illustrative, of the order English councils publish, not any council's own.
 */

/** Answers from least to most help needed, worth the points given. */
function question(key: string, text: string, answers: [string, string, number][]): RasQuestion {
  const options: RasAnswerOption[] = answers.map(([answerKey, answerText, points]) => ({
    key: answerKey,
    text: answerText,
    points,
  }));
  return { key, text, answers: options };
}

const usual: [string, string, number][] = [
  ['none', 'I can do this without help', 0],
  ['some', 'I need some help, some of the time', 2],
  ['most', 'I need help most of the time', 4],
  ['all', 'I need help every time, from someone with me', 6],
];

const domains2025: RasDomain[] = [
  {
    key: 'personal_care',
    label: 'Personal care',
    questions: [
      question('washing', 'Washing, bathing or showering', usual),
      question('dressing', 'Getting dressed and undressed', usual),
      question('toilet', 'Using the toilet and managing continence', [
        ['none', 'I can do this without help', 0],
        ['some', 'I need help now and then, or with pads or a catheter', 3],
        ['most', 'I need help every time, day and night', 7],
      ]),
    ],
  },
  {
    key: 'eating_drinking',
    label: 'Eating and drinking',
    questions: [
      question('meals', 'Preparing meals and drinks', usual),
      question('eating', 'Eating and drinking', [
        ['none', 'I can do this without help', 0],
        ['prompt', 'I need reminding or encouraging', 2],
        ['help', 'I need someone to help me eat and drink', 5],
      ]),
    ],
  },
  {
    key: 'getting_out',
    label: 'Getting out and about',
    questions: [
      question('moving_home', 'Moving around my home safely', usual),
      question('going_out', 'Getting out: shops, appointments, visits', [
        ['none', 'I go out on my own', 0],
        ['transport', 'I need help with transport', 2],
        ['companion', 'I need someone with me when I go out', 5],
      ]),
    ],
  },
  {
    key: 'home',
    label: 'Keeping my home',
    questions: [question('housework', 'Cleaning, laundry and keeping my home safe to live in', usual)],
  },
  {
    key: 'relationships',
    label: 'Relationships and being part of my community',
    questions: [
      question('contact', 'Keeping in touch with family and friends', [
        ['none', 'I keep in touch as I want to', 0],
        ['some', 'I need some help to keep in touch', 2],
        ['isolated', 'I hardly see anyone without help', 4],
      ]),
      question('activities', 'Doing things I enjoy, work, learning or volunteering', [
        ['none', 'I do these without help', 0],
        ['some', 'I need some help to take part', 2],
        ['most', 'I cannot take part without someone with me', 4],
      ]),
    ],
  },
  {
    key: 'carer_support',
    label: 'Support for my family carer',
    questions: [
      question('care_hours', 'How much care does a family member or friend give each week, without pay?', [
        ['none', 'None', 0],
        ['under_20', 'Less than 20 hours', 3],
        ['20_to_49', '20 to 49 hours', 6],
        ['50_or_more', '50 hours or more', 9],
      ]),
      question('carer_coping', 'How is your carer managing?', [
        ['fine', 'They are managing well, or there is no carer', 0],
        ['strain', 'They are finding it hard at times', 2],
        ['breaking', 'They may not be able to carry on', 4],
      ]),
    ],
  },
];

export const rasVersion2025 = defineRasVersion({
  id: 'ras-2025',
  label: 'Fenshire RAS 2025',
  effectiveFrom: '2025-04-01',
  domains: domains2025,
  bands: [
    { fromPoints: 0, toPoints: 20, pencePerPoint: 700 },
    { fromPoints: 21, toPoints: 40, pencePerPoint: 650 },
    { fromPoints: 41, toPoints: 60, pencePerPoint: 600 },
    { fromPoints: 61, toPoints: null, pencePerPoint: 550 },
  ],
  floorWeeklyPence: 2500,
  ceilingWeeklyPence: 125_000,
  networkReductionPercent: {
    personal_care: 50,
    eating_drinking: 50,
    getting_out: 50,
    home: 75,
    relationships: 75,
  },
  carer: {
    domainKey: 'carer_support',
    bands: [
      { fromPoints: 0, toPoints: 2, weeklyPence: 0 },
      { fromPoints: 3, toPoints: 6, weeklyPence: 1500 },
      { fromPoints: 7, toPoints: 10, weeklyPence: 3000 },
      { fromPoints: 11, toPoints: null, weeklyPence: 4500 },
    ],
  },
});

const staySafe: RasDomain = {
  key: 'staying_safe',
  label: 'Staying safe',
  questions: [
    question('night', 'At night', [
      ['none', 'I am safe on my own at night', 0],
      ['check', 'Someone needs to be able to check on me, or be alerted', 3],
      ['awake', 'Someone needs to be awake with me', 8],
    ]),
  ],
};

export const rasVersion2026 = deriveRasVersion(rasVersion2025, {
  id: 'ras-2026',
  label: 'Fenshire RAS 2026',
  effectiveFrom: '2026-04-01',
  domains: [...domains2025.slice(0, -1), staySafe, domains2025.at(-1)!],
  bands: [
    { fromPoints: 0, toPoints: 20, pencePerPoint: 730 },
    { fromPoints: 21, toPoints: 40, pencePerPoint: 675 },
    { fromPoints: 41, toPoints: 60, pencePerPoint: 625 },
    { fromPoints: 61, toPoints: null, pencePerPoint: 575 },
  ],
  floorWeeklyPence: 2600,
  ceilingWeeklyPence: 130_000,
  networkReductionPercent: { ...rasVersion2025.networkReductionPercent, staying_safe: 25 },
  carer: {
    domainKey: 'carer_support',
    bands: [
      { fromPoints: 0, toPoints: 2, weeklyPence: 0 },
      { fromPoints: 3, toPoints: 6, weeklyPence: 1600 },
      { fromPoints: 7, toPoints: 10, weeklyPence: 3100 },
      { fromPoints: 11, toPoints: null, weeklyPence: 4700 },
    ],
  },
});

export const DEMO_RAS_VERSIONS = [rasVersion2025, rasVersion2026] as const;
