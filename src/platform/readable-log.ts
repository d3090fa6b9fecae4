import { Writable } from 'node:stream';

/**
 * Development logs for a person at a terminal: one short line per event instead of pino's JSON,
 * and requests only when asked for (LOG_LEVEL=debug or trace), so `npm start` stays quiet after the
 * sign-in table. Production keeps JSON, one object a line, for the log collector.
 */

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** pino's own fields, and Fastify's request fields, which the line shows in its own way or not at all. */
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);

type LogRecord = Record<string, unknown> & { level?: number; time?: number; msg?: string };

/** 'HH:MM:SS' on the 24-hour clock, for lining up with other tools' logs (not a time shown to users). */
function clock(time: unknown): string {
  return new Date(typeof time === 'number' ? time : Date.now()).toISOString().slice(11, 19);
}

function isRequestLine(record: LogRecord): boolean {
  return 'req' in record || ('res' in record && 'responseTime' in record);
}

function requestText(record: LogRecord): string {
  const req = record.req as { method?: string; route?: string } | undefined;
  if (req) return `→ ${req.method ?? ''} ${req.route ?? ''}`;
  const res = record.res as { statusCode?: number } | undefined;
  const ms = typeof record.responseTime === 'number' ? ` ${record.responseTime.toFixed(0)}ms` : '';
  return `← ${res?.statusCode ?? ''}${ms}`;
}

/** One JSON log line as text; null when it is a request line and requests are not shown. */
export function readableLogLine(json: string, showRequests: boolean): string | null {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json;
  }
  const request = isRequestLine(record);
  if (request && !showRequests) return null;
  const level = (LEVEL_NAMES[record.level ?? 30] ?? 'info').padEnd(5);
  const extras = Object.entries(record)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const text = request ? requestText(record) : (record.msg ?? '');
  const err = record.err as { stack?: string; message?: string } | undefined;
  const lines = [[clock(record.time), level, text, ...extras].join(' ')];
  if (err) lines.push(err.stack ?? err.message ?? JSON.stringify(err));
  return lines.join('\n');
}

/** A stream for pino that writes readable lines to `out`. */
export function readableLogStream(
  showRequests: boolean,
  out: { write(text: string): unknown } = process.stdout,
): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const json of chunk.toString('utf8').split('\n')) {
        if (!json) continue;
        const line = readableLogLine(json, showRequests);
        if (line !== null) out.write(`${line}\n`);
      }
      done();
    },
  });
}
