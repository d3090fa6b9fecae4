import { isIP } from 'node:net';

/**
 * Which proxies' `X-Forwarded-For` we believe, as Fastify's `trustProxy` takes it: `false` (none),
 * a number of hops, or the proxies' addresses and CIDR ranges. Never `true`: trusting every sender
 * lets anyone choose their own address and walk past the per-address sign-in limits.
 */
export type TrustProxy = false | number | readonly string[];

export const TRUST_PROXY_HELP =
  'TRUST_PROXY must be the number of proxies in front of the service (e.g. 1), or a comma-separated list of ' +
  'their addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16); leave it unset when clients connect directly';

/** Ranges proxy-addr (Fastify's) knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 10;

/** Parse TRUST_PROXY; returns an error message naming the bad part instead of throwing. */
export function parseTrustProxy(
  value: string | undefined,
): { ok: true; value: TrustProxy } | { ok: false; error: string } {
  const text = value?.trim() ?? '';
  if (text === '') return { ok: true, value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, error: `${TRUST_PROXY_HELP} (${hops} hops is more than ${MAX_HOPS})` };
    return { ok: true, value: hops === 0 ? false : hops };
  }
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length) return { ok: false, error: `${TRUST_PROXY_HELP} (not an address or range: ${bad.join(', ')})` };
  return { ok: true, value: entries };
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry.toLowerCase())) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * In the form Fastify's options take. A hop count becomes the function Fastify itself would build
 * from a number (its typings accept no number): trust the socket and the next `hops - 1` proxies.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
