/**
 * The kinds' hand-written fast paths (plain loops in place of regexes, for the pseudonym hot
 * path) against the regex formulations they replaced, kept here as the reference: on random
 * strings drawn from the characters that matter, both must agree exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, bankCard, dateOfBirth, email, ipAddress, seededRng } from '../../src/kinds/index.js';
import { parseIdNumber } from '../../src/kinds/cn-id-card.js';
import { parseDate } from '../../src/kinds/dates.js';
import {
  allDigits,
  digitsAt,
  isDigits,
  lowerAsciiLettersFrom,
  stripSeparators,
  upperAsciiLetters,
  withoutParentheses,
} from '../../src/kinds/text.js';

const RUNS = { numRuns: 3000 };

/** Strings over `chars`, up to `max` characters. */
const over = (chars: string, max = 24) => fc.string({ unit: fc.constantFrom(...chars), maxLength: max });

const SEPARATORS_REF = /[\s\u00a0\u2000-\u200b\u2010-\u2015\u2212\u30fc\ufe58\ufe63-]+/g;

describe('text helpers equal their regex formulations', () => {
  it('stripSeparators', () => {
    fc.assert(
      fc.property(fc.oneof(over('0123456789 -\t\u00a0\u2010\u2212\u30fc\u3000\u200b\ufe63x中é'), fc.string()), (s) => {
        expect(stripSeparators(s)).toBe(s.replace(SEPARATORS_REF, ''));
      }),
      RUNS,
    );
  });

  it('upperAsciiLetters, lowerAsciiLettersFrom, withoutParentheses', () => {
    fc.assert(
      fc.property(fc.oneof(over('aAzZ09()é中ß@.'), fc.string()), fc.nat(30), (s, start) => {
        expect(upperAsciiLetters(s)).toBe(s.replace(/[a-z]+/g, (w) => w.toUpperCase()));
        const from = Math.min(start, s.length);
        expect(lowerAsciiLettersFrom(s, from)).toBe(s.slice(0, from) + s.slice(from).replace(/[A-Z]+/g, (w) => w.toLowerCase()));
        expect(withoutParentheses(s)).toBe(s.replace(/[()]/g, ''));
      }),
      RUNS,
    );
  });

  it('isDigits, allDigits, digitsAt', () => {
    fc.assert(
      fc.property(over('0123456789a/:٣', 20), fc.nat(20), fc.nat(6), (s, start, count) => {
        expect(isDigits(s)).toBe(/^[0-9]+$/.test(s));
        const end = start + count;
        const slice = s.slice(start, end);
        const inside = end <= s.length;
        expect(allDigits(s, start, end)).toBe(inside && /^[0-9]*$/.test(slice));
        expect(digitsAt(s, start, count)).toBe(inside && /^[0-9]*$/.test(slice) ? Number(slice || '0') : -1);
      }),
      RUNS,
    );
  });
});

// The date forms of src/kinds/dates.ts, as they were before the yyyy-mm-dd fast path.
const SEPARATED_DATE =
  /^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;

describe('parseDate fast path', () => {
  it('agrees with the separated-date pattern on 10-character strings', () => {
    fc.assert(
      fc.property(over('0123456789-/.', 10).filter((s) => s.length === 10), (s) => {
        const m = SEPARATED_DATE.exec(s);
        const d = parseDate(s);
        if (m === null) {
          // Not the separated shape: only the compact form could still parse (never 10 characters).
          expect(d).toBeNull();
          return;
        }
        const [year, month, day] = [+m[1], +m[3], +m[4]];
        const real = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
        expect(d).toEqual(real ? { year, month, day, time: '' } : null);
      }),
      RUNS,
    );
  });

  it('keeps the examples', () => {
    expect(parseDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29, time: '' });
    expect(parseDate('1900-02-29')).toBeNull();
    expect(parseDate('1990/01/02')).toEqual({ year: 1990, month: 1, day: 2, time: '' });
    expect(parseDate('1990-01/02')).toBeNull();
    expect(dateOfBirth.normalize('1990.01.02')).toBe('1990-01-02');
  });
});

// amount.ts's pattern, which the plain-decimal fast path must reproduce.
const AMOUNT_REF =
  /^([+-]?)\s*(?:[¥\uffe5]|RMB|CNY|人民币)?\s*([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,4})?)\s*(?:元|RMB|CNY)?$/iu;

function amountNormalizeRef(s: string): string {
  const m = AMOUNT_REF.exec(s);
  if (m === null || (m[1] !== '' && m[2] !== '')) return s;
  const number = m[3].replace(/,/g, '').replace(/^0+(?=[0-9])/, '');
  const negative = m[1] === '-' || m[2] === '-';
  return (negative && !/^[0.]+$/.test(number) ? '-' : '') + number;
}

describe('amount fast path', () => {
  it('normalizes and detects plain decimals as the pattern does', () => {
    fc.assert(
      fc.property(over('0123456789.-', 12), (s) => {
        expect(amount.normalize(s)).toBe(amountNormalizeRef(s));
        const m = AMOUNT_REF.exec(s);
        const valid = m !== null && !(m[1] !== '' && m[2] !== '');
        expect(amount.detect(s).valid).toBe(valid);
        if (valid) expect(amount.detect(s).confidence).toBe(/\.[0-9]{2}$/.test(amountNormalizeRef(s).replace('-', '')) ? 0.3 : 0.1);
      }),
      RUNS,
    );
  });

  it('keeps sign, integer digits and decimals in generated amounts', () => {
    const rng = seededRng(new Uint8Array([7]));
    for (const [like, shape] of [
      ['-007.50', /^-[1-9]\.[0-9]{2}$/],
      ['0.5', /^[0-9]\.[0-9]$/],
      ['-0.00', /^[0-9]\.[0-9]{2}$/],
      ['123456', /^[1-9][0-9]{5}$/],
    ] as const) {
      expect(amount.generate!(rng, amount.normalize(like))).toMatch(shape);
    }
  });
});

function ipv4Ref(s: string): string | null {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(s);
  if (m === null) return null;
  const octets = [+m[1], +m[2], +m[3], +m[4]];
  return octets.every((o) => o <= 255) ? octets.join('.') : null;
}

describe('IPv4 and email parsers', () => {
  it('IPv4 normal form agrees with the dotted-quad pattern', () => {
    fc.assert(
      fc.property(over('0123456789.', 17), (s) => {
        const ref = ipv4Ref(s);
        if (ref !== null) expect(ipAddress.normalize(s)).toBe(ref);
        else if (!s.includes(':')) expect(ipAddress.detect(s).valid).toBe(false);
      }),
      RUNS,
    );
    expect(ipAddress.normalize('010.001.000.255')).toBe('10.1.0.255');
  });

  it('email domains agree with the per-label pattern', () => {
    const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
    const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
    fc.assert(
      fc.property(over('ab9-.', 6), over('abxn9-.Z', 14), (local, domain) => {
        const s = `${local}@${domain}`;
        const n = email.normalize(s);
        const labels = n.slice(n.lastIndexOf('@') + 1).split('.');
        const localOk = local.length >= 1 && /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local);
        const ref = localOk && labels.length >= 2 && TLD.test(labels[labels.length - 1]) && labels.every((l) => LABEL.test(l));
        expect(email.detect(s).valid).toBe(ref);
      }),
      RUNS,
    );
  });
});

describe('ID number fields and card number checks', () => {
  // cn-id-card.ts's patterns before the loop: 17 digits and a digit or X, or 15 digits.
  function parseIdRef(n: string) {
    if (/^[0-9]{17}[0-9X]$/.test(n)) return { region: n.slice(0, 6), year: +n.slice(6, 10), month: +n.slice(10, 12), day: +n.slice(12, 14), legacy: false };
    if (/^[0-9]{15}$/.test(n)) return { region: n.slice(0, 6), year: 1900 + +n.slice(6, 8), month: +n.slice(8, 10), day: +n.slice(10, 12), legacy: true };
    return null;
  }

  it('parseIdNumber agrees with the patterns', () => {
    fc.assert(
      fc.property(fc.oneof(over('0123456789Xx', 19), over('0123456789', 19), fc.string()), (s) => {
        expect(parseIdNumber(s)).toEqual(parseIdRef(s));
      }),
      RUNS,
    );
    expect(parseIdNumber('11010519491231002X')).toEqual({ region: '110105', year: 1949, month: 12, day: 31, legacy: false });
    expect(parseIdNumber('110105491231002')).toEqual({ region: '110105', year: 1949, month: 12, day: 31, legacy: true });
  });

  it('a card number of one repeated digit is not a card, whatever its check digit', () => {
    for (const n of ['0000000000000000', '4444444444444444', '8888888888888888888']) expect(bankCard.detect(n).valid).toBe(false);
    expect(bankCard.detect('6222021234567890128').valid).toBe(true);
  });
});
