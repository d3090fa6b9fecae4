/**
 * Runs one autocannon load in its own process, so the load generator does not share the app's event
 * loop (or its memory) on a two-core machine. Reads a JSON job from argv[2]; prints a JSON result.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  method: 'GET' | 'POST';
  /** Paths to rotate through (one per request); or one path. */
  paths: string[];
  /** JSON bodies to rotate through, for POST. */
  bodies?: string[];
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadJob;
let n = 0;
const instance = autocannon(
  {
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    headers: job.headers,
    requests: [
      {
        method: job.method,
        setupRequest: (request) => {
          const i = n++;
          request.path = job.paths[i % job.paths.length]!;
          if (job.bodies) request.body = job.bodies[i % job.bodies.length]!;
          return request;
        },
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    // Percentiles are computed here from every response time, because autocannon's summary has no p95.
    latencies.sort((a, b) => a - b);
    // No completed response within the run counts as the whole run, so a route that never answers cannot pass.
    const at = (p: number) =>
      round(
        latencies.length
          ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!
          : job.durationSeconds * 1000,
      );
    const out: LoadResult = {
      rps: round(result.requests.total / result.duration),
      p50: at(50),
      p95: at(95),
      p99: at(99),
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    process.stdout.write(JSON.stringify(out));
  },
);
const latencies: number[] = [];
instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
  latencies.push(responseTime);
});

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
