import { describe, expect, it } from 'vitest';
import { cookieOptions, safeReturnTo } from './routes.js';

describe('safeReturnTo', () => {
  it.each([
    '//evil.example',
    '//evil.example/people',
    'https://evil.example',
    'http://evil.example/',
    '/\\evil',
    '/\\/evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'people',
    '',
    '/ /evil',
    '/people\r\nSet-Cookie: x=1',
    '/\tevil',
    `/${'a'.repeat(2001)}`,
  ])('sends %j to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it.each([undefined, null, 42, ['/people'], { path: '/people' }])('sends the non-string %j to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it.each(['/', '/people', '/people/123/timeline?page=2', '/people?q=%2F%2Fevil'])(
    'keeps the same-site path %j',
    (value) => {
      expect(safeReturnTo(value)).toBe(value);
    },
  );
});

describe('cookieOptions', () => {
  it('is HttpOnly, SameSite=Lax, whole-site, and Secure only when asked', () => {
    expect(cookieOptions(true)).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: true });
    expect(cookieOptions(false).secure).toBe(false);
  });
});
