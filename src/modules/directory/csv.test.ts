import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv, pick } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,,3');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('keys records by loosened header names', () => {
    const { records } = csvRecords('Parent Identifier,LABEL\nabc,Hello\n');
    expect(pick(records[0]!, 'parent_identifier')).toBe('abc');
    expect(pick(records[0]!, 'Label')).toBe('Hello');
    expect(pick(records[0]!, 'missing')).toBeUndefined();
  });
});
