import { describe, expect, it } from 'vitest';
import { CsvFormatError, csvRecords, parseCsv, pick } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,,3');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('reads CR-only line ends and a stray quote inside an unquoted field as hand-edited files have them', () => {
    expect(parseCsv('a,b\r1,2 "inch"\r')).toEqual([
      ['a', 'b'],
      ['1', '2 "inch"'],
    ]);
  });

  it('refuses a file whose quoted field never closes, saying where', () => {
    expect(() => parseCsv('a,b\n"x,y\n1,2')).toThrow(CsvFormatError);
    expect(() => parseCsv('a,b\n"x,y\n1,2')).toThrow(/not valid CSV.*line 3/);
  });

  it('keys records by loosened header names', () => {
    const { records } = csvRecords('Parent Identifier,LABEL\nabc,Hello\n');
    expect(pick(records[0]!, 'parent_identifier')).toBe('abc');
    expect(pick(records[0]!, 'Label')).toBe('Hello');
    expect(pick(records[0]!, 'missing')).toBeUndefined();
  });
});
