import { expect } from 'vitest';
import { nhsNumberCheckDigit } from '../../src/platform/identifiers/nhs-number.js';
import type { Agent } from './app.js';

/** The first valid NHS number at or after `seed` (nine digits plus its check digit). */
export function validNhsNumber(seed: number): string {
  for (let n = seed; ; n += 1) {
    const nine = String(n).padStart(9, '0');
    const check = nhsNumberCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

/** Add a person through the real pages (the "Add person" post after check answers); returns their id. */
export async function createPersonThroughPages(
  agent: Agent,
  givenName: string,
  familyName: string,
  nhsNumber: string,
  dateOfBirth = '1944-09-02',
): Promise<string> {
  const [year, month, day] = dateOfBirth.split('-').map((part) => String(Number(part)));
  const res = await agent.post('/people', {
    givenName,
    familyName,
    'dateOfBirth-day': day!,
    'dateOfBirth-month': month!,
    'dateOfBirth-year': year!,
    nhsNumber,
    interpreterNeeded: 'no',
  });
  expect(res.statusCode).toBe(303);
  return (res.headers.location as string).replace('/people/', '');
}
