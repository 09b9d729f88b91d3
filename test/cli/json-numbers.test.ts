/**
 * JSON numbers a double cannot hold: found in the source text, so that a record holding one is
 * rejected instead of written back (or encrypted) with other digits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasInexactNumber, holdsNumber } from '../../src/cli/io/json-numbers.js';

describe('hasInexactNumber', () => {
  it('flags what JSON.parse changes, and nothing it keeps', () => {
    const inexact = ['12345678901234567891', '9007199254740993', '-12345678901234567', '0.10000000000000000001', '1e400', '-1e400', '1e-400', '6222021234567890123'];
    const exact = ['0', '-0', '1.50', '1e2', '1.5E+3', '9007199254740992', '123456789012345', '1234567890.12345', '0.000000000000000000001', '1.2345678901234567', '100000000000000000000', '5e-324'];
    for (const n of inexact) expect(hasInexactNumber(`{"a":${n}}`), n).toBe(true);
    for (const n of exact) expect(hasInexactNumber(`{"a":${n}}`), n).toBe(false);
  });

  it('reads only numbers: digits in strings, keys and escapes do not count', () => {
    expect(hasInexactNumber('{"card":"6222021234567890123","12345678901234567891":1}')).toBe(false);
    expect(hasInexactNumber('{"a":"x\\"12345678901234567891\\"","b":[1,2.5,{"c":-3e2}]}')).toBe(false);
    expect(hasInexactNumber('{"a":"\\\\","b":12345678901234567891}')).toBe(true);
    expect(hasInexactNumber('[ 1 , 2 , [ 12345678901234567891 ] ]')).toBe(true);
  });

  it('agrees with BigInt arithmetic on integer literals and never flags what JSON.stringify wrote', () => {
    // What matters is the text that comes back out: JSON.stringify(JSON.parse(literal)), read
    // here as an exact integer ('1.2e+21' included) with BigInt.
    const written = (literal: string): bigint => {
      const [mantissa, exponent = '0'] = JSON.stringify(JSON.parse(literal)).split('e');
      const [whole, fraction = ''] = mantissa.split('.');
      return (BigInt(whole + fraction) * 10n ** BigInt(Number(exponent) + 25)) / 10n ** BigInt(fraction.length + 25);
    };
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), (b) => {
        const literal = b.toString();
        expect(hasInexactNumber(`{"v":${literal}}`)).toBe(written(literal) !== b);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(hasInexactNumber(JSON.stringify({ v: d, w: [d] }))).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('holdsNumber finds a number anywhere in a record', () => {
    expect(holdsNumber({ a: 'x', b: null, c: ['y', { d: 'z' }] })).toBe(false);
    expect(holdsNumber({ a: 'x', c: ['y', { d: 0 }] })).toBe(true);
    expect(holdsNumber({ a: 1 })).toBe(true);
  });
});
