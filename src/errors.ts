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
  | 'UNSUPPORTED'
  | 'POLICY'
  | 'FIELD_ACTION';

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

/** The input is not a well-formed fieldshield envelope (checked before any crypto runs). */
export class EnvelopeFormatError extends FieldShieldError {
  constructor(message: string, options?: FieldShieldErrorOptions) {
    super('ENVELOPE_FORMAT', message, options);
  }
}

/** The envelope names a key ID the keyring does not hold. Key IDs are not secret. */
export class UnknownKeyError extends FieldShieldError {
  readonly keyId: string;
  constructor(keyId: string, options?: FieldShieldErrorOptions) {
    super('UNKNOWN_KEY', `no key with ID ${keyId} in the keyring`, options);
    this.keyId = keyId;
  }
}

/** The key was destroyed (crypto-shredded): data under it can never be decrypted again. */
export class KeyDestroyedError extends FieldShieldError {
  readonly keyId: string;
  constructor(keyId: string, options?: FieldShieldErrorOptions) {
    super('KEY_DESTROYED', `key ${keyId} was destroyed; data encrypted under it is unrecoverable`, options);
    this.keyId = keyId;
  }
}

/** The key exists but its state forbids the operation (e.g. encrypting with a decrypt-only key). */
export class KeyStateError extends FieldShieldError {
  readonly keyId: string | undefined;
  constructor(message: string, keyId?: string, options?: FieldShieldErrorOptions) {
    super('KEY_STATE', message, options);
    this.keyId = keyId;
  }
}

/** The key reached its safe message limit (random-nonce GCM): rotate the keyring. */
export class KeyUsageLimitError extends FieldShieldError {
  readonly keyId: string;
  constructor(keyId: string, limit: number, options?: FieldShieldErrorOptions) {
    super('KEY_USAGE_LIMIT', `key ${keyId} reached its usage limit of ${limit} encryptions; rotate the keyring`, options);
    this.keyId = keyId;
  }
}

/** A key provider (local master key, KMS callback, HSM) failed to wrap or unwrap a data key. */
export class KeyProviderError extends FieldShieldError {
  constructor(message: string, options?: FieldShieldErrorOptions) {
    super('KEY_PROVIDER', message, options);
  }
}

/**
 * A policy document is invalid, or a policy cannot be applied to a field as configured (a field
 * not covered under `unknownFields: reject`, C3 data kept in a scene where it may not be).
 * `path` is where: a document path (`rules[2].display.rule.first`) for document errors, a field
 * path (`customer.contacts[0].mobile`) for field errors; `documentPath` names the rule involved.
 */
export class PolicyError extends FieldShieldError {
  readonly documentPath: string | undefined;
  constructor(message: string, options?: FieldShieldErrorOptions & { readonly documentPath?: string }) {
    super('POLICY', message, options);
    this.documentPath = options?.documentPath;
  }
}

/**
 * A protect or reveal action could not be applied to one field (no key, a value malformed for
 * its kind, a failed decryption) and the policy says `onError: throw`. Names the field path, the
 * scene, the action and the underlying error code; never the value.
 */
export class FieldActionError extends FieldShieldError {
  readonly scene: string;
  readonly action: string;
  /** The code of the underlying failure (`KEY_STATE`, `INTEGRITY`, `MALFORMED_VALUE` ...). */
  readonly reason: string;
  constructor(message: string, details: { readonly path: string; readonly scene: string; readonly action: string; readonly reason: string; readonly cause?: unknown }) {
    super('FIELD_ACTION', message, { path: details.path, cause: details.cause });
    this.scene = details.scene;
    this.action = details.action;
    this.reason = details.reason;
  }
}
