/**
 * Readers for the SM4 field ciphertexts banks already store, so data can be upgraded in
 * place to authenticated envelopes:
 * - sm-crypto `sm4.encrypt(text, key)` (ECB, or CBC with `{ mode: 'cbc', iv }`), PKCS#7, hex;
 * - Hutool / BouncyCastle `SM4/ECB/PKCS5Padding` and `SM4/CBC/PKCS5Padding` (PKCS5 = PKCS#7
 *   for 16-byte blocks), usually hex or base64;
 * - ShardingSphere's SM4 encrypt algorithm (ECB or CBC with a fixed `sm4-iv`, PKCS5/PKCS7
 *   padding, hex output).
 * None of these formats authenticates anything: a wrong key usually shows up as bad padding
 * (PaddingError), but not always — check the result (e.g. with the column's kind validator).
 */
import { fromBase64, fromHex, utf8Decode } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import { Cbc } from '../gm/cbc.js';
import { Ecb } from '../gm/ecb.js';
import { Sm4 } from '../gm/sm4.js';

export interface LegacySm4Options {
  /** The SM4 key: 16 bytes, or 32 hex characters. */
  readonly key: Uint8Array | string;
  readonly mode: 'ecb' | 'cbc';
  /** CBC IV: 16 bytes or 32 hex characters (ShardingSphere's fixed `sm4-iv`). */
  readonly iv?: Uint8Array | string;
  /** How the stored ciphertext is spelled (ignored when it is already bytes). */
  readonly encoding: 'hex' | 'base64';
  /** Return the plaintext as UTF-8 text (default) or bytes. */
  readonly output?: 'utf8' | 'bytes';
}

function keyBytes(k: Uint8Array | string, name: string): Uint8Array {
  if (k instanceof Uint8Array) {
    if (k.length !== 16) throw new InvalidArgumentError(`${name} must be 16 bytes, got ${k.length}`);
    return k;
  }
  if (typeof k !== 'string' || !/^[0-9a-fA-F]{32}$/.test(k)) {
    throw new InvalidArgumentError(`${name} must be 16 bytes or 32 hex characters`);
  }
  return fromHex(k);
}

/** Decrypts a legacy SM4-ECB/CBC + PKCS#7 ciphertext. Throws PaddingError on a wrong key or corrupt data. */
export function decryptLegacySm4(ciphertext: string | Uint8Array, options: LegacySm4Options & { output: 'bytes' }): Uint8Array;
export function decryptLegacySm4(ciphertext: string | Uint8Array, options: LegacySm4Options): string;
export function decryptLegacySm4(ciphertext: string | Uint8Array, options: LegacySm4Options): string | Uint8Array {
  const key = keyBytes(options.key, 'legacy SM4 key');
  let ct: Uint8Array;
  if (ciphertext instanceof Uint8Array) {
    ct = ciphertext;
  } else if (typeof ciphertext === 'string') {
    const text = ciphertext.trim();
    try {
      ct = options.encoding === 'hex' ? fromHex(text) : fromBase64(text);
    } catch {
      throw new InvalidArgumentError(`legacy ciphertext is not valid ${options.encoding}`);
    }
  } else {
    throw new InvalidArgumentError('legacy ciphertext must be a string or a Uint8Array');
  }
  const cipher = new Sm4(key);
  let pt: Uint8Array;
  if (options.mode === 'ecb') {
    pt = new Ecb(cipher).decrypt(ct);
  } else if (options.mode === 'cbc') {
    if (options.iv === undefined) throw new InvalidArgumentError('legacy CBC needs an iv');
    pt = new Cbc(cipher).decrypt(keyBytes(options.iv, 'legacy CBC iv'), ct);
  } else {
    throw new InvalidArgumentError("legacy mode must be 'ecb' or 'cbc'");
  }
  cipher.destroy();
  return options.output === 'bytes' ? pt : utf8Decode(pt);
}
