import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sm4 as smCrypto } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, decryptLegacySm4 } from '../../src/envelope/index.js';
import { FieldShieldError, InvalidArgumentError, PaddingError } from '../../src/errors.js';
import { testKeyring } from '../helpers/keyring.js';

const text = fc.string({ unit: 'grapheme', maxLength: 80 });
const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('legacy SM4 readers', () => {
  it('read sm-crypto ECB and CBC ciphertexts (hex, PKCS#7)', () => {
    fc.assert(
      fc.property(text, key16, key16, (s, key, iv) => {
        const keyHex = Buffer.from(key).toString('hex');
        const ivHex = Buffer.from(iv).toString('hex');
        const ecb = smCrypto.encrypt(s, keyHex) as string;
        expect(decryptLegacySm4(ecb, { key: keyHex, mode: 'ecb', encoding: 'hex' })).toBe(s);
        const cbc = smCrypto.encrypt(s, keyHex, { mode: 'cbc', iv: ivHex }) as string;
        expect(decryptLegacySm4(cbc, { key, mode: 'cbc', iv, encoding: 'hex' })).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('read OpenSSL (node:crypto) sm4-ecb / sm4-cbc output as Hutool and ShardingSphere write it (base64 and hex)', () => {
    fc.assert(
      fc.property(text, key16, key16, (s, key, iv) => {
        // Hutool SM4/ECB/PKCS5Padding and SM4/CBC/PKCS5Padding = PKCS#7 on 16-byte blocks.
        const e = createCipheriv('sm4-ecb', key, null);
        const ecb = Buffer.concat([e.update(s, 'utf8'), e.final()]);
        expect(decryptLegacySm4(ecb.toString('base64'), { key, mode: 'ecb', encoding: 'base64' })).toBe(s);
        expect(decryptLegacySm4(new Uint8Array(ecb), { key, mode: 'ecb', encoding: 'hex' })).toBe(s);
        // ShardingSphere: CBC with a fixed configured IV, hex output (upper case accepted).
        const c = createCipheriv('sm4-cbc', key, iv);
        const cbc = Buffer.concat([c.update(s, 'utf8'), c.final()]);
        expect(decryptLegacySm4(cbc.toString('hex').toUpperCase(), { key: Buffer.from(key).toString('hex'), mode: 'cbc', iv: Buffer.from(iv).toString('hex'), encoding: 'hex' })).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('fail with typed errors on wrong keys, bad encodings and missing IVs', () => {
    const key = randomBytes(16);
    const e = createCipheriv('sm4-ecb', key, null);
    const ct = Buffer.concat([e.update('6222021234567890123'), e.final()]).toString('hex');
    let paddingErrors = 0;
    for (let i = 0; i < 200; i++) {
      try {
        decryptLegacySm4(ct, { key: randomBytes(16), mode: 'ecb', encoding: 'hex', output: 'bytes' });
      } catch (err) {
        expect(err).toBeInstanceOf(PaddingError);
        paddingErrors++;
      }
    }
    // A wrong key gives valid-looking padding about 1 time in 256: that is why legacy reads
    // must be followed by a content check. Most attempts fail loudly.
    expect(paddingErrors).toBeGreaterThan(190);
    expect(() => decryptLegacySm4('zz', { key, mode: 'ecb', encoding: 'hex' })).toThrow(InvalidArgumentError);
    expect(() => decryptLegacySm4(ct, { key, mode: 'cbc', encoding: 'hex' })).toThrow(/iv/);
    expect(() => decryptLegacySm4(ct, { key: 'short', mode: 'ecb', encoding: 'hex' })).toThrow(FieldShieldError);
    // A wrong encoding is named as such, not reported as a wrong key.
    for (const encoding of ['HEX', 'utf8', undefined]) {
      expect(() => decryptLegacySm4(ct, { key, mode: 'ecb', encoding } as never)).toThrow(new InvalidArgumentError("legacy encoding must be 'hex' or 'base64' for a text ciphertext"));
    }
    expect(() => decryptLegacySm4(ct, undefined as never)).toThrow(InvalidArgumentError);
    expect(() => decryptLegacySm4(ct, { key, mode: 'ofb', encoding: 'hex' } as never)).toThrow(/legacy mode must be/);
  });

  it('upgrade() turns a legacy ciphertext into an envelope for its column', async () => {
    const { keyring } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const keyHex = '0123456789abcdeffedcba9876543210';
    const legacy = smCrypto.encrypt('11010519491231002X', keyHex) as string;
    const env = cipher.upgrade(legacy, { context: 'customer.id_no', legacy: { key: keyHex, mode: 'ecb', encoding: 'hex' } });
    expect(cipher.decrypt(env, { context: 'customer.id_no' })).toBe('11010519491231002X');
  });
});
