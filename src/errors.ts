/**
 * Typed errors. Every error carries a stable `code` and, where it applies, the field
 * `path`, but never a plaintext value, key bytes, a tag or a whole envelope: messages are
 * built from fixed text and caller-independent facts (lengths, names of options) only.
 */

export type FieldShieldErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INTEGRITY'
  | 'PADDING'
  | 'ENVELOPE_FORMAT'
  | 'UNKNOWN_KEY'
  | 'KEY_DESTROYED'
  | 'KEY_STATE'
  | 'KEY_USAGE_LIMIT'
  | 'KEY_PROVIDER'
  | 'UNSUPPORTED';

export interface FieldShieldErrorOptions {
  /** Field path the error is about, e.g. `customer.id_no` (a name, never a value). */
  readonly path?: string;
  /** Underlying error. Only pass errors whose message is known to be free of secrets. */
  readonly cause?: unknown;
}

export class FieldShieldError extends Error {
  readonly code: FieldShieldErrorCode;
  readonly path: string | undefined;

  constructor(code: FieldShieldErrorCode, message: string, options: FieldShieldErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.path = options.path;
  }
}

/** A caller passed a value of the wrong type or size (lengths may be named, contents never). */
export class InvalidArgumentError extends FieldShieldError {
  constructor(message: string, options?: FieldShieldErrorOptions) {
    super('INVALID_ARGUMENT', message, options);
  }
}

/** Authentication failed: wrong key, wrong context/AAD, or tampered data. Says nothing more. */
export class IntegrityError extends FieldShieldError {
  constructor(message = 'authentication failed: wrong key, wrong associated data or tampered ciphertext', options?: FieldShieldErrorOptions) {
    super('INTEGRITY', message, options);
  }
}

/** PKCS#7 padding was malformed after an unauthenticated (CBC/ECB) decryption. */
export class PaddingError extends FieldShieldError {
  constructor(message = 'invalid PKCS#7 padding: wrong key or corrupted ciphertext', options?: FieldShieldErrorOptions) {
    super('PADDING', message, options);
  }
}

/** An operation or parameter this build does not support. */
export class UnsupportedError extends FieldShieldError {
  constructor(message: string, options?: FieldShieldErrorOptions) {
    super('UNSUPPORTED', message, options);
  }
}
