import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_people.js';

/** Ordered, forward-only. Add new files at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_people': m0002,
};
