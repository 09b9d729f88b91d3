import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '../../src/kinds/data/regions.js';
import { cnIdCard, parseIdNumber } from '../../src/kinds/cn-id-card.js';
import { dateOfBirth } from '../../src/kinds/date-of-birth.js';
import { hkMacauId } from '../../src/kinds/hk-macau-id.js';
import { passport } from '../../src/kinds/passport.js';
import { seededRng } from '../../src/kinds/rng.js';
import { taiwanId } from '../../src/kinds/taiwan-id.js';
import { travelPermit } from '../../src/kinds/travel-permit.js';
import { uscc } from '../../src/kinds/uscc.js';
import type { Kind } from '../../src/kinds/types.js';

const seeds = fc.uint8Array({ minLength: 4, maxLength: 16 });

/** Every value that differs from `value` in exactly one position, over `alphabet`. */
function substitutions(value: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (const c of alphabet) if (c !== value[i]) out.push(value.slice(0, i) + c + value.slice(i + 1));
  }
  return out;
}

function expectValid(kind: Kind, value: string): void {
  expect(kind.detect(value).valid, value).toBe(true);
}

function expectInvalid(kind: Kind, value: string): void {
  expect(kind.detect(value).valid, value).toBe(false);
}

describe('cn-id-card', () => {
  it('accepts the GB 11643 examples in real-world spellings', () => {
    for (const v of ['11010519491231002X', '11010519491231002x', ' 110105 19491231 002X ', '110105-19491231-002X', '１１０１０５１９４９１２３１００２Ｘ']) {
      expect(cnIdCard.detect(v)).toEqual({ valid: true, confidence: 0.99, checksum: true });
    }
    expect(cnIdCard.normalize(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });

  it('rejects wrong check digits, impossible or future dates and unknown provinces', () => {
    expect(cnIdCard.detect('110105194912310021')).toEqual({ valid: false, confidence: 0.3, checksum: false });
    // 1880 is before any living customer (GB 11643's own example 440524188001010014 is historical).
    expectInvalid(cnIdCard, '440524188001010014');
    expectInvalid(cnIdCard, '110105194902300012'); // 30 February
    expectInvalid(cnIdCard, '110105209901010011'); // born in 2099
    expectInvalid(cnIdCard, '990105194912310023'); // no province 99
    expectInvalid(cnIdCard, '1101051949123100'); // 16 digits
    expectInvalid(cnIdCard, '11010519491231002XX');
    expectInvalid(cnIdCard, '');
  });

  it('accepts 15-digit legacy numbers with a real date, with lower confidence', () => {
    expect(cnIdCard.detect('110105491231002')).toEqual({ valid: true, confidence: 0.6 });
    expectInvalid(cnIdCard, '110105491331002'); // month 13
    expect(parseIdNumber('110105491231002')).toEqual({ region: '110105', year: 1949, month: 12, day: 31, legacy: true });
  });

  it('accepts the residence permits of Hong Kong, Macau and Taiwan residents (810000/820000/830000)', () => {
    const body = '81000019900101001';
    let s = 0;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (let i = 0; i < 17; i++) s += +body[i] * w[i];
    expect(cnIdCard.detect(body + '10X98765432'[s % 11]).valid).toBe(true);
  });

  it('rejects every single-character substitution of generated numbers (MOD 11-2 catches all)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const id = cnIdCard.generate(seededRng(seed));
        expectValid(cnIdCard, id);
        for (const bad of substitutions(id, '0123456789X')) expectInvalid(cnIdCard, bad);
      }),
      { numRuns: 60 },
    );
  });

  it('generates from real county codes, and keeps region and birth year of `like`', () => {
    fc.assert(
      fc.property(seeds, seeds, (s1, s2) => {
        const like = cnIdCard.generate(seededRng(s1));
        expect(PREFECTURES[like.slice(0, 4)]).toBeDefined();
        const v = cnIdCard.generate(seededRng(s2), like);
        expectValid(cnIdCard, v);
        expect(v.slice(0, 6)).toBe(like.slice(0, 6));
        expect(v.slice(6, 10)).toBe(like.slice(6, 10));
      }),
      { numRuns: 200 },
    );
    // A legacy number's 19yy becomes the 18-digit year.
    const v = cnIdCard.generate(seededRng(new Uint8Array([5])), '110105491231002');
    expect(v.slice(0, 10)).toBe('1101051949');
    expectValid(cnIdCard, v);
  });

  it('masks as the seed rules say', () => {
    expect(cnIdCard.masks.analytics).toEqual({ type: 'range', start: 6, end: 12, minLength: 15 });
    expect(cnIdCard.masks.display).toMatchObject({ type: 'keep', first: 6, last: 4 });
  });
});

describe('passport', () => {
  it('recognises PRC passport series with more confidence than foreign shapes', () => {
    for (const v of ['E12345678', 'EA1234567', 'e1234 5678', 'G12345678', 'DE1234567', '141234567']) {
      expect(passport.detect(v)).toEqual({ valid: true, confidence: 0.8 });
    }
    expect(passport.detect('X1234567').confidence).toBeLessThan(0.5);
    for (const v of ['E1234567890', 'EI1234567', '123', '护照']) expect(passport.detect(v).confidence).toBeLessThan(0.5);
    expectInvalid(passport, 'EI1234567X');
  });

  it('keeps the series of `like`', () => {
    const rng = seededRng(new Uint8Array([3]));
    expect(passport.generate(rng, 'G12345678')).toMatch(/^G[0-9]{8}$/);
    expect(passport.generate(rng, 'DE1234567')).toMatch(/^DE[0-9]{7}$/);
    expect(passport.generate(rng, 'E12345678')).toMatch(/^E[0-9A-HJ-NP-Z][0-9]{7}$/);
    expect(passport.generate(rng, 'AB123456')).toMatch(/^[A-Z]{2}[0-9]{6}$/);
  });
});

describe('hk-macau-id', () => {
  it('checks the HKID check character', () => {
    for (const v of ['A123456(3)', 'a123456（3）', 'A1234563', ' A 123456 (3) ']) {
      expect(hkMacauId.detect(v)).toEqual({ valid: true, confidence: 0.9, checksum: true });
    }
    expect(hkMacauId.detect('A123456(4)')).toEqual({ valid: false, confidence: 0.2, checksum: false });
    expect(hkMacauId.normalize('a123456(3)')).toBe('A1234563');
  });

  it('recognises Macau numbers by shape only', () => {
    expect(hkMacauId.detect('1234567(8)')).toEqual({ valid: true, confidence: 0.4 });
    expectInvalid(hkMacauId, '2234567(8)');
  });

  it('catches every digit substitution of generated HKIDs, and letter ones unless the weighted change is a multiple of 11', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const id = hkMacauId.generate(seededRng(seed));
        const letters = id.length - 7;
        for (let i = 0; i < id.length; i++) {
          const alphabet = i < letters ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : i === id.length - 1 ? '0123456789A' : '0123456789';
          for (const c of alphabet) {
            if (c === id[i]) continue;
            const bad = id.slice(0, i) + c + id.slice(i + 1);
            // Weights 9..2 over letter values 10-35 and digits: mod 11 misses only changes of 11 or 22 on a letter.
            const weight = 9 - (letters === 1 ? i + 1 : i);
            const missed = i < letters && ((c.charCodeAt(0) - id.charCodeAt(i)) * weight) % 11 === 0;
            expect(hkMacauId.detect(bad).checksum, bad).toBe(missed ? true : false);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('taiwan-id', () => {
  it('validates A123456789 and rejects corruptions at the rate its mod-10 check guarantees', () => {
    expect(taiwanId.detect('A123456789')).toEqual({ valid: true, confidence: 0.95, checksum: true });
    expect(taiwanId.detect('a123456789').valid).toBe(true);
    expectInvalid(taiwanId, 'A323456789'); // sex digit 3 does not exist
    // Weights 8..1 then 1 for the check digit: a change d at weight w goes unnoticed iff w*d = 0 mod 10.
    fc.assert(
      fc.property(seeds, (seed) => {
        const id = taiwanId.generate(seededRng(seed));
        for (let i = 2; i < 10; i++) {
          for (const c of '0123456789') {
            if (c === id[i]) continue;
            const weight = i === 9 ? 1 : 9 - i;
            const missed = (weight * (+c - +id[i])) % 10 === 0;
            expect(taiwanId.detect(id.slice(0, i) + c + id.slice(i + 1)).valid).toBe(missed);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the registration letter of `like`', () => {
    expect(taiwanId.generate(seededRng(new Uint8Array([1])), 'Q123456782')[0]).toBe('Q');
  });
});

describe('travel-permit', () => {
  it('recognises each permit, the 8-digit Taiwan compatriot permit only weakly', () => {
    expect(travelPermit.detect('H12345678')).toEqual({ valid: true, confidence: 0.8 });
    expect(travelPermit.detect('m 1234 5678')).toEqual({ valid: true, confidence: 0.8 });
    expect(travelPermit.detect('H1234567890').confidence).toBe(0.6);
    expect(travelPermit.detect('C12345678').confidence).toBe(0.7);
    expect(travelPermit.detect('CA1234567').confidence).toBe(0.7);
    expect(travelPermit.detect('L12345678').confidence).toBe(0.7);
    expect(travelPermit.detect('12345678').confidence).toBe(0.15);
    expectInvalid(travelPermit, 'H1234567');
    expectInvalid(travelPermit, 'X12345678');
  });

  it('keeps the kind of permit of `like`', () => {
    const rng = seededRng(new Uint8Array([2]));
    expect(travelPermit.generate(rng, 'M12345678')).toMatch(/^M[0-9]{8}$/);
    expect(travelPermit.generate(rng, 'C12345678')).toMatch(/^C[0-9]{8}$/);
    expect(travelPermit.generate(rng, 'L12345678')).toMatch(/^L[0-9]{8}$/);
    expect(travelPermit.generate(rng, '12345678')).toMatch(/^[0-9]{8}$/);
  });
});

describe('uscc', () => {
  it('accepts a real code in real-world spellings', () => {
    for (const v of ['91350100M000100Y43', '91350100m000100y43', '9135 0100 M000 100Y 43']) {
      expect(uscc.detect(v)).toEqual({ valid: true, confidence: 0.97, checksum: true });
    }
    expect(uscc.detect('91350100M000100Y44')).toEqual({ valid: false, confidence: 0.2, checksum: false });
    expectInvalid(uscc, '91350100M000100Y4'); // 17 characters
    expectInvalid(uscc, '91350100M000100YI3'); // I is not in the alphabet
    expectInvalid(uscc, '01350100M000100Y43'); // no registration authority 0
  });

  it('rejects every single substitution of generated codes', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const code = uscc.generate(seededRng(seed));
        expect(uscc.detect(code).confidence).toBe(0.97);
        for (const bad of substitutions(code, '0123456789ABCDEFGHJKLMNPQRTUWXY')) {
          expect(uscc.detect(bad).valid, bad).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps authority, entity type and region of `like`', () => {
    // Only the shape of `like` matters for what is kept; its check character need not be right.
    const v = uscc.generate(seededRng(new Uint8Array([9])), '92350100M000100Y40');
    expect(v.slice(0, 8)).toBe('92350100');
    expectValid(uscc, v);
  });
});

describe('date-of-birth', () => {
  it('recognises the usual spellings and normalizes them', () => {
    for (const v of ['1990-01-02', '1990/1/2', '1990.01.02', '19900102', '1990年1月2日', '１９９０－０１－０２', '1990-01-02 00:00:00']) {
      expectValid(dateOfBirth, v);
      expect(dateOfBirth.normalize(v)).toBe('1990-01-02');
    }
    for (const v of ['1990-02-30', '2999-01-01', '1899-12-31', '1990-13-01', '90-01-02', 'yesterday']) expectInvalid(dateOfBirth, v);
  });

  it('keeps the birth year of `like`', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1900, max: 2010 }), (seed, year) => {
        const v = dateOfBirth.generate(seededRng(seed), `${year}-06-15`);
        expect(v.slice(0, 4)).toBe(String(year));
        expectValid(dateOfBirth, v);
      }),
      { numRuns: 200 },
    );
  });
});
