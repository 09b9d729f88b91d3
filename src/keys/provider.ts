/**
 * Key providers hold the master key (KEK) and wrap / unwrap data keys (DEKs) with it. The
 * KEK never leaves the provider; the keyring document stores DEKs only in wrapped form, so
 * keys and data live apart (seed 002: 密钥与数据分离存储).
 */
import { fromHex, toHex, utf8Encode } from '../encoding.js';
import { FieldShieldError, InvalidArgumentError, KeyProviderError } from '../errors.js';
import { Gcm } from '../gm/gcm.js';
import { HmacSm3 } from '../gm/hmac.js';
import { Sm4 } from '../gm/sm4.js';
import { assertBytes, fillRandom } from '../gm/utils.js';

/** What a wrap is bound to: unwrapping a DEK under another key ID fails. */
export interface WrapContext {
  /** The DEK's key ID (hex). */
  readonly keyId: string;
}

/**
 * The interface every provider implements (local master key, KMS callback, PKCS#11 HSM).
 * Both methods are async because real providers are remote.
 */
export interface KeyProvider {
  /** Short name recorded in the keyring document, e.g. `local`, `kms`, `pkcs11`. */
  readonly name: string;
  /** A non-secret identifier of the master key, recorded beside each wrapped DEK. */
  readonly kekId: string;
  wrap(dek: Uint8Array, context: WrapContext): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: WrapContext): Promise<Uint8Array>;
}

const WRAP_AAD_PREFIX = 'fieldshield/v1/dek-wrap/';
const GCM_IV = 12;

/**
 * A master key held in process memory, for development and tests: it must come from a file or
 * an environment variable that the operator protects. Production deployments use an HSM
 * (PKCS#11) or a KMS through {@link CallbackKeyProvider}. Prints nothing, logs nothing.
 *
 * Wrap format: iv(12) ‖ SM4-GCM(KEK, iv, DEK, aad = "fieldshield/v1/dek-wrap/" + keyId) ‖ tag(16).
 */
export class LocalKeyProvider implements KeyProvider {
  readonly name = 'local';
  readonly kekId: string;
  private readonly gcm: Gcm;

  /** @param masterKey 16 bytes (an SM4 key). */
  constructor(masterKey: Uint8Array) {
    assertBytes(masterKey, 'master key', 16);
    this.gcm = new Gcm(new Sm4(masterKey));
    // A fingerprint of the KEK so a wrong master key is reported as such, not as tampering.
    const fp = new HmacSm3(masterKey).mac(utf8Encode('fieldshield/v1/kek-id'));
    this.kekId = 'local:' + toHex(fp.subarray(0, 8));
  }

  /** Reads the master key as 32 hex characters from an environment variable. */
  static fromEnv(variable = 'FIELDSHIELD_MASTER_KEY', env: Record<string, string | undefined> = processEnv()): LocalKeyProvider {
    const hex = env[variable];
    if (hex === undefined || hex.trim() === '') {
      throw new KeyProviderError(`environment variable ${variable} is not set`);
    }
    return new LocalKeyProvider(parseMasterKey(hex, `environment variable ${variable}`));
  }

  /** Reads the master key from a file: 32 hex characters (surrounding whitespace ignored) or 16 raw bytes. Node only. */
  static async fromFile(path: string): Promise<LocalKeyProvider> {
    const { readFile } = await import('node:fs/promises');
    let raw: Uint8Array;
    try {
      raw = await readFile(path);
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'unknown error';
      throw new KeyProviderError(`cannot read master key file (${code})`);
    }
    if (raw.length === 16) return new LocalKeyProvider(new Uint8Array(raw));
    return new LocalKeyProvider(parseMasterKey(new TextDecoder().decode(raw), 'master key file'));
  }

  /** A fresh random master key (for tests and `keys init`): 16 bytes. */
  static generateMasterKey(): Uint8Array {
    const k = new Uint8Array(16);
    fillRandom(k);
    return k;
  }

  async wrap(dek: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    assertBytes(dek, 'data key');
    const out = new Uint8Array(GCM_IV + dek.length + 16);
    fillRandom(out, 0, GCM_IV);
    out.set(this.gcm.seal(out.subarray(0, GCM_IV), dek, utf8Encode(WRAP_AAD_PREFIX + context.keyId)), GCM_IV);
    return out;
  }

  async unwrap(wrapped: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    if (wrapped.length < GCM_IV + 16) throw new KeyProviderError(`wrapped key ${context.keyId} is truncated`);
    try {
      return this.gcm.open(wrapped.subarray(0, GCM_IV), wrapped.subarray(GCM_IV), utf8Encode(WRAP_AAD_PREFIX + context.keyId));
    } catch {
      throw new KeyProviderError(`cannot unwrap key ${context.keyId}: wrong master key or corrupted keyring`);
    }
  }
}

function parseMasterKey(text: string, where: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new KeyProviderError(`${where} must hold 32 hex characters (a 16-byte SM4 key)`);
  }
  return fromHex(hex);
}

function processEnv(): Record<string, string | undefined> {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env ?? {};
}

/** Functions an application passes to reach its KMS or HSM. */
export interface CallbackKeyProviderOptions {
  /** Recorded in the keyring document (default `kms`). */
  readonly name?: string;
  /** Non-secret ID of the master key in the KMS (e.g. its key ARN / key ID). */
  readonly kekId: string;
  /** Wrap (encrypt) a data key under the master key; bind `context.keyId` as AAD if the KMS supports it. */
  readonly wrap: (dek: Uint8Array, context: WrapContext) => Promise<Uint8Array> | Uint8Array;
  /** Unwrap a data key wrapped by `wrap`. */
  readonly unwrap: (wrapped: Uint8Array, context: WrapContext) => Promise<Uint8Array> | Uint8Array;
}

/**
 * Delegates wrapping to the application's KMS or HSM (a cloud KMS with SM4, or an HSM with
 * only the GM/T 0018 SDF interface behind a small adapter). Errors thrown by the callbacks
 * are replaced by a KeyProviderError whose message names the key ID only: a KMS error text
 * might quote request data, so it is not attached as `cause`.
 */
export class CallbackKeyProvider implements KeyProvider {
  readonly name: string;
  readonly kekId: string;
  private readonly options: CallbackKeyProviderOptions;

  constructor(options: CallbackKeyProviderOptions) {
    if (typeof options?.wrap !== 'function' || typeof options.unwrap !== 'function') {
      throw new InvalidArgumentError('CallbackKeyProvider needs wrap and unwrap functions');
    }
    if (typeof options.kekId !== 'string' || options.kekId === '') {
      throw new InvalidArgumentError('CallbackKeyProvider needs a non-empty kekId');
    }
    this.options = options;
    this.name = options.name ?? 'kms';
    this.kekId = options.kekId;
  }

  async wrap(dek: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    return this.call('wrap', () => this.options.wrap(dek, context), context);
  }

  async unwrap(wrapped: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    return this.call('unwrap', () => this.options.unwrap(wrapped, context), context);
  }

  private async call(op: string, fn: () => Promise<Uint8Array> | Uint8Array, context: WrapContext): Promise<Uint8Array> {
    let result: Uint8Array;
    try {
      result = await fn();
    } catch (e) {
      if (e instanceof FieldShieldError) throw e;
      throw new KeyProviderError(`key provider ${this.name} failed to ${op} key ${context.keyId}`);
    }
    if (!(result instanceof Uint8Array)) {
      throw new KeyProviderError(`key provider ${this.name} ${op} did not return a Uint8Array for key ${context.keyId}`);
    }
    return result;
  }
}
