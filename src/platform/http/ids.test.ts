import { describe, expect, it } from 'vitest';
import { canonicalId, idField, isCanonicalId, isIdParamName } from './ids.js';

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

describe('canonicalId', () => {
  it.each([
    ['canonical', ID],
    ['upper case', ID.toUpperCase()],
    ['mixed case', '3FA85f64-5717-4562-B3FC-2c963f66afa6'],
    ['braced', `{${ID}}`],
    ['braced upper case', `{${ID.toUpperCase()}}`],
    ['without hyphens', ID.replaceAll('-', '')],
    ['braced without hyphens', `{${ID.replaceAll('-', '')}}`],
    ['a hyphen after every group of four', '3fa8-5f64-5717-4562-b3fc-2c96-3f66-afa6'],
    ['some hyphens left out', '3fa85f64-57174562-b3fc2c963f66afa6'],
  ])('accepts the %s form PostgreSQL accepts, and gives the canonical one', (_label, value) => {
    expect(canonicalId(value)).toBe(ID);
  });

  it.each([
    ['a number', '1'],
    ['null', 'null'],
    ['undefined', 'undefined'],
    ['a trailing character', `${ID}x`],
    ['a trailing hyphen', `${ID}-`],
    ['a leading hyphen', `-${ID}`],
    ['two hyphens together', '3fa85f64--5717-4562-b3fc-2c963f66afa6'],
    ['a hyphen inside a group of four', '3fa85f6-45717-4562-b3fc-2c963f66afa6'],
    ['one digit short', ID.slice(0, -1)],
    ['a non-hex digit', `${ID.slice(0, -1)}g`],
    ['an opening brace alone', `{${ID}`],
    ['a closing brace alone', `${ID}}`],
    ['spaces around', ` ${ID} `],
    ['a NUL byte', `${ID}\u0000`],
    ['empty', ''],
    ['a path step', '../'],
    ['braces alone', '{}'],
  ])('refuses %s', (_label, value) => {
    expect(canonicalId(value)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, {}, [ID]]) expect(canonicalId(value)).toBeNull();
  });

  it('tells canonical ids from other spellings of them', () => {
    expect(isCanonicalId(ID)).toBe(true);
    expect(isCanonicalId(ID.toUpperCase())).toBe(false);
    expect(isCanonicalId(`{${ID}}`)).toBe(false);
  });
});

describe('isIdParamName', () => {
  it('treats id and names ending in Id as ids, and nothing else', () => {
    for (const name of ['id', 'entryId', 'recordId', 'followUpId']) expect(isIdParamName(name), name).toBe(true);
    for (const name of ['version', 'slug', 'idea', 'Id', 'identity']) expect(isIdParamName(name), name).toBe(false);
  });
});

describe('idField', () => {
  it('outputs the canonical form of any accepted spelling', () => {
    expect(idField().parse(`{${ID.toUpperCase()}}`)).toBe(ID);
  });

  it('refuses anything else with the given message', () => {
    const result = idField('Select a person').safeParse(`${ID}x`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Select a person');
    expect(idField('Select a person').safeParse(42).error?.issues[0]?.message).toBe('Select a person');
  });
});
