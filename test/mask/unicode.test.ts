/**
 * Property tests of the Unicode and fail-closed rules, against a model written here from the
 * documented rules (docs/MASKING.md) on top of `Intl.Segmenter`, independent of the fast path
 * in src/mask/text.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { keepEnds, maskAfter, maskAll, maskBefore, maskRange, truncateText } from '../../src/mask/primitives.js';
import { compileMask } from '../../src/mask/compile.js';
import type { MaskRule } from '../../src/mask/types.js';

// --- The model -------------------------------------------------------------------------------

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (s: string): string[] => Array.from(segmenter.segment(s), (x) => x.segment);

/** Documented separators: whitespace and hyphens/dashes. */
const SEPARATORS = new Set(
  [
    '\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680',
    ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
    '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
    '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d',
  ],
);
const isSeparatorUnit = (u: string): boolean => [...u].every((c) => SEPARATORS.has(c));

function modelKeep(value: string, first: number, last: number, minMasked?: number): string {
  const units = graphemes(value);
  const n = units.filter((u) => !isSeparatorUnit(u)).length;
  const hidden = n - first - last;
  const whole = hidden < (minMasked ?? Math.max(1, Math.ceil(n / 3)));
  const render = (all: boolean) => {
    let k = 0;
    return units
      .map((u) => {
        if (isSeparatorUnit(u)) return u;
        const i = k++;
        return all || (i >= first && i < n - last) ? '*' : u;
      })
      .join('');
  };
  const out = render(whole);
  // Documented: if a mask character would fuse with a kept neighbour (stray combining mark after
  // a control character), the value is masked entirely.
  return graphemes(out).length === units.length ? out : render(true);
}

/** Well-formed UTF-16: every high surrogate followed by a low one, no low one alone. */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

// --- Generators ------------------------------------------------------------------------------

const cp = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCodePoint(c));

/** Pieces banks' data is made of, and the ones that break naive code. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('0', '1', '5', '9', 'a', 'X', 'x', '@', '.', '·', '_') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '-', '\u3000', '\u00a0', '\t', '\r\n', '\u2014', '\uff0d') },
  { weight: 2, arbitrary: cp(0x4e00, 0x9fff) }, // CJK
  { weight: 1, arbitrary: cp(0xff10, 0xff19) }, // full-width digits
  { weight: 1, arbitrary: cp(0x3000, 0x303f) }, // CJK punctuation, incl. combining tone marks U+302A..U+302F
  { weight: 1, arbitrary: cp(0xff01, 0xffef) }, // full-width and half-width forms, incl. voiced marks
  { weight: 1, arbitrary: cp(0x20000, 0x2a6df) }, // CJK extension B (surrogate pairs)
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '👨‍👩‍👧‍👦', // ZWJ sequence
      '👍🏽', // emoji + skin-tone modifier
      '🇨🇳', // regional indicators
      '❤️', // + variation selector
      'e\u0301', // combining acute
      'a\u0308\u0323', // two combining marks
      '\u0301', // combining mark with nothing to attach to
      '\u200d', // lone ZWJ
      '\u1100\u1161\u11a8', // conjoining Hangul jamo L V T
      '각',
      'न्दी', // Devanagari with virama
      '\uff76\uff9e', // half-width katakana + voiced mark (one cluster)
      '\u3042\u302a', // hiragana + ideographic tone mark
    ),
  },
  { weight: 1, arbitrary: cp(0, 0x10ffff).filter((c) => !/[\ud800-\udfff]/.test(c)) },
);
const text = fc.array(piece, { maxLength: 24 }).map((a) => a.join(''));
/** Any UTF-16, lone surrogates included: must never make a mask throw. */
const anyUtf16 = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 24 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 }).map((a) => String.fromCharCode(...a)));

const count = fc.integer({ min: 0, max: 8 });

// --- Properties ------------------------------------------------------------------------------

describe('keep rule against the model', () => {
  it('equals the model on arbitrary text (fast and segmented paths)', () => {
    fc.assert(
      fc.property(text, count, count, fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), (value, first, last, minMasked) => {
        expect(keepEnds(value, first, last, { minMasked })).toBe(modelKeep(value, first, last, minMasked));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the length in graphemes and the separators in place', () => {
    fc.assert(
      fc.property(text, count, count, (value, first, last) => {
        const inUnits = graphemes(value);
        const outUnits = graphemes(keepEnds(value, first, last));
        expect(outUnits.length).toBe(inUnits.length);
        inUnits.forEach((u, i) => {
          if (isSeparatorUnit(u)) expect(outUnits[i]).toBe(u);
          else expect(outUnits[i] === u || outUnits[i] === '*').toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('never shows more original characters than the rule allows', () => {
    fc.assert(
      fc.property(text, count, count, (value, first, last) => {
        fc.pre(!value.includes('*'));
        const inUnits = graphemes(value);
        const outUnits = graphemes(keepEnds(value, first, last));
        const significant = inUnits.filter((u) => !isSeparatorUnit(u)).length;
        const visible = inUnits.filter((u, i) => !isSeparatorUnit(u) && outUnits[i] === u).length;
        expect(visible).toBeLessThanOrEqual(first + last);
        if (visible > 0) expect(significant - visible).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(significant / 3)));
      }),
      { numRuns: 1000 },
    );
  });

  it('masks short values entirely', () => {
    fc.assert(
      fc.property(text, count, count, (value, first, last) => {
        const n = graphemes(value).filter((u) => !isSeparatorUnit(u)).length;
        fc.pre(n <= first + last);
        const out = graphemes(keepEnds(value, first, last));
        expect(out.every((u) => u === '*' || isSeparatorUnit(u))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** Rules whose output is aligned unit by unit with the input. */
const alignedRules: fc.Arbitrary<MaskRule> = fc.oneof(
  fc.record({ type: fc.constant('keep' as const), first: count, last: count }),
  fc.record({ type: fc.constant('range' as const), start: fc.integer({ min: -8, max: 8 }), end: fc.option(fc.integer({ min: -8, max: 12 }), { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('before' as const, 'after' as const), char: fc.constantFrom('@', '.', '-', '·'), keep: count }),
);

const allRules: fc.Arbitrary<MaskRule> = fc.oneof(
  alignedRules,
  fc.record({ type: fc.constant('truncate' as const), length: count }),
  fc.constant<MaskRule>({ type: 'fixed' }),
  fc.constant<MaskRule>({ type: 'label', label: 'cn-id-card' }),
  fc.constant<MaskRule>({ type: 'generalize', to: 'year' }),
  fc.constant<MaskRule>({ type: 'generalize', to: 'year-month' }),
  fc.constant<MaskRule>({ type: 'generalize', to: 'amount-bucket' }),
  fc.constant<MaskRule>({ type: 'generalize', to: 'age-range' }),
  fc.constant<MaskRule>({ type: 'hash', bits: 64 }),
  fc.constant<MaskRule>({ type: 'drop' }),
);

const hashKey = new Uint8Array(32).fill(7);

describe('every rule on random Unicode', () => {
  it('never throws, and yields well-formed UTF-16 for well-formed input', () => {
    fc.assert(
      fc.property(text, allRules, fc.constantFrom('*', '●', '🔒', 'X'), (value, rule, maskChar) => {
        const out = compileMask({ ...rule, maskChar } as MaskRule)(value, { hashKey });
        if (out !== null) expect(isWellFormed(out)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on ill-formed UTF-16 and masks lone surrogates rather than splitting pairs', () => {
    fc.assert(
      fc.property(anyUtf16, allRules, (value, rule) => {
        const out = compileMask(rule)(value, { hashKey });
        if (out !== null && isWellFormed(value)) expect(isWellFormed(out)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(maskAll('\ud83d')).toBe('*');
    expect(keepEnds('a\udc00b\ud800', 0, 0)).toBe('****');
  });

  it('masking a masked value reveals nothing new', () => {
    fc.assert(
      fc.property(text, alignedRules, alignedRules, (value, r1, r2) => {
        fc.pre(!value.includes('*'));
        const once = compileMask(r1)(value, {})!;
        const twice = compileMask(r2)(once, {})!;
        const a = graphemes(value);
        const b = graphemes(once);
        const c = graphemes(twice);
        expect(c.length).toBe(a.length);
        a.forEach((u, i) => {
          if (!isSeparatorUnit(u) && c[i] === u) expect(b[i]).toBe(u);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the grapheme length for range/before/after and never returns a non-empty significant value unchanged', () => {
    fc.assert(
      fc.property(text, alignedRules, (value, rule) => {
        fc.pre(!value.includes('*'));
        const out = compileMask(rule)(value, {})!;
        expect(graphemes(out).length).toBe(graphemes(value).length);
        const significant = graphemes(value).some((u) => !isSeparatorUnit(u));
        // before/after may legitimately leave a value whose masked part is empty (`@x.com`).
        if (significant && rule.type !== 'before' && rule.type !== 'after') expect(out).not.toBe(value);
      }),
      { numRuns: 1500 },
    );
  });

  it('truncation keeps graphemes whole and never keeps more than asked', () => {
    fc.assert(
      fc.property(text, count, (value, length) => {
        const out = truncateText(value, length);
        const outUnits = graphemes(out);
        if (outUnits.every((u) => u === '*' || isSeparatorUnit(u)) && out.length > 0) return; // masked entirely
        expect(value.startsWith(out)).toBe(true);
        expect(outUnits.filter((u) => !isSeparatorUnit(u)).length).toBeLessThanOrEqual(length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('one mask character per grapheme cluster', () => {
  it.each([
    ['👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 1, 1, '👨‍👩‍👧‍👦**👨‍👩‍👧‍👦'],
    ['e\u0301e\u0301e\u0301e\u0301', 1, 1, 'e\u0301**e\u0301'],
    ['🇨🇳🇨🇳🇨🇳', 0, 1, '**🇨🇳'],
    ['𠮷𠮷𠮷𠮷', 1, 1, '𠮷**𠮷'],
    ['\u1100\u1161\u11a8각각', 1, 0, '\u1100\u1161\u11a8**'],
  ])('%s keep %i/%i → %s', (value, first, last, expected) => {
    expect(keepEnds(value, first, last)).toBe(expected);
  });

  it('before/after/range use the same units', () => {
    expect(maskBefore('é́ab@x', '@', 1)).toBe('é́**@x');
    expect(maskAfter('x@👍🏽👍🏽👍🏽', '@', 1)).toBe('x@**👍🏽');
    expect(maskRange('👍🏽👍🏽👍🏽👍🏽', -2)).toBe('👍🏽👍🏽**');
  });

  it('masks entirely when a mask character would fuse with a stray combining mark', () => {
    // U+0000 then U+0301: two clusters (a control breaks), but '*' + U+0301 would be one.
    expect(maskRange('\u0000\u03010０', 0, 1)).toBe('****');
    expect(keepEnds('abcd\u0000\u0301', 0, 1)).toBe('******');
    expect(keepEnds('\u0000\u0301abcdef', 0, 4)).toBe('****cdef'); // both hidden: nothing fuses
    expect(keepEnds('ab\u0000\u0301cdef', 2, 0)).toBe('ab******');
  });
});

describe('without Intl.Segmenter', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to code points: pairs stay whole, combining marks count on their own', async () => {
    vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
    vi.resetModules();
    const p = await import('../../src/mask/primitives.js');
    expect(p.keepEnds('𠮷𠮷𠮷𠮷', 1, 1)).toBe('𠮷**𠮷');
    expect(p.keepEnds('👍🏽👍🏽', 1, 0)).toBe('👍***'); // 4 code points
    expect(p.keepEnds('e\u0301abc', 1, 1)).toBe('e***c');
    fc.assert(
      fc.property(text, count, count, (value, first, last) => {
        const out = p.keepEnds(value, first, last);
        expect(isWellFormed(out)).toBe(true);
        expect([...out].length).toBe([...value].length);
      }),
      { numRuns: 500 },
    );
  });
});
