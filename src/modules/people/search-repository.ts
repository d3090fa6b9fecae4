import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { PersonRow } from './tables.js';
import { type Actor } from '../../platform/access/roles.js';
import { normaliseNhsNumber } from '../../platform/identifiers/nhs-number.js';
import { parsePlainDate } from '../../platform/dates.js';
import { visibleTo } from './visibility.js';

/**
 * The only door to the people tables. Every function takes the transaction opened by `withOrg`
 * (row-level security on) and the actor, and filters by what the actor may see. Auditing is the
 * service's job, in the same transaction.
 */
export const PAGE_SIZE = 20;

export type SearchKind = 'nhs' | 'date' | 'postcode' | 'name' | 'empty';

export function classifyQuery(q: string): { kind: SearchKind; value: string } {
  const trimmed = q.trim();
  if (!trimmed) return { kind: 'empty', value: '' };
  const digits = normaliseNhsNumber(trimmed);
  if (/^\d{10}$/.test(digits)) return { kind: 'nhs', value: digits };
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const isoDate = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : trimmed;
  // Only a date the database can hold is searched as one: '31/02/1950' or '0000-01-01' failed in SQL.
  if (parsePlainDate(isoDate)) return { kind: 'date', value: isoDate };
  const pc = trimmed.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(pc) || /^[A-Z]{1,2}\d[A-Z\d]?$/.test(pc))
    return { kind: 'postcode', value: pc };
  return { kind: 'name', value: trimmed.toLowerCase().replace(/\s+/g, ' ') };
}

export interface SearchResult {
  rows: PersonRow[];
  total: number;
  /** More matched than we count; the total is a floor. */ capped: boolean;
}

/** Counting every match of a vague search costs more than it tells anyone: stop at this many. */
export const COUNT_CAP = 1000;

/**
 * Search by NHS number, date of birth, postcode or name, paged. A name matches by trigram word
 * similarity (GIN-indexed: part of a name, "Marg", or a typo in a longer name, "Edna Jnoes") or by
 * the family name's sound (Double Metaphone, indexed: "Jnoes" sounds like "Jones"); best match first.
 */
export async function searchPeople(
  tx: Tx,
  actor: Actor,
  q: string,
  page: number,
  /** 'organisation': every record of the council, restricted or not (the IG auditor's search). */
  scope: 'visible' | 'organisation' = 'visible',
): Promise<SearchResult> {
  const { kind, value } = classifyQuery(q);
  if (kind === 'empty') return { rows: [], total: 0, capped: false };
  let query = tx
    .selectFrom('person')
    .where(scope === 'visible' ? visibleTo(actor) : (eb) => eb('person.org_id', '=', actor.orgId));
  if (kind === 'nhs') query = query.where('nhs_number', '=', value);
  else if (kind === 'date') query = query.where('date_of_birth', '=', value);
  else if (kind === 'postcode') {
    // A stored, indexed key compared with plain text operators, which row-level security lets use the index.
    query =
      value.length > 4
        ? query.where('postcode_key', '=', value)
        : query.where('postcode_key', '>=', value).where('postcode_key', '<', `${value}~`);
  } else {
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(tx);
    const lastWord = value.split(' ').at(-1) ?? value;
    // Candidates come from an indexed, organisation-scoped function (see migration 0002 for why).
    query = query.where('id', 'in', sql<string>`(select person_name_candidates(${value}, ${lastWord}))`);
  }
  // The page and the (capped) count of all matches in one statement: the count is an uncorrelated
  // subquery over the same conditions, so PostgreSQL runs it once beside the page.
  const matchCount = (q: typeof query) =>
    tx
      .selectFrom(
        q
          .select(sql`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'));
  const found = await query
    .selectAll('person')
    .select(matchCount(query).as('match_count'))
    .orderBy(kind === 'name' ? sql`word_similarity(${value}, search_name) desc` : sql`family_name`)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  // A page past the last has no rows to carry the count: only then is it asked for on its own.
  const n = Number(found[0]?.match_count ?? (page > 1 ? ((await matchCount(query).executeTakeFirst())?.n ?? 0) : 0));
  const rows = found.map(({ match_count: _, ...person }) => person as PersonRow);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
