import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sm3 as smCryptoSm3 } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Encode } from '../../src/encoding.js';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  SM3_BLOCK_LENGTH,
  SM3_DIGEST_LENGTH,
  Sm3,
  sm3,
  sm3Compress,
  sm3Finish,
  sm3InitState,
  sm3StateToBytes,
} from '../../src/gm/sm3.js';
import { sm3CompressSource } from '../../scripts/sm3-compress.js';

function nodeSm3(data: Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

function patterned(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7 + 11) & 0xff;
  return out;
}

describe('SM3 known answers (GB/T 32905-2016 Appendix A)', () => {
  it('A.1: "abc"', () => {
    expect(toHex(sm3(utf8Encode('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('A.2: "abcd" x 16 (512 bits, padding takes a second block)', () => {
    const msg = utf8Encode('abcd'.repeat(16));
    expect(msg.length).toBe(64);
    expect(toHex(sm3(msg))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(toHex(new Sm3().update(msg).digest())).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('empty message matches OpenSSL', () => {
    expect(toHex(sm3(new Uint8Array(0)))).toBe(nodeSm3(new Uint8Array(0)));
    expect(toHex(new Sm3().digest())).toBe(nodeSm3(new Uint8Array(0)));
  });
});

describe('SM3 agrees with sm-crypto (an independent JavaScript implementation)', () => {
  it('on random messages of 0..300 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (msg) => {
        expect(toHex(sm3(msg))).toBe(smCryptoSm3(Array.from(msg)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('SM3 agrees with node:crypto (OpenSSL)', () => {
  it('padding edges: 55/56/63/64/65/119/120/127/128 bytes', () => {
    for (const n of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129, 191, 192]) {
      const msg = patterned(n, n);
      expect(toHex(sm3(msg)), `length ${n}`).toBe(nodeSm3(msg));
    }
  });

  it('one-shot on random messages of 0..4096 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (msg) => {
        expect(toHex(sm3(msg))).toBe(nodeSm3(msg));
      }),
      { numRuns: 300 },
    );
  });

  it('incremental update with random chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.array(fc.nat({ max: 200 }), { maxLength: 40 }),
        (msg, cuts) => {
          const h = new Sm3();
          let pos = 0;
          for (const c of cuts) {
            if (pos >= msg.length) break;
            h.update(msg.subarray(pos, pos + c));
            pos += c;
          }
          h.update(msg.subarray(Math.min(pos, msg.length)));
          expect(toHex(h.digest())).toBe(nodeSm3(msg));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('byte-at-a-time updates across several blocks', () => {
    const msg = patterned(300, 3);
    const h = new Sm3();
    for (let i = 0; i < msg.length; i++) h.update(msg.subarray(i, i + 1));
    expect(toHex(h.digest())).toBe(nodeSm3(msg));
  });

  it('inputs that are views into a larger buffer (non-zero byteOffset)', () => {
    const big = patterned(500, 9);
    const view = big.subarray(13, 13 + 130);
    expect(toHex(sm3(view))).toBe(nodeSm3(view));
    expect(toHex(new Sm3().update(view).digest())).toBe(nodeSm3(view));
  });
});

describe('Sm3 instance lifecycle', () => {
  it('digestInto writes at an offset and leaves other bytes alone', () => {
    const out = new Uint8Array(40).fill(0xaa);
    new Sm3().update(utf8Encode('abc')).digestInto(out, 5);
    expect(toHex(out.subarray(5, 37))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect([...out.subarray(0, 5), ...out.subarray(37)].every((b) => b === 0xaa)).toBe(true);
  });

  it('digestInto rejects an output without 32 bytes of room', () => {
    expect(() => new Sm3().digestInto(new Uint8Array(31), 0)).toThrow(InvalidArgumentError);
    expect(() => new Sm3().digestInto(new Uint8Array(40), 9)).toThrow(InvalidArgumentError);
    expect(() => new Sm3().digestInto(new Uint8Array(40), -1)).toThrow(InvalidArgumentError);
  });

  it('refuses update/digest after digest until reset, then hashes afresh', () => {
    const h = new Sm3().update(utf8Encode('abc'));
    h.digest();
    expect(() => h.update(utf8Encode('x'))).toThrow(InvalidArgumentError);
    expect(() => h.digest()).toThrow(InvalidArgumentError);
    h.reset().update(utf8Encode('abc'));
    expect(toHex(h.digest())).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('clone continues independently from a shared prefix', () => {
    const prefix = patterned(100, 1);
    const a = patterned(30, 2);
    const b = patterned(70, 3);
    const base = new Sm3().update(prefix);
    const ha = base.clone().update(a).digest();
    const target = new Sm3().update(utf8Encode('junk that clone must overwrite'));
    const hb = base.clone(target).update(b).digest();
    expect(toHex(ha)).toBe(nodeSm3(new Uint8Array([...prefix, ...a])));
    expect(toHex(hb)).toBe(nodeSm3(new Uint8Array([...prefix, ...b])));
    // The original is untouched by its clones.
    expect(toHex(base.digest())).toBe(nodeSm3(prefix));
  });

  it('restore continues from a chaining value over whole blocks', () => {
    const msg = patterned(64 * 3 + 17, 4);
    const state = new Uint32Array(8);
    sm3InitState(state);
    sm3Compress(state, msg, 0, 2);
    const h = new Sm3().restore(state, 128).update(msg.subarray(128));
    expect(toHex(h.digest())).toBe(nodeSm3(msg));
  });

  it('restore rejects malformed states and lengths', () => {
    const h = new Sm3();
    expect(() => h.restore(new Uint32Array(7), 0)).toThrow(InvalidArgumentError);
    expect(() => h.restore(new Uint32Array(8), 63)).toThrow(InvalidArgumentError);
    expect(() => h.restore(new Uint32Array(8), -64)).toThrow(InvalidArgumentError);
  });

  it('rejects non-Uint8Array input', () => {
    expect(() => sm3('abc' as unknown as Uint8Array)).toThrow(InvalidArgumentError);
    expect(() => new Sm3().update([1, 2] as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });
});

describe('SM3 low-level building blocks', () => {
  it('sm3Compress + sm3Finish with a prefix equal the one-shot hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 300 }), (prefixBlocks, rest) => {
        const prefix = patterned(prefixBlocks * SM3_BLOCK_LENGTH, prefixBlocks);
        const state = new Uint32Array(8);
        sm3InitState(state);
        sm3Compress(state, prefix, 0, prefixBlocks);
        sm3Finish(state, rest, 0, rest.length, prefix.length);
        const out = new Uint8Array(SM3_DIGEST_LENGTH);
        sm3StateToBytes(state, out, 0);
        expect(toHex(out)).toBe(nodeSm3(new Uint8Array([...prefix, ...rest])));
      }),
      { numRuns: 100 },
    );
  });

  it('sm3Compress reads its blocks at any offset of a larger array', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 3 }), fc.uint8Array({ minLength: 192, maxLength: 192 }), (offset, blocks, data) => {
        const padded = new Uint8Array(offset + data.length + 5).fill(0xa5);
        padded.set(data, offset);
        const s1 = new Uint32Array(8);
        const s2 = new Uint32Array(8);
        sm3InitState(s1);
        sm3InitState(s2);
        sm3Compress(s1, data, 0, blocks);
        sm3Compress(s2, padded, offset, blocks);
        expect([...s2]).toEqual([...s1]);
      }),
      { numRuns: 50 },
    );
  });

  it('encodes bit lengths above 2^32 in the high length word', () => {
    // Claim a 2^30-byte prefix (2^33 bits) was already hashed. The padding must then carry the
    // 64-bit big-endian bit count; build that block independently with BigInt and compare.
    const prefixLength = 2 ** 30 + 64 * 5;
    const tail = patterned(20, 6);
    const start = new Uint32Array(8);
    sm3InitState(start);
    sm3Compress(start, patterned(64, 7), 0, 1); // any chaining value will do

    const viaFinish = start.slice();
    sm3Finish(viaFinish, tail, 0, tail.length, prefixLength);

    const block = new Uint8Array(64);
    block.set(tail);
    block[tail.length] = 0x80;
    new DataView(block.buffer).setBigUint64(56, BigInt(prefixLength + tail.length) * 8n, false);
    const manual = start.slice();
    sm3Compress(manual, block, 0, 1);
    expect([...viaFinish]).toEqual([...manual]);
    expect(block[59]).toBe(2); // the high word really is in use: 2^33 bits
  });

  it('sm3Finish from the IV reproduces the GB/T 32905 "abc" vector', () => {
    const state = new Uint32Array(8);
    sm3InitState(state);
    sm3Finish(state, fromHex('616263'), 0, 3, 0);
    const out = new Uint8Array(32);
    sm3StateToBytes(state, out, 0);
    expect(toHex(out)).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('the generated compression function', () => {
  it('is what scripts/sm3-compress.ts generates (run `npx tsx scripts/sm3-compress.ts` after changing it)', () => {
    const file = readFileSync(join(__dirname, '..', '..', 'src', 'gm', 'sm3-compress.ts'), 'utf8');
    expect(file).toBe(sm3CompressSource());
  });
});
