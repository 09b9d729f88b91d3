/**
 * `fieldshield/gm`: 国密 primitives in pure TypeScript (no Buffer, no I/O): SM4, SM3,
 * HMAC-SM3, HKDF-SM3, and the modes GCM, CTR, CBC, ECB (legacy), CMAC and SIV.
 * Keyed objects (`Sm4`, `Sm4Gcm`, `Sm4Siv`, `HmacSm3`, ...) hold precomputed key material and
 * are the hot path; the one-shot functions are thin wrappers that cache them per key array.
 */
export { Sm4, sm4Cached, sm4DecryptBlock, sm4EncryptBlock, sm4KeySchedule } from './sm4.js';
export {
  Sm4Gcm,
  Sm4Siv,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4Cmac,
  sm4CtrXor,
  sm4EcbDecrypt,
  sm4EcbEncrypt,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
  sm4SivDecrypt,
  sm4SivEncrypt,
} from './sm4-modes.js';
export { SM3_BLOCK_LENGTH, SM3_DIGEST_LENGTH, Sm3, sm3 } from './sm3.js';
export { HMAC_SM3_LENGTH, HmacSm3, hmacSm3 } from './hmac.js';
export type { HmacSm3Stream } from './hmac.js';
export { HKDF_SM3_MAX_LENGTH, SM3_KDF_MAX_LENGTH, hkdfSm3, hkdfSm3Expand, hkdfSm3Extract, sm3Kdf } from './kdf.js';
export type { HkdfSm3Options } from './kdf.js';
export { Gcm } from './gcm.js';
export { Ctr } from './ctr.js';
export { Cbc } from './cbc.js';
export { Ecb } from './ecb.js';
export { Cmac } from './cmac.js';
export { Siv } from './siv.js';
export { pkcs7Pad, pkcs7Unpad } from './padding.js';
export { constantTimeEqual, fillRandom, randomBytes } from './utils.js';
export type { BlockCipher128 } from './utils.js';
