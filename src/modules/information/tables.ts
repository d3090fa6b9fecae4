import type { ColumnType, Generated } from 'kysely';

/** Kysely types for the public pages' own table: the stories (migrations/0004_directory.ts). */
export interface DirectoryStoryTable {
  id: Generated<string>;
  org_id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  taxonomy_term_ids: ColumnType<string[], string[] | undefined, string[]>;
  published: Generated<boolean>;
  created_at: Generated<Date>;
}

/** The information module's tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    directory_story: DirectoryStoryTable;
  }
}
