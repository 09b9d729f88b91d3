/**
 * Properties every built-in kind must have: total validators that never echo values, idempotent
 * normalizers, generators whose output their own validator accepts, determinism under a seeded
 * source, and acceptance of real-world spellings (full-width, padded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinds } from '../../src/kinds/registry.js';
import { seededRng } from '../../src/kinds/rng.js';
import type { Kind } from '../../src/kinds/types.js';

/** Kinds whose content cannot be recognised at all (confidence 0 by contract). */
const CONTENT_FREE = new Set(['password', 'security-answer']);
const detectable = kinds.filter((k) => !CONTENT_FREE.has(k.id));

/** Any UTF-16 sequence, lone surrogates included. */
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });
/** Any sequence of code points. */
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 80 });
/** Strings built from the characters kinds care about, so near-misses are explored too. */
const nearMiss = fc.string({
  unit: fc.constantFrom(...'0123456789Xx +-()/.:@·年月日省市区路号EHMCLGA６２＠ 　'.split(''), '张', '欧阳', '北京市', '朝阳区', '\ud83d\ude00'),
  maxLength: 30,
});

function seed(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]);
}

function samples(kind: Kind, n: number, s = 1): string[] {
  const rng = seededRng(seed(s));
  return Array.from({ length: n }, () => kind.generate(rng));
}

/** ASCII to full-width, as Chinese input methods type it. */
function fullWidth(value: string): string {
  return value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function expectWellFormed(kind: Kind, value: string): void {
  const r = kind.detect(value);
  expect(Object.keys(r).every((k) => k === 'valid' || k === 'confidence' || k === 'checksum')).toBe(true);
  expect(typeof r.valid).toBe('boolean');
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  if (r.checksum !== undefined) expect(typeof r.checksum).toBe('boolean');
  if (CONTENT_FREE.has(kind.id)) expect(r).toEqual({ valid: false, confidence: 0 });
}

describe.each(kinds.map((k) => [k.id, k] as const))('%s', (_id, kind) => {
  it('detect is total and returns only a verdict', () => {
    for (const arb of [anyUtf16, anyCodePoints, nearMiss]) {
      fc.assert(
        fc.property(arb, (v) => {
          expectWellFormed(kind, v);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('detect rejects huge strings without reading them', () => {
    const valid = kind.generate(seededRng(seed(7)));
    for (const huge of [valid.repeat(Math.ceil(100_000 / valid.length)), '6'.repeat(100_000), '张'.repeat(100_000), ' '.repeat(99_990) + valid]) {
      expectWellFormed(kind, huge);
      // A biometric template is long by nature and recognised by its header alone.
      if (kind.id !== 'biometric') expect(kind.detect(huge).valid).toBe(false);
    }
  });

  it('normalize and structured masks stay linear on huge adversarial strings', () => {
    // A super-linear regex would not finish on these within the test timeout.
    const adversarial = [
      '-' + ' '.repeat(100_000) + 'x',
      '1'.repeat(100_000) + 'x',
      'x '.repeat(50_000) + '1',
      '0'.repeat(50_000) + '-'.repeat(50_000) + 'a',
      '张 '.repeat(50_000),
      '北京市' + '区'.repeat(100_000),
      'a.'.repeat(50_000) + '@',
      ':'.repeat(100_000),
    ];
    for (const v of adversarial) {
      expect(typeof kind.normalize(v)).toBe('string');
      for (const name of ['name-surname', 'address-region', 'ip-prefix']) {
        const out = kind.structuredMask?.(name, v, '*');
        expect(out === undefined || out === null || typeof out === 'string').toBe(true);
      }
    }
  });

  it('normalize is idempotent', () => {
    for (const arb of [anyCodePoints, nearMiss]) {
      fc.assert(
        fc.property(arb, (v) => {
          const once = kind.normalize(v);
          expect(kind.normalize(once)).toBe(once);
        }),
        { numRuns: 200 },
      );
    }
    for (const v of samples(kind, 50)) {
      expect(kind.normalize(kind.normalize(` ${fullWidth(v)} `))).toBe(kind.normalize(` ${fullWidth(v)} `));
    }
  });

  it('generates values in normal form, deterministically for a seeded source', () => {
    const a = samples(kind, 30, 42);
    expect(samples(kind, 30, 42)).toEqual(a);
    expect(samples(kind, 30, 43)).not.toEqual(a);
    for (const v of a) expect(kind.normalize(v)).toBe(v);
  });
});

describe.each(detectable.map((k) => [k.id, k] as const))('%s generator', (_id, kind) => {
  it('produces values its own detect accepts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 16 }), (bytes) => {
        const rng = seededRng(bytes);
        for (let i = 0; i < 5; i++) {
          const v = kind.generate(rng);
          const r = kind.detect(v);
          expect(r.valid, `${kind.id} rejected its own sample`).toBe(true);
          expect(r.confidence).toBeGreaterThan(0);
          if (r.checksum !== undefined) expect(r.checksum).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps accepting padded and full-width spellings of its values', () => {
    if (kind.id === 'biometric') return; // base64 has no full-width spelling in practice
    for (const v of samples(kind, 40, 9)) {
      expect(kind.detect(`  ${v}\t`).valid).toBe(true);
      expect(kind.detect(fullWidth(v)).valid).toBe(true);
    }
  });

  it('generate(rng, like) produces valid values for like = a value of the kind', () => {
    const likes = samples(kind, 40, 11);
    const rng = seededRng(seed(12));
    for (const like of likes) {
      const v = kind.generate(rng, like);
      // A transaction remark is free text; all other outputs must be recognisable.
      if (kind.id !== 'transaction') expect(kind.detect(v).valid).toBe(true);
      expect(kind.normalize(v)).toBe(v);
    }
  });
});
