import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getFeature, isFeatureEnabled, listFeatures, registerFeature } from '../../platform/features.js';
import type { DB } from '../../platform/db/schema.js';

/** A database that must not be asked: the answer comes from the registry alone. */
const noDatabase = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the database was queried');
    },
  },
) as Kysely<DB>;

describe('feature switch registry', () => {
  it('has the two example switches on the person record, with their defaults', () => {
    expect(getFeature('people.communication-chart')).toMatchObject({
      label: 'Communication charts',
      defaultEnabled: true,
    });
    expect(getFeature('people.network-map')).toMatchObject({ label: 'Network map', defaultEnabled: false });
    expect(listFeatures().map((f) => f.key)).toEqual(
      expect.arrayContaining(['people.communication-chart', 'people.network-map']),
    );
  });

  it('defaults to off, accepts the same definition twice, and refuses a clash or a bad key', () => {
    registerFeature({ key: 'test.example', label: 'Example', description: 'For this test' });
    expect(getFeature('test.example')?.defaultEnabled).toBe(false);
    expect(() =>
      registerFeature({ key: 'test.example', label: 'Example', description: 'For this test' }),
    ).not.toThrow();
    expect(() =>
      registerFeature({ key: 'test.example', label: 'Example', description: 'x', defaultEnabled: true }),
    ).toThrow(/different definitions/);
    expect(() => registerFeature({ key: 'Bad Key', label: 'x', description: 'x' })).toThrow(/lower-case/);
  });

  it('answers from the default without a patch, and off for a switch nobody registered', async () => {
    expect(await isFeatureEnabled(noDatabase, 'org', null, 'people.communication-chart')).toBe(true);
    expect(await isFeatureEnabled(noDatabase, 'org', null, 'people.network-map')).toBe(false);
    expect(await isFeatureEnabled(noDatabase, 'org', 'patch', 'never.registered')).toBe(false);
  });
});
