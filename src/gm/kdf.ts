/**
 * Key derivation with SM3. Two functions for two different jobs:
 *
 * - **HKDF-SM3** (RFC 5869 instantiated with HMAC-SM3) is what fieldshield uses to turn one
 *   data key into independent per-purpose subkeys. The `info` string names the purpose, e.g.
 *   `fieldshield/v1/blind-index/customer.id_no` or `fieldshield/v1/siv/customer.name`, so a
 *   subkey for one column's blind index says nothing about another column's, and adding a new
 *   purpose never changes existing keys. Use it whenever you derive keys yourself.
 *
 * - **SM3-KDF** (`sm3Kdf`, the key derivation function of GB/T 32918.4-2016 section 5.4.3,
 *   also used by SM2 key exchange in GB/T 32918.3) is `SM3(Z || ct)` for a 32-bit big-endian
 *   counter `ct` = 1, 2, ... concatenated and truncated. It has no salt and no purpose label,
 *   so it is only for interoperating with SM2 encryption / key exchange or other systems that
 *   specify it; do not use it to derive several keys from one secret.
 */
import { InvalidArgumentError } from '../errors.js';
import { utf8Encode } from '../encoding.js';
import { assertBytes } from './utils.js';
import { HMAC_SM3_LENGTH, HmacSm3 } from './hmac.js';
import { SM3_DIGEST_LENGTH, Sm3, sm3ClearScratch } from './sm3.js';

/** Longest HKDF-SM3 output: RFC 5869 allows 255 blocks of the hash length. */
export const HKDF_SM3_MAX_LENGTH = 255 * HMAC_SM3_LENGTH;

/** Options for {@link hkdfSm3}. */
export interface HkdfSm3Options {
  /**
   * Optional non-secret random value; when absent RFC 5869 uses 32 zero bytes. A salt makes
   * the extracted key independent of other deployments that share the same input key.
   */
  readonly salt?: Uint8Array;
  /** Purpose label binding the output to one use; strings are UTF-8 encoded. Default empty. */
  readonly info?: Uint8Array | string;
  /** Output length in bytes, 1 .. 8160. */
  readonly length: number;
}

function infoBytes(info: Uint8Array | string | undefined): Uint8Array {
  if (info === undefined) return new Uint8Array(0);
  if (typeof info === 'string') return utf8Encode(info);
  assertBytes(info, 'info');
  return info;
}

/**
 * HKDF-Extract (RFC 5869 section 2.2): `PRK = HMAC-SM3(salt, IKM)`, 32 bytes. A missing or
 * empty salt means 32 zero bytes (the two give the same HMAC key block).
 */
export function hkdfSm3Extract(salt: Uint8Array | undefined, ikm: Uint8Array): Uint8Array {
  if (salt !== undefined) assertBytes(salt, 'salt');
  assertBytes(ikm, 'ikm');
  const hmac = new HmacSm3(salt ?? new Uint8Array(HMAC_SM3_LENGTH));
  const prk = hmac.mac(ikm);
  hmac.destroy();
  return prk;
}

/**
 * HKDF-Expand (RFC 5869 section 2.3): `length` bytes of `T(1) || T(2) || ...` with
 * `T(i) = HMAC-SM3(PRK, T(i-1) || info || i)`. `prk` must be at least 32 bytes (normally the
 * output of {@link hkdfSm3Extract}, or a uniformly random key).
 */
export function hkdfSm3Expand(prk: Uint8Array, info: Uint8Array | string | undefined, length: number): Uint8Array {
  assertBytes(prk, 'prk');
  if (prk.length < HMAC_SM3_LENGTH) {
    throw new InvalidArgumentError(`prk must be at least ${HMAC_SM3_LENGTH} bytes, got ${prk.length}`);
  }
  if (!Number.isInteger(length) || length < 1 || length > HKDF_SM3_MAX_LENGTH) {
    throw new InvalidArgumentError(`length must be an integer from 1 to ${HKDF_SM3_MAX_LENGTH}`);
  }
  const infoB = infoBytes(info);
  const hmac = new HmacSm3(prk);
  const out = new Uint8Array(length);
  // One message buffer, laid out as T(i-1) || info || i; the first block skips the empty T(0).
  const msg = new Uint8Array(HMAC_SM3_LENGTH + infoB.length + 1);
  msg.set(infoB, HMAC_SM3_LENGTH);
  const counterAt = msg.length - 1;
  const block = new Uint8Array(HMAC_SM3_LENGTH);
  const blocks = Math.ceil(length / HMAC_SM3_LENGTH);
  for (let i = 1; i <= blocks; i++) {
    msg[counterAt] = i;
    hmac.macInto(i === 1 ? msg.subarray(HMAC_SM3_LENGTH) : msg, block, 0);
    const at = (i - 1) * HMAC_SM3_LENGTH;
    out.set(length - at >= HMAC_SM3_LENGTH ? block : block.subarray(0, length - at), at);
    msg.set(block, 0);
  }
  block.fill(0);
  msg.fill(0);
  hmac.destroy(); // also clears SM3's scratch, which held PRK-derived blocks
  return out;
}

/**
 * HKDF-SM3 (RFC 5869 with HMAC-SM3): extract then expand. Use it for per-purpose subkeys:
 *
 * ```ts
 * const blindIndexKey = hkdfSm3(dataKey, { info: 'fieldshield/v1/blind-index/customer.id_no', length: 32 });
 * ```
 */
export function hkdfSm3(ikm: Uint8Array, options: HkdfSm3Options): Uint8Array {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options must be an object with a length');
  }
  const prk = hkdfSm3Extract(options.salt, ikm);
  try {
    return hkdfSm3Expand(prk, options.info, options.length);
  } finally {
    prk.fill(0);
  }
}

/** Largest `sm3Kdf` output: GB/T 32918.4 limits the counter to 32 bits (klen < (2^32 - 1)·v). */
export const SM3_KDF_MAX_LENGTH = (2 ** 32 - 1) * SM3_DIGEST_LENGTH;

/**
 * The SM2 key derivation function (GB/T 32918.4-2016, 5.4.3) with SM3: the first `length`
 * bytes of `SM3(Z || 00000001) || SM3(Z || 00000002) || ...`. For SM2, `Z` is `x2 || y2`.
 * Interoperability only: for keys of your own use {@link hkdfSm3} with a purpose `info`.
 *
 * The hash state after Z's full blocks is computed once and cloned per counter, so each output
 * block costs only the compressions of Z's tail and the counter.
 */
export function sm3Kdf(z: Uint8Array, length: number): Uint8Array {
  assertBytes(z, 'z');
  if (!Number.isSafeInteger(length) || length < 1 || length > SM3_KDF_MAX_LENGTH) {
    throw new InvalidArgumentError('length must be a positive integer within the SM2 KDF limit');
  }
  const out = new Uint8Array(length);
  const prefix = new Sm3().update(z);
  const work = new Sm3();
  const counter = new Uint8Array(4);
  const block = new Uint8Array(SM3_DIGEST_LENGTH);
  const blocks = Math.ceil(length / SM3_DIGEST_LENGTH);
  for (let ct = 1; ct <= blocks; ct++) {
    counter[0] = ct >>> 24;
    counter[1] = ct >>> 16;
    counter[2] = ct >>> 8;
    counter[3] = ct;
    prefix.clone(work).update(counter);
    const at = (ct - 1) * SM3_DIGEST_LENGTH;
    if (length - at >= SM3_DIGEST_LENGTH) {
      work.digestInto(out, at);
    } else {
      work.digestInto(block, 0);
      out.set(block.subarray(0, length - at), at);
    }
  }
  block.fill(0);
  prefix.reset();
  work.reset();
  sm3ClearScratch();
  return out;
}
