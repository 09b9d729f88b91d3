import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecodeInto,
  base64UrlDecodedLength,
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
  utf8EncodeInto,
} from '../src/encoding.js';

describe('encodings agree with Node Buffer', () => {
  it('hex, base64 and base64url round trip and match Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(toHex(bytes)).toBe(buf.toString('hex'));
        expect(toBase64(bytes)).toBe(buf.toString('base64'));
        expect(toBase64Url(bytes)).toBe(buf.toString('base64url'));
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
        const text = 'xx' + toBase64Url(bytes);
        const out = new Uint8Array(base64UrlDecodedLength(text.length - 2) + 1);
        expect(base64UrlDecodeInto(text, 2, out, 1)).toBe(true);
        expect(out.subarray(1)).toEqual(bytes);
      }),
    );
  });

  it('toBase64Url encodes a sub-range', () => {
    const b = Uint8Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect(toBase64Url(b, 2, 6)).toBe(Buffer.from([3, 4, 5, 6]).toString('base64url'));
  });

  it('rejects non-canonical base64url spellings', () => {
    // 'AB' decodes one byte but leaves non-zero trailing bits; 'AA' is the canonical form.
    expect(() => fromBase64Url('AB')).toThrow(/canonical/);
    expect(fromBase64Url('AA')).toEqual(Uint8Array.from([0]));
    expect(() => fromBase64Url('AA==')).toThrow();
    expect(() => fromBase64Url('A')).toThrow();
    expect(() => fromBase64Url('AA A')).toThrow();
    expect(() => fromBase64Url('AA+/')).toThrow();
    const out = new Uint8Array(8);
    expect(base64UrlDecodeInto('AB', 0, out, 0)).toBe(false);
    expect(base64UrlDecodeInto('AAA=', 0, out, 0)).toBe(false);
    expect(base64UrlDecodeInto('AAé', 0, out, 0)).toBe(false);
  });

  it('every base64url string that decodes re-encodes to itself (one canonical spelling)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), maxLength: 40 }), (s) => {
        let bytes: Uint8Array | undefined;
        try {
          bytes = fromBase64Url(s);
        } catch {
          return;
        }
        expect(toBase64Url(bytes)).toBe(s);
      }),
    );
  });

  it('utf8 matches TextEncoder/TextDecoder on any Unicode and rejects malformed bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
        const ref = new TextEncoder().encode(s);
        expect(utf8Encode(s)).toEqual(ref);
        expect(utf8Decode(ref)).toBe(s);
      }),
    );
    expect(() => utf8Decode(Uint8Array.from([0xc3]))).toThrow(/not valid UTF-8/);
    expect(() => utf8Decode(Uint8Array.from([0xff, 0x41]))).toThrow();
  });

  it('utf8EncodeInto writes what TextEncoder makes (lone surrogates as U+FFFD), or -1 when it does not fit', () => {
    const units = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 200 }), (s, offset, room) => {
        const ref = new TextEncoder().encode(s);
        const out = new Uint8Array(offset + room).fill(0xee);
        const n = utf8EncodeInto(s, out, offset);
        if (ref.length > room) {
          expect(n).toBe(-1);
          return;
        }
        expect(n).toBe(ref.length);
        expect(out.subarray(offset, offset + n)).toEqual(ref);
        expect(out.subarray(0, offset).every((b) => b === 0xee)).toBe(true);
        expect(out.subarray(offset + n).every((b) => b === 0xee)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(utf8EncodeInto('a\ud800b\udc00', new Uint8Array(8), 0)).toBe(8);
  });

  it('fromHex rejects odd lengths and non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(/odd/);
    expect(() => fromHex('zz')).toThrow(/non-hex/);
    expect(fromHex('00FFaa')).toEqual(Uint8Array.from([0, 255, 170]));
  });
});
