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
    phrases: ['lonely', 'loneliness', 'isolated', 'on my own', 'alone', 'no friends', 'company', 'someone to talk to'],
    words: ['befriending', 'friendship', 'social', 'company'],
    kinds: ['befriending', 'community-activities'],
  },
  {
    phrases: ['carer break', 'carers break', 'a break', 'respite', 'time off', 'rest from caring'],
    words: ['respite', 'break', 'sitting'],
    kinds: ['short-breaks', 'carers-groups'],
  },
  {
    phrases: ['carer', 'carers', 'caring for', 'look after my', 'looking after'],
    words: ['carer', 'carers'],
    kinds: ['carers-groups', 'short-breaks'],
  },
  {
    phrases: ['memory', 'forgetful', 'forgetting', 'confused', 'alzheimer', 'alzheimers', 'dementia'],
    words: ['dementia', 'memory'],
    kinds: ['dementia-support'],
  },
  {
    phrases: ['direct payment', 'direct payments', 'personal budget', 'my budget', 'manage money', 'pay my carer'],
    words: ['direct', 'payment', 'budget'],
    kinds: ['direct-payment-support', 'payroll-managed-accounts'],
  },
  {
    phrases: [
      'getting about',
      'getting out',
      'lift',
      'lifts',
      'bus',
      'driving',
      'get to the shops',
      'hospital appointment',
    ],
    words: ['transport', 'travel', 'bus'],
    kinds: ['transport'],
  },
  {
    phrases: ['fall', 'falls', 'falling', 'grab rail', 'equipment', 'aids', 'wheelchair', 'alarm', 'pendant', 'stairs'],
    words: ['equipment', 'alarm', 'technology'],
    kinds: ['equipment-assistive-technology'],
  },
  {
    phrases: ['help at home', 'washing', 'dressing', 'getting up', 'care at home', 'home help'],
    words: ['home', 'care'],
    kinds: ['home-care-agencies', 'personal-assistant-finders'],
  },
  {
    phrases: ['personal assistant', 'pa', 'employ someone'],
    words: ['personal', 'assistant'],
    kinds: ['personal-assistant-finders', 'payroll-managed-accounts'],
  },
  {
    phrases: ['speak up', 'speak for me', 'advocate', 'my rights', 'complain', 'not listened to'],
    words: ['advocacy'],
    kinds: ['advocacy'],
  },
  {
    phrases: ['something to do', 'day centre', 'hobby', 'hobbies', 'activities', 'things to do', 'club', 'clubs'],
    words: ['activities', 'club', 'group'],
    kinds: ['day-opportunities', 'community-activities'],
  },
  {
    phrases: ['people like me', 'someone who understands', 'support group', 'been there'],
    words: ['peer', 'group'],
    kinds: ['peer-support'],
  },
  {
    phrases: ['time bank', 'swap skills', 'volunteer', 'volunteering'],
    words: ['timebank', 'volunteer'],
    kinds: ['timebanks', 'community-activities'],
  },
  {
    phrases: ['advice', 'information', 'benefits', 'what help is there', 'who can help'],
    words: ['advice', 'information'],
    kinds: ['information-advice'],
  },
  {
    phrases: ['support plan', 'plan my support', 'broker', 'brokerage'],
    words: ['brokerage', 'planning'],
    kinds: ['independent-brokerage'],
  },
];

export interface Expansion {
  /** The person's own words, plus the directory words their phrases mean. */
  words: string[];
  /** Service kinds (term codes) their phrases point to. */
  kinds: string[];
}

/** Split into plain words: letters and digits only, so nothing reaches the full-text parser as syntax. */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Expand what someone typed with the meaning of any everyday phrases in it. */
export function expandQuery(text: string): Expansion {
  const own = plainWords(text);
  const padded = ` ${own.join(' ')} `;
  const words = new Set(own);
  const kinds = new Set<string>();
  for (const synonym of synonyms) {
    if (!synonym.phrases.some((phrase) => padded.includes(` ${plainWords(phrase).join(' ')} `))) continue;
    for (const w of synonym.words) words.add(w);
    for (const k of synonym.kinds) kinds.add(k);
  }
  return { words: [...words].slice(0, 30), kinds: [...kinds] };
}
