import { describe, expect, it } from 'vitest';
import { toCsv } from './figures-view.js';

describe('toCsv (the figures download)', () => {
  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(toCsv([['North, coast', 'say "hi"', 'two\nlines', 'plain', null, 12]])).toBe(
      '"North, coast","say ""hi""","two\nlines",plain,,12\r\n',
    );
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', -3]])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),-3\r\n`,
    );
  });
});
