import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import type { FieldError } from '../../platform/http/errors.js';
import { publicDirectoryOrgId, type PublicDirectoryCache } from '../directory/index.js';
import { findCentroid, formatPostcode, type Centroid } from '../../platform/geo/postcodes.js';
import { isEmptySearch, type SearchQuery } from './query.js';
import { languagesSpoken, searchServices, serviceKinds, type Option, type ResultRow } from './search-repository.js';
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
import { expandQuery } from './synonyms.js';
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

export class InformationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly odsCode: string | undefined,
    private readonly cache: PublicDirectoryCache,
  ) {}

  /** Run `work` under the published organisation's row-level security, through the cache. */
  private async read<T>(
    key: string,
    work: Parameters<typeof withOrg<T>>[2],
    empty: T,
    cached?: { orgId: string; at: Cached },
  ): Promise<T> {
    const orgId = cached?.orgId ?? (await publicDirectoryOrgId(this.db, this.odsCode));
    if (!orgId) return empty;
    const at = cached?.at ?? (await this.cache.at(orgId));
    return at.get(key, () => withOrg(this.db, orgId, work));
  }

  private async snapshot(): Promise<{ orgId: string; at: Cached } | undefined> {
    const orgId = await publicDirectoryOrgId(this.db, this.odsCode);
    return orgId ? { orgId, at: await this.cache.at(orgId) } : undefined;
  }

  /** A whole rendered page for people not signed in, kept like the answers it shows (kept-pages.ts). */
  async keptPage<T>(key: string, render: () => Promise<T>): Promise<T> {
    const orgId = await publicDirectoryOrgId(this.db, this.odsCode);
    return orgId ? this.cache.get(orgId, `page ${key}`, render) : render();
  }

  async search(
    query: SearchQuery,
    errors: FieldError[],
    page: { limit: number; offset: number },
  ): Promise<SearchOutcome> {
    const empty: SearchOutcome = {
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
    const cached = await this.snapshot();
    if (!cached) return empty;
    // The category and language lists change only with the directory; reading every service's
    // languages cost as much as a search, so they are kept under their own key.
    const { kinds, languages } = await this.read(
      'filter-options',
      async (tx) => {
        const [kinds, languages] = await Promise.all([serviceKinds(tx), languagesSpoken(tx)]);
        return { kinds, languages };
      },
      { kinds: [] as Option[], languages: [] as string[] },
      cached,
    );
    const base = { ...empty, kinds, languages };
    if (errors.length > 0 || isEmptySearch(query)) return base;
    const minute = query.open === 'now' ? Math.floor(Date.now() / 60_000) : null;
    const vocabulary = query.q ? await this.read('search-vocabulary', searchVocabulary, [] as string[], cached) : [];
    const found = await this.read(
      `search ${JSON.stringify([query, page, minute])}`,
      async (tx) => {
        const centre = query.postcodeKey ? await findCentroid(tx, query.postcodeKey) : null;
        if (query.postcodeKey && !centre) return { unknownPostcode: true as const };
        // Misspelt words are searched as the words they were most likely meant to be.
        const suggestion = query.q ? await correctSpelling(tx, query.q, vocabulary) : null;
        const expansion = expandQuery(suggestion ?? query.q);
        const rows = await searchServices(tx, { query, expansion, centre, ...page });
        // A page past the end (an old link): still say how many there are, and offer the first page.
        const total =
          rows[0]?.total ??
          (page.offset > 0
            ? ((await searchServices(tx, { query, expansion, centre, limit: 1, offset: 0 }))[0]?.total ?? 0)
            : 0);
        const storyKinds = query.kind
          ? [query.kind]
          : expansion.kinds.length
            ? expansion.kinds
            : await kindsOfServices(
                tx,
                rows.slice(0, 10).map((r) => r.id),
              );
        const stories = await storiesForKinds(tx, storyKinds);
        return { unknownPostcode: false as const, rows, total, centre, stories, suggestion };
      },
      null,
      cached,
    );
    if (!found) return base;
    if (found.unknownPostcode) {
      const shown = formatPostcode(query.postcodeKey!);
      return {
        ...base,
        errors: [{ text: `We could not find ${shown}. Check the postcode, or search without one`, href: '#postcode' }],
      };
    }
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
