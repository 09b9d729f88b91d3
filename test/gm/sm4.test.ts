import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { sm4 as smCrypto } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/encoding.js';
import { Sm4, sm4DecryptBlock, sm4EncryptBlock, sm4KeySchedule } from '../../src/gm/sm4.js';

// GB/T 32907-2016 Appendix A, example 1 and example 2 (1,000,000 iterations).
const KEY = fromHex('0123456789abcdeffedcba9876543210');
const PLAIN = fromHex('0123456789abcdeffedcba9876543210');

describe('SM4 known answers (GB/T 32907-2016 Appendix A)', () => {
  it('example 1: one encryption', () => {
    expect(toHex(sm4EncryptBlock(KEY, PLAIN))).toBe('681edf34d206965e86b3e94f536e4246');
    expect(toHex(sm4DecryptBlock(KEY, fromHex('681edf34d206965e86b3e94f536e4246')))).toBe(toHex(PLAIN));
  });

  it('example 1: round keys rk0 and rk31', () => {
    const rk = sm4KeySchedule(KEY);
    expect((rk[0] >>> 0).toString(16)).toBe('f12186f9');
    expect((rk[31] >>> 0).toString(16)).toBe('9124a012');
  });

  it('example 2: 1,000,000 encryptions, then 1,000,000 decryptions back', () => {
    const c = new Sm4(KEY);
    const block = PLAIN.slice();
    for (let i = 0; i < 1_000_000; i++) c.encryptBlock(block, 0, block, 0);
    expect(toHex(block)).toBe('595298c7c6fd271f0402f804c33d3f66');
    for (let i = 0; i < 1_000_000; i++) c.decryptBlock(block, 0, block, 0);
    expect(toHex(block)).toBe(toHex(PLAIN));
  });

  it('rejects keys that are not 16 bytes without echoing them', () => {
    expect(() => new Sm4(new Uint8Array(15).fill(7))).toThrow(/16 bytes, got 15/);
  });
});

describe('SM4 against independent implementations', () => {
  const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

  it('matches node:crypto (OpenSSL) sm4-ecb on random keys and blocks', () => {
    fc.assert(
      fc.property(bytes16, bytes16, (key, block) => {
        const ref = createCipheriv('sm4-ecb', key, null).setAutoPadding(false).update(block);
        expect(toHex(sm4EncryptBlock(key, block))).toBe(ref.toString('hex'));
        expect(toHex(sm4DecryptBlock(key, new Uint8Array(ref)))).toBe(toHex(block));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches sm-crypto on random keys and blocks', () => {
    fc.assert(
      fc.property(bytes16, bytes16, (key, block) => {
        const ref = smCrypto.encrypt(Array.from(block), Array.from(key), { padding: 'none', output: 'array' });
        expect(toHex(sm4EncryptBlock(key, block))).toBe(toHex(Uint8Array.from(ref as number[])));
      }),
      { numRuns: 1000 },
    );
  });

  it('encryptWords agrees with encryptBlock', () => {
    fc.assert(
      fc.property(bytes16, bytes16, (key, block) => {
        const c = new Sm4(key);
        const out = new Uint8Array(16);
        c.encryptBlock(block, 0, out, 0);
        const w = new Int32Array(4);
        const dv = new DataView(block.buffer, block.byteOffset);
        c.encryptWords(dv.getInt32(0), dv.getInt32(4), dv.getInt32(8), dv.getInt32(12), w);
        const ov = new DataView(out.buffer);
        expect([...w]).toEqual([ov.getInt32(0), ov.getInt32(4), ov.getInt32(8), ov.getInt32(12)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('one-shot key cache', () => {
  it('notices a key array overwritten in place', () => {
    const key = new Uint8Array(16).fill(1);
    const block = new Uint8Array(16);
    const a = sm4EncryptBlock(key, block);
    key.fill(2);
    const b = sm4EncryptBlock(key, block);
    expect(toHex(b)).not.toBe(toHex(a));
    expect(toHex(b)).toBe(toHex(sm4EncryptBlock(new Uint8Array(16).fill(2), block)));
  });
});
