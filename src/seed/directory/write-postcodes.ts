/**
 * Writes src/seed/directory/postcodes.csv from places.ts: `npx tsx src/seed/directory/write-postcodes.ts`.
 * A test checks the shipped file still matches, so the two cannot drift apart.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POSTCODES_CSV, postcodesCsvText } from './postcodes.js';

writeFileSync(POSTCODES_CSV, postcodesCsvText());
process.stdout.write(`Wrote ${fileURLToPath(POSTCODES_CSV)}\n`);
