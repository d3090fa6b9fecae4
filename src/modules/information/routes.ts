import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { formatPostcode } from '../../platform/geo/postcodes.js';
import { distanceChoices, PAGE_SIZE, parseSearchQuery, PRINT_LIMIT, searchParams, type SearchQuery } from './query.js';
import { resultView, serviceView } from './presenters.js';
import { dayCodes, dayNames } from './schedules.js';
import type { InformationService, SearchOutcome } from './service.js';
import { sendPublicPage } from './kept-pages.js';
import type { Option } from './search-repository.js';
import { routeId } from '../../platform/http/ids.js';

const publicRoute = { config: { policy: 'public' as const } };
const printCss = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'print.css'), 'utf8');

/**
 * The public information and advice pages. No sign-in, no cookies, no personal data, no
 * JavaScript needed: every search is a GET form, so results can be bookmarked, shared and printed.
 */
export function registerInformationRoutes(app: FastifyInstance, information: InformationService): void {
  registerSearchRoute(app, information);
  registerPrintRoute(app, information);
  registerServiceRoute(app, information);
  registerStoriesRoute(app, information);
  registerStoryRoute(app, information);
  registerPrintCssRoute(app);
}

function registerSearchRoute(app: FastifyInstance, information: InformationService): void {
  app.get('/information', publicRoute, async (request, reply) => {
    const { query, errors } = parseSearchQuery(request.query);
    // "Open now" depends on the clock as well as the directory: that page is kept for a minute at most.
    const key = query.open === 'now' ? `${request.url} ${Math.floor(Date.now() / 60_000)}` : request.url;
    return sendPublicPage(request, reply, information, key, async () => {
      const outcome = await information.search(query, errors, {
        limit: PAGE_SIZE,
        offset: (query.page - 1) * PAGE_SIZE,
      });
      return { status: outcome.errors.length ? 422 : 200, html: searchPage(reply, query, outcome) };
    });
  });
}

function registerPrintRoute(app: FastifyInstance, information: InformationService): void {
  app.get('/information/print', publicRoute, async (request, reply) => {
    const { query, errors } = parseSearchQuery(request.query);
    const outcome = await information.printList(query, errors, PRINT_LIMIT);
    return reply.code(outcome.errors.length ? 422 : 200).view('information/views/print.njk', {
      title: 'Your list of help and support',
      errors: outcome.errors,
      fieldErrors: errorMap(outcome.errors),
      query,
      searched: outcome.searched,
      total: outcome.total,
      results: outcome.rows.map((row) => ({ ...resultView(row), ...outcome.details.get(row.id) })),
      near: outcome.centre ? formatPostcode(query.postcodeKey!) : null,
      kindName: outcome.kinds.find((k) => k.value === query.kind)?.text ?? null,
      backLink: `/information?${searchParams(query, { page: 1 })}`,
      printedOn: new Date(),
      limit: PRINT_LIMIT,
    });
  });
}

function registerServiceRoute(app: FastifyInstance, information: InformationService): void {
  app.get('/information/services/:serviceId', publicRoute, async (request, reply) =>
    sendPublicPage(request, reply, information, request.url, async () => {
      const found = await information.service(routeId(request, 'serviceId'));
      if (!found) throw new NotFoundError('This service is not in the directory. It may have closed or moved.');
      const service = serviceView(found.detail);
      return {
        status: 200,
        html: reply.renderView('information/views/service.njk', {
          title: service.name,
          service,
          stories: found.stories,
          backLink: '/information',
        }),
      };
    }),
  );
}

function registerStoriesRoute(app: FastifyInstance, information: InformationService): void {
  app.get('/information/stories', publicRoute, async (request, reply) => {
    const tag = readTag(request);
    const { stories, tags } = await information.stories(tag && /^[\p{L}\p{N} '-]+$/u.test(tag) ? tag : null);
    return reply.view('information/views/stories.njk', {
      title: 'Stories: how people found the support they wanted',
      stories,
      tag,
      tags: tags.map((t) => ({
        text: t,
        href: `/information/stories?tag=${encodeURIComponent(t)}`,
        current: t === tag,
      })),
    });
  });
}

function registerStoryRoute(app: FastifyInstance, information: InformationService): void {
  app.get('/information/stories/:slug', publicRoute, async (request, reply) => {
    const found = await information.story((request.params as { slug: string }).slug);
    if (!found) throw new NotFoundError();
    return reply.view('information/views/story.njk', {
      title: found.story.title,
      story: found.story,
      paragraphs: found.story.body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      services: found.services,
      backLink: '/information/stories',
    });
  });
}

function registerPrintCssRoute(app: FastifyInstance): void {
  app.get('/information/print.css', publicRoute, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(printCss),
  );
}

/** The search page (results, filters, pagination) as HTML. */
function searchPage(reply: FastifyReply, query: SearchQuery, outcome: SearchOutcome): string {
  const pages = Math.ceil(outcome.total / PAGE_SIZE);
  return reply.renderView('information/views/search.njk', {
    title: outcome.searched ? 'Search results: find help and support' : 'Find help and support',
    errors: outcome.errors,
    fieldErrors: errorMap(outcome.errors),
    query,
    form: formOptions(query, outcome.kinds, outcome.languages),
    kinds: outcome.kinds,
    searched: outcome.searched,
    total: outcome.total,
    results: outcome.rows.map(resultView),
    near: outcome.centre ? formatPostcode(query.postcodeKey!) : null,
    kindName: outcome.kinds.find((k) => k.value === query.kind)?.text ?? null,
    pagination: pagination(query, pages),
    filters: filtersInWords(query),
    clearFiltersHref: `/information?${searchParams({ ...query, free: false, directPayments: false, open: undefined, language: '', page: 1 })}`,
    printHref: `/information/print?${searchParams(query, { page: 1 })}`,
    firstPageHref: `/information?${searchParams(query, { page: 1 })}`,
    stories: outcome.stories,
    suggestion: outcome.suggestion
      ? { text: outcome.suggestion, href: `/information?${searchParams({ ...query, q: outcome.suggestion, page: 1 })}` }
      : null,
    sortForm: outcome.centre && query.q && outcome.total > 1 ? sortForm(query) : null,
  });
}

/**
 * Best match first, or nearest first: a small GET form of its own (no JavaScript), carrying the rest
 * of the search in hidden fields and starting again at the first page.
 */
function sortForm(query: SearchQuery) {
  const rest = new URLSearchParams(searchParams({ ...query, sort: 'relevance', page: 1 }));
  return {
    hidden: [...rest.entries()].map(([name, value]) => ({ name, value })),
    items: [
      { value: 'relevance', text: 'Best match', checked: query.sort !== 'nearest' },
      { value: 'nearest', text: 'Nearest first', checked: query.sort === 'nearest' },
    ],
  };
}

function readTag(request: FastifyRequest): string | null {
  const raw = (request.query as Record<string, unknown> | undefined)?.tag;
  const tag = typeof raw === 'string' ? raw.trim().slice(0, 60) : '';
  return tag || null;
}

/** The filters in force, in words, so nobody wonders why a result they expected is missing. */
function filtersInWords(query: SearchQuery): string[] {
  const words: string[] = [];
  if (query.free) words.push('free or low cost');
  if (query.directPayments) words.push('accepts direct payments');
  if (query.open === 'now') words.push('open now');
  else if (query.open) words.push(`open on ${dayNames[query.open]}`);
  if (query.language) words.push(`${query.language.charAt(0).toUpperCase()}${query.language.slice(1)} spoken`);
  return words;
}

function formOptions(query: SearchQuery, kinds: Option[], languages: string[]) {
  const choose = (items: { value: string; text: string }[], current: string) =>
    items.map((i) => ({ ...i, selected: i.value.toLowerCase() === current.toLowerCase() }));
  return {
    kinds: choose([{ value: '', text: 'Any kind of support' }, ...kinds], query.kind),
    miles: choose(
      distanceChoices.map((m) => ({ value: String(m), text: `${m} ${m === 1 ? 'mile' : 'miles'}` })),
      String(query.miles),
    ),
    open: choose(
      [
        { value: '', text: 'Any time' },
        { value: 'now', text: 'Open now' },
        ...dayCodes.map((d) => ({ value: d, text: `Open on ${dayNames[d]}` })),
      ],
      query.open ?? '',
    ),
    languages: choose(
      [{ value: '', text: 'Any language' }, ...languages.map((l) => ({ value: l, text: l }))],
      query.language,
    ),
  };
}

/** GOV.UK pagination: previous, next and up to five numbered pages around the current one. */
function pagination(query: SearchQuery, pages: number) {
  if (pages <= 1) return null;
  const href = (page: number) => `/information?${searchParams(query, { page })}`;
  const current = query.page;
  const from = Math.max(1, Math.min(current - 2, pages - 4));
  const items = [];
  for (let n = from; n <= Math.min(pages, from + 4); n++)
    items.push({ number: n, href: href(n), current: n === current });
  return {
    previous: current > 1 ? { href: href(Math.min(current - 1, pages)) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
    items,
  };
}
