import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { verifyAuditChain } from './audit.js';

/**
 * `cli audit verify`: walk every organisation's audit chain and say whether it is intact. Prints
 * entry ids and organisation ids only — never the content of an entry, which may name a person.
 * Returns the process exit code: 0 intact, 1 broken.
 */
export async function auditVerifyCommand(
  db: Kysely<DB>,
  out: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    out(`Audit log intact: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} checked.`);
    return 0;
  }
  out(
    `Audit log BROKEN: ${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'} in ${result.checked} entries checked.`,
  );
  for (const problem of result.problems) out(`  - ${problem}`);
  return 1;
}
