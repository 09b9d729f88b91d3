import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../src/errors.js';
import { keyedHash } from '../../src/mask/hash.js';
import { compileMask } from '../../src/mask/compile.js';

const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** Independent implementation: OpenSSL's HMAC over SM3, through node:crypto. */
function opensslHmacSm3Hex(k: Uint8Array, text: string): string {
  return createHmac('sm3', k).update(text, 'utf8').digest('hex');
}

describe('keyedHash (HMAC-SM3)', () => {
  it('equals OpenSSL HMAC-SM3, truncated to the requested bits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 100 }),
        fc.constantFrom(32, 64, 128, 256),
        (text, k, bits) => {
          expect(keyedHash(text, k, bits)).toBe(opensslHmacSm3Hex(k, text).slice(0, bits / 4));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('defaults to 128 bits and is deterministic per key', () => {
    const a = keyedHash('13812345678', key);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(keyedHash('13812345678', key)).toBe(a);
    expect(keyedHash('13812345679', key)).not.toBe(a);
    expect(keyedHash('13812345678', key.map((b) => b ^ 1))).not.toBe(a);
  });

  it('notices a key array refilled with another key', () => {
    const k = key.slice();
    const before = keyedHash('x', k);
    k[0] ^= 0xff;
    expect(keyedHash('x', k)).toBe(opensslHmacSm3Hex(k, 'x').slice(0, 32));
    expect(keyedHash('x', k)).not.toBe(before);
  });

  it('fails closed without a usable key, without echoing the value', () => {
    const calls = [
      () => keyedHash('13812345678', undefined as unknown as Uint8Array),
      () => keyedHash('13812345678', new Uint8Array(15)),
      () => keyedHash('13812345678', 'a string key' as unknown as Uint8Array),
      () => keyedHash('13812345678', key, 12),
      () => keyedHash('13812345678', key, 264),
    ];
    for (const call of calls) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).not.toContain('13812345678');
    }
  });

  it('the hash rule takes the key from the context and normalizes with the kind', () => {
    const rule = compileMask({ type: 'hash', bits: 64 });
    expect(() => rule('13812345678', {})).toThrow(InvalidArgumentError);
    const kind = { normalize: (v: string) => v.replace(/[\s-]/g, '') } as unknown as Parameters<typeof rule>[1]['kind'];
    const spaced = rule('138 1234 5678', { hashKey: key, kind });
    expect(spaced).toBe(rule('13812345678', { hashKey: key }));
    expect(spaced).toBe(opensslHmacSm3Hex(key, '13812345678').slice(0, 16));
    expect(rule('', { hashKey: key })).toBe('');
  });
});
