import { describe, expect, it } from 'vitest';
import { absoluteUri, compact, costOption, email, timestamp } from './serialize.js';
import { postcodeKey } from './geo.js';
import { pageOf } from './paging.js';

describe('ORUK serialisation', () => {
  it('leaves out null, undefined and empty arrays, keeps false, 0 and empty strings', () => {
    expect(compact({ a: null, b: undefined, c: [], d: false, e: 0, f: '', g: [1] })).toEqual({
      d: false,
      e: 0,
      f: '',
      g: [1],
    });
  });

  it('publishes only absolute URIs and well-formed emails, so one bad value cannot fail the feed', () => {
    expect(absoluteUri('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(absoluteUri('mailto:someone@example.org')).toBe('mailto:someone@example.org');
    for (const bad of ['www.example.org', 'example/page', 'https://example.org/a b', '', null])
      expect(absoluteUri(bad)).toBeUndefined();
    expect(email('help@carers.example.org')).toBe('help@carers.example.org');
    for (const bad of ['help at example.org', 'help@', '@example.org', 'a b@example.org', null])
      expect(email(bad)).toBeUndefined();
  });

  it('turns pence into pounds and timestamps into RFC 3339 with milliseconds', () => {
    const row = {
      id: 'x',
      org_id: 'o',
      service_id: 's',
      valid_from: null,
      valid_to: null,
      option: null,
      currency: 'GBP',
      amount_pence: 1999,
      amount_description: null,
    };
    expect(costOption(row)).toEqual({ id: 'x', service_id: 's', currency: 'GBP', amount: 19.99 });
    expect(costOption({ ...row, amount_pence: null })).not.toHaveProperty('amount');
    expect(timestamp(new Date('2026-10-01T09:30:00Z'))).toBe('2026-10-01T09:30:00.000Z');
  });

  it('normalises postcodes to the table key', () => {
    expect(postcodeKey(' pe13  1ab ')).toBe('PE131AB');
  });

  it('fills all seven page fields, including for an empty list and a page past the end', () => {
    expect(pageOf([{ id: 'a' }], 3, { page: 2, perPage: 1 })).toEqual({
      total_items: 3,
      total_pages: 3,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: false,
      empty: false,
      contents: [{ id: 'a' }],
    });
    expect(pageOf([], 0, { page: 1, perPage: 50 })).toMatchObject({
      total_pages: 0,
      first_page: true,
      last_page: true,
      empty: true,
      size: 0,
    });
    expect(pageOf([], 3, { page: 9, perPage: 2 })).toMatchObject({ total_pages: 2, last_page: true, empty: true });
  });
});
