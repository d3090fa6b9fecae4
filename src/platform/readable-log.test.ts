import { describe, expect, it } from 'vitest';
import { readableLogLine, readableLogStream } from './readable-log.js';

const at = Date.UTC(2026, 8, 9, 11, 46, 5);
const request = JSON.stringify({ level: 30, time: at, reqId: 'r1', req: { method: 'GET', route: '/people' } });
const completed = JSON.stringify({ level: 30, time: at, reqId: 'r1', res: { statusCode: 200 }, responseTime: 12.4 });

describe('readable development logs', () => {
  it('writes an event as one short line, not JSON', () => {
    const line = readableLogLine(
      JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', msg: 'shutting down', signal: 'SIGINT' }),
      false,
    );
    expect(line).toBe('11:46:05 info  shutting down signal=SIGINT');
  });

  it('leaves requests out unless asked for (LOG_LEVEL=debug)', () => {
    expect(readableLogLine(request, false)).toBeNull();
    expect(readableLogLine(completed, false)).toBeNull();
    expect(readableLogLine(request, true)).toBe('11:46:05 info  → GET /people');
    expect(readableLogLine(completed, true)).toBe('11:46:05 info  ← 200 12ms');
  });

  it('keeps an error’s stack, and passes on what is not JSON', () => {
    const line = readableLogLine(
      JSON.stringify({ level: 50, time: at, msg: 'boom', err: { stack: 'Error: boom\n    at x' } }),
      false,
    );
    expect(line).toBe('11:46:05 error boom\nError: boom\n    at x');
    expect(readableLogLine('plain text', false)).toBe('plain text');
  });

  it('streams pino’s lines through', async () => {
    const written: string[] = [];
    const stream = readableLogStream(false, { write: (t: string) => written.push(t) });
    await new Promise<void>((resolve) =>
      stream.write(`${request}\n${JSON.stringify({ level: 40, time: at, msg: 'slow' })}\n`, () => resolve()),
    );
    expect(written).toEqual(['11:46:05 warn  slow\n']);
  });
});
