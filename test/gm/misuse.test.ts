/**
 * The primitives refuse to be misused rather than give a wrong answer: a destroyed key, a block
 * outside its buffer, a random fill outside its buffer, a comparison of things that are not bytes.
 */
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { Cmac, Gcm, Siv, Sm4, Sm4Gcm, Sm4Siv, constantTimeEqual, fillRandom, randomBytes, sm4Cached, sm4EncryptBlock } from '../../src/gm/index.js';
import { KeyMaterial } from '../../src/keys/material.js';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
const BLOCK = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
const openssl = (key: Uint8Array, block: Uint8Array) => {
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
};

describe('Sm4 after destroy()', () => {
  it('throws on every use instead of encrypting under zeroed round keys', () => {
    const s = new Sm4(KEY);
    s.destroy();
    expect(s.isDestroyed).toBe(true);
    const out = new Uint8Array(16);
    for (const use of [
      () => s.encryptBlock(BLOCK, 0, out, 0),
      () => s.decryptBlock(BLOCK, 0, out, 0),
      () => s.encryptWords(1, 2, 3, 4, new Int32Array(4)),
      () => s.encryptWords2(1, 2, 3, 4, 5, 6, 7, 8, new Int32Array(8)),
      () => s.encryptWords3(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, new Int32Array(12)),
    ]) {
      expect(use).toThrow(new InvalidArgumentError('Sm4 key has been destroyed'));
    }
    expect([...out]).toEqual(Array(16).fill(0));
  });

  it('a destroyed cached object is rebuilt: the one-shot helpers stay right', () => {
    const key = KEY.slice();
    sm4Cached(key).destroy();
    expect(sm4EncryptBlock(key, BLOCK)).toEqual(openssl(key, BLOCK));
    expect(sm4Cached(key).isDestroyed).toBe(false);
  });
});

describe('ranges and types', () => {
  it('a block must lie within its buffers', () => {
    const s = new Sm4(KEY);
    const out = new Uint8Array(16);
    for (const [src, so, dst, d] of [
      [BLOCK, 8, out, 0],
      [BLOCK, 0, out, 1],
      [BLOCK, -1, out, 0],
      [BLOCK.subarray(0, 15), 0, out, 0],
    ] as const) {
      expect(() => s.encryptBlock(src, so, dst, d)).toThrow(InvalidArgumentError);
      expect(() => s.decryptBlock(src, so, dst, d)).toThrow(InvalidArgumentError);
    }
    s.encryptBlock(BLOCK, 0, out, 0);
    expect(out).toEqual(openssl(KEY, BLOCK));
  });

  it('fillRandom and randomBytes refuse ranges outside the buffer and odd lengths', () => {
    const b = new Uint8Array(8);
    expect(() => fillRandom(b, 4, 100)).toThrow(InvalidArgumentError);
    expect(() => fillRandom(b, -1, 2)).toThrow(InvalidArgumentError);
    expect(() => fillRandom(b, 1.5, 2)).toThrow(InvalidArgumentError);
    expect([...b]).toEqual(Array(8).fill(0));
    fillRandom(b, 4, 4);
    expect([...b.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    for (const n of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => randomBytes(n)).toThrow(InvalidArgumentError);
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(33)).toHaveLength(33);
  });

  it('constantTimeEqual compares bytes only', () => {
    const z = new Uint8Array(16);
    for (const other of ['x'.repeat(16), new Array(16), null, undefined, Array.from(z)]) {
      expect(() => constantTimeEqual(z, other as never)).toThrow(InvalidArgumentError);
      expect(() => constantTimeEqual(other as never, z)).toThrow(InvalidArgumentError);
    }
    expect(constantTimeEqual(z, new Uint8Array(16))).toBe(true);
    expect(constantTimeEqual(z, Uint8Array.of(...z.subarray(1), 1))).toBe(false);
  });
});

describe('destroy() of the modes and of a data key', () => {
  it('Gcm, Cmac and Siv wipe what they derived from the key and refuse every later use', () => {
    const iv = new Uint8Array(12);
    const gcm = new Gcm(new Sm4(KEY));
    const sealed = gcm.seal(iv, BLOCK);
    gcm.destroy();
    expect(() => gcm.seal(iv, BLOCK)).toThrow(new InvalidArgumentError('Gcm key has been destroyed'));
    expect(() => gcm.open(iv, sealed)).toThrow(new InvalidArgumentError('Gcm key has been destroyed'));
    expect(() => gcm.prepareAad(BLOCK)).toThrow(/destroyed/);
    const cmac = new Cmac(new Sm4(KEY));
    cmac.destroy();
    expect(() => cmac.mac(BLOCK)).toThrow(new InvalidArgumentError('Cmac key has been destroyed'));
    const siv = new Siv(new Sm4(KEY), new Sm4(KEY.map((b) => b ^ 1)));
    const env = siv.seal(BLOCK);
    siv.destroy();
    expect(() => siv.seal(BLOCK)).toThrow(new InvalidArgumentError('Siv key has been destroyed'));
    expect(() => siv.open(env)).toThrow(new InvalidArgumentError('Siv key has been destroyed'));
  });

  it('Sm4Gcm and Sm4Siv destroy their own round keys too', () => {
    const g = new Sm4Gcm(KEY);
    g.destroy();
    expect(() => g.sealWithRandomIv(BLOCK)).toThrow(/destroyed/);
    const s = new Sm4Siv(new Uint8Array(32).fill(5));
    s.destroy();
    expect(() => s.seal(BLOCK)).toThrow(/destroyed/);
  });

  it('a data key destroyed by the keyring wipes its GCM, SIV and round keys, not just drops them', () => {
    const material = new KeyMaterial(KEY.slice());
    const gcm = material.gcm;
    const siv = material.siv;
    gcm.seal(new Uint8Array(12), BLOCK);
    material.destroy();
    expect(() => gcm.seal(new Uint8Array(12), BLOCK)).toThrow(/destroyed/);
    expect(() => siv.seal(BLOCK)).toThrow(/destroyed/);
  });
});
