import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  bucketLabel,
  DEFAULT_AGE_EDGES,
  DEFAULT_AMOUNT_EDGES,
  generalizeAge,
  generalizeAmount,
  generalizeDate,
  parseCalendarDate,
} from '../../src/mask/generalize.js';

describe('generalizeDate', () => {
  it.each([
    ['1949-12-31', '1949', '1949-12'],
    ['1949/1/5', '1949', '1949-01'],
    ['1949.12.31', '1949', '1949-12'],
    ['19491231', '1949', '1949-12'],
    ['20240229083015', '2024', '2024-02'],
    ['2024-02-29T08:30:15.123+08:00', '2024', '2024-02'],
    ['2024-02-29 23:59:59', '2024', '2024-02'],
    ['2024-02-29T00:30Z', '2024', '2024-02'],
    ['1949年12月31日', '1949', '1949-12'],
    ['1949年1月', '1949', '1949-01'],
    ['１９４９－１２－３１', '1949', '1949-12'], // full-width digits and hyphen
    ['  1949-12-31  ', '1949', '1949-12'],
    ['2024-03', '2024', '2024-03'],
    ['202403', '2024', '2024-03'],
    ['2024', '2024', '2024'], // a bare year cannot become more precise
  ])('%s → %s / %s', (value, year, yearMonth) => {
    expect(generalizeDate(value, 'year')).toBe(year);
    expect(generalizeDate(value, 'year-month')).toBe(yearMonth);
  });

  it.each([
    ['2023-02-29', '****-**-**'], // not a leap year
    ['1900-02-29', '****-**-**'], // century, not a leap year
    ['2024-13-01', '****-**-**'],
    ['2024-04-31', '****-**-**'],
    ['2024-01-01 24:00', '****-**-** *****'],
    ['0000-01-01', '****-**-**'],
    ['not a date', '*** * ****'],
    ['31/12/1949', '**********'],
  ])('masks %s entirely (→ %s)', (value, masked) => {
    expect(generalizeDate(value, 'year')).toBe(masked);
  });

  it('accepts 2000-02-29 (divisible by 400) and returns "" for ""', () => {
    expect(generalizeDate('2000-02-29', 'year')).toBe('2000');
    expect(generalizeDate('', 'year')).toBe('');
  });

  it('agrees with Date.UTC on which Y-M-D triples are real dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const t = new Date(0);
        t.setUTCFullYear(y, m - 1, d);
        const real = t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(parseCalendarDate(text) !== null).toBe(real);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects an unknown granularity', () => {
    expect(() => generalizeDate('2024-01-01', 'day' as 'year')).toThrow(InvalidArgumentError);
  });
});

describe('generalizeAmount / generalizeAge', () => {
  it.each([
    ['¥23,456.78', '[10000,100000)'],
    ['￥２３，４５６．７８', '[10000,100000)'],
    ['23456.78元', '[10000,100000)'],
    ['CNY 999.99', '[0,1000)'],
    ['-20', '<0'],
    ['0', '[0,1000)'],
    ['1000', '[1000,10000)'],
    ['12000000', '>=10000000'],
    ['.5', '[0,1000)'],
  ])('amount %s → %s', (value, expected) => {
    expect(generalizeAmount(value)).toBe(expected);
  });

  it.each([
    ['abc', '***'],
    ['1.2.3', '*****'],
    ['12-34', '**-**'],
  ])('masks the non-amount %s entirely', (value, masked) => {
    expect(generalizeAmount(value)).toBe(masked);
  });

  it.each([
    ['35', '[30,40)'],
    ['35岁', '[30,40)'],
    ['17', '<18'],
    ['18', '[18,30)'],
    ['70周岁', '>=70'],
    ['151', '***'],
    ['-1', '-*'], // hyphen-minus is a separator: kept in place
  ])('age %s → %s', (value, expected) => {
    expect(generalizeAge(value)).toBe(expected);
  });

  it('uses custom edges and checks them', () => {
    expect(generalizeAmount('150', [100, 200])).toBe('[100,200)');
    expect(generalizeAge('42', [10, 20, 30, 40, 50])).toBe('[40,50)');
    expect(() => generalizeAmount('1', [])).toThrow(InvalidArgumentError);
    expect(() => generalizeAmount('1', [2, 1])).toThrow(InvalidArgumentError);
    expect(() => generalizeAmount('1', [1, 1])).toThrow(InvalidArgumentError);
    expect(() => generalizeAmount('1', [0, Infinity])).toThrow(InvalidArgumentError);
  });

  it('every number falls in exactly the bucket whose bounds contain it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (x) => {
        for (const edges of [DEFAULT_AMOUNT_EDGES, DEFAULT_AGE_EDGES]) {
          const label = bucketLabel(x, edges);
          if (label.startsWith('<')) expect(x).toBeLessThan(Number(label.slice(1)));
          else if (label.startsWith('>=')) expect(x).toBeGreaterThanOrEqual(Number(label.slice(2)));
          else {
            const [lo, hi] = label.slice(1, -1).split(',').map(Number);
            expect(x >= lo && x < hi).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
