import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import type { FieldError } from '../../platform/http/errors.js';
import { publicDirectoryOrgId, type PublicDirectoryCache } from '../directory/index.js';
import { findCentroid, formatPostcode, type Centroid } from '../../platform/geo/postcodes.js';
import { isEmptySearch, type SearchQuery } from './query.js';
import {
  languagesSpoken,
  searchServices,
  serviceKinds,
  type Option,
  type ResultRow,
  type SearchInput,
} from './search-repository.js';
import { findServiceDetail, type ServiceDetail } from './service-repository.js';
import {
  findStory,
  kindsOfServices,
  listStories,
  storiesForKinds,
  storyTags,
  type Story,
  type StorySummary,
} from './story-repository.js';
import { expandQuery, type Expansion } from './synonyms.js';
import { correctSpelling, searchVocabulary } from './spelling.js';
import { printDetails, type PrintDetails } from './print-repository.js';

/**
 * The public pages' reads. Everything is the published directory of one council, read under its
 * row-level security; nothing here touches people's records, so nothing is audited.
 */
export interface SearchOutcome {
  rows: ResultRow[];
  total: number;
  centre: Centroid | null;
  errors: FieldError[];
  stories: StorySummary[];
  kinds: Option[];
  languages: string[];
  searched: boolean;
  /** The search with its misspelt words put right ("befrending" → "befriending"), when it had any. */
  suggestion: string | null;
}

/**
 * Every answer here is kept in the public directory cache (directory/public-cache.ts) and served
 * again while the directory is unchanged: a search is the same for everyone who makes it. Only the
 * "open now" filter depends on the clock, so its key carries the minute.
 */
type Cached = Awaited<ReturnType<PublicDirectoryCache['at']>>;

/** The published organisation and its cache, looked up once so every read for one page shares them. */
interface Snapshot {
  orgId: string;
  at: Cached;
}

export class InformationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly odsCode: string | undefined,
    private readonly cache: PublicDirectoryCache,
  ) {}

  /** Run `work` under the published organisation's row-level security, through the cache. */
  private async read<T>(key: string, work: Parameters<typeof withOrg<T>>[2], empty: T, cached?: Snapshot): Promise<T> {
    const orgId = cached?.orgId ?? (await publicDirectoryOrgId(this.db, this.odsCode));
    if (!orgId) return empty;
    const at = cached?.at ?? (await this.cache.at(orgId));
    return at.get(key, () => withOrg(this.db, orgId, work));
  }

  private async snapshot(): Promise<Snapshot | undefined> {
    const orgId = await publicDirectoryOrgId(this.db, this.odsCode);
    return orgId ? { orgId, at: await this.cache.at(orgId) } : undefined;
  }

  /** A whole rendered page for people not signed in, kept like the answers it shows (kept-pages.ts). */
  async keptPage<T>(key: string, render: () => Promise<T>): Promise<T> {
    const orgId = await publicDirectoryOrgId(this.db, this.odsCode);
    return orgId ? this.cache.get(orgId, `page ${key}`, render) : render();
  }

  async search(query: SearchQuery, errors: FieldError[], page: Page): Promise<SearchOutcome> {
    const cached = await this.snapshot();
    if (!cached) return noResults(errors);
    const base = { ...noResults(errors), ...(await this.filterOptions(cached)) };
    if (errors.length > 0 || isEmptySearch(query)) return base;
    const found = await this.findResults(query, page, cached);
    if (!found) return base;
    if (found.unknownPostcode) return { ...base, errors: [unknownPostcode(query.postcodeKey!)] };
    return {
      ...base,
      rows: found.rows,
      total: found.total,
      centre: found.centre,
      stories: found.stories,
      searched: true,
      suggestion: found.suggestion,
    };
  }

  /**
   * The category and language lists change only with the directory; reading every service's
   * languages cost as much as a search, so they are kept under their own key.
   */
  private async filterOptions(cached: Snapshot): Promise<{ kinds: Option[]; languages: string[] }> {
    return this.read(
      'filter-options',
      async (tx) => {
        const [kinds, languages] = await Promise.all([serviceKinds(tx), languagesSpoken(tx)]);
        return { kinds, languages };
      },
      { kinds: [] as Option[], languages: [] as string[] },
      cached,
    );
  }

  /** One page of the search, kept under the search itself (and, for "open now", the minute). */
  private async findResults(query: SearchQuery, page: Page, cached: Snapshot): Promise<Found | null> {
    const minute = query.open === 'now' ? Math.floor(Date.now() / 60_000) : null;
    const vocabulary = query.q ? await this.read('search-vocabulary', searchVocabulary, [] as string[], cached) : [];
    return this.read(
      `search ${JSON.stringify([query, page, minute])}`,
      (tx) => runSearch(tx, query, page, vocabulary),
      null,
      cached,
    );
  }

  /** The search's first PRINT_LIMIT results with where, when and how to get in touch, for paper. */
  async printList(
    query: SearchQuery,
    errors: FieldError[],
    limit: number,
  ): Promise<SearchOutcome & { details: Map<string, PrintDetails> }> {
    const outcome = await this.search(query, errors, { limit, offset: 0 });
    const ids = outcome.rows.map((r) => r.id);
    const details = ids.length
      ? await this.read(`print ${ids.join(',')}`, (tx) => printDetails(tx, ids), new Map<string, PrintDetails>())
      : new Map<string, PrintDetails>();
    return { ...outcome, details };
  }

  async service(id: string): Promise<{ detail: ServiceDetail; stories: StorySummary[] } | null> {
    return this.read(
      `service ${id}`,
      async (tx) => {
        const detail = await findServiceDetail(tx, id);
        if (!detail) return null;
        const codes = detail.kinds.map((k) => k.code).filter((c): c is string => Boolean(c));
        return { detail, stories: await storiesForKinds(tx, codes, 3) };
      },
      null,
    );
  }

  async stories(tag: string | null): Promise<{ stories: StorySummary[]; tags: string[] }> {
    return this.read(
      `stories ${tag ?? ''}`,
      async (tx) => ({ stories: await listStories(tx, tag), tags: await storyTags(tx) }),
      { stories: [], tags: [] },
    );
  }

  async story(slug: string): Promise<{ story: Story; services: Option[] } | null> {
    return this.read(
      `story ${slug}`,
      async (tx) => {
        const story = await findStory(tx, slug);
        if (!story) return null;
        const kinds = await serviceKinds(tx);
        const related = kinds.filter((k) => story.tags.includes(k.value) || story.kind_codes.includes(k.value));
        return { story, services: related };
      },
      null,
    );
  }
}

interface Page {
  limit: number;
  offset: number;
}

type Found =
  | { unknownPostcode: true }
  | {
      unknownPostcode: false;
      rows: ResultRow[];
      total: number;
      centre: Centroid | null;
      stories: StorySummary[];
      suggestion: string | null;
    };

function noResults(errors: FieldError[]): SearchOutcome {
  return {
    rows: [],
    total: 0,
    centre: null,
    errors,
    stories: [],
    kinds: [],
    languages: [],
    searched: false,
    suggestion: null,
  };
}

function unknownPostcode(postcodeKey: string): FieldError {
  const shown = formatPostcode(postcodeKey);
  return { text: `We could not find ${shown}. Check the postcode, or search without one`, href: '#postcode' };
}

/** The search itself, under the directory's row-level security: centre, spelling, words, results and stories. */
async function runSearch(tx: Tx, query: SearchQuery, page: Page, vocabulary: string[]): Promise<Found> {
  const centre = query.postcodeKey ? await findCentroid(tx, query.postcodeKey) : null;
  if (query.postcodeKey && !centre) return { unknownPostcode: true as const };
  // Misspelt words are searched as the words they were most likely meant to be.
  const suggestion = query.q ? await correctSpelling(tx, query.q, vocabulary) : null;
  const expansion = expandQuery(suggestion ?? query.q);
  const rows = await searchServices(tx, { query, expansion, centre, ...page });
  const total = await totalOf(tx, rows, { query, expansion, centre, ...page });
  const stories = await storiesForKinds(tx, await storyKinds(tx, query, expansion, rows));
  return { unknownPostcode: false as const, rows, total, centre, stories, suggestion };
}

/** A page past the end (an old link): still say how many there are, and offer the first page. */
async function totalOf(tx: Tx, rows: ResultRow[], input: SearchInput): Promise<number> {
  if (rows[0]) return rows[0].total;
  if (input.offset === 0) return 0;
  const first = await searchServices(tx, { ...input, limit: 1, offset: 0 });
  return first[0]?.total ?? 0;
}

/** The kinds whose stories are shown beside the results: the kind chosen, those the words mean, or the first results'. */
async function storyKinds(tx: Tx, query: SearchQuery, expansion: Expansion, rows: ResultRow[]): Promise<string[]> {
  if (query.kind) return [query.kind];
  if (expansion.kinds.length) return expansion.kinds;
  return kindsOfServices(
    tx,
    rows.slice(0, 10).map((r) => r.id),
  );
}
