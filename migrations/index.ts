import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_people.js';
import * as m0003 from './0003_oidc.js';

/** Ordered, forward-only. Add new files at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_people': m0002,
  '0003_oidc': m0003,
};
