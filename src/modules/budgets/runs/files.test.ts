import { describe, expect, it } from 'vitest';
import { bacsTrailer, csvTrailer, neutralise, paymentBacs, paymentCsv, type OutboxLine } from './files.js';
import { allocateContributions, paymentReference, periodFrom, type PartForRun } from './schedule.js';

const line = (over: Partial<OutboxLine>): OutboxLine => ({
  idempotencyKey: 'run:part:2026-12-07',
  payeeName: 'Mrs N Example',
  sortCode: '309430',
  accountNumber: '00733445',
  amountPence: 123_456,
  reference: 'TL0123456789261207',
  paymentDate: '2026-12-07',
  ...over,
});
const originator = { name: 'FENSHIRE ASC', sortCode: '200000', accountNumber: '55779911', serviceUserNumber: '123456' };

describe('payment files', () => {
  it('lays out Standard 18 credit records in 100 characters, a contra and a UTL1 with the totals', () => {
    const file = paymentBacs(
      [line({}), line({ idempotencyKey: 'b', amountPence: 44 })],
      originator,
      'ab12cd34-0000',
      '2026-12-07',
    );
    const rows = file.split('\r\n').slice(0, -1);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(['VOL1', 'HDR1', 'UHL1', '3094', '3094', '2000', 'EOF1', 'UTL1']);
    const credit = rows[3]!;
    expect(credit).toHaveLength(100);
    expect(credit.slice(0, 6)).toBe('309430');
    expect(credit.slice(6, 14)).toBe('00733445');
    expect(credit.slice(15, 17)).toBe('99');
    expect(credit.slice(35, 46)).toBe('00000123456');
    expect(credit.slice(82, 100)).toBe('MRS N EXAMPLE     ');
    expect(rows[5]!.slice(15, 17)).toBe('17');
    expect(rows[5]!.slice(35, 46)).toBe('00000123500');
    expect(rows[2]).toBe(`UHL1 26341999999    000000001 DAILY  001${' '.repeat(40)}`);
    expect(bacsTrailer(file)).toEqual({ count: 2, totalPence: 123_500 });
  });

  it('writes a CSV with header and trailer, and neutralises formula characters in text cells', () => {
    const csv = paymentCsv([line({ payeeName: '@SUM(A1)' }), line({ payeeName: '-1+2', amountPence: 1 })]);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('Reference,Payee name,Sort code,Account number,Amount (pence),Payment date,Key');
    expect(rows[1]).toContain(",'@SUM(A1),");
    expect(rows[2]).toContain(",'-1+2,");
    expect(csvTrailer(csv)).toEqual({ count: 2, totalPence: 123_457 });
    expect(neutralise('=1')).toBe("'=1");
    expect(neutralise('Plain')).toBe('Plain');
  });
});

describe('what a run pays', () => {
  const part = (id: string, weekly: number, route: PartForRun['route'] = 'direct_payment'): PartForRun => ({
    id,
    personId: 'p',
    route,
    holder: 'H',
    serviceId: null,
    weeklyPence: weekly,
    oneOffPence: null,
    startsOn: '2026-01-05',
    endsOn: null,
    accountId: `acc-${id}`,
  });

  it('shares a contribution across netted parts, earliest first, never below 0, and never off a provider payment', () => {
    const period = periodFrom('2026-12-07');
    const shares = allocateContributions(
      [part('a', 1_000), part('b', 10_000), part('c', 50_000, 'council_managed')],
      [{ personId: 'p', accountId: 'contrib', weeklyPence: 3_000, startsOn: '2026-01-01', endsOn: null }],
      period,
    );
    expect(shares.get('a')).toEqual([{ accountId: 'contrib', pence: 4_000 }]);
    expect(shares.get('b')).toEqual([{ accountId: 'contrib', pence: 8_000 }]);
    expect(shares.has('c')).toBe(false);
  });

  it('makes an 18-character reference from the part and the period', () => {
    expect(paymentReference('0123456789ab-cdef', '2026-12-07')).toBe('TL0123456789261207');
    expect(paymentReference('0123456789ab-cdef', '2026-12-07')).toHaveLength(18);
  });
});
