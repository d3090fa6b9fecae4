/**
 * Everyday words people use for what they need, and the directory words and service kinds (term
 * codes of "Fenshire service kinds") they mean. Someone typing "lonely" wants befriending and
 * community groups even if no entry uses the word. Keep this list short and in plain English;
 * add to it when search logs show people not finding things.
 */
interface Synonym {
  phrases: string[];
  words: string[];
  kinds: string[];
}

export const synonyms: Synonym[] = [
  {
    phrases: [
      'lonely',
      'loneliness',
      'isolated',
      'on my own',
      'alone',
      'no friends',
      'company',
      'someone to talk to',
      'talk to',
      'chat',
      'phone me',
      'call me',
      'visit me',
      'visitor',
      'befriender',
    ],
    words: ['befriending', 'friendship', 'social', 'company'],
    kinds: ['befriending', 'community-activities'],
  },
  {
    phrases: ['meet people', 'meet new people', 'make friends', 'new friends', 'get out of the house'],
    words: ['meet', 'group', 'friendly'],
    kinds: ['community-activities', 'befriending'],
  },
  {
    phrases: [
      'carer break',
      'carers break',
      'a break',
      'break from caring',
      'respite',
      'time off',
      'rest from caring',
      'sit with',
      'sitter',
      'sitting',
      'cover if',
      'emergency cover',
      'time to myself',
    ],
    words: ['respite', 'break', 'sitting'],
    kinds: ['short-breaks', 'carers-groups'],
  },
  {
    phrases: ['carer', 'caring for', 'look after my', 'looking after', 'i care for'],
    words: ['carer'],
    kinds: ['carers-groups', 'short-breaks'],
  },
  {
    phrases: ['memory', 'forgetful', 'forgetting', 'confused', 'alzheimer', 'alzheimers', 'dementia'],
    words: ['dementia', 'memory'],
    kinds: ['dementia-support'],
  },
  {
    phrases: ['direct payment', 'personal budget', 'my budget', 'manage money', 'pay my carer'],
    words: ['direct', 'payment', 'budget'],
    kinds: ['direct-payment-support', 'payroll-managed-accounts'],
  },
  {
    phrases: ['payroll', 'payslip', 'tax and pension', 'managed account'],
    words: ['payroll', 'managed'],
    kinds: ['payroll-managed-accounts'],
  },
  {
    phrases: [
      'getting about',
      'getting out',
      'lift',
      'bus',
      'drive',
      'driving',
      'cant drive',
      'get to the shops',
      'getting to the shops',
      'shopping',
      'hospital appointment',
      'to the hospital',
      'to the doctor',
      'taxi',
    ],
    words: ['transport', 'travel', 'lifts', 'driver'],
    kinds: ['transport'],
  },
  {
    phrases: [
      'fall',
      'falling',
      'fell',
      'grab rail',
      'equipment',
      'aids',
      'wheelchair',
      'alarm',
      'pendant',
      'stairs',
      'bath lift',
      'walking frame',
      'adaptation',
    ],
    words: ['equipment', 'alarm', 'technology'],
    kinds: ['equipment-assistive-technology'],
  },
  {
    phrases: [
      'help at home',
      'washing',
      'washed',
      'dressing',
      'dressed',
      'getting up',
      'care at home',
      'home help',
      'home care',
      'at night',
      'overnight',
      'night',
      'bathing',
      'shower',
      'medicines',
      'tablets',
    ],
    words: ['home', 'care'],
    kinds: ['home-care-agencies', 'personal-assistant-finders'],
  },
  {
    phrases: ['personal assistant', 'pa', 'employ someone', 'employ a'],
    words: ['personal', 'assistant'],
    kinds: ['personal-assistant-finders', 'payroll-managed-accounts'],
  },
  {
    phrases: [
      'speak up',
      'speak for me',
      'advocate',
      'my rights',
      'complain',
      'not listened to',
      'listen',
      'nobody listen',
      'have my say',
    ],
    words: ['advocacy'],
    kinds: ['advocacy'],
  },
  {
    phrases: ['something to do', 'day centre', 'hobby', 'hobbies', 'activities', 'things to do', 'club', 'in the day'],
    words: ['activities', 'club', 'group'],
    kinds: ['day-opportunities', 'community-activities'],
  },
  {
    // Lunch clubs and day centres serve meals, but so few groups of those kinds do that the words decide.
    phrases: ['meal', 'hot meal', 'lunch', 'dinner', 'food', 'cooked', 'eat'],
    words: ['lunch', 'meal'],
    kinds: [],
  },
  {
    phrases: [
      'stroke',
      'parkinsons',
      'diabetes',
      'sight',
      'blind',
      'hearing',
      'deaf',
      'pain',
      'my condition',
      'diagnosis',
    ],
    words: ['peer', 'support'],
    kinds: ['peer-support'],
  },
  {
    phrases: ['people like me', 'someone who understands', 'who understand', 'support group', 'been there'],
    words: ['peer', 'group'],
    kinds: ['peer-support'],
  },
  {
    phrases: ['time bank', 'swap skills', 'volunteer', 'volunteering', 'odd jobs'],
    words: ['timebank', 'volunteer'],
    kinds: ['timebanks', 'community-activities'],
  },
  {
    phrases: [
      'advice',
      'information',
      'benefits',
      'what help is there',
      'who can help',
      'money',
      'debt',
      'bills',
      'forms',
      'pension',
    ],
    words: ['advice', 'information'],
    kinds: ['information-advice'],
  },
  {
    phrases: ['support plan', 'plan my support', 'broker', 'brokerage', 'spend my budget', 'personal budget'],
    words: ['brokerage', 'planning'],
    kinds: ['independent-brokerage'],
  },
];

/**
 * Words that say someone wants something but not what ("help with my garden"): they match half the
 * directory, so they do not count as search words unless nothing else was typed.
 */
const VAGUE = new Set(
  'help helping support need needs want looking find someone somebody service services please get can cant any more keep like would me my'.split(
    ' ',
  ),
);

export interface Expansion {
  /** The person's own words that say what they want (vague words left out unless nothing else was typed). */
  words: string[];
  /** Directory words their phrases mean. */
  addedWords: string[];
  /** Service kinds (term codes) their phrases point to, the kinds they mean most first. */
  kinds: string[];
  /** The kind each phrase means most (the first of its kinds): these count twice in the ranking. */
  primaryKinds: string[];
}

/** Split into plain words: letters and digits only, so nothing reaches the full-text parser as syntax. */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Plural or singular, "grab rails" is "grab rail": enough for matching phrases, not a stemmer. */
const singular = (word: string) =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
const phraseKey = (text: string) => ` ${plainWords(text).map(singular).join(' ')} `;

/** Expand what someone typed with the meaning of any everyday phrases in it. */
export function expandQuery(text: string): Expansion {
  const own = plainWords(text);
  const padded = phraseKey(text);
  const added = new Set<string>();
  const primary = new Set<string>();
  const kinds = new Set<string>();
  for (const synonym of synonyms) {
    if (!synonym.phrases.some((phrase) => padded.includes(phraseKey(phrase)))) continue;
    for (const w of synonym.words) added.add(w);
    if (synonym.kinds[0]) primary.add(synonym.kinds[0]);
    for (const k of synonym.kinds) kinds.add(k);
  }
  const specific = own.filter((w) => !VAGUE.has(w));
  const words = [...new Set(specific.length ? specific : own)].slice(0, 20);
  return {
    words,
    addedWords: [...added].filter((w) => !words.includes(w)).slice(0, 20),
    kinds: [...primary, ...[...kinds].filter((k) => !primary.has(k))],
    primaryKinds: [...primary],
  };
}

/** Every word the everyday phrases know, for the spelling check. */
export function phraseVocabulary(): string[] {
  return [...new Set(synonyms.flatMap((s) => [...s.phrases, ...s.words].flatMap(plainWords)))];
}
