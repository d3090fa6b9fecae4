import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import type { FieldError } from '../../platform/http/errors.js';
import { publicDirectoryOrgId } from '../directory/public-org.js';
import { findCentroid, formatPostcode, type Centroid } from '../../platform/geo/postcodes.js';
import { isEmptySearch, type SearchQuery } from './query.js';
import { languagesSpoken, searchServices, serviceKinds, type Option, type ResultRow } from './search-repository.js';
import { findServiceDetail, type ServiceDetail } from './service-repository.js';
import { findStory, kindsOfServices, listStories, storiesForKinds, storyTags, type Story, type StorySummary } from './story-repository.js';
import { expandQuery } from './synonyms.js';
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
}

/**
 * The category and language lists change only when staff edit the directory, but reading the
 * languages of every service on each search cost as much as the search itself (10,000 services);
 * they are kept for a minute.
 */
const FILTER_OPTIONS_TTL_MS = 60_000;

export class InformationService {
  private filterOptions: { at: number; value: Promise<{ kinds: Option[]; languages: string[] }> } | null = null;

  constructor(private readonly db: Kysely<DB>, private readonly odsCode: string | undefined) {}

  private options(tx: Parameters<typeof serviceKinds>[0]): Promise<{ kinds: Option[]; languages: string[] }> {
    const now = Date.now();
    if (!this.filterOptions || now - this.filterOptions.at > FILTER_OPTIONS_TTL_MS) {
      const value = Promise.all([serviceKinds(tx), languagesSpoken(tx)]).then(([kinds, languages]) => ({ kinds, languages }));
      // A failed read is not kept: the next request tries again.
      value.catch(() => { this.filterOptions = null; });
      this.filterOptions = { at: now, value };
    }
    return this.filterOptions.value;
  }

  private async read<T>(work: Parameters<typeof withOrg<T>>[2], empty: T): Promise<T> {
    const orgId = await publicDirectoryOrgId(this.db, this.odsCode);
    return orgId ? withOrg(this.db, orgId, work) : empty;
  }

  async search(query: SearchQuery, errors: FieldError[], page: { limit: number; offset: number }): Promise<SearchOutcome> {
    const empty: SearchOutcome = { rows: [], total: 0, centre: null, errors, stories: [], kinds: [], languages: [], searched: false };
    return this.read(async (tx) => {
      const { kinds, languages } = await this.options(tx);
      const base = { ...empty, kinds, languages };
      if (errors.length > 0 || isEmptySearch(query)) return base;
      const centre = query.postcodeKey ? await findCentroid(tx, query.postcodeKey) : null;
      if (query.postcodeKey && !centre) {
        const shown = formatPostcode(query.postcodeKey);
        return { ...base, errors: [{ text: `We could not find ${shown}. Check the postcode, or search without one`, href: '#postcode' }] };
      }
      const expansion = expandQuery(query.q);
      const rows = await searchServices(tx, { query, expansion, centre, ...page });
      // A page past the end (an old link): still say how many there are, and offer the first page.
      const total = rows[0]?.total ?? (page.offset > 0 ? (await searchServices(tx, { query, expansion, centre, limit: 1, offset: 0 }))[0]?.total ?? 0 : 0);
      const storyKinds = query.kind ? [query.kind] : expansion.kinds.length ? expansion.kinds : await kindsOfServices(tx, rows.slice(0, 10).map((r) => r.id));
      const stories = await storiesForKinds(tx, storyKinds);
      return { ...base, rows, total, centre, stories, searched: true };
    }, empty);
  }

  /** The search's first PRINT_LIMIT results with where, when and how to get in touch, for paper. */
  async printList(query: SearchQuery, errors: FieldError[], limit: number): Promise<SearchOutcome & { details: Map<string, PrintDetails> }> {
    const outcome = await this.search(query, errors, { limit, offset: 0 });
    const ids = outcome.rows.map((r) => r.id);
    const details = ids.length ? await this.read((tx) => printDetails(tx, ids), new Map<string, PrintDetails>()) : new Map<string, PrintDetails>();
    return { ...outcome, details };
  }

  async service(id: string): Promise<{ detail: ServiceDetail; stories: StorySummary[] } | null> {
    return this.read(async (tx) => {
      const detail = await findServiceDetail(tx, id);
      if (!detail) return null;
      const codes = detail.kinds.map((k) => k.code).filter((c): c is string => Boolean(c));
      return { detail, stories: await storiesForKinds(tx, codes, 3) };
    }, null);
  }

  async stories(tag: string | null): Promise<{ stories: StorySummary[]; tags: string[] }> {
    return this.read(async (tx) => ({ stories: await listStories(tx, tag), tags: await storyTags(tx) }), { stories: [], tags: [] });
  }

  async story(slug: string): Promise<{ story: Story; services: Option[] } | null> {
    return this.read(async (tx) => {
      const story = await findStory(tx, slug);
      if (!story) return null;
      const kinds = await serviceKinds(tx);
      const related = kinds.filter((k) => story.tags.includes(k.value) || story.kind_codes.includes(k.value));
      return { story, services: related };
    }, null);
  }
}
