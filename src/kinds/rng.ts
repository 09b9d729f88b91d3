/**
 * Random sources for the kinds' generators, and the few sampling helpers the generators share.
 * Generators draw only through `rng.nextUint32()`, so the same generator serves three purposes:
 * - {@link cryptoRng}: synthetic sample data from the platform CSPRNG;
 * - {@link seededRng}: reproducible test and sample data (NOT for anything secret);
 * - pseudonyms (src/pseudonym/): a keyed HMAC-SM3 stream, so one input always maps to the same
 *   valid replacement under one key, and nothing can be learnt about the input without the key.
 */
import { InvalidArgumentError } from '../errors.js';
import { fillRandom } from '../gm/utils.js';
import type { Rng } from './types.js';

const POOL_WORDS = 64;

/**
 * Uniform 32-bit integers from `crypto.getRandomValues` (via the shared pooled
 * {@link fillRandom}), drawn 64 words at a time.
 */
export function cryptoRng(): Rng {
  const bytes = new Uint8Array(POOL_WORDS * 4);
  const view = new DataView(bytes.buffer);
  let pos = POOL_WORDS;
  return {
    nextUint32(): number {
      if (pos === POOL_WORDS) {
        fillRandom(bytes);
        pos = 0;
      }
      const word = view.getUint32(pos * 4, false);
      // Zero what was handed out, so the buffer never keeps old output around.
      view.setUint32(pos * 4, 0, false);
      pos++;
      return word;
    },
  };
}

/** MurmurHash3's 32-bit finalizer: spreads seed bytes over the whole state word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A deterministic generator for tests and reproducible sample data: xoshiro128** (Blackman &
 * Vigna) with its 128-bit state derived from the seed bytes. It is fast and statistically good
 * but predictable from its output, so it must never produce pseudonyms or anything secret.
 */
export function seededRng(seed: Uint8Array): Rng {
  if (!(seed instanceof Uint8Array)) throw new InvalidArgumentError('seed must be a Uint8Array');
  const s = new Uint32Array(4);
  // Absorb the seed into four lanes, then mix; the constants keep an all-zero seed away from the
  // all-zero state, which xoshiro can never leave.
  let h = 0x9e3779b9 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = fmix32((h ^ seed[i]) + Math.imul(i + 1, 0x6a09e667));
    s[i & 3] ^= h;
  }
  for (let i = 0; i < 4; i++) s[i] = fmix32(s[i] ^ fmix32(h + Math.imul(i + 1, 0xbb67ae85)));
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return {
    nextUint32(): number {
      const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
      const t = s[1] << 9;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 11);
      return result;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A uniform integer in [0, n) for 1 <= n <= 2^32, without modulo bias: draws above the largest
 * multiple of n are rejected (at most half of the draws, for any n).
 */
export function uniformInt(rng: Rng, n: number): number {
  if (!(n >= 1 && n <= 0x1_0000_0000) || !Number.isInteger(n)) {
    throw new InvalidArgumentError('range must be an integer in [1, 2^32]');
  }
  if (n === 1) return 0;
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
  for (;;) {
    const x = rng.nextUint32() >>> 0;
    if (x < limit) return x % n;
  }
}

/** A uniform integer in [min, max] (inclusive). */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + uniformInt(rng, max - min + 1);
}

/** A uniformly chosen element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[uniformInt(rng, items.length)];
}

/** uniformInt's rejection bound for n = 10: the largest multiple of 10 up to 2^32. */
const DIGIT_DRAW_LIMIT = 0x1_0000_0000 - (0x1_0000_0000 % 10);

/** `count` uniform decimal digits. */
export function randomDigits(rng: Rng, count: number): string {
  // One draw per digit, as always (pseudonyms depend on the order of draws); up to 9 digits are
  // gathered in a number and written at once, which makes one flat string instead of a chain of
  // one-character concatenations. Nine keep the number a small integer, which V8 converts to
  // decimal fastest: with 15 (a double) 12 digits took ~300 ns, with 9 ~100.
  // Each digit is uniformInt(rng, 10), inlined: draws of 2^32 - 6 and above are rejected.
  let out = '';
  while (count > 0) {
    const take = count < 9 ? count : 9;
    let x = 0;
    for (let i = 0; i < take; i++) {
      let w = rng.nextUint32() >>> 0;
      while (w >= DIGIT_DRAW_LIMIT) w = rng.nextUint32() >>> 0;
      x = x * 10 + (w % 10);
    }
    out += String(x).padStart(take, '0');
    count -= take;
  }
  return out;
}

/** `count` characters drawn uniformly from `alphabet`. */
export function randomChars(rng: Rng, alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[uniformInt(rng, alphabet.length)];
  return out;
}

/**
 * Sampling by weight: built once from (item, weight) pairs, then each draw is one uniform
 * integer and a binary search over the cumulative weights.
 */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new InvalidArgumentError('weighted table must not be empty');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight > 0) || !Number.isInteger(weight)) {
        throw new InvalidArgumentError('weights must be positive integers');
      }
      total += weight;
      this.cumulative[i] = total;
    });
    if (total > 0x1_0000_0000) throw new InvalidArgumentError('total weight must not exceed 2^32');
    this.total = total;
  }

  draw(rng: Rng): T {
    const x = uniformInt(rng, this.total);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
