import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Encode } from '../../src/encoding.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { HKDF_SM3_MAX_LENGTH, hkdfSm3, hkdfSm3Expand, hkdfSm3Extract, sm3Kdf } from '../../src/gm/kdf.js';

// --- Independent references, written straight from the specifications over node:crypto ---

/** RFC 5869 section 2.2 and 2.3, HashLen = 32, with OpenSSL's HMAC-SM3. */
function refHkdf(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): string {
  const prk = createHmac('sm3', salt && salt.length > 0 ? salt : Buffer.alloc(32)).update(ikm).digest();
  const n = Math.ceil(length / 32);
  let t = Buffer.alloc(0);
  const okm: Buffer[] = [];
  for (let i = 1; i <= n; i++) {
    t = createHmac('sm3', prk).update(Buffer.concat([t, info, Buffer.from([i])])).digest();
    okm.push(t);
  }
  return Buffer.concat(okm).subarray(0, length).toString('hex');
}

/** GB/T 32918.4-2016 5.4.3: Ha_i = SM3(Z || ct_i), ct from 1 as a 32-bit big-endian integer. */
function refSm3Kdf(z: Uint8Array, length: number): string {
  const parts: Buffer[] = [];
  for (let ct = 1; parts.length * 32 < length; ct++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(ct);
    parts.push(createHash('sm3').update(z).update(c).digest());
  }
  return Buffer.concat(parts).subarray(0, length).toString('hex');
}

describe('HKDF-SM3 (RFC 5869) agrees with a straightforward HKDF over node:crypto', () => {
  it('random ikm, salt, info and lengths', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 80 }),
        fc.integer({ min: 1, max: 600 }),
        (ikm, salt, info, length) => {
          expect(toHex(hkdfSm3(ikm, { salt, info, length }))).toBe(refHkdf(ikm, salt, info, length));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the maximum length of 255 blocks (8160 bytes), and 1 byte', () => {
    const ikm = utf8Encode('input keying material');
    const info = utf8Encode('ctx');
    expect(HKDF_SM3_MAX_LENGTH).toBe(8160);
    expect(toHex(hkdfSm3(ikm, { info, length: 8160 }))).toBe(refHkdf(ikm, undefined, info, 8160));
    expect(toHex(hkdfSm3(ikm, { info, length: 1 }))).toBe(refHkdf(ikm, undefined, info, 1));
  });

  it('extract and expand separately equal the combined function', () => {
    const ikm = fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    const salt = fromHex('000102030405060708090a0b0c');
    const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
    const prk = hkdfSm3Extract(salt, ikm);
    expect(toHex(prk)).toBe(createHmac('sm3', salt).update(ikm).digest('hex'));
    expect(toHex(hkdfSm3Expand(prk, info, 42))).toBe(toHex(hkdfSm3(ikm, { salt, info, length: 42 })));
    expect(toHex(hkdfSm3Expand(prk, info, 42))).toBe(refHkdf(ikm, salt, info, 42));
  });

  it('a missing salt, an empty salt and 32 zero bytes are the same (RFC 5869 2.2)', () => {
    const ikm = utf8Encode('k');
    const a = hkdfSm3Extract(undefined, ikm);
    expect(toHex(hkdfSm3Extract(new Uint8Array(0), ikm))).toBe(toHex(a));
    expect(toHex(hkdfSm3Extract(new Uint8Array(32), ikm))).toBe(toHex(a));
  });

  it('string info is its UTF-8 bytes, and different purposes give unrelated keys', () => {
    const dataKey = fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
    const purpose = 'fieldshield/v1/blind-index/customer.id_no';
    const k1 = hkdfSm3(dataKey, { info: purpose, length: 32 });
    expect(toHex(k1)).toBe(toHex(hkdfSm3(dataKey, { info: utf8Encode(purpose), length: 32 })));
    expect(toHex(k1)).toBe(refHkdf(dataKey, undefined, utf8Encode(purpose), 32));
    const k2 = hkdfSm3(dataKey, { info: 'fieldshield/v1/blind-index/customer.mobile', length: 32 });
    expect(toHex(k2)).not.toBe(toHex(k1));
    expect(toHex(hkdfSm3(dataKey, { info: '客户/身份证号', length: 16 }))).toBe(
      refHkdf(dataKey, undefined, Buffer.from('客户/身份证号', 'utf8'), 16),
    );
  });

  it('rejects out-of-range lengths and short PRKs with InvalidArgumentError', () => {
    const prk = new Uint8Array(32);
    for (const length of [0, -1, 8161, 1.5, Number.NaN]) {
      expect(() => hkdfSm3Expand(prk, undefined, length), `length ${length}`).toThrow(InvalidArgumentError);
      expect(() => hkdfSm3(prk, { length })).toThrow(InvalidArgumentError);
    }
    expect(() => hkdfSm3Expand(new Uint8Array(31), undefined, 32)).toThrow(InvalidArgumentError);
    expect(() => hkdfSm3Extract('salt' as unknown as Uint8Array, prk)).toThrow(InvalidArgumentError);
    expect(() => hkdfSm3(prk, { info: 42 as unknown as string, length: 32 })).toThrow(InvalidArgumentError);
    expect(() => hkdfSm3(prk, undefined as unknown as { length: number })).toThrow(InvalidArgumentError);
  });
});

describe('SM3-KDF (GB/T 32918.4 key derivation function)', () => {
  it('GM/T 0003.4-2012 Appendix A.2 example: t = KDF(x2 || y2, 152 bits)', () => {
    // Source: SM2 public-key encryption example over Fp-256 (message "encryption standard"),
    // GM/T 0003.4-2012 Appendix A.2, as also used by emmansun/gmsm kdf/kdf_test.go.
    const x2 = fromHex('64D20D27D0632957F8028C1E024F6B02EDF23102A566C932AE8BD613A8E865FE');
    const y2 = fromHex('58D225ECA784AE300A81A2D48281A828E1CEDF11C4219099840265375077BF78');
    const z = new Uint8Array([...x2, ...y2]);
    expect(toHex(sm3Kdf(z, 19))).toBe('006e30dae231b071dfad8aa379e90264491603');
    expect(refSm3Kdf(z, 19)).toBe('006e30dae231b071dfad8aa379e90264491603');
  });

  it('agrees with a straightforward loop over node:crypto SM3', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 300 }), (z, length) => {
        expect(toHex(sm3Kdf(z, length))).toBe(refSm3Kdf(z, length));
      }),
      { numRuns: 200 },
    );
  });

  it('Z lengths around the block boundary and output lengths around 32', () => {
    for (const zLen of [0, 1, 55, 56, 59, 60, 63, 64, 65, 128]) {
      const z = new Uint8Array(zLen).map((_, i) => i + zLen);
      for (const length of [1, 31, 32, 33, 64, 65]) {
        expect(toHex(sm3Kdf(z, length)), `z ${zLen}, length ${length}`).toBe(refSm3Kdf(z, length));
      }
    }
  });

  it('rejects empty, negative and non-integer lengths', () => {
    const z = new Uint8Array(64);
    for (const length of [0, -1, 2.5, Number.POSITIVE_INFINITY]) {
      expect(() => sm3Kdf(z, length), `length ${length}`).toThrow(InvalidArgumentError);
    }
    expect(() => sm3Kdf([1, 2] as unknown as Uint8Array, 32)).toThrow(InvalidArgumentError);
  });
});
