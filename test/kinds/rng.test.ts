import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { WeightedTable, cryptoRng, intBetween, pick, randomDigits, seededRng, uniformInt } from '../../src/kinds/rng.js';
import type { Rng } from '../../src/kinds/types.js';

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
}

describe('seededRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (seed) => {
        const a = seededRng(seed);
        const b = seededRng(seed);
        const xs = Array.from({ length: 8 }, () => a.nextUint32());
        expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(xs);
        for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
      }),
    );
    const first = (seed: number[]) => seededRng(new Uint8Array(seed)).nextUint32();
    expect(new Set([first([]), first([0]), first([0, 0]), first([1]), first([0, 1]), first([1, 0])]).size).toBe(6);
  });

  it('rejects a seed that is not bytes', () => {
    expect(() => seededRng('seed' as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });

  it('produces uniform-looking bits (chi-square over 16 buckets, fixed seed)', () => {
    const rng = seededRng(new Uint8Array([42]));
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 64_000; i++) counts[rng.nextUint32() >>> 28]++;
    // 15 degrees of freedom: 37.7 is the 0.001 critical value.
    expect(chiSquare(counts)).toBeLessThan(37.7);
  });
});

describe('cryptoRng', () => {
  it('draws distinct 32-bit words across pool refills', () => {
    const rng = cryptoRng();
    const words = Array.from({ length: 300 }, () => rng.nextUint32());
    for (const w of words) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    expect(new Set(words).size).toBeGreaterThan(295);
  });
});

describe('sampling helpers', () => {
  it('uniformInt stays in range and is unbiased for a range that does not divide 2^32', () => {
    const rng = seededRng(new Uint8Array([7]));
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[uniformInt(rng, 7)]++;
    // 6 degrees of freedom: 22.5 is the 0.001 critical value.
    expect(chiSquare(counts)).toBeLessThan(22.5);
    expect(uniformInt(rng, 1)).toBe(0);
    expect(uniformInt(rng, 2 ** 32)).toBeLessThan(2 ** 32);
    for (const bad of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) expect(() => uniformInt(rng, bad)).toThrow(InvalidArgumentError);
  });

  it('rejects out-of-range draws instead of folding them (no modulo bias)', () => {
    // A source that first returns the top of the range: for n = 3, 2^32 - 1 is above the last
    // full multiple of 3 and must be rejected, not mapped to 0.
    const words = [0xffffffff, 4];
    const rng: Rng = { nextUint32: () => words.shift() ?? 0 };
    expect(uniformInt(rng, 3)).toBe(1);
  });

  it('intBetween, pick and randomDigits cover their ranges', () => {
    const rng = seededRng(new Uint8Array([9]));
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(intBetween(rng, 3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(new Set(Array.from({ length: 200 }, () => pick(rng, ['a', 'b', 'c']))).size).toBe(3);
    expect(randomDigits(rng, 12)).toMatch(/^[0-9]{12}$/);
  });

  it('WeightedTable draws in proportion to the weights', () => {
    const table = new WeightedTable([['a', 1], ['b', 3], ['c', 6]] as const);
    const rng = seededRng(new Uint8Array([5]));
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[table.draw(rng)]++;
    expect(counts.a / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.b / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.c / 10_000).toBeCloseTo(0.6, 1);
    expect(() => new WeightedTable([])).toThrow(InvalidArgumentError);
    expect(() => new WeightedTable([['a', 0]])).toThrow(InvalidArgumentError);
  });
});
