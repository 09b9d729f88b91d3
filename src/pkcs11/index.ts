/**
 * `fieldshield/pkcs11`: a KeyProvider whose master key lives in an HSM reached through
 * PKCS#11 (SoftHSM2 for development, a 服务器密码机 with a PKCS#11 library in production).
 *
 * A separate entry point so the core stays pure TypeScript: only this entry loads the
 * native binding (`pkcs11js`, an optional peer dependency), and only when a provider opens.
 * See docs/HSM.md.
 */
export { Pkcs11KeyProvider } from './provider.js';
export type { Pkcs11ProviderOptions } from './provider.js';
export type { MechanismOption, VendorMechanism } from './mechanism.js';
export type { PinSource } from './pin.js';
export type { KekSelector, PoolStats, TokenSelector } from './token.js';
export {
  Pkcs11BindingMissingError,
  Pkcs11KeyNotFoundError,
  Pkcs11KeyPolicyError,
  Pkcs11LibraryError,
  Pkcs11MechanismError,
  Pkcs11PinError,
  Pkcs11ProviderError,
  Pkcs11TokenNotFoundError,
  Pkcs11TokenUnavailableError,
} from './errors.js';
export type { Pkcs11ErrorReason } from './errors.js';
export { CKM_VENDOR_DEFINED } from './constants.js';
