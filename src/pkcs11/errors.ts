/**
 * Typed errors of the PKCS#11 provider. All are KeyProviderErrors (code `KEY_PROVIDER`), so
 * code that handles any provider failure keeps working; `reason` says which one it is.
 *
 * None carries the PIN, key bytes or wrapped keys, and none attaches the binding's error as
 * `cause` (a vendor library's message text is not known to be free of secrets): the PKCS#11
 * return value's name (e.g. `CKR_PIN_INCORRECT`) is kept in `ckr` instead.
 */
import { KeyProviderError } from '../errors.js';

export type Pkcs11ErrorReason =
  | 'binding-missing'
  | 'library'
  | 'token-not-found'
  | 'token-unavailable'
  | 'pin'
  | 'key-not-found'
  | 'key-ambiguous'
  | 'key-policy'
  | 'mechanism'
  | 'wrap-failed'
  | 'unwrap-failed'
  | 'closed';

export class Pkcs11ProviderError extends KeyProviderError {
  readonly reason: Pkcs11ErrorReason;
  /** The PKCS#11 return value's name, e.g. `CKR_DEVICE_REMOVED`, when one caused this. */
  readonly ckr: string | undefined;

  constructor(reason: Pkcs11ErrorReason, message: string, ckr?: string) {
    super(ckr === undefined ? message : `${message} (${ckr})`);
    this.reason = reason;
    this.ckr = ckr;
  }
}

/** The PKCS#11 binding (the `pkcs11js` package, a native addon) is not installed or did not build. */
export class Pkcs11BindingMissingError extends Pkcs11ProviderError {
  constructor(message: string) {
    super('binding-missing', message);
  }
}

/** The vendor's PKCS#11 library could not be loaded or initialised. */
export class Pkcs11LibraryError extends Pkcs11ProviderError {
  constructor(message: string, ckr?: string) {
    super('library', message, ckr);
  }
}

/** No (initialised) token matches the configured label or slot index. */
export class Pkcs11TokenNotFoundError extends Pkcs11ProviderError {
  constructor(message: string) {
    super('token-not-found', message);
  }
}

/** The token went away (removed, reset, its storage deleted) and could not be reached again. */
export class Pkcs11TokenUnavailableError extends Pkcs11ProviderError {
  constructor(message: string, ckr?: string) {
    super('token-unavailable', message, ckr);
  }
}

/** The token refused the user PIN (wrong, locked, expired, not initialised). Never names the PIN. */
export class Pkcs11PinError extends Pkcs11ProviderError {
  constructor(message: string, ckr?: string) {
    super('pin', message, ckr);
  }
}

/** The master key (KEK) is not on the token (never created, deleted, or a wrong label / ID). */
export class Pkcs11KeyNotFoundError extends Pkcs11ProviderError {
  constructor(message: string) {
    super('key-not-found', message);
  }
}

/** The KEK's attributes break the policy: extractable, not sensitive, or not allowed to wrap. */
export class Pkcs11KeyPolicyError extends Pkcs11ProviderError {
  constructor(message: string, ckr?: string) {
    super('key-policy', message, ckr);
  }
}

/** The token does not offer the configured mechanism, or rejects its parameters or key type. */
export class Pkcs11MechanismError extends Pkcs11ProviderError {
  constructor(message: string, ckr?: string) {
    super('mechanism', message, ckr);
  }
}
