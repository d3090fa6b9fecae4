import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { govukDist } from '../../src/platform/views/nunjucks.js';
import { acceptsGzip } from '../../src/platform/http/send-page.js';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';

/** The headers every page carries, and how a kept page is sent (gzip only to those who ask). */
describe('security headers and page encoding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  }, 120_000);
  afterAll(async () => t?.close());

  it('sends the same strict policy on every page, allowing GOV.UK Frontend’s inline script by its hash', async () => {
    const template = readFileSync(join(govukDist, 'govuk', 'template.njk'), 'utf8');
    const script = /<script\b[^>]*>([^<]+)<\/script>/.exec(template)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    for (const url of ['/sign-in', '/information', '/does-not-exist']) {
      const response = await t.app.inject({ method: 'GET', url });
      const policy = String(response.headers['content-security-policy']);
      expect(policy, url).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(policy, url).toContain("frame-ancestors 'none'");
      expect(policy, url).not.toContain('nonce-');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('sends the crisis board gzipped only to a browser that accepts it, never to be stored', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const plain = await sam.get('/crisis');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-store');
    expect(plain.headers.vary).toContain('accept-encoding');
    const zipped = await sam.get('/crisis', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('tells browsers and proxies not to keep anything answered to someone signed in; public pages may be kept', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    for (const url of ['/', '/people', '/crisis/figures'])
      expect((await sam.get(url)).headers['cache-control'], url).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/sign-in' })).headers['cache-control']).toBeUndefined();
    // Stylesheets and scripts are the same for everyone: still kept for a day when a member of staff fetches them.
    expect((await sam.get('/stylesheets/govuk-frontend.min.css')).headers['cache-control']).toBe(
      'public, max-age=86400',
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/oruk/services' })).headers['cache-control']).toBe(
      'public, max-age=60',
    );
  });

  it('reads Accept-Encoding as a browser means it', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
  });
});
