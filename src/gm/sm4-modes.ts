/**
 * SM4 in each mode: keyed classes for callers that hold a key (the envelope layer), and
 * one-shot functions for everyone else.
 *
 * - SM4-GCM: RFC 8998 §2 / GB/T 38636; 12-byte IV recommended, 16-byte tag.
 * - SM4-SIV: RFC 5297 with SM4 in place of AES; a 32-byte key split as RFC 5297 §2.6 does:
 *   the first 16 bytes key S2V (CMAC), the last 16 key CTR.
 * - SM4-CBC / SM4-ECB with PKCS#7, SM4-CTR, SM4-CMAC: legacy and interop formats (OpenSSL's
 *   sm4-cbc / sm4-ecb / sm4-ctr produce and read the same bytes).
 *
 * One-shot functions cache the keyed objects per key *array* (WeakMap by identity, so nothing
 * outlives the caller's key array and no key bytes become a map key). Each cache entry also
 * keeps a private copy of the key bytes and checks it on every hit, so a key array that is
 * overwritten in place (a pooled buffer reused for another key) can never be served a stale
 * key schedule.
 */
import { Cbc } from './cbc.js';
import { Cmac } from './cmac.js';
import { Ctr } from './ctr.js';
import { Ecb } from './ecb.js';
import { Gcm } from './gcm.js';
import { Siv } from './siv.js';
import { Sm4 } from './sm4.js';
import { assertBytes } from './utils.js';

/** SM4-GCM keyed once (key schedule and GHASH tables built in the constructor). */
export class Sm4Gcm extends Gcm {
  private readonly sm4: Sm4;

  /** `key`: 16 bytes. `tagLength`: 16 unless a protocol says otherwise (12–16, or 8/4). */
  constructor(key: Uint8Array, tagLength = 16) {
    assertBytes(key, 'SM4 key', 16);
    const sm4 = new Sm4(key);
    super(sm4, tagLength);
    this.sm4 = sm4;
  }

  /** Wipes the GHASH tables and the SM4 round keys; every later use throws. */
  override destroy(): void {
    super.destroy();
    this.sm4.destroy();
  }
}

/** SM4-SIV keyed once: deterministic authenticated encryption for equality lookups. */
export class Sm4Siv extends Siv {
  private readonly sm4s: readonly Sm4[];

  /** `key`: 32 bytes, first half for S2V (CMAC), second half for CTR. */
  constructor(key: Uint8Array) {
    assertBytes(key, 'SM4-SIV key', 32);
    const mac = new Sm4(key.subarray(0, 16));
    const ctr = new Sm4(key.subarray(16, 32));
    super(mac, ctr);
    this.sm4s = [mac, ctr];
  }

  /** Wipes the S2V state, the CMAC subkeys and both SM4 round-key schedules; every later use throws. */
  override destroy(): void {
    super.destroy();
    for (const s of this.sm4s) s.destroy();
  }
}

// --- per-key caches -----------------------------------------------------------------------------

/** Lazily built keyed objects for one 16-byte key array. */
interface Entry16 {
  readonly keyCopy: Uint8Array;
  readonly sm4: Sm4;
  gcm?: Gcm;
  cbc?: Cbc;
  ctr?: Ctr;
  ecb?: Ecb;
  cmac?: Cmac;
}

interface Entry32 {
  readonly keyCopy: Uint8Array;
  readonly siv: Sm4Siv;
}

const cache16 = new WeakMap<Uint8Array, Entry16>();
const cache32 = new WeakMap<Uint8Array, Entry32>();

/** True when `key` still holds the bytes the entry was built from (compared in constant time). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function entry16(key: Uint8Array): Entry16 {
  let e = cache16.get(key);
  if (e === undefined || !sameBytes(e.keyCopy, key)) {
    assertBytes(key, 'SM4 key', 16);
    e = { keyCopy: new Uint8Array(key), sm4: new Sm4(key) };
    cache16.set(key, e);
  }
  return e;
}

function siv32(key: Uint8Array): Sm4Siv {
  let e = cache32.get(key);
  if (e === undefined || !sameBytes(e.keyCopy, key)) {
    assertBytes(key, 'SM4-SIV key', 32);
    e = { keyCopy: new Uint8Array(key), siv: new Sm4Siv(key) };
    cache32.set(key, e);
  }
  return e.siv;
}

// --- one-shot functions -------------------------------------------------------------------------

/** SM4-GCM encryption (16-byte tag): returns ciphertext ‖ tag. */
export function sm4GcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.gcm ??= new Gcm(e.sm4)).seal(iv, plaintext, aad);
}

/** SM4-GCM decryption of ciphertext ‖ tag; throws IntegrityError on any mismatch. */
export function sm4GcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array, aad?: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.gcm ??= new Gcm(e.sm4)).open(iv, ciphertextAndTag, aad);
}

/** SM4-CBC with PKCS#7 padding (16-byte IV). */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.cbc ??= new Cbc(e.sm4)).encrypt(iv, plaintext);
}

/** SM4-CBC decryption; throws PaddingError when the PKCS#7 padding is malformed. */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.cbc ??= new Cbc(e.sm4)).decrypt(iv, ciphertext);
}

/** SM4-CTR (128-bit big-endian counter, as OpenSSL's sm4-ctr): encrypts and decrypts alike. */
export function sm4CtrXor(key: Uint8Array, counterBlock: Uint8Array, data: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.ctr ??= new Ctr(e.sm4)).xor(counterBlock, data);
}

/** SM4-ECB with PKCS#7 padding. Legacy formats only: ECB reveals equal blocks. */
export function sm4EcbEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.ecb ??= new Ecb(e.sm4)).encrypt(plaintext);
}

/** SM4-ECB decryption; throws PaddingError when the PKCS#7 padding is malformed. */
export function sm4EcbDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.ecb ??= new Ecb(e.sm4)).decrypt(ciphertext);
}

/** SM4-CMAC (SP 800-38B with SM4): a 16-byte tag. */
export function sm4Cmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const e = entry16(key);
  return (e.cmac ??= new Cmac(e.sm4)).mac(data);
}

/** SM4-SIV encryption with a 32-byte key: returns SIV ‖ ciphertext (16 + plaintext.length). */
export function sm4SivEncrypt(key: Uint8Array, plaintext: Uint8Array, ...associatedData: Uint8Array[]): Uint8Array {
  return siv32(key).seal(plaintext, ...associatedData);
}

/** SM4-SIV decryption; throws IntegrityError on any mismatch. */
export function sm4SivDecrypt(key: Uint8Array, sivAndCiphertext: Uint8Array, ...associatedData: Uint8Array[]): Uint8Array {
  return siv32(key).open(sivAndCiphertext, ...associatedData);
}
