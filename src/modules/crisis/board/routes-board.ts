import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { todayInLondon } from '../../../platform/dates.js';
import { authorize } from '../../../platform/access/authorize.js';
import { CrisisBoardService, StaleSettingsError, type BoardContent } from './board-service.js';
import { figuresCsv, figuresLine, monthLabel, monthRange, rangeFor } from '../figures/index.js';
import {
  parseSettings,
  valuesFromBody,
  valuesFromSettings,
  withEmptyRow,
  type SettingsValues,
} from './settings-form.js';
import { formKit, type FormKit } from '../forms.js';
import { sendPage } from '../../../platform/http/send-page.js';
import { requestContext } from '../../../platform/http/context.js';
import { canonicalId } from '../../../platform/http/ids.js';
import type { KeptAnswers } from '../../../platform/cache/kept-answers.js';

type Body = Record<string, unknown>;
const patchQuery = z.object({ patch: z.string().optional() });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) }).catch({ page: 1 });
const monthQuery = z.object({ from: z.string().optional(), to: z.string().optional() });

const read = { config: { policy: 'crisis.read' as const } };
const figuresPolicy = { config: { policy: 'crisis.figures' as const } };
const settingsPolicy = { config: { policy: 'crisis.settings' as const } };

/** The crisis board, the figures (page and CSV) and the crisis settings. */
export function registerCrisisBoardPages(app: FastifyInstance, keptRows: KeptAnswers): void {
  const service = new CrisisBoardService(app.deps.database.db, keptRows);
  registerBoardPage(app, service);
  registerFiguresPages(app, service);
  registerSettingsPages(app, service, formKit(app));
}

/** The patch whose board to show: the one asked for, else the worker's own patch team; "all" shows every patch. */
function chosenPatch(request: FastifyRequest): string {
  const parsed = patchQuery.safeParse(request.query ?? {});
  const patch = parsed.success ? parsed.data.patch : undefined;
  const ownTeam = request.actor?.kind === 'user' ? request.actor.teamId : null;
  return patch === undefined || patch === '' ? (ownTeam ?? 'all') : patch;
}

function registerBoardPage(app: FastifyInstance, service: CrisisBoardService): void {
  app.get('/crisis', read, async (request, reply) => {
    const asked = canonicalId(chosenPatch(request));
    const { page } = pageQuery.parse(request.query ?? {});
    const board = await service.board(requestContext(request), asked, new Date(), page);
    const { patches, patchId, patchName, ...content } = board;
    const html = reply.renderView('crisis/views/board.njk', {
      ...content,
      patchName,
      pagination: boardPagination(board),
      canSeeFigures: authorize(request.actor, 'crisis.figures') === 'allow',
      canChangeSettings: authorize(request.actor, 'crisis.settings') === 'allow',
      title: patchName ? `Crisis board: ${patchName}` : 'Crisis board: all patches',
      patchItems: [
        { value: 'all', text: 'All patches', selected: patchId === null },
        ...patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === patchId })),
      ],
    });
    return sendPage(request, reply, html);
  });
}

/** GOV.UK pagination for the board: numbered pages, each keeping the patch shown. */
function boardPagination(board: BoardContent) {
  if (board.pageCount < 2) return null;
  const href = (page: number) =>
    `/crisis?${new URLSearchParams({ patch: board.patchId ?? 'all', page: String(page) })}`;
  return {
    previous: board.page > 1 ? { href: href(board.page - 1) } : undefined,
    next: board.page < board.pageCount ? { href: href(board.page + 1) } : undefined,
    items: pagesAround(board.page, board.pageCount).map((page) =>
      page === null ? { ellipsis: true } : { number: page, href: href(page), current: page === board.page },
    ),
  };
}

/** The first, the last and those next to the current page; null where pages are left out (GOV.UK's ellipsis). */
export function pagesAround(current: number, count: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, count])]
    .filter((p) => p >= 1 && p <= count)
    .sort((a, b) => a - b);
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1]! > 1 ? [null, p] : [p]));
}

function registerFiguresPages(app: FastifyInstance, service: CrisisBoardService): void {
  const figuresFor = async (request: FastifyRequest) => {
    const query = monthQuery.safeParse(request.query ?? {});
    const today = todayInLondon();
    const range = monthRange(query.success ? query.data : {}, today);
    const rows = await service.figures(
      requestContext(request),
      rangeFor(range.fromMonth, range.toMonth, new Date(), today),
    );
    return { range, rows };
  };

  app.get('/crisis/figures', figuresPolicy, async (request, reply) => {
    const { range, rows } = await figuresFor(request);
    const lines = rows.map(figuresLine);
    return reply.view('crisis/views/figures.njk', {
      title: 'Crisis figures',
      errors: range.errors,
      fieldErrors: errorMap(range.errors),
      fromMonth: range.fromMonth,
      toMonth: range.toMonth,
      period: `${monthLabel(range.fromMonth)} to ${monthLabel(range.toMonth)}`,
      csvHref: `/crisis/figures.csv?${new URLSearchParams({ from: range.fromMonth, to: range.toMonth }).toString()}`,
      patches: groupByPatch(lines),
    });
  });

  app.get('/crisis/figures.csv', figuresPolicy, async (request, reply) => {
    const { range, rows } = await figuresFor(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="crisis-figures-${range.fromMonth}-to-${range.toMonth}.csv"`)
      .header('cache-control', 'no-store')
      .send(figuresCsv(rows));
  });
}

const settingsPage = (reply: FastifyReply, status: number, values: SettingsValues, errors: FieldError[] = []) =>
  reply.code(status).view('crisis/views/settings.njk', {
    title: 'Crisis settings',
    values,
    errors,
    fieldErrors: errorMap(errors),
    backLink: '/crisis',
  });

function registerSettingsPages(app: FastifyInstance, service: CrisisBoardService, kit: FormKit): void {
  app.get('/crisis/settings', settingsPolicy, async (request, reply) => {
    const { settings: current, version } = await service.settings(requestContext(request));
    return settingsPage(reply, 200, valuesFromSettings(current, version));
  });

  app.post('/crisis/settings', settingsPolicy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = valuesFromBody(body);
    if (body._add === 'level') return settingsPage(reply, 200, withEmptyRow(values));
    const parsed = parseSettings(values);
    if (parsed.errors) return settingsPage(reply, 422, values, parsed.errors);
    try {
      await service.saveSettings(requestContext(request), parsed.data, values.version);
    } catch (error) {
      if (!(error instanceof StaleSettingsError)) throw error;
      const { settings: current, version } = await service.settings(requestContext(request));
      return settingsPage(reply, 409, valuesFromSettings(current, version), [
        { text: error.message, href: '#levels-0-label' },
      ]);
    }
    await kit.flash(request, 'The crisis settings have been saved');
    return reply.redirect('/crisis/settings', 303);
  });
}

/** The figures page shows one table per patch (its months, then its total), the all-patches total last. */
function groupByPatch<T extends { patch: string }>(lines: T[]): { patch: string; lines: T[] }[] {
  const groups: { patch: string; lines: T[] }[] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last && last.patch === line.patch) last.lines.push(line);
    else groups.push({ patch: line.patch, lines: [line] });
  }
  return groups;
}
