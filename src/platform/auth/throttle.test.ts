import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/database.js';
import {
  LOCK_MS,
  MAX_ADDRESS_FAILURES,
  MAX_FAILURES,
  WINDOW_MS,
  clearFailures,
  isLocked,
  recordFailure,
  throttleKeys,
} from './throttle.js';

describe.each(testEngines())('sign-in throttle (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  }, 180_000);
  afterAll(async () => database?.dispose());

  const t0 = new Date('2026-03-02T09:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const fail = async (key: string, times: number, now = t0) => {
    for (let i = 0; i < times; i++) await recordFailure(database.db, [key], now);
  };

  it('stores neither the name typed nor the address, and ignores case and spaces in the name', () => {
    const keys = throttleKeys(' Sam.Practitioner ', '192.0.2.7');
    expect(keys.account).toBe(throttleKeys('sam.practitioner', '198.51.100.1').account);
    expect(JSON.stringify(keys)).not.toMatch(/sam|192\.0\.2/i);
    expect(keys.account).toMatch(/^user:[0-9a-f]{64}$/);
    expect(keys.address).toMatch(/^ip:[0-9a-f]{64}$/);
  });

  it(`locks an account name after ${MAX_FAILURES} failures for 15 minutes`, async () => {
    const { account } = throttleKeys('a.person', '192.0.2.1');
    await fail(account, MAX_FAILURES - 1);
    expect(await isLocked(database.db, [account], t0)).toBe(false);
    await fail(account, 1);
    expect(await isLocked(database.db, [account], t0)).toBe(true);
    expect(await isLocked(database.db, [account], at(LOCK_MS - 1000))).toBe(true);
    expect(await isLocked(database.db, [account], at(LOCK_MS + 1000))).toBe(false);
  });

  it(`locks an address only after ${MAX_ADDRESS_FAILURES} failures (a council office shares one)`, async () => {
    const { address } = throttleKeys('x', '192.0.2.2');
    await fail(address, MAX_ADDRESS_FAILURES - 1);
    expect(await isLocked(database.db, [address], t0)).toBe(false);
    await fail(address, 1);
    expect(await isLocked(database.db, [address], t0)).toBe(true);
  });

  it('forgets failures older than the 15-minute window', async () => {
    const { account } = throttleKeys('b.person', '192.0.2.3');
    await fail(account, MAX_FAILURES - 1, t0);
    await fail(account, 1, at(WINDOW_MS + 1000));
    expect(await isLocked(database.db, [account], at(WINDOW_MS + 1000))).toBe(false);
  });

  it('counts parallel failures exactly (no lost updates)', async () => {
    const { account } = throttleKeys('c.person', '192.0.2.4');
    await Promise.all(Array.from({ length: MAX_FAILURES }, () => recordFailure(database.db, [account], t0)));
    const row = await database.db
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where('key', '=', account)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(MAX_FAILURES);
    expect(await isLocked(database.db, [account], t0)).toBe(true);
  });

  it('a lock on either key locks the attempt; clearing the account leaves the address count', async () => {
    const { account, address } = throttleKeys('d.person', '192.0.2.5');
    await fail(address, MAX_ADDRESS_FAILURES);
    expect(await isLocked(database.db, [account, address], t0)).toBe(true);
    await clearFailures(database.db, account);
    expect(await isLocked(database.db, [account, address], t0)).toBe(true);
  });
});
