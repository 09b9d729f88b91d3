/**
 * How a DEK is wrapped inside the token: the configured mechanism, its parameters, and the
 * framing of the wrapped bytes.
 *
 * Two built-ins for tokens with AES (SoftHSM2, most international HSMs) and any
 * vendor-defined mechanism by number, which is how Chinese HSMs (服务器密码机) expose SM4
 * through PKCS#11: the SM4 mechanism numbers are not in the OASIS specification, each vendor
 * assigns its own above CKM_VENDOR_DEFINED (0x80000000) in its header file.
 *
 * Wrapped bytes: `iv ‖ token output` (no IV for mechanisms without one).
 * - AEAD mechanisms (GCM) authenticate "fieldshield/v1/dek-wrap/" + keyId as associated
 *   data, like LocalKeyProvider, so a wrapped DEK moved to another key ID fails to unwrap.
 * - Mechanisms without associated data (AES key wrap, SM4-CBC/ECB) encrypt
 *   `DEK ‖ check`, where check = first 16 bytes of HMAC-SM3(DEK, that same string). After
 *   unwrapping the check is recomputed: a wrong KEK, a DEK moved to another key ID, or a
 *   modified ciphertext (which in CBC garbles the DEK, and the check with it) is caught
 *   instead of yielding a wrong key. 48 bytes are a whole number of blocks, so CBC/ECB need
 *   no padding.
 */
import { utf8Encode } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import { HmacSm3 } from '../gm/hmac.js';
import { constantTimeEqual } from '../gm/utils.js';
import type { Binding, Mechanism } from './binding.js';
import { CKK_AES, CKM_AES_GCM, CKM_AES_KEY_GEN, CKM_AES_KEY_WRAP_PAD } from './constants.js';

export const WRAP_AAD_PREFIX = 'fieldshield/v1/dek-wrap/';
export const CHECK_BYTES = 16;

/** A vendor-defined (or any standard) mechanism given by number. */
export interface VendorMechanism {
  /** The CKM_ number from the vendor's header, e.g. 0x80000107. */
  readonly mechanism: number;
  /** Shown in errors and in `provider.mechanism`, e.g. `SM4-CBC`. */
  readonly name?: string;
  /** Bytes of fresh random IV passed as the mechanism parameter: 16 for CBC, 12 for GCM, 0 (default) for ECB / no parameter. */
  readonly ivLength?: number;
  /** The parameter is CK_GCM_PARAMS (IV, associated data, tag length): an AEAD mode such as SM4-GCM. */
  readonly gcm?: boolean;
  /** GCM tag length in bits (default 128). */
  readonly tagBits?: number;
  /**
   * CK_GCM_PARAMS layout: `standard` has ulIvBits (PKCS#11 v2.40 errata and v3.x, default);
   * `legacy` is the older layout without it that some v2.40-era libraries expect.
   */
  readonly gcmParams?: 'standard' | 'legacy';
  /** `encrypt` (default): C_Encrypt/C_Decrypt with the KEK. `wrap`: C_WrapKey/C_UnwrapKey of a session key holding the DEK. */
  readonly operation?: 'encrypt' | 'wrap';
  /** The KEK's CKK_ key type (checked when the KEK is found; used when one is generated), e.g. the vendor's CKK_SM4. */
  readonly keyType?: number;
  /** Key generation mechanism for `generateKek`, e.g. the vendor's CKM_SM4_KEY_GEN. */
  readonly keyGenMechanism?: number;
  /** CKA_VALUE_LEN for `generateKek` in bytes (default: not set, which SM4 key generators expect). */
  readonly keyLength?: number;
}

/**
 * `aes-gcm` (default): CKM_AES_GCM, C_Encrypt/C_Decrypt, 12-byte random IV, 128-bit tag.
 * `aes-kwp`: CKM_AES_KEY_WRAP_PAD (RFC 5649), C_WrapKey/C_UnwrapKey; the token must allow
 * session secret keys with CKA_EXTRACTABLE true and CKA_SENSITIVE false (FIPS-mode HSMs may not).
 */
export type MechanismOption = 'aes-gcm' | 'aes-kwp' | VendorMechanism;

/** @internal A mechanism option checked and filled in. */
export interface ResolvedMechanism {
  readonly name: string;
  readonly mechanism: number;
  readonly operation: 'encrypt' | 'wrap';
  readonly ivLength: number;
  readonly aead: boolean;
  readonly tagBits: number;
  readonly gcmParams: 'standard' | 'legacy';
  readonly keyType: number | undefined;
  readonly keyGenMechanism: number | undefined;
  readonly keyLength: number | undefined;
}

export function resolveMechanism(option: MechanismOption | undefined): ResolvedMechanism {
  const o = option ?? 'aes-gcm';
  if (o === 'aes-gcm') {
    return {
      name: 'AES-GCM',
      mechanism: CKM_AES_GCM,
      operation: 'encrypt',
      ivLength: 12,
      aead: true,
      tagBits: 128,
      gcmParams: 'standard',
      keyType: CKK_AES,
      keyGenMechanism: CKM_AES_KEY_GEN,
      keyLength: 32,
    };
  }
  if (o === 'aes-kwp') {
    return {
      name: 'AES-KWP',
      mechanism: CKM_AES_KEY_WRAP_PAD,
      operation: 'wrap',
      ivLength: 0,
      aead: false,
      tagBits: 0,
      gcmParams: 'standard',
      keyType: CKK_AES,
      keyGenMechanism: CKM_AES_KEY_GEN,
      keyLength: 32,
    };
  }
  if (typeof o !== 'object' || o === null) throw new InvalidArgumentError("mechanism must be 'aes-gcm', 'aes-kwp' or { mechanism: number, ... }");
  if (!isUlong(o.mechanism)) throw new InvalidArgumentError('mechanism.mechanism must be a CKM_ number (an unsigned 32-bit integer)');
  const aead = o.gcm === true;
  const ivLength = o.ivLength ?? 0;
  if (!Number.isInteger(ivLength) || ivLength < 0 || ivLength > 64) throw new InvalidArgumentError('mechanism.ivLength must be an integer from 0 to 64');
  if (aead && ivLength < 12) throw new InvalidArgumentError('a GCM mechanism needs ivLength of at least 12');
  const tagBits = aead ? o.tagBits ?? 128 : 0;
  if (aead && (!Number.isInteger(tagBits) || tagBits < 96 || tagBits > 128 || tagBits % 8 !== 0)) {
    throw new InvalidArgumentError('mechanism.tagBits must be 96, 104, 112, 120 or 128');
  }
  const operation = o.operation ?? 'encrypt';
  if (operation !== 'encrypt' && operation !== 'wrap') throw new InvalidArgumentError("mechanism.operation must be 'encrypt' or 'wrap'");
  const gcmParams = o.gcmParams ?? 'standard';
  if (gcmParams !== 'standard' && gcmParams !== 'legacy') throw new InvalidArgumentError("mechanism.gcmParams must be 'standard' or 'legacy'");
  for (const [k, v] of [
    ['keyType', o.keyType],
    ['keyGenMechanism', o.keyGenMechanism],
  ] as const) {
    if (v !== undefined && !isUlong(v)) throw new InvalidArgumentError(`mechanism.${k} must be an unsigned 32-bit integer`);
  }
  if (o.keyLength !== undefined && (!Number.isInteger(o.keyLength) || o.keyLength < 16 || o.keyLength > 64)) {
    throw new InvalidArgumentError('mechanism.keyLength must be an integer from 16 to 64');
  }
  return {
    name: o.name ?? `CKM 0x${o.mechanism.toString(16).padStart(8, '0')}`,
    mechanism: o.mechanism,
    operation,
    ivLength,
    aead,
    tagBits,
    gcmParams,
    keyType: o.keyType,
    keyGenMechanism: o.keyGenMechanism,
    keyLength: o.keyLength,
  };
}

function isUlong(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

/** The CK_MECHANISM for one wrap or unwrap. */
export function mechanismFor(m: ResolvedMechanism, binding: Binding, iv: Buffer, aad: Buffer): Mechanism {
  if (m.aead) {
    return {
      mechanism: m.mechanism,
      parameter:
        m.gcmParams === 'standard'
          ? { type: binding.CK_PARAMS_GCM, iv, ivBits: iv.length * 8, aad, tagBits: m.tagBits }
          : { type: binding.CK_PARAMS_AES_GCM, iv, aad, tagBits: m.tagBits },
    };
  }
  return m.ivLength > 0 ? { mechanism: m.mechanism, parameter: iv } : { mechanism: m.mechanism };
}

export function wrapAad(keyId: string): Uint8Array {
  return utf8Encode(WRAP_AAD_PREFIX + keyId);
}

/** DEK ‖ check for mechanisms without associated data. */
export function withCheck(dek: Uint8Array, aad: Uint8Array): Uint8Array {
  const out = new Uint8Array(dek.length + CHECK_BYTES);
  out.set(dek);
  out.set(checkValue(dek, aad), dek.length);
  return out;
}

/** The DEK from DEK ‖ check, or undefined when the check does not match. */
export function stripCheck(payload: Uint8Array, aad: Uint8Array): Uint8Array | undefined {
  if (payload.length <= CHECK_BYTES) return undefined;
  // A copy (not Buffer#slice, which is a view): the caller wipes the payload afterwards.
  const dek = new Uint8Array(payload.subarray(0, payload.length - CHECK_BYTES));
  if (!constantTimeEqual(checkValue(dek, aad), payload.subarray(payload.length - CHECK_BYTES))) {
    dek.fill(0);
    return undefined;
  }
  return dek;
}

function checkValue(dek: Uint8Array, aad: Uint8Array): Uint8Array {
  const mac = new HmacSm3(dek);
  const tag = mac.mac(aad).slice(0, CHECK_BYTES);
  mac.destroy();
  return tag;
}
