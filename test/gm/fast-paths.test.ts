/**
 * The hot-path shortcuts must compute exactly what the plain paths compute:
 * - GCM with a prepared AAD (sealPrepared / openPrepared / openPreparedInto, in place or not)
 *   equals Gcm#seal / #open with the same AAD bytes;
 * - GCM after H2_AFTER_OPERATIONS (1024) operations, when the H² table takes over the last
 *   block, still equals a fresh Gcm;
 * - prefixedBase64Url equals Buffer's base64url on both sides of its 4096-char scratch limit;
 * - the blind index equals HMAC-SM3 under the HKDF-SM3 subkey computed with node:crypto
 *   (OpenSSL's hkdf and hmac with sm3), for ASCII values, non-ASCII values and values longer
 *   than the reused 128-byte message buffer.
 * Gcm#seal itself is checked against the standards' vectors and a BigInt reference in
 * modes-sm4.test.ts.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, prefixedBase64Url, toHex, utf8Encode } from '../../src/encoding.js';
import { FieldCipher } from '../../src/envelope/index.js';
import { IntegrityError } from '../../src/errors.js';
import { Gcm } from '../../src/gm/gcm.js';
import { Sm4 } from '../../src/gm/sm4.js';
import { CallbackKeyProvider, Keyring } from '../../src/keys/index.js';

const bytes = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max, size: 'max' });
const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const iv12 = fc.uint8Array({ minLength: 12, maxLength: 12 });

describe('GCM prepared-AAD paths equal seal/open', () => {
  it('sealPrepared (separate and in place) and openPrepared(Into) agree with seal/open', () => {
    fc.assert(
      fc.property(key16, iv12, bytes(80), bytes(100), (key, iv, aad, pt) => {
        const gcm = new Gcm(new Sm4(key));
        const reference = new Gcm(new Sm4(key)).seal(iv, pt, aad);
        const pre = gcm.prepareAad(aad);

        // Separate buffers: IV at out[0..12), ciphertext ‖ tag after it.
        const out = new Uint8Array(12 + pt.length + 16);
        out.set(iv, 0);
        gcm.sealPrepared(out, 0, pt, 0, pt.length, pre, out, 12);
        expect(toHex(out.subarray(12))).toBe(toHex(reference));

        // In place: plaintext written where its ciphertext goes.
        const inPlace = new Uint8Array(12 + pt.length + 16);
        inPlace.set(iv, 0);
        inPlace.set(pt, 12);
        gcm.sealPrepared(inPlace, 0, inPlace, 12, pt.length, pre, inPlace, 12);
        expect(toHex(inPlace.subarray(12))).toBe(toHex(reference));

        expect(toHex(gcm.openPrepared(out, 0, out, 12, pt.length + 16, pre))).toBe(toHex(pt));
        gcm.openPreparedInto(inPlace, 0, inPlace, 12, pt.length + 16, pre, inPlace, 12);
        expect(toHex(inPlace.subarray(12, 12 + pt.length))).toBe(toHex(pt));
      }),
      { numRuns: 150 },
    );
  });

  it('a tampered tag: openPreparedInto zeroes the output range and throws IntegrityError', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    const gcm = new Gcm(new Sm4(key));
    const pre = gcm.prepareAad(utf8Encode('header|customer.id_no'));
    const pt = utf8Encode('11010519491231002X');
    const buf = new Uint8Array(12 + pt.length + 16);
    buf.set(pt, 12);
    gcm.sealPrepared(buf, 0, buf, 12, pt.length, pre, buf, 12);
    buf[buf.length - 1] ^= 1;
    expect(() => gcm.openPreparedInto(buf, 0, buf, 12, pt.length + 16, pre, buf, 12)).toThrow(IntegrityError);
    expect(Array.from(buf.subarray(12, 12 + pt.length))).toEqual(new Array(pt.length).fill(0));
  });

  it('a prepared AAD from another key is refused', () => {
    const a = new Gcm(new Sm4(new Uint8Array(16)));
    const b = new Gcm(new Sm4(new Uint8Array(16).fill(1)));
    const pre = a.prepareAad(new Uint8Array(3));
    expect(() => b.openPrepared(new Uint8Array(12), 0, new Uint8Array(16), 0, 16, pre)).toThrow(/another GCM key/);
  });
});

describe('GCM after the H² table is built (more than 1024 operations)', () => {
  it('keeps agreeing with a fresh Gcm for every length around the block boundaries', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 ^ i);
    const seasoned = new Gcm(new Sm4(key));
    const iv = new Uint8Array(12);
    for (let i = 0; i < 1100; i++) {
      iv[0] = i & 0xff;
      iv[1] = i >>> 8;
      seasoned.seal(iv, new Uint8Array(i % 40));
    }
    fc.assert(
      fc.property(iv12, bytes(70), bytes(70), (nonce, aad, pt) => {
        const fresh = new Gcm(new Sm4(key)).seal(nonce, pt, aad);
        const sealed = seasoned.seal(nonce, pt, aad);
        expect(toHex(sealed)).toBe(toHex(fresh));
        expect(toHex(seasoned.open(nonce, sealed, aad))).toBe(toHex(pt));
        // A non-12-byte IV goes through GHASH for J0; same answer on both.
        const longIv = new Uint8Array(20).fill(7);
        expect(toHex(seasoned.seal(longIv, pt, aad))).toBe(toHex(new Gcm(new Sm4(key)).seal(longIv, pt, aad)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('prefixedBase64Url', () => {
  it('equals prefix + Buffer base64url below, at and above the 4096-char scratch buffer', () => {
    for (const n of [0, 1, 2, 3, 18, 55, 3066, 3067, 3068, 3069, 3070, 3071, 3072, 5000, 20000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      for (const prefix of ['', 'fs1.', 'abc']) {
        expect(prefixedBase64Url(prefix, data, 0, n)).toBe(prefix + Buffer.from(data).toString('base64url'));
      }
      if (n > 4) expect(prefixedBase64Url('fs1.', data, 3, n - 1)).toBe('fs1.' + Buffer.from(data.subarray(3, n - 1)).toString('base64url'));
    }
  });

  it('property: any bytes and range', () => {
    fc.assert(
      fc.property(bytes(400), fc.nat(), fc.nat(), (data, x, y) => {
        const a = data.length === 0 ? 0 : x % (data.length + 1);
        const b = data.length === 0 ? 0 : a + (y % (data.length - a + 1));
        expect(prefixedBase64Url('fs1.', data, a, b)).toBe('fs1.' + Buffer.from(data.subarray(a, b)).toString('base64url'));
      }),
    );
  });
});

describe('blind index equals HMAC-SM3 under the HKDF-SM3 subkey (node:crypto)', () => {
  it('for ASCII, non-ASCII and long values, at several bit lengths', async () => {
    // A provider that "wraps" by copying lets the test see the DEK it must derive from.
    const provider = new CallbackKeyProvider({ kekId: 'test-identity', wrap: (dek) => dek.slice(), unwrap: (w) => w.slice() });
    const keyring = await Keyring.create({ provider });
    const doc = keyring.toJSON();
    const dek = fromBase64Url(doc.keys.find((k) => k.id === doc.primary)?.wrapped as string);
    expect(dek).toHaveLength(32);
    const cipher = new FieldCipher(keyring);
    const expected = (column: string, value: string, bits: number): string => {
      const sub = Buffer.from(hkdfSync('sm3', dek, 'fieldshield/v1', 'blind-index/' + column, 32));
      const mac = createHmac('sm3', sub).update(value, 'utf8').digest();
      const n = Math.ceil(bits / 8);
      const out = mac.subarray(0, n);
      if (bits % 8 !== 0) out[n - 1] &= 0xff << (8 - (bits % 8));
      return out.toString('hex');
    };
    const values = ['11010519491231002X', '', '6222021234567890123', '张三', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(129), 'é'.repeat(200)];
    for (const v of values) {
      for (const bits of [8, 12, 32, 64, 256]) {
        expect(cipher.blindIndex(v, { column: 'customer.id_no', bits })).toBe(expected('customer.id_no', v, bits));
      }
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('a.b', '客户.手机'), (v, column) => {
        expect(cipher.blindIndex(v, { column, bits: 64 })).toBe(expected(column, v, 64));
      }),
      { numRuns: 100 },
    );
  });
});
