import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, isEnvelope, parseEnvelope } from '../../src/envelope/index.js';
import { currentSealScratch } from '../../src/envelope/field-cipher.js';
import { FieldShieldError, IntegrityError, InvalidArgumentError } from '../../src/errors.js';
import type { Keyring } from '../../src/keys/index.js';
import type { KeyMaterial } from '../../src/keys/material.js';
import { toHex } from '../../src/encoding.js';
import { errorSurface, testKeyring } from '../helpers/keyring.js';

let keyring: Keyring;
let cipher: FieldCipher;
beforeAll(async () => {
  ({ keyring } = await testKeyring());
  cipher = new FieldCipher(keyring);
});

const ctx = { context: 'customer.id_no' };

describe('FieldCipher round trips', () => {
  it('keeps every value type', () => {
    const values = [
      '11010519491231002X',
      '',
      '张三',
      '👨‍👩‍👧 emoji ZWJ',
      'x'.repeat(65536),
      42,
      -0.5,
      Number.MAX_SAFE_INTEGER,
      Number.POSITIVE_INFINITY,
      12345678901234567890123456789n,
      -7n,
      new Date('2024-02-29T12:34:56.789Z'),
      new Uint8Array([0, 1, 2, 255]),
      new Uint8Array(0),
      { a: [1, 'b', null], c: { d: true } },
      [1, 2, 3],
      null,
      true,
      false,
    ];
    for (const v of values) {
      const env = cipher.encrypt(v, ctx);
      expect(isEnvelope(env)).toBe(true);
      expect(cipher.decrypt(env, ctx)).toEqual(v);
      const bin = cipher.encryptBytes(v, ctx);
      expect(isEnvelope(bin)).toBe(true);
      expect(cipher.decryptBytes(bin, ctx)).toEqual(v);
      expect(cipher.decrypt(cipher.encryptDeterministic(v, ctx), ctx)).toEqual(v);
    }
  });

  it('round-trips any Unicode string, text and binary, random and deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 40 }), (s, context) => {
        expect(cipher.decrypt(cipher.encrypt(s, { context }), { context })).toBe(s);
        expect(cipher.decrypt(cipher.encryptBytes(s, { context }), { context })).toBe(s);
        expect(cipher.decrypt(cipher.encryptDeterministic(s, { context }), { context })).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('an 18-byte ID number makes a 74-character text envelope', () => {
    const env = cipher.encrypt('11010519491231002X', ctx);
    expect(env.length).toBe(74);
    expect(env.startsWith('fs1.')).toBe(true);
    expect(parseEnvelope(env)).toEqual({
      version: 1,
      algorithm: 'SM4-GCM',
      keyId: keyring.primaryKeyId,
      valueType: 'string',
      form: 'text',
      ciphertextBytes: 18,
    });
    expect(cipher.encryptBytes('11010519491231002X', ctx).length).toBe(55);
    expect(cipher.encryptDeterministic('11010519491231002X', ctx).length).toBe(58);
  });

  it('random encryption differs every time; deterministic is stable per context', () => {
    const a = cipher.encrypt('13812345678', ctx);
    const b = cipher.encrypt('13812345678', ctx);
    expect(a).not.toBe(b);
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (v, c1, c2) => {
        const d1 = cipher.encryptDeterministic(v, { context: c1 });
        expect(cipher.encryptDeterministic(v, { context: c1 })).toBe(d1);
        if (c1 !== c2) expect(cipher.encryptDeterministic(v, { context: c2 })).not.toBe(d1);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to encrypt an envelope twice', () => {
    const env = cipher.encrypt('x', ctx);
    expect(() => cipher.encrypt(env, ctx)).toThrow(InvalidArgumentError);
  });

  it('requires a context string', () => {
    expect(() => cipher.encrypt('x', {} as never)).toThrow(/context/);
  });
});

describe('context binding and tamper detection', () => {
  it('an envelope moved to another column or row fails to decrypt', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.boolean(), (v, c1, c2, det) => {
        fc.pre(c1 !== c2);
        const env = det ? cipher.encryptDeterministic(v, { context: c1 }) : cipher.encrypt(v, { context: c1 });
        expect(() => cipher.decrypt(env, { context: c2 })).toThrow(IntegrityError);
      }),
      { numRuns: 300 },
    );
  });

  it('any single-bit change of a binary envelope raises a typed error, never a wrong value', () => {
    for (const det of [false, true]) {
      const bin = cipher.encryptBytes('11010519491231002X', { context: 'c', deterministic: det });
      for (let bit = 0; bit < bin.length * 8; bit++) {
        const t = bin.slice();
        t[bit >> 3] ^= 1 << (bit & 7);
        expect(() => cipher.decrypt(t, { context: 'c' }), `bit ${bit}`).toThrow(FieldShieldError);
      }
    }
  });

  it('any single-character change of a text envelope raises a typed error', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    for (const det of [false, true]) {
      const env = cipher.encrypt('13812345678', { context: 'c', deterministic: det });
      for (let i = 0; i < env.length; i++) {
        for (const ch of alphabet) {
          if (ch === env[i]) continue;
          const t = env.slice(0, i) + ch + env.slice(i + 1);
          expect(() => cipher.decrypt(t, { context: 'c' })).toThrow(FieldShieldError);
        }
      }
      expect(() => cipher.decrypt(env + 'A', { context: 'c' })).toThrow(FieldShieldError);
      expect(() => cipher.decrypt(env.slice(0, -1), { context: 'c' })).toThrow(FieldShieldError);
    }
  });

  it('random strings and bytes given to the parser give only typed errors', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ maxLength: 120 }).map((s) => 'fs1.' + s)), (s) => {
        try {
          cipher.decrypt(s, ctx);
        } catch (e) {
          expect(e).toBeInstanceOf(FieldShieldError);
          return;
        }
        throw new Error('decrypted a random string');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), (b, magic) => {
        if (magic && b.length >= 3) b.set([0x66, 0x73, 1]);
        expect(() => cipher.decrypt(b, ctx)).toThrow(FieldShieldError);
      }),
      { numRuns: 2000 },
    );
  });

  it('migration pass-through returns non-envelopes only when asked, and counts them', () => {
    const c = new FieldCipher(keyring);
    expect(() => c.decrypt('plain value', ctx)).toThrow(FieldShieldError);
    expect(c.decrypt('plain value', { ...ctx, allowPlaintext: true })).toBe('plain value');
    expect(c.stats.plaintextPassedThrough).toBe(1);
    // A tampered envelope is never passed through as plaintext.
    const env = c.encrypt('v', ctx);
    expect(() => c.decrypt(env.slice(0, -2) + 'AA', { ...ctx, allowPlaintext: true })).toThrow(FieldShieldError);
  });

  it('errors never contain the plaintext, the envelope or key bytes', () => {
    fc.assert(
      // Values carry a marker no message text contains, so a hit means a real leak, not a
      // random string that happens to spell part of a stack trace.
      fc.property(fc.string({ maxLength: 40 }).map((s) => `客户${s}密文`), (v) => {
        const env = cipher.encrypt(v, { context: 'a' });
        const surfaces: string[] = [];
        for (const attempt of [
          () => cipher.decrypt(env, { context: 'b' }),
          () => cipher.decrypt(env.slice(0, 10) + (env[10] === 'A' ? 'B' : 'A') + env.slice(11), { context: 'a' }),
          () => cipher.decrypt(env.slice(0, 30), { context: 'a' }),
          () => cipher.decrypt(v, { context: 'a' }),
          () => cipher.encrypt(env, { context: 'a' }),
        ]) {
          try {
            attempt();
          } catch (e) {
            surfaces.push(errorSurface(e));
          }
        }
        expect(surfaces.length).toBe(5);
        for (const s of surfaces) {
          expect(s.includes(v)).toBe(false);
          expect(s.includes(env.slice(4, 30))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the reused seal buffer', () => {
  const includesBytes = (hay: Uint8Array, needle: Uint8Array): boolean => {
    outer: for (let i = 0; i + needle.length <= hay.length; i++) {
      for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };

  it('keeps no plaintext when a non-ASCII value outgrows it (the old buffer and the new one)', () => {
    const values = ['x'.repeat(89) + '张', 'y'.repeat(25000) + '张', '张'.repeat(100), 'q'.repeat(200) + '😀', 'w'.repeat(70000) + 'é'];
    for (const v of values) {
      const before = currentSealScratch();
      const env = cipher.encrypt(v, ctx);
      expect(cipher.decrypt(env, ctx)).toBe(v);
      // Any 12 bytes of the value (its start, and where the ASCII run meets the rest).
      const bytes = new TextEncoder().encode(v);
      const probes = [bytes.subarray(0, 12), bytes.subarray(Math.max(0, bytes.length - 12))];
      for (const buf of [before, currentSealScratch()]) {
        for (const probe of probes) expect(includesBytes(buf, probe), `${v.length} chars`).toBe(false);
      }
    }
  });
});

describe('blind indexes', () => {
  it('are deterministic per column, differ across columns, and honour bits and normalize', () => {
    const a = cipher.blindIndex('11010519491231002X', { column: 'customer.id_no' });
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(cipher.blindIndex('11010519491231002X', { column: 'customer.id_no' })).toBe(a);
    expect(cipher.blindIndex('11010519491231002X', { column: 'customer.other' })).not.toBe(a);
    const norm = (s: string) => s.toUpperCase();
    expect(cipher.blindIndex('11010519491231002x', { column: 'c', normalize: norm })).toBe(cipher.blindIndex('11010519491231002X', { column: 'c', normalize: norm }));
    const b12 = cipher.blindIndex('v', { column: 'c', bits: 12 });
    expect(b12).toMatch(/^[0-9a-f]{3}0$/); // 12 bits = 2 bytes with the low 4 bits zero
    expect(cipher.blindIndex('v', { column: 'c', bits: 256 })).toHaveLength(64);
    expect(() => cipher.blindIndex('v', { column: 'c', bits: 4 })).toThrow(InvalidArgumentError);
    expect(() => cipher.blindIndex('v', { column: '' })).toThrow(InvalidArgumentError);
  });

  it('are the column MAC of the UTF-8 bytes (TextEncoder) of any string, short or long', () => {
    const mac = (keyring.primaryForDeterministic().material as KeyMaterial).blindIndexMac('customer.name');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 200 })), (s) => {
        const expected = toHex(mac.mac(new TextEncoder().encode(s)));
        expect(cipher.blindIndex(s, { column: 'customer.name', bits: 256 })).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a normalize that returns no string (it would give every value one index)', () => {
    for (const normalize of [(v: string) => Number(v), () => undefined, () => null]) {
      expect(() => cipher.blindIndex('13812345678', { column: 'm', normalize: normalize as never })).toThrow(new InvalidArgumentError('blind index normalize must return a string'));
    }
  });
});
