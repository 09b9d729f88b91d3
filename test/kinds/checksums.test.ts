import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hkidCheckChar,
  idCardCheckChar,
  isLuhnValid,
  luhnCheckDigit,
  orgCodeCheckChar,
  taiwanIdCheckDigit,
  usccCheckChar,
  USCC_ALPHABET,
} from '../../src/kinds/checksums.js';

// Independent reference implementations, written from the standards' definitions rather than
// from the optimised code under test.

/** Luhn by the textbook definition: double every second digit from the right, sum digit sums. */
function refLuhnValid(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map((d, i) => (i % 2 === 1 ? 2 * +d : +d))
    .map((v) => Math.floor(v / 10) + (v % 10))
    .reduce((a, b) => a + b, 0);
  return sum % 10 === 0;
}

/** GB 11643 / ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check value (12 - S mod 11) mod 11. */
function refIdCheck(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += +first17[i] * (2 ** (17 - i) % 11);
  const v = (12 - (s % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

/** GB 32100: weights 3^i mod 31, check = 31 - S mod 31 (31 -> 0). */
function refUsccCheck(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_ALPHABET.indexOf(first17[i]) * (3 ** i % 31);
  return USCC_ALPHABET[(31 - (s % 31)) % 31];
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('Luhn (ISO/IEC 7812-1 Annex B)', () => {
  it('matches published examples', () => {
    // The standard worked example 7992739871 -> check digit 3 (ISO/IEC 7812-1, also in ANSI X4.13).
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    // Card-network test numbers (Visa, Mastercard test PANs).
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('5555555555554444')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(luhnCheckDigit('12a')).toBe(-1);
    expect(isLuhnValid('0')).toBe(false);
  });

  it('agrees with the textbook definition', () => {
    fc.assert(
      fc.property(digitString(1, 25), (payload) => {
        const full = payload + luhnCheckDigit(payload);
        expect(refLuhnValid(full)).toBe(true);
        expect(isLuhnValid(full)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(digitString(2, 25), (digits) => {
        expect(isLuhnValid(digits)).toBe(refLuhnValid(digits));
      }),
      { numRuns: 500 },
    );
  });

  it('catches every single-digit substitution', () => {
    fc.assert(
      fc.property(digitString(15, 18), (payload) => {
        const full = payload + luhnCheckDigit(payload);
        for (let i = 0; i < full.length; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === full[i]) continue;
            expect(isLuhnValid(full.slice(0, i) + d + full.slice(i + 1))).toBe(false);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('GB 11643 resident ID check character (ISO 7064 MOD 11-2)', () => {
  it('matches the standard examples', () => {
    // GB 11643-1999 Annex A example: 11010519491231002X.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // GB 11643-1999 example 440524188001010014.
    expect(idCardCheckChar('44052418800101001')).toBe('4');
    expect(idCardCheckChar('1101051949123100')).toBe('');
    expect(idCardCheckChar('1101051949123100A')).toBe('');
  });

  it('agrees with the definition and catches every single substitution', () => {
    fc.assert(
      fc.property(digitString(17, 17), (body) => {
        const check = idCardCheckChar(body);
        expect(check).toBe(refIdCheck(body));
        const full = body + check;
        for (let i = 0; i < 18; i++) {
          for (const c of '0123456789X') {
            if (c === full[i] || (i < 17 && c === 'X')) continue;
            const corrupted = full.slice(0, i) + c + full.slice(i + 1);
            expect(idCardCheckChar(corrupted.slice(0, 17))).not.toBe(corrupted[17]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('GB 32100 unified social credit code and GB 11714 organization code', () => {
  it('matches real codes', () => {
    // 91350100M000100Y43: a published USCC (Fujian); M000100Y4 is its GB 11714 organization code.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    // Hand-computed: D=13 -> 13*3+2*7+1*9+4*10+3*5+5*8+6*4+9*2 = 199, 11 - 199 mod 11 = 10 -> X.
    expect(orgCodeCheckChar('D2143569')).toBe('X');
    expect(usccCheckChar('91350100M000100YI')).toBe(''); // I is not in the alphabet
  });

  it('agrees with the definition and catches every single substitution', () => {
    const code17 = fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
    fc.assert(
      fc.property(code17, (body) => {
        const check = usccCheckChar(body);
        expect(check).toBe(refUsccCheck(body));
        const full = body + check;
        for (let i = 0; i < 18; i++) {
          for (const c of USCC_ALPHABET) {
            if (c === full[i]) continue;
            const corrupted = full.slice(0, i) + c + full.slice(i + 1);
            expect(usccCheckChar(corrupted.slice(0, 17))).not.toBe(corrupted[17]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('HKID check character', () => {
  it('matches the Immigration Department example and hand-computed values', () => {
    // A123456(3): the example printed on HKID explanations.
    expect(hkidCheckChar('A', '123456')).toBe('3');
    // Independent computation with the published weights 9..2 (space = 36, A = 10).
    const weighted = (letters: string, digits: string) => {
      const l = letters.length === 1 ? [36, letters.charCodeAt(0) - 55] : [letters.charCodeAt(0) - 55, letters.charCodeAt(1) - 55];
      const s = l[0] * 9 + l[1] * 8 + [...digits].reduce((a, d, i) => a + +d * (7 - i), 0);
      const v = (11 - (s % 11)) % 11;
      return v === 10 ? 'A' : String(v);
    };
    for (const [p, d] of [['G', '123456'], ['XA', '000001'], ['Z', '999999'], ['AB', '987654']] as const) {
      expect(hkidCheckChar(p, d)).toBe(weighted(p, d));
    }
    expect(hkidCheckChar('1', '123456')).toBe('');
    expect(hkidCheckChar('ABC', '123456')).toBe('');
  });
});

describe('Taiwan national ID check digit', () => {
  it('validates the well-known example A123456789', () => {
    expect(taiwanIdCheckDigit('A', '12345678')).toBe(9);
    expect(taiwanIdCheckDigit('a', '12345678')).toBe(-1);
    expect(taiwanIdCheckDigit('A', '1234567')).toBe(-1);
  });

  it('agrees with the letter table of the Ministry of the Interior', () => {
    // Letter codes: A=10 ... H=17, I=34, J=18 ... N=22, O=35, P=23 ... V=29, W=32, X=30, Y=31, Z=33.
    const codes: Record<string, number> = {
      A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
      N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(codes)), digitString(8, 8), (letter, digits) => {
        const code = codes[letter];
        const s = Math.floor(code / 10) + (code % 10) * 9 + [...digits].reduce((a, d, i) => a + +d * (8 - i), 0);
        expect(taiwanIdCheckDigit(letter, digits)).toBe((10 - (s % 10)) % 10);
      }),
      { numRuns: 300 },
    );
  });
});
