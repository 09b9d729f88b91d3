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
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('decryptLegacySm4 needs options: { key, mode, encoding, iv? }');
  const key = keyBytes(options.key, 'legacy SM4 key');
  let ct: Uint8Array;
  if (ciphertext instanceof Uint8Array) {
    ct = ciphertext;
  } else if (typeof ciphertext === 'string') {
    // Checked, not defaulted: text decoded the wrong way would fail as a "wrong key".
    if (options.encoding !== 'hex' && options.encoding !== 'base64') {
      throw new InvalidArgumentError("legacy encoding must be 'hex' or 'base64' for a text ciphertext");
    }
    const text = ciphertext.trim();
    try {
      ct = options.encoding === 'hex' ? fromHex(text) : fromBase64(text);
    } catch {
      throw new InvalidArgumentError(`legacy ciphertext is not valid ${options.encoding}`);
    }
  } else {
    throw new InvalidArgumentError('legacy ciphertext must be a string or a Uint8Array');
  }
  if (options.mode !== 'ecb' && options.mode !== 'cbc') throw new InvalidArgumentError("legacy mode must be 'ecb' or 'cbc'");
  if (options.mode === 'cbc' && options.iv === undefined) throw new InvalidArgumentError('legacy CBC needs an iv');
  const iv = options.mode === 'cbc' ? keyBytes(options.iv as string | Uint8Array, 'legacy CBC iv') : undefined;
  const cipher = new Sm4(key);
  let pt: Uint8Array;
  try {
    pt = iv === undefined ? new Ecb(cipher).decrypt(ct) : new Cbc(cipher).decrypt(iv, ct);
  } finally {
    // Also when the padding is wrong: the round keys do not outlive the call.
    cipher.destroy();
  }
  return options.output === 'bytes' ? pt : utf8Decode(pt);
}
