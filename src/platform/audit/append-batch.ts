import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { PREPARE_MARK } from '../db/prepared.js';
import { AUDIT_CHAINS, entryColumns, payloadAroundSeq, type AuditContext, type AuditEntry } from './audit.js';

/**
 * Append an audit entry for a view of a kept page, only if the page is still current: the
 * organisation's change number for `unchanged.area` is still `unchanged.generation`. Resolves true
 * once the entry is committed, false if the page had changed (nothing written: build it again).
 *
 * Views that arrive while an earlier batch is being written wait and go together in the next one:
 * one call to audit_append_if_unchanged (migrations/0013), one chain head locked, one commit. On a
 * board a team keeps open, the commit was the cost (~0.5 ms of database time each on the benchmark
 * machine), not the row. Nothing is sent before it is written: every caller waits for its own
 * entry's commit, and if the batch fails, every caller in it gets the error (fail closed). A lone
 * view goes at once, so a quiet system waits for nothing.
 */
export function appendAuditEntryIfUnchanged(
  db: Kysely<DB>,
  ctx: AuditContext,
  entry: AuditEntry,
  unchanged: { area: string; generation: string },
): Promise<boolean> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new AppendBatcher(db)));
  return batcher.append(ctx, entry, unchanged);
}

const batchers = new WeakMap<Kysely<DB>, AppendBatcher>();
/** Enough to drain a burst of 50 connections in one or two calls; keeps one call's arrays small. */
const MAX_BATCH = 64;

interface Waiting {
  columns: ReturnType<typeof entryColumns>;
  unchanged: { area: string; generation: string };
  settle: { resolve(appended: boolean): void; reject(error: unknown): void };
}

class AppendBatcher {
  /** Per organisation (each has its own chains): views waiting, and whether a batch is being written. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly writing = new Set<string>();

  constructor(private readonly db: Kysely<DB>) {}

  append(ctx: AuditContext, entry: AuditEntry, unchanged: { area: string; generation: string }): Promise<boolean> {
    const orgId = ctx.actor.orgId;
    // The chain is chosen per batch; the payload names it, so it is filled in when the batch goes.
    const columns = entryColumns(ctx, entry, 0, new Date().toISOString());
    return new Promise<boolean>((resolve, reject) => {
      const queue = this.waiting.get(orgId) ?? [];
      queue.push({ columns, unchanged, settle: { resolve, reject } });
      this.waiting.set(orgId, queue);
      this.next(orgId);
    });
  }

  private next(orgId: string): void {
    if (this.writing.has(orgId)) return;
    const queue = this.waiting.get(orgId);
    if (!queue || queue.length === 0) return;
    const batch = queue.splice(0, MAX_BATCH);
    this.writing.add(orgId);
    this.write(orgId, batch)
      .then(
        (appended) => batch.forEach((w, i) => w.settle.resolve(appended[i] === true)),
        (error: unknown) => batch.forEach((w) => w.settle.reject(error)),
      )
      .finally(() => {
        this.writing.delete(orgId);
        this.next(orgId);
      });
  }

  private async write(orgId: string, batch: Waiting[]): Promise<boolean[]> {
    const chain = randomInt(AUDIT_CHAINS);
    const rows = batch.map((w) => {
      const columns = { ...w.columns, chain };
      const [before, after] = payloadAroundSeq(columns);
      return { columns, before, after, unchanged: w.unchanged };
    });
    const list = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    const result = await sql<{ appended: boolean[] }>`
      select ${sql.raw(PREPARE_MARK)} audit_append_if_unchanged(${orgId}::uuid, ${chain}::smallint,
        ${list((r) => r.unchanged.area)}::text[], ${list((r) => r.unchanged.generation)}::text[], ${list((r) => r.columns.at)}::timestamptz[],
        ${list((r) => r.columns.actor_kind)}::text[], ${list((r) => r.columns.actor_id)}::uuid[], ${list((r) => r.columns.action)}::text[],
        ${list((r) => r.columns.resource_type)}::text[], ${list((r) => r.columns.resource_id)}::text[], ${list((r) => r.columns.person_id)}::uuid[],
        ${list((r) => (r.columns.person_ids ? `{${r.columns.person_ids.join(',')}}` : null))}::text[],
        ${list((r) => (r.columns.same_people_as === null || r.columns.same_people_as === undefined ? null : Number(r.columns.same_people_as)))}::int8[],
        ${list((r) => r.columns.reason)}::text[], ${list((r) => r.columns.request_id)}::text[], ${list((r) => r.before)}::text[], ${list((r) => r.after)}::text[]
      ) as appended`.execute(this.db);
    return result.rows[0]?.appended ?? [];
  }
}
