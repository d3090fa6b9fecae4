import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has safe defaults for a newcomer', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('./data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.cookieSecure).toBe(true);
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.councilName).toBe('Fenshire County Council');
  });

  it('takes the council’s name from COUNCIL_NAME, and refuses a blank one', () => {
    expect(loadConfig({ COUNCIL_NAME: ' Borsetshire Council ' }).councilName).toBe('Borsetshire Council');
    expect(() => loadConfig({ COUNCIL_NAME: '  ' })).toThrow(/COUNCIL_NAME/);
  });

  it('refuses to start in production without a database, secret and public URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL.*\n.*SESSION_SECRET/s);
    const ok = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x@y/z',
      SESSION_SECRET: 'a'.repeat(32),
      PUBLIC_URL: 'https://care.example.gov.uk',
    });
    expect(ok.env).toBe('production');
  });

  it('runs several workers only on PostgreSQL, saying why on the embedded database', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://x@y/z' }).webConcurrency).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY.*PGlite.*one process only/);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://x@y/z' })).toThrow(/WEB_CONCURRENCY/);
  });

  it('explains a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('enables OpenID Connect only when all four settings are present', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example' })).toThrow(/all of OIDC_ISSUER/);
    const c = loadConfig({
      OIDC_ISSUER: 'https://id.example',
      OIDC_CLIENT_ID: 'tl',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URI: 'https://tl.example/auth/oidc/callback',
    });
    expect(c.oidc?.clientId).toBe('tl');
  });

  it('trusts no proxy unless TRUST_PROXY names a hop count or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x@y/z',
        SESSION_SECRET: 'a'.repeat(32),
        PUBLIC_URL: 'https://care.example.gov.uk',
      }).trustProxy,
    ).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16,fd00::/8 , loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['true', 'yes', '*', '10.0.0.0/33', '10.0.0', 'proxy.example', '10.0.0.1,', '-1', '1.5', '99'])(
    'refuses TRUST_PROXY=%s with a message saying what it takes',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY: TRUST_PROXY must be the number of proxies/,
      );
    },
  );
});
