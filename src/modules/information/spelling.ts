import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { VISIBLE } from './search-repository.js';
import { phraseVocabulary, plainWords } from './synonyms.js';

/**
 * "Did you mean …": a word nobody in the directory uses ("befrending", "lonley") is swapped for the
 * nearest word it does use, by trigram similarity (pg_trgm, as in the people search) or, for letters
 * typed in the wrong order, by edit distance (fuzzystrmatch); both work on PGlite as on PostgreSQL.
 */

/**
 * Every word of the visible services' names, descriptions and who they are for, the service kinds'
 * names and the everyday phrases: the words a search can find. Kept with the directory's answers.
 */
export async function searchVocabulary(tx: Tx): Promise<string[]> {
  const result = await sql<{ word: string }>`
    select distinct word from (
      select regexp_split_to_table(lower(s.name || ' ' || coalesce(s.description, '') || ' ' || coalesce(s.eligibility_description, '')), '[^[:alpha:]]+') as word
      from directory_service s where ${VISIBLE}
      union all
      select regexp_split_to_table(lower(t.name), '[^[:alpha:]]+') from directory_taxonomy_term t
    ) words where length(word) >= 3`.execute(tx);
  return [...new Set([...result.rows.map((r) => r.word), ...phraseVocabulary()])].sort();
}

/** Close enough to be a slip: most letters shared, or the same letters with two swapped. */
const SIMILAR = 0.45;

interface Candidate {
  typed: string;
  word: string;
  similarity: number;
  edits: number;
}

/** A word the directory uses, or the start or a longer form of one ("garden" of "gardening"). */
function isKnown(word: string, vocabulary: readonly string[]): boolean {
  return vocabulary.some((v) => v === word || (v.length >= 4 && (v.startsWith(word) || word.startsWith(v))));
}

const sameLetters = (a: string, b: string) => [...a].sort().join('') === [...b].sort().join('');

/**
 * The search text with each unknown word replaced by the directory word it was most likely meant to
 * be, or null when every word is known or nothing is close. Short words and numbers are left alone.
 */
export async function correctSpelling(tx: Tx, text: string, vocabulary: readonly string[]): Promise<string | null> {
  const words = plainWords(text);
  const unknown = [...new Set(words.filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w) && !isKnown(w, vocabulary)))];
  if (unknown.length === 0 || vocabulary.length === 0) return null;
  const result = await sql<Candidate>`
    select typed, word, similarity(word, typed)::float8 as similarity, levenshtein(word, typed) as edits
    from unnest(${unknown}::text[]) typed cross join unnest(${vocabulary}::text[]) word
    where levenshtein(word, typed) <= 2 or similarity(word, typed) >= ${SIMILAR}
    order by typed, word`.execute(tx);
  const best = new Map<string, Candidate>();
  for (const c of result.rows) {
    const slip =
      c.similarity >= SIMILAR || (c.edits <= 2 && c.typed.length === c.word.length && sameLetters(c.typed, c.word));
    if (!slip) continue;
    const current = best.get(c.typed);
    if (!current || c.edits < current.edits || (c.edits === current.edits && c.similarity > current.similarity))
      best.set(c.typed, c);
  }
  if (best.size === 0) return null;
  return words.map((w) => best.get(w)?.word ?? w).join(' ');
}
