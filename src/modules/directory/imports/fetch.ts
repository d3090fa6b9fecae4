import { arr, obj, str, type FeedFormat, type Mapped } from './candidate.js';
import { FeedError, mapRecords } from './read.js';

const MAX_PAGES = 500;
const TIMEOUT_MS = 20_000;

/**
 * Only hosts the council listed (config.directoryFeedHosts) may be fetched: the importer runs
 * inside the council's network, so an open fetcher would let anyone with import rights probe it.
 * Redirects are refused for the same reason (a listed host could bounce elsewhere).
 */
export function checkFeedUrl(raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedError('Enter a full web address, like https://feeds.example.org/oruk');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedError('The feed address must start with http:// or https://');
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (!allowedHosts.includes(host) && !allowedHosts.includes(url.host.toLowerCase())) {
    throw new FeedError(
      `Feeds cannot be imported from ${url.host}: it is not one of the feed hosts the council allows (DIRECTORY_FEED_HOSTS)`,
    );
  }
  return url;
}

async function getJson(url: URL): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new FeedError(`Could not reach ${url.host}${url.pathname}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new FeedError(`${url.pathname} answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new FeedError(`${url.pathname} did not return JSON`);
  }
}

/**
 * Harvest an ORUK API (3.0, or 1.0 when told): page through /services until the last page, then
 * fetch each /services/{id} for the full record (list items may leave out child arrays). A service
 * whose detail cannot be fetched is reported as rejected; a list page that fails stops the import.
 */
export async function harvestFeed(
  base: string,
  allowedHosts: readonly string[],
  format: FeedFormat,
): Promise<Mapped[]> {
  const root = checkFeedUrl(base, allowedHosts);
  const path = root.pathname.replace(/\/+$/, '');
  const at = (suffix: string, params: Record<string, string> = {}) => {
    const url = new URL(root);
    url.pathname = `${path}${suffix}`;
    url.search = new URLSearchParams(params).toString();
    return url;
  };
  const ids: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const body = obj(await getJson(at('/services', { page: String(page), per_page: '100' })));
    if (!body) throw new FeedError('/services did not return a list page');
    const items = arr(format === 'oruk1' ? body.content : (body.contents ?? body.content));
    ids.push(...items.map((i) => str(i.id)).filter((id): id is string => id !== null));
    const total = Number(format === 'oruk1' ? body.totalPages : body.total_pages);
    const last = format === 'oruk1' ? body.last : body.last_page;
    if (items.length === 0 || last === true || (Number.isFinite(total) && page >= total)) break;
  }
  const out: Mapped[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const detail = await getJson(at(`/services/${encodeURIComponent(id)}`));
      out.push(...mapRecords(format, [detail]));
    } catch (error) {
      out.push({
        ok: false,
        sourceId: id,
        label: id,
        reasons: [`Could not fetch the full record: ${(error as Error).message}`],
      });
    }
  }
  return out;
}
