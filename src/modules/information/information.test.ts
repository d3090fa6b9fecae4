import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { boundingBox, formatPostcode, haversineMiles, postcodeKey } from '../../platform/geo/postcodes.js';
import { expandQuery, plainWords } from './synonyms.js';
import { londonNow, scheduleInWords, timeInWords, type ScheduleRow } from './schedules.js';
import { agesInWords, costLines, distanceInWords, excerpt, poundsFromPence, safeWebsite } from './presenters.js';
import { parseSearchQuery, searchParams } from './query.js';

describe('postcodes', () => {
  it('normalises well-formed postcodes and refuses anything else', () => {
    expect(postcodeKey(' pe13 1ab ')).toBe('PE131AB');
    expect(postcodeKey('SW1A 1AA')).toBe('SW1A1AA');
    expect(postcodeKey('M1 1AE')).toBe('M11AE');
    for (const bad of ['', 'banana', 'PE13', '12345', 'PE13 1A', 'PE13 1ABC']) expect(postcodeKey(bad), bad).toBeNull();
    expect(formatPostcode('SW1A1AA')).toBe('SW1A 1AA');
  });

  it('measures miles and boxes that contain the circle', () => {
    const wisbech = { postcode: 'PE13 1AB', latitude: 52.669182, longitude: 0.161457 };
    const march = { latitude: 52.55, longitude: 0.09 };
    const miles = haversineMiles(wisbech, march);
    expect(miles).toBeGreaterThan(8);
    expect(miles).toBeLessThan(9);
    const box = boundingBox(wisbech, miles + 0.01);
    expect(march.latitude).toBeGreaterThan(box.minLat);
    expect(march.longitude).toBeGreaterThan(box.minLng);
  });
});

describe('everyday words', () => {
  it('turns "lonely" into befriending and community activities', () => {
    const e = expandQuery('I am lonely since my wife died');
    expect(e.kinds).toEqual(expect.arrayContaining(['befriending', 'community-activities']));
    expect(e.primaryKinds).toEqual(['befriending']);
    expect(e.words).toEqual(expect.arrayContaining(['lonely', 'wife']));
    expect(e.addedWords).toEqual(expect.arrayContaining(['befriending', 'friendship']));
  });
  it('leaves out vague words unless nothing else was typed, and matches plurals', () => {
    expect(expandQuery('help with my garden').words).toContain('garden');
    expect(expandQuery('help with my garden').words).not.toContain('help');
    expect(expandQuery('help').words).toEqual(['help']);
    expect(expandQuery('grab rails for the bath').primaryKinds).toEqual(['equipment-assistive-technology']);
  });
  it('matches phrases on whole words only', () => {
    expect(expandQuery('carer break').kinds).toContain('short-breaks');
    expect(expandQuery('palace').kinds).toEqual([]);
  });
  it('keeps only letters and digits, so nothing reaches the full-text parser as syntax', () => {
    expect(plainWords("Don't & | ! :* (help)")).toEqual(['dont', 'help']);
  });
});

describe('opening times in words', () => {
  const base: ScheduleRow = {
    freq: 'WEEKLY',
    interval: null,
    byday: null,
    bymonthday: null,
    opens_at: null,
    closes_at: null,
    description: null,
    notes: null,
    valid_to: null,
  };
  it('says weekly, monthly and daily schedules plainly', () => {
    expect(scheduleInWords({ ...base, byday: 'MO,TH', opens_at: '10:00:00', closes_at: '12:30:00' })).toBe(
      'Every Monday and Thursday, 10am to 12:30pm',
    );
    expect(
      scheduleInWords({ ...base, freq: 'MONTHLY', byday: '-1FR', opens_at: '19:00:00', closes_at: '21:00:00' }),
    ).toBe('On the last Friday of each month, 7pm to 9pm');
    expect(scheduleInWords({ ...base, byday: 'MO,TU,WE,TH,FR,SA,SU' })).toBe('Every day');
    expect(scheduleInWords({ ...base, freq: 'MONTHLY', bymonthday: '1,15' })).toBe('On the 1st and 15th of each month');
    expect(scheduleInWords({ ...base, byday: 'WE', interval: 2 })).toBe('Wednesday, every 2 weeks');
    expect(scheduleInWords({ ...base, description: 'By appointment' })).toBe('By appointment');
    expect(timeInWords('00:00:00')).toBe('midnight');
    expect(timeInWords('12:00:00')).toBe('midday');
  });
  it('knows London time across the clock change', () => {
    expect(londonNow(Temporal.Instant.from('2026-07-01T09:30:00Z'))).toEqual({
      day: 'WE',
      time: '10:30:00',
      date: '2026-07-01',
    });
    expect(londonNow(Temporal.Instant.from('2026-12-06T23:30:00Z'))).toEqual({
      day: 'SU',
      time: '23:30:00',
      date: '2026-12-06',
    });
  });
});

describe('presenting services', () => {
  it('formats money, distance, ages and descriptions', () => {
    expect(poundsFromPence(1250)).toBe('£12.50');
    expect(poundsFromPence(500)).toBe('£5');
    expect(poundsFromPence(0)).toBe('Free');
    expect(poundsFromPence(123456)).toBe('£1,234.56');
    expect(distanceInWords(1.04)).toBe('1 mile away');
    expect(distanceInWords(0.04)).toBe('Less than 0.1 miles away');
    expect(distanceInWords(12.6)).toBe('13 miles away');
    expect(agesInWords('18', null)).toBe('Aged 18 and over');
    expect(agesInWords('5', '25')).toBe('Aged 5 to 25');
    expect(agesInWords(null, null)).toBeNull();
    expect(excerpt('word '.repeat(100), 50).length).toBeLessThanOrEqual(51);
  });
  it('never links to a javascript: address', () => {
    expect(safeWebsite('javascript:alert(1)')).toBeNull();
    expect(safeWebsite('https://example.org/x')).toBe('https://example.org/x');
    expect(safeWebsite('not a url')).toBeNull();
  });
});

describe('the search query string', () => {
  it('reads leniently and reports only a malformed postcode', () => {
    const { query, errors } = parseSearchQuery({
      q: ['a', 'b'],
      miles: '7',
      page: '-1',
      open: 'XX',
      free: 'yes',
      postcode: 'nope',
    });
    expect(query).toMatchObject({ q: 'a', miles: 5, page: 1, open: undefined, free: true });
    expect(errors).toEqual([{ text: 'Enter a real postcode, like PE13 1AB', href: '#postcode' }]);
  });
  it('writes the same search back, leaving defaults out', () => {
    const { query } = parseSearchQuery({ q: 'lonely', postcode: 'pe13 1ab', miles: '10', page: '3' });
    expect(searchParams(query, { page: 1 })).toBe('q=lonely&postcode=PE13+1AB&miles=10');
  });
  it('sorts by best match unless nearest first is asked for', () => {
    expect(parseSearchQuery({ q: 'lonely' }).query.sort).toBe('relevance');
    expect(parseSearchQuery({ sort: 'bogus' }).query.sort).toBe('relevance');
    const { query } = parseSearchQuery({ q: 'lonely', postcode: 'PE13 1AB', sort: 'nearest' });
    expect(searchParams(query)).toBe('q=lonely&postcode=PE13+1AB&sort=nearest');
  });
});

describe('saying things once', () => {
  const base: ScheduleRow = {
    freq: 'WEEKLY',
    interval: null,
    byday: null,
    bymonthday: null,
    opens_at: null,
    closes_at: null,
    description: null,
    notes: null,
    valid_to: null,
  };
  it('weekday runs and repeated descriptions', () => {
    expect(
      scheduleInWords({
        ...base,
        byday: 'MO,TU,WE,TH,FR',
        opens_at: '09:00:00',
        closes_at: '17:00:00',
        description: 'Monday to Friday, 9am to 5pm',
      }),
    ).toBe('Monday to Friday, 9am to 5pm');
  });
  it('says when once, in the provider’s words, when the description restates the days and times', () => {
    const weekly = { ...base, byday: 'WE', opens_at: '10:00:00', closes_at: '12:00:00' };
    expect(scheduleInWords({ ...weekly, description: 'Every week on Wednesdays, 10am to 12 noon' })).toBe(
      'Every week on Wednesdays, 10am to 12 noon',
    );
    expect(scheduleInWords({ ...weekly, description: 'Term time only' })).toBe(
      'Every Wednesday, 10am to midday. Term time only',
    );
  });
  it('costs without repeating the amount', () => {
    const cost = (option: string | null, pence: number | null, description: string | null) => ({
      option,
      amount_pence: pence,
      amount_description: description,
    });
    expect(
      costLines({ costs: [cost('Free', 0, 'Free')], service: { fees: 'Free', fees_description: 'Free' } }),
    ).toEqual(['Free']);
    expect(
      costLines({
        costs: [cost('£4.50 a meal', 450, '£4.50 for a two-course lunch')],
        service: { fees: '£4.50 a meal', fees_description: null },
      }),
    ).toEqual(['£4.50 for a two-course lunch']);
    expect(
      costLines({
        costs: [cost('Per hour', 1250, null)],
        service: { fees: null, fees_description: 'Ask about discounts' },
      }),
    ).toEqual(['Per hour – £12.50', 'Ask about discounts']);
  });
});
