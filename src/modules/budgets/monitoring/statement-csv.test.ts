import { describe, expect, it } from 'vitest';
import { MAX_STATEMENT_ROWS, parseStatement, signedPence, statementDate } from './statement-csv.js';

const PART = '11111111-1111-4111-8111-111111111111';
const TODAY = '2026-12-03';
const parse = (text: string) => parseStatement(text, PART, TODAY);

describe('statement CSV parser', () => {
  it('reads signed amounts in pounds to pence, money out negative', () => {
    expect(signedPence('-12.50')).toBe(-1250);
    expect(signedPence('+3')).toBe(300);
    expect(signedPence('1,200.05')).toBe(120005);
    expect(signedPence('-£1,200.00')).toBe(-120000);
    expect(signedPence('--3')).toBeNull();
    expect(signedPence('12.345')).toBeNull();
    expect(signedPence('twelve')).toBeNull();
  });

  it('reads ISO and UK dates and refuses ones that are not real', () => {
    expect(statementDate('2026-11-30')).toBe('2026-11-30');
    expect(statementDate('3/11/2026')).toBe('2026-11-03');
    expect(statementDate('31/02/2026')).toBeNull();
    expect(statementDate('11/30/2026')).toBeNull();
  });

  it('accepts good lines and refuses each bad one with its line number and reason', () => {
    const result = parse(
      [
        'Date,Description,Amount,Balance,Reference',
        '2026-11-02,Tesco groceries,-25.00,775.00,T1',
        '03/11/2026,"Refund, day centre",5.00,,',
        '31/02/2026,Bad date,-1.00,,',
        '2026-11-04,Bad amount,abc,,',
        '2026-11-02,Tesco groceries,-25.00,775.00,T1',
        '2026-11-05,Nothing,0.00,,',
        '2026-12-25,Future,-1.00,,',
        '2026-11-06,,-1.00,,',
      ].join('\r\n'),
    );
    if (!result.ok) throw new Error(result.problem);
    expect(result.lines.map((l) => [l.line, l.occurredOn, l.description, l.amountPence, l.balancePence])).toEqual([
      [2, '2026-11-02', 'Tesco groceries', -2500, 77500],
      [3, '2026-11-03', 'Refund, day centre', 500, null],
    ]);
    expect(result.refused).toEqual([
      { line: 4, reason: 'The date "31/02/2026" is not a date like 2026-11-30 or 30/11/2026' },
      { line: 5, reason: 'The amount "abc" is not an amount in pounds, like -12.50' },
      { line: 6, reason: 'A duplicate of line 2 in this file' },
      { line: 7, reason: 'The amount is 0: there is nothing to record' },
      { line: 8, reason: 'The date 2026-12-25 is in the future' },
      { line: 9, reason: 'The description is empty' },
    ]);
  });

  it('hashes a line by part, date, amount, description and reference', () => {
    const a = parse('date,description,amount,reference\n2026-11-02,Shop,-1.00,R1');
    const b = parse('amount,date,description,reference\n-1.00,2026-11-02,Shop,R1');
    const c = parse('date,description,amount,reference\n2026-11-02,Shop,-1.00,R2');
    const other = parseStatement(
      'date,description,amount\n2026-11-02,Shop,-1.00',
      '22222222-2222-4222-8222-222222222222',
      TODAY,
    );
    if (!a.ok || !b.ok || !c.ok || !other.ok) throw new Error('should parse');
    expect(a.lines[0]!.rowHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.lines[0]!.rowHash).toBe(a.lines[0]!.rowHash);
    expect(c.lines[0]!.rowHash).not.toBe(a.lines[0]!.rowHash);
    expect(other.lines[0]!.rowHash).not.toBe(a.lines[0]!.rowHash);
  });

  it('refuses a whole file that cannot be a statement', () => {
    expect(parse('')).toEqual({ ok: false, problem: 'The file is empty' });
    expect(parse('date,description\n2026-11-02,Shop')).toEqual({
      ok: false,
      problem: 'The file must have columns named date, description and amount: amount missing',
    });
    const unclosed = parse('date,description,amount\n2026-11-02,"Shop,-1.00\n');
    expect(unclosed.ok).toBe(false);
    expect(!unclosed.ok && unclosed.problem).toMatch(/^The file is not valid CSV/);
    expect(parse('%PDF-1.4\u0000\u0001binary')).toEqual({
      ok: false,
      problem: 'The file is not a CSV file (it is not text)',
    });
    const tooMany = [
      'date,description,amount',
      ...Array.from({ length: MAX_STATEMENT_ROWS + 1 }, (_, i) => `2026-11-02,Item ${i},-1.00`),
    ];
    expect(parse(tooMany.join('\n'))).toEqual({
      ok: false,
      problem: `The file has ${MAX_STATEMENT_ROWS + 1} rows: import at most ${MAX_STATEMENT_ROWS} at a time`,
    });
    expect(parse('x'.repeat(200_001))).toEqual({
      ok: false,
      problem: 'The file must be smaller than 200 KB: split it into shorter statements',
    });
  });
});

describe('demo statement', () => {
  it('parses cleanly and spends the share of the weekly amount asked for', async () => {
    const { demoStatementCsv } = await import('./demo-statement.js');
    const { csv, spentPence } = demoStatementCsv({ weeklyPence: 10001, from: '2026-09-07', weeks: 4, spentShare: 0.5 });
    const parsed = parseStatement(csv, PART, TODAY);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.refused).toEqual([]);
    expect(spentPence).toBe(4 * 5000);
    expect(parsed.lines.reduce((sum, l) => sum + l.amountPence, 0)).toBe(-spentPence);
  });
});
