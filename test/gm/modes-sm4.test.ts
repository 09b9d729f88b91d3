/**
 * The modes with SM4: RFC 8998 SM4-GCM and OpenSSL's SM4 ECB/CBC/CTR vectors
 * (openssl/test/recipes/30-test_evp_data/evpciph_sm4.txt, from draft-ribose-cfrg-sm4), property
 * tests against node:crypto's sm4-cbc / sm4-ctr / sm4-ecb, and for GCM, CMAC and SIV against
 * references assembled in this file from OpenSSL's SM4 plus BigInt field arithmetic written
 * from SP 800-38B/D and RFC 5297.
 */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/encoding.js';
import { IntegrityError, InvalidArgumentError, PaddingError } from '../../src/errors.js';
import { Cbc } from '../../src/gm/cbc.js';
import { Cmac } from '../../src/gm/cmac.js';
import { Ctr } from '../../src/gm/ctr.js';
import { Ecb } from '../../src/gm/ecb.js';
import { Gcm } from '../../src/gm/gcm.js';
import { Siv } from '../../src/gm/siv.js';
import { Sm4 } from '../../src/gm/sm4.js';
import {
  Sm4Gcm,
  Sm4Siv,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4Cmac,
  sm4CtrXor,
  sm4EcbDecrypt,
  sm4EcbEncrypt,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
  sm4SivDecrypt,
  sm4SivEncrypt,
} from '../../src/gm/sm4-modes.js';
import type { BlockCipher128 } from '../../src/gm/utils.js';

const h = (s: string): Uint8Array => fromHex(s.replace(/\s+/g, ''));
// size 'max' so lengths really spread over 0..max (fast-check's default size keeps arrays short).
const bytes = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max, size: 'max' });
const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const iv12 = fc.uint8Array({ minLength: 12, maxLength: 12 });

/** Sm4 seen only through the byte-level interface, so the modes' generic byte paths run too. */
class ByteOnlySm4 implements BlockCipher128 {
  private readonly sm4: Sm4;
  constructor(key: Uint8Array) {
    this.sm4 = new Sm4(key);
  }
  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.sm4.encryptBlock(src, srcOff, dst, dstOff);
  }
  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.sm4.decryptBlock(src, srcOff, dst, dstOff);
  }
}

function node(name: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array, padding = true): Uint8Array {
  const c = createCipheriv(name, key, iv).setAutoPadding(padding);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function flipEachBit(data: Uint8Array, step: number, check: (flipped: Uint8Array) => void): void {
  for (let bit = 0; bit < data.length * 8; bit += step) {
    const copy = new Uint8Array(data);
    copy[bit >> 3] ^= 1 << (bit & 7);
    check(copy);
  }
}

// --- independent references (OpenSSL SM4 + BigInt field arithmetic) ------------------------------

const MASK128 = (1n << 128n) - 1n;
const big = (b: Uint8Array): bigint => BigInt('0x0' + toHex(b));
const unbig = (x: bigint): Uint8Array => h(x.toString(16).padStart(32, '0'));

/** GF(2^128) product in GCM's bit order (SP 800-38D §6.3, Algorithm 1), bit by bit. */
function gfMul(x: bigint, y: bigint): bigint {
  const R = 0xe1n << 120n;
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z;
}

function refGhash(hKey: bigint, data: Uint8Array): bigint {
  let y = 0n;
  for (let o = 0; o < data.length; o += 16) {
    const block = new Uint8Array(16);
    block.set(data.subarray(o, o + 16));
    y = gfMul(y ^ big(block), hKey);
  }
  return y;
}

function padTo16(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(b.length / 16) * 16);
  out.set(b);
  return out;
}

/** SM4-GCM with a 12-byte IV from node's sm4-ecb/sm4-ctr and the BigInt GHASH above. */
function refSm4Gcm(key: Uint8Array, iv: Uint8Array, pt: Uint8Array, aad: Uint8Array): Uint8Array {
  const hKey = big(node('sm4-ecb', key, null, new Uint8Array(16), false));
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;
  const ctr1 = j0.slice();
  ctr1[15] = 2;
  // With J0's low word = 1 the 32-bit counter cannot wrap within these lengths, so OpenSSL's
  // 128-bit increment gives the same blocks as GCM's inc32.
  const ct = node('sm4-ctr', key, ctr1, pt);
  const lengths = new Uint8Array(16);
  const dv = new DataView(lengths.buffer);
  dv.setBigUint64(0, BigInt(aad.length * 8));
  dv.setBigUint64(8, BigInt(ct.length * 8));
  const s = refGhash(hKey, new Uint8Array([...padTo16(aad), ...padTo16(ct), ...lengths]));
  const tag = unbig(s ^ big(node('sm4-ecb', key, null, j0, false)));
  return new Uint8Array([...ct, ...tag]);
}

/** CMAC per SP 800-38B: subkeys by BigInt doubling, then CBC-MAC with OpenSSL's sm4-cbc. */
function refSm4Cmac(key: Uint8Array, msg: Uint8Array): Uint8Array {
  const dbl = (x: bigint) => ((x << 1n) & MASK128) ^ (x >> 127n ? 0x87n : 0n);
  const k1 = dbl(big(node('sm4-ecb', key, null, new Uint8Array(16), false)));
  const k2 = dbl(k1);
  const complete = msg.length > 0 && msg.length % 16 === 0;
  const padded = complete ? msg.slice() : padTo16(new Uint8Array([...msg, 0x80]));
  const lastOff = padded.length - 16;
  padded.set(unbig(big(padded.subarray(lastOff)) ^ (complete ? k1 : k2)), lastOff);
  const cbc = node('sm4-cbc', key, new Uint8Array(16), padded, false);
  return cbc.slice(cbc.length - 16);
}

/** RFC 5297 §2.4 / §2.6 with refSm4Cmac and OpenSSL's sm4-ctr. */
function refSm4Siv(key: Uint8Array, pt: Uint8Array, ad: Uint8Array[]): Uint8Array {
  const k1 = key.subarray(0, 16);
  const k2 = key.subarray(16);
  const dbl = (x: bigint) => ((x << 1n) & MASK128) ^ (x >> 127n ? 0x87n : 0n);
  let d = big(refSm4Cmac(k1, new Uint8Array(16)));
  for (const s of ad) d = dbl(d) ^ big(refSm4Cmac(k1, s));
  let t: Uint8Array;
  if (pt.length >= 16) {
    t = pt.slice();
    t.set(unbig(big(pt.subarray(pt.length - 16)) ^ d), pt.length - 16);
  } else {
    const p = new Uint8Array(16);
    p.set(pt);
    p[pt.length] = 0x80;
    t = unbig(dbl(d) ^ big(p));
  }
  const v = refSm4Cmac(k1, t);
  const q = v.slice();
  q[8] &= 0x7f;
  q[12] &= 0x7f;
  return new Uint8Array([...v, ...node('sm4-ctr', k2, q, pt)]);
}

// --- known answers --------------------------------------------------------------------------------

describe('SM4 known-answer vectors', () => {
  // RFC 8998 Appendix A.1 (also in OpenSSL's evpciph_sm4.txt).
  const gcm = {
    key: '0123456789abcdeffedcba9876543210',
    iv: '00001234567800000000abcd',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    pt: 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa',
    ct: '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d',
    tag: '83de3541e4c2b58177e065a9bf7b62ec',
  };

  it('RFC 8998 A.1 SM4-GCM: Sm4Gcm, the one-shot functions and the byte-only path', () => {
    const key = h(gcm.key);
    for (const mode of [new Sm4Gcm(key), new Gcm(new ByteOnlySm4(key))]) {
      const sealed = mode.seal(h(gcm.iv), h(gcm.pt), h(gcm.aad));
      expect(toHex(sealed)).toBe(gcm.ct + gcm.tag);
      expect(toHex(mode.open(h(gcm.iv), sealed, h(gcm.aad)))).toBe(gcm.pt);
    }
    const sealed = sm4GcmEncrypt(key, h(gcm.iv), h(gcm.pt), h(gcm.aad));
    expect(toHex(sealed)).toBe(gcm.ct + gcm.tag);
    expect(toHex(sm4GcmDecrypt(key, h(gcm.iv), sealed, h(gcm.aad)))).toBe(gcm.pt);
    expect(toHex(refSm4Gcm(key, h(gcm.iv), h(gcm.pt), h(gcm.aad)))).toBe(gcm.ct + gcm.tag);
  });

  // openssl test/recipes/30-test_evp_data/evpciph_sm4.txt (draft-ribose-cfrg-sm4 vectors).
  const K = '0123456789ABCDEFFEDCBA9876543210';
  const P = '0123456789ABCDEFFEDCBA9876543210';

  it('OpenSSL SM4-ECB vector (and PKCS#7 adds one whole encrypted padding block)', () => {
    const key = h(K);
    const ct = sm4EcbEncrypt(key, h(P));
    expect(toHex(ct.subarray(0, 16))).toBe('681edf34d206965e86b3e94f536e4246');
    expect(ct.length).toBe(32);
    expect(toHex(ct)).toBe(toHex(node('sm4-ecb', key, null, h(P))));
    expect(toHex(sm4EcbDecrypt(key, ct))).toBe(P.toLowerCase());
  });

  const CBC_VECTORS: Array<[number, string]> = [
    [1, '2677F46B09C122CC975533105BD4A22A'],
    [2, '2677F46B09C122CC975533105BD4A22AF6125F7275CE552C3A2BBCF533DE8A3B'],
    [
      6,
      '2677F46B09C122CC975533105BD4A22AF6125F7275CE552C3A2BBCF533DE8A3BFFF5A4F208092C0901BA02D5772977369915E3FA2356C9F4EB6460ECC457E7f8E3CFA3DEEBFE9883E3A48BCF7C4A11AA3EC9E0D317C5D319BE72A5CDDDEC640C',
    ],
    [
      14,
      '2677f46b09c122cc975533105bd4a22af6125f7275ce552c3a2bbcf533de8a3bfff5a4f208092c0901ba02d5772977369915e3fa2356c9f4eb6460ecc457e7f8e3cfa3deebfe9883e3a48bcf7c4a11aa3ec9e0d317c5d319be72a5cdddec640c6fc70bfa3ddaafffdd7c09b2774dcb2cec29f0c6f0b6773e985b3e395e924238505a8f120d9ca84de5c3cf7e45f097b14b3a46c5b1068669982a5c1f5f61be291b984f331d44ffb2758f771672448fc957fa1416c446427a41e25d5524a2418b9d96b2f17582f0f1aa9c204c6807f54f7b6833c5f00856659ddabc245936868c',
    ],
  ];
  for (const [blocks, expected] of CBC_VECTORS) {
    it(`OpenSSL SM4-CBC vector, ${blocks} block(s)`, () => {
      const key = h(K);
      const iv = h(K);
      const pt = h(P.repeat(blocks));
      const cbc = new Cbc(new Sm4(key));
      expect(toHex(cbc.encryptNoPadding(iv, pt))).toBe(expected.toLowerCase());
      expect(toHex(cbc.decryptNoPadding(iv, h(expected)))).toBe(toHex(pt));
      // With PKCS#7 the same blocks come first, then one padding block.
      const padded = sm4CbcEncrypt(key, iv, pt);
      expect(toHex(padded.subarray(0, blocks * 16))).toBe(expected.toLowerCase());
      expect(padded.length).toBe(blocks * 16 + 16);
      expect(toHex(sm4CbcDecrypt(key, iv, padded))).toBe(toHex(pt));
    });
  }

  it('OpenSSL SM4-CTR vector', () => {
    const key = h(K);
    const pt = h(
      'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
    );
    const expected =
      'c2b4759e78ac3cf43d0852f4e8d5f9fd7256e8a5fcb65a350ee00630912e44492a0b17e1b85b060d0fba612d8a95831638b361fd5ffacd942f081485a83ca35d';
    expect(toHex(sm4CtrXor(key, h(K), pt))).toBe(expected);
    expect(toHex(new Ctr(new ByteOnlySm4(key)).xor(h(K), pt))).toBe(expected);
    expect(toHex(sm4CtrXor(key, h(K), h(expected)))).toBe(toHex(pt));
  });
});

// --- against OpenSSL -----------------------------------------------------------------------------

describe('SM4 modes against node:crypto (OpenSSL)', () => {
  const counterBlock = fc.oneof(
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
    fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 1, max: 16 })).map(([b, tail]) => {
      const c = new Uint8Array(b);
      c.fill(0xff, 16 - tail); // 128-bit carry across 2^32, 2^64, 2^96 and 2^128
      return c;
    }),
  );

  it('SM4-CTR matches sm4-ctr (word path and byte path)', () => {
    fc.assert(
      fc.property(key16, counterBlock, fc.oneof(bytes(80), bytes(4096)), (key, ctr, data) => {
        const expected = toHex(node('sm4-ctr', key, ctr, data));
        expect(toHex(sm4CtrXor(key, ctr, data))).toBe(expected);
        expect(toHex(new Ctr(new ByteOnlySm4(key)).xor(ctr, data))).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('SM4-CTR xorInto at any alignment, in place or not, matches sm4-ctr', () => {
    fc.assert(
      fc.property(key16, counterBlock, fc.nat(7), fc.nat(7), fc.oneof(bytes(80), bytes(2000)), (key, ctr, srcAt, dstAt, data) => {
        const expected = toHex(node('sm4-ctr', key, ctr, data));
        const mode = new Ctr(new Sm4(key));
        const src = new Uint8Array(srcAt + data.length);
        src.set(data, srcAt);
        const dst = new Uint8Array(dstAt + data.length);
        mode.xorInto(ctr, 0, src, srcAt, data.length, dst, dstAt);
        expect(toHex(dst.subarray(dstAt))).toBe(expected);
        mode.xorInto(ctr, 0, src, srcAt, data.length, src, srcAt);
        expect(toHex(src.subarray(srcAt))).toBe(expected);
        // Output written a few bytes *behind* the input in the same buffer (a compaction).
        const shared = new Uint8Array(8 + data.length);
        shared.set(data, 8);
        mode.xorInto(ctr, 0, shared, 8, data.length, shared, 8 - (srcAt % 8));
        expect(toHex(shared.subarray(8 - (srcAt % 8), 8 - (srcAt % 8) + data.length))).toBe(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('SM4-CBC matches sm4-cbc with PKCS#7, both ways', () => {
    fc.assert(
      fc.property(key16, key16, fc.oneof(bytes(80), bytes(4096)), (key, iv, pt) => {
        const ct = sm4CbcEncrypt(key, iv, pt);
        expect(toHex(ct)).toBe(toHex(node('sm4-cbc', key, iv, pt)));
        expect(toHex(sm4CbcDecrypt(key, iv, ct))).toBe(toHex(pt));
      }),
      { numRuns: 100 },
    );
  });

  it('SM4-ECB matches sm4-ecb with PKCS#7, both ways', () => {
    fc.assert(
      fc.property(key16, fc.oneof(bytes(80), bytes(4096)), (key, pt) => {
        const ct = sm4EcbEncrypt(key, pt);
        expect(toHex(ct)).toBe(toHex(node('sm4-ecb', key, null, pt)));
        expect(toHex(sm4EcbDecrypt(key, ct))).toBe(toHex(pt));
      }),
      { numRuns: 100 },
    );
  });

  it('SM4-GCM matches the OpenSSL-CTR + BigInt-GHASH reference', () => {
    fc.assert(
      fc.property(key16, iv12, bytes(48), bytes(160), (key, iv, aad, pt) => {
        const expected = toHex(refSm4Gcm(key, iv, pt, aad));
        expect(toHex(sm4GcmEncrypt(key, iv, pt, aad))).toBe(expected);
        expect(toHex(new Gcm(new ByteOnlySm4(key)).seal(iv, pt, aad))).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('SM4-CMAC matches the OpenSSL-CBC-MAC reference', () => {
    fc.assert(
      fc.property(key16, fc.oneof(bytes(80), bytes(600)), (key, msg) => {
        expect(toHex(sm4Cmac(key, msg))).toBe(toHex(refSm4Cmac(key, msg)));
      }),
      { numRuns: 100 },
    );
  });

  it('SM4-SIV matches the RFC 5297 reference built from OpenSSL SM4', () => {
    fc.assert(
      fc.property(key32, fc.array(bytes(40), { maxLength: 3 }), fc.oneof(bytes(40), bytes(300)), (key, ad, pt) => {
        expect(toHex(sm4SivEncrypt(key, pt, ...ad))).toBe(toHex(refSm4Siv(key, pt, ad)));
      }),
      { numRuns: 80 },
    );
  });
});

// --- properties ----------------------------------------------------------------------------------

describe('SM4 mode properties', () => {
  it('decrypt(encrypt(x)) = x in every mode', () => {
    fc.assert(
      fc.property(key16, key32, key16, iv12, bytes(40), fc.oneof(bytes(64), bytes(2000)), (k, k32, iv16, iv, aad, pt) => {
        expect(toHex(sm4GcmDecrypt(k, iv, sm4GcmEncrypt(k, iv, pt, aad), aad))).toBe(toHex(pt));
        expect(toHex(sm4CbcDecrypt(k, iv16, sm4CbcEncrypt(k, iv16, pt)))).toBe(toHex(pt));
        expect(toHex(sm4EcbDecrypt(k, sm4EcbEncrypt(k, pt)))).toBe(toHex(pt));
        expect(toHex(sm4CtrXor(k, iv16, sm4CtrXor(k, iv16, pt)))).toBe(toHex(pt));
        expect(toHex(sm4SivDecrypt(k32, sm4SivEncrypt(k32, pt, aad), aad))).toBe(toHex(pt));
        const gcm = new Sm4Gcm(k, 12);
        expect(toHex(gcm.open(iv, gcm.seal(iv, pt, aad), aad))).toBe(toHex(pt));
      }),
      { numRuns: 60 },
    );
  });

  it('flipping any single bit of IV, ciphertext, tag or AAD makes GCM open fail', () => {
    fc.assert(
      fc.property(key16, iv12, bytes(24, 1), bytes(40), (key, iv, aad, pt) => {
        const gcm = new Sm4Gcm(key);
        const sealed = gcm.seal(iv, pt, aad);
        const step = 3;
        flipEachBit(sealed, step, (bad) => expect(() => gcm.open(iv, bad, aad)).toThrow(IntegrityError));
        flipEachBit(iv, step, (bad) => expect(() => gcm.open(bad, sealed, aad)).toThrow(IntegrityError));
        flipEachBit(aad, step, (bad) => expect(() => gcm.open(iv, sealed, bad)).toThrow(IntegrityError));
        expect(toHex(gcm.open(iv, sealed, aad))).toBe(toHex(pt));
      }),
      { numRuns: 15 },
    );
  });

  it('sealWithRandomIv: a fresh IV first, then exactly seal(IV, ...); openIvPrefixed reverses it and checks every bit', () => {
    fc.assert(
      fc.property(key16, bytes(24), bytes(80), (key, aad, pt) => {
        const gcm = new Sm4Gcm(key);
        const a = gcm.sealWithRandomIv(pt, aad);
        const b = gcm.sealWithRandomIv(pt, aad);
        expect(a.length).toBe(12 + pt.length + 16);
        expect(toHex(a.subarray(0, 12))).not.toBe(toHex(b.subarray(0, 12)));
        expect(toHex(a.subarray(12))).toBe(toHex(gcm.seal(a.subarray(0, 12), pt, aad)));
        expect(toHex(gcm.openIvPrefixed(a, aad))).toBe(toHex(pt));
        flipEachBit(a, 5, (bad) => expect(() => gcm.openIvPrefixed(bad, aad)).toThrow(IntegrityError));
        expect(() => gcm.openIvPrefixed(a.subarray(0, 27), aad)).toThrow(IntegrityError);
      }),
      { numRuns: 30 },
    );
  });

  it('every bit of a short GCM field value and its tag is covered', () => {
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(12).fill(1);
    const aad = new Uint8Array([1, 2, 3]);
    const gcm = new Sm4Gcm(key);
    const sealed = gcm.seal(iv, new TextEncoder().encode('11010519491231002X'), aad);
    flipEachBit(sealed, 1, (bad) => expect(() => gcm.open(iv, bad, aad)).toThrow(IntegrityError));
    flipEachBit(iv, 1, (bad) => expect(() => gcm.open(bad, sealed, aad)).toThrow(IntegrityError));
    flipEachBit(aad, 1, (bad) => expect(() => gcm.open(iv, sealed, bad)).toThrow(IntegrityError));
  });

  it('flipping any single bit of the SIV output or any AD makes SIV open fail', () => {
    fc.assert(
      fc.property(key32, fc.array(bytes(24, 1), { minLength: 1, maxLength: 2 }), bytes(40), (key, ad, pt) => {
        const siv = new Sm4Siv(key);
        const out = siv.seal(pt, ...ad);
        flipEachBit(out, 3, (bad) => expect(() => siv.open(bad, ...ad)).toThrow(IntegrityError));
        for (let i = 0; i < ad.length; i++) {
          flipEachBit(ad[i], 3, (bad) => {
            const changed: Uint8Array[] = ad.slice();
            changed[i] = bad;
            expect(() => siv.open(out, ...changed)).toThrow(IntegrityError);
          });
        }
        // Order, presence and count of AD components all count.
        if (ad.length === 2) expect(() => siv.open(out, ad[1], ad[0])).toThrow(IntegrityError);
        expect(() => siv.open(out)).toThrow(IntegrityError);
        expect(() => siv.open(out, ...ad, new Uint8Array(0))).toThrow(IntegrityError);
      }),
      { numRuns: 15 },
    );
  });

  it('SIV is deterministic, and equal plaintexts under different AD differ', () => {
    fc.assert(
      fc.property(key32, bytes(40), bytes(20), bytes(20), (key, pt, ad1, ad2) => {
        fc.pre(toHex(ad1) !== toHex(ad2));
        const a = sm4SivEncrypt(key, pt, ad1);
        expect(toHex(sm4SivEncrypt(key, pt, ad1))).toBe(toHex(a));
        expect(toHex(new Sm4Siv(key).seal(pt, ad1))).toBe(toHex(a));
        expect(toHex(sm4SivEncrypt(key, pt, ad2))).not.toBe(toHex(a));
        expect(toHex(sm4SivEncrypt(key, pt))).not.toBe(toHex(a));
      }),
      { numRuns: 60 },
    );
  });

  it('SIV halves: the first 16 key bytes key S2V/CMAC, the last 16 key CTR', () => {
    const key = new Uint8Array(32).map((_, i) => i * 13);
    const direct = new Siv(new Sm4(key.subarray(0, 16)), new Sm4(key.subarray(16))).seal(new Uint8Array(5), new Uint8Array(3));
    expect(toHex(new Sm4Siv(key).seal(new Uint8Array(5), new Uint8Array(3)))).toBe(toHex(direct));
    const swapped = new Siv(new Sm4(key.subarray(16)), new Sm4(key.subarray(0, 16))).seal(new Uint8Array(5), new Uint8Array(3));
    expect(toHex(swapped)).not.toBe(toHex(direct));
  });

  it('CBC and ECB with bad padding throw PaddingError', () => {
    fc.assert(
      fc.property(key16, key16, bytes(48), fc.integer({ min: 0, max: 255 }), (key, iv, head, lastByte) => {
        const block = new Uint8Array(16).fill(lastByte);
        // A last byte of 0 or > 16 is never valid padding; 1..16 is made invalid by the byte before it.
        if (lastByte >= 2 && lastByte <= 16) block[16 - lastByte] ^= 0x55;
        if (lastByte === 1) return; // a single 0x01 is always valid
        const pt = new Uint8Array([...head.subarray(0, head.length & ~15), ...block]);
        const cbcCt = new Cbc(new Sm4(key)).encryptNoPadding(iv, pt);
        expect(() => sm4CbcDecrypt(key, iv, cbcCt)).toThrow(PaddingError);
        expect(() => sm4EcbDecrypt(key, node('sm4-ecb', key, null, pt, false))).toThrow(PaddingError);
      }),
      { numRuns: 100 },
    );
  });

  it('a wrong key almost always fails CBC/ECB padding or yields different plaintext, never a crash', () => {
    const pt = new TextEncoder().encode('6222020200112233445');
    const ct = sm4CbcEncrypt(new Uint8Array(16).fill(1), new Uint8Array(16), pt);
    try {
      const out = sm4CbcDecrypt(new Uint8Array(16).fill(2), new Uint8Array(16), ct);
      expect(toHex(out)).not.toBe(toHex(pt));
    } catch (error) {
      expect(error).toBeInstanceOf(PaddingError);
    }
  });
});

// --- one-shot caches and argument checks ----------------------------------------------------------

describe('SM4 one-shot functions', () => {
  it('a key array overwritten in place is not served a stale cached key schedule', () => {
    const key = new Uint8Array(16).fill(1);
    const key32b = new Uint8Array(32).fill(1);
    const iv = new Uint8Array(12);
    const pt = new Uint8Array(20).fill(9);
    const first = toHex(sm4GcmEncrypt(key, iv, pt));
    const firstSiv = toHex(sm4SivEncrypt(key32b, pt));
    key.fill(2);
    key32b.fill(2);
    expect(toHex(sm4GcmEncrypt(key, iv, pt))).toBe(toHex(new Sm4Gcm(new Uint8Array(16).fill(2)).seal(iv, pt)));
    expect(toHex(sm4GcmEncrypt(key, iv, pt))).not.toBe(first);
    expect(toHex(sm4SivEncrypt(key32b, pt))).not.toBe(firstSiv);
    expect(toHex(sm4CbcEncrypt(key, new Uint8Array(16), pt))).toBe(toHex(node('sm4-cbc', key, new Uint8Array(16), pt)));
    expect(toHex(sm4EcbEncrypt(key, pt))).toBe(toHex(node('sm4-ecb', key, null, pt)));
    expect(toHex(sm4CtrXor(key, new Uint8Array(16), pt))).toBe(toHex(node('sm4-ctr', key, new Uint8Array(16), pt)));
    expect(toHex(sm4Cmac(key, pt))).toBe(toHex(refSm4Cmac(key, pt)));
  });

  it('reject wrong key, IV and ciphertext sizes with InvalidArgumentError, naming lengths only', () => {
    const k = new Uint8Array(16);
    const ok = new Uint8Array(12);
    expect(() => sm4GcmEncrypt(new Uint8Array(15), ok, new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => sm4GcmEncrypt('k' as unknown as Uint8Array, ok, new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => sm4GcmEncrypt(k, new Uint8Array(0), new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => sm4GcmDecrypt(k, ok, new Uint8Array(15))).toThrow(IntegrityError);
    expect(() => sm4CbcEncrypt(k, new Uint8Array(12), new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => sm4CbcDecrypt(k, new Uint8Array(16), new Uint8Array(20))).toThrow(InvalidArgumentError);
    expect(() => sm4EcbDecrypt(k, new Uint8Array(0))).toThrow(InvalidArgumentError);
    expect(() => sm4CtrXor(k, new Uint8Array(12), new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => sm4SivEncrypt(k, new Uint8Array(1))).toThrow(InvalidArgumentError);
    expect(() => new Sm4Siv(new Uint8Array(16))).toThrow(InvalidArgumentError);
    expect(() => new Sm4Gcm(new Uint8Array(32))).toThrow(InvalidArgumentError);
    try {
      sm4CbcDecrypt(new Uint8Array(16).fill(0xab), new Uint8Array(16), new Uint8Array(20).fill(0xcd));
    } catch (error) {
      // The message names lengths, never bytes.
      expect(String((error as Error).message)).not.toMatch(/ab|cd/i);
    }
  });

  it('the keyed classes equal the one-shot functions', () => {
    fc.assert(
      fc.property(key16, key32, iv12, bytes(30), bytes(100), (k, k32, iv, aad, pt) => {
        expect(toHex(new Sm4Gcm(k).seal(iv, pt, aad))).toBe(toHex(sm4GcmEncrypt(k, iv, pt, aad)));
        expect(toHex(new Sm4Siv(k32).seal(pt, aad))).toBe(toHex(sm4SivEncrypt(k32, pt, aad)));
        expect(toHex(new Cmac(new Sm4(k)).mac(pt))).toBe(toHex(sm4Cmac(k, pt)));
        expect(toHex(new Ecb(new ByteOnlySm4(k)).encrypt(pt))).toBe(toHex(sm4EcbEncrypt(k, pt)));
        // The byte-only cipher takes the modes' generic paths; results must not change.
        expect(toHex(new Cmac(new ByteOnlySm4(k)).mac(pt))).toBe(toHex(sm4Cmac(k, pt)));
        const bytewise = new Siv(new ByteOnlySm4(k32.subarray(0, 16)), new ByteOnlySm4(k32.subarray(16)));
        expect(toHex(bytewise.seal(pt, aad, pt))).toBe(toHex(sm4SivEncrypt(k32, pt, aad, pt)));
      }),
      { numRuns: 40 },
    );
  });
});
