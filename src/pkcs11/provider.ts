/**
 * Pkcs11KeyProvider: the keyring's master key (KEK) lives in an HSM reached through PKCS#11,
 * and data keys are wrapped and unwrapped by the token. The KEK never leaves the token (the
 * provider refuses an extractable one unless told otherwise); only wrapped DEKs are stored in
 * the keyring document, beside the data (seed 002: 密钥与数据分离存储).
 *
 * The token is touched when a keyring is created, loaded or rotated — never on the field
 * encrypt / decrypt path, which runs on the unwrapped, derived keys held by the Keyring.
 *
 *   const provider = await Pkcs11KeyProvider.open({
 *     library: '/usr/lib/softhsm/libsofthsm2.so',
 *     token: { label: 'fieldshield' },
 *     pin: { env: 'FIELDSHIELD_HSM_PIN' },
 *     kek: { label: 'fieldshield-kek' },
 *   });
 *   const keyring = await Keyring.load(doc, { provider });
 *   ...
 *   await provider.close();
 */
import { FieldShieldError, InvalidArgumentError } from '../errors.js';
import { assertBytes, fillRandom } from '../gm/utils.js';
import type { KeyProvider, WrapContext } from '../keys/provider.js';
import { type Handle, type LoadedLibrary, acquireLibrary, ckrCode, ckrName, releaseLibrary } from './binding.js';
import { CKA_CLASS, CKA_EXTRACTABLE, CKA_KEY_TYPE, CKA_SENSITIVE, CKA_TOKEN, CKA_VALUE, CKK_GENERIC_SECRET, CKO_SECRET_KEY, MECHANISM_CODES } from './constants.js';
import { Pkcs11MechanismError, Pkcs11ProviderError } from './errors.js';
import { type MechanismOption, type ResolvedMechanism, mechanismFor, resolveMechanism, stripCheck, withCheck, wrapAad } from './mechanism.js';
import { type PinSource, checkPinSource, readPin } from './pin.js';
import { type KekSelector, type PoolStats, TokenConnection, type TokenSelector, checkKekSelector } from './token.js';

export interface Pkcs11ProviderOptions {
  /** Path of the vendor's PKCS#11 library, e.g. `/usr/lib/softhsm/libsofthsm2.so`. */
  readonly library: string;
  /** The token: `{ label }` (preferred) or `{ slotIndex }` into the slots that hold a token. */
  readonly token: TokenSelector;
  /** Where the user PIN comes from: `{ env: NAME }` or `{ file: PATH }`. Never the PIN itself. */
  readonly pin: PinSource;
  /** The KEK: `{ label }`, `{ id: hex }` or both. Its kekId is `pkcs11:<token label>/<label or id hex>`. */
  readonly kek: KekSelector;
  /** Wrapping mechanism (default `aes-gcm`); a vendor SM4 mechanism as `{ mechanism: 0x8000…, ivLength, gcm? }`. */
  readonly mechanism?: MechanismOption;
  /** Sessions kept open for concurrent wraps (default 2, at most 32). */
  readonly poolSize?: number;
  /** Accept a KEK with CKA_EXTRACTABLE true or CKA_SENSITIVE false (default false: refuse). */
  readonly allowExtractableKek?: boolean;
  /** Environment to read `pin.env` from (default `process.env`). */
  readonly env?: Record<string, string | undefined>;
  /** @internal Module specifier of the binding (tests name a missing one). */
  readonly binding?: string;
}

const DEFAULT_POOL = 2;
const MAX_POOL = 32;
/** Room for the largest token output over the input: padding block or GCM tag plus slack. */
const OUTPUT_SLACK = 64;

/** Attributes of the short-lived session key that carries a DEK through C_WrapKey / C_UnwrapKey. */
const CARRIER_TEMPLATE = [
  { type: CKA_CLASS, value: CKO_SECRET_KEY },
  { type: CKA_KEY_TYPE, value: CKK_GENERIC_SECRET },
  { type: CKA_TOKEN, value: false },
  { type: CKA_SENSITIVE, value: false },
  { type: CKA_EXTRACTABLE, value: true },
] as const;

export class Pkcs11KeyProvider implements KeyProvider {
  readonly name = 'pkcs11';
  /** `pkcs11:<token label>/<key label or id hex>`: recorded beside each wrapped DEK and checked on load. */
  readonly kekId: string;
  /** The token's label as the token reports it. */
  readonly tokenLabel: string;
  /** The wrapping mechanism's name, e.g. `AES-GCM` or a vendor mechanism's configured name. */
  readonly mechanism: string;
  private readonly conn: TokenConnection;
  private readonly lib: LoadedLibrary;
  private readonly mech: ResolvedMechanism;

  private constructor(conn: TokenConnection, lib: LoadedLibrary, mech: ResolvedMechanism) {
    this.conn = conn;
    this.lib = lib;
    this.mech = mech;
    this.kekId = conn.kekId;
    this.tokenLabel = conn.tokenLabel;
    this.mechanism = mech.name;
  }

  /** Loads the library, finds the token, logs in and finds the KEK (checking its policy). */
  static async open(options: Pkcs11ProviderOptions): Promise<Pkcs11KeyProvider> {
    return Pkcs11KeyProvider.start(options, false);
  }

  /**
   * Generates the KEK in the token — persistent, private, sensitive, non-extractable, allowed
   * only the configured mechanism's operation — then opens the provider on it. Refuses when a
   * key with the same label (and ID) already exists. Needs `kek.label`; for vendor mechanisms
   * also `mechanism.keyType` and `mechanism.keyGenMechanism`.
   */
  static async generateKek(options: Pkcs11ProviderOptions): Promise<Pkcs11KeyProvider> {
    return Pkcs11KeyProvider.start(options, true);
  }

  private static async start(options: Pkcs11ProviderOptions, generate: boolean): Promise<Pkcs11KeyProvider> {
    if (options === null || typeof options !== 'object') throw new InvalidArgumentError('Pkcs11KeyProvider needs options');
    if (typeof options.library !== 'string' || options.library === '') throw new InvalidArgumentError('library must be the path of a PKCS#11 module');
    checkTokenSelector(options.token);
    checkPinSource(options.pin);
    checkKekSelector(options.kek);
    if (generate && options.kek.label === undefined) throw new InvalidArgumentError('generating a KEK needs kek.label');
    const poolSize = options.poolSize ?? DEFAULT_POOL;
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > MAX_POOL) throw new InvalidArgumentError(`poolSize must be an integer from 1 to ${MAX_POOL}`);
    const mech = resolveMechanism(options.mechanism);
    const pin = await readPin(options.pin, options.env);
    const lib = await acquireLibrary(options.library, options.binding);
    try {
      const conn = TokenConnection.connect(
        { library: lib, token: options.token, kek: options.kek, mechanism: mech, poolSize, allowExtractableKek: options.allowExtractableKek === true, generate },
        pin,
      );
      return new Pkcs11KeyProvider(conn, lib, mech);
    } catch (e) {
      releaseLibrary(lib);
      throw e;
    }
  }

  /** Sessions open and reconnects so far (for monitoring; holds nothing secret). */
  get stats(): PoolStats {
    return this.conn.stats;
  }

  async wrap(dek: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    assertBytes(dek, 'data key');
    const keyId = checkKeyId(context);
    const aad = wrapAad(keyId);
    try {
      return await this.conn.run((session, kek) => (this.mech.operation === 'encrypt' ? this.encryptDek(session, kek, dek, aad) : this.wrapDek(session, kek, dek, aad)));
    } catch (e) {
      throw this.failure(e, 'wrap-failed', `cannot wrap key ${keyId} with ${this.kekId}`);
    }
  }

  async unwrap(wrapped: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    assertBytes(wrapped, 'wrapped key');
    const keyId = checkKeyId(context);
    const aad = wrapAad(keyId);
    const failed = `cannot unwrap key ${keyId} with ${this.kekId}: wrong master key, wrong mechanism or corrupted keyring`;
    if (wrapped.length <= this.mech.ivLength) throw new Pkcs11ProviderError('unwrap-failed', `wrapped key ${keyId} is truncated`);
    let dek: Uint8Array | undefined;
    try {
      dek = await this.conn.run((session, kek) => (this.mech.operation === 'encrypt' ? this.decryptDek(session, kek, wrapped, aad) : this.unwrapDek(session, kek, wrapped, aad)));
    } catch (e) {
      throw this.failure(e, 'unwrap-failed', failed);
    }
    if (dek === undefined) throw new Pkcs11ProviderError('unwrap-failed', failed);
    return dek;
  }

  /** Waits for running operations, closes the sessions, and unloads the library when no other provider uses it. */
  async close(): Promise<void> {
    await this.conn.close();
  }

  // C_Encrypt / C_Decrypt with the KEK: GCM, CBC, ECB (AES or a vendor's SM4).

  private async encryptDek(session: Handle, kek: Handle, dek: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    const m = this.lib.module;
    const iv = Buffer.alloc(this.mech.ivLength);
    fillRandom(iv);
    const payload = Buffer.from(this.mech.aead ? dek : withCheck(dek, aad));
    try {
      m.C_EncryptInit(session, mechanismFor(this.mech, this.lib.binding, iv, Buffer.from(aad)), kek);
      const out = await m.C_EncryptAsync(session, payload, Buffer.alloc(payload.length + OUTPUT_SLACK));
      return concat(iv, out);
    } finally {
      payload.fill(0);
    }
  }

  private async decryptDek(session: Handle, kek: Handle, wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array | undefined> {
    const m = this.lib.module;
    const iv = Buffer.from(wrapped.subarray(0, this.mech.ivLength));
    const body = Buffer.from(wrapped.subarray(this.mech.ivLength));
    m.C_DecryptInit(session, mechanismFor(this.mech, this.lib.binding, iv, Buffer.from(aad)), kek);
    const out = await m.C_DecryptAsync(session, body, Buffer.alloc(body.length + OUTPUT_SLACK));
    try {
      return this.mech.aead ? new Uint8Array(out) : stripCheck(out, aad);
    } finally {
      out.fill(0);
    }
  }

  // C_WrapKey / C_UnwrapKey: the DEK rides in a short-lived session key (AES-KWP, vendor wrap mechanisms).

  private async wrapDek(session: Handle, kek: Handle, dek: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    const m = this.lib.module;
    const iv = Buffer.alloc(this.mech.ivLength);
    fillRandom(iv);
    const payload = Buffer.from(withCheck(dek, aad));
    let carrier: Handle;
    try {
      carrier = m.C_CreateObject(session, [...CARRIER_TEMPLATE, { type: CKA_VALUE, value: payload }]);
    } finally {
      payload.fill(0);
    }
    try {
      const out = await m.C_WrapKeyAsync(session, mechanismFor(this.mech, this.lib.binding, iv, Buffer.from(aad)), kek, carrier, Buffer.alloc(payload.length + OUTPUT_SLACK));
      return concat(iv, out);
    } finally {
      destroyQuietly(this.lib, session, carrier);
    }
  }

  private async unwrapDek(session: Handle, kek: Handle, wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array | undefined> {
    const m = this.lib.module;
    const iv = Buffer.from(wrapped.subarray(0, this.mech.ivLength));
    const body = Buffer.from(wrapped.subarray(this.mech.ivLength));
    const carrier = await m.C_UnwrapKeyAsync(session, mechanismFor(this.mech, this.lib.binding, iv, Buffer.from(aad)), kek, body, [...CARRIER_TEMPLATE]);
    try {
      const value = m.C_GetAttributeValue(session, carrier, [{ type: CKA_VALUE }])[0]?.value;
      if (value === undefined) return undefined;
      try {
        return stripCheck(value, aad);
      } finally {
        value.fill(0);
      }
    } finally {
      destroyQuietly(this.lib, session, carrier);
    }
  }

  /** A typed error for a failed wrap or unwrap: never the binding's error object itself. */
  private failure(e: unknown, reason: 'wrap-failed' | 'unwrap-failed', message: string): Error {
    if (e instanceof FieldShieldError) return e;
    const code = ckrCode(e);
    if (code !== undefined && MECHANISM_CODES.has(code)) {
      return new Pkcs11MechanismError(`token ${this.tokenLabel} rejected ${this.mech.name} with ${this.kekId}`, ckrName(e));
    }
    return new Pkcs11ProviderError(reason, message, ckrName(e));
  }
}

function checkTokenSelector(token: unknown): asserts token is TokenSelector {
  const t = token as { label?: unknown; slotIndex?: unknown } | null | undefined;
  const byLabel = typeof t?.label === 'string' && t.label !== '';
  const byIndex = typeof t?.slotIndex === 'number' && Number.isInteger(t.slotIndex) && t.slotIndex >= 0;
  if (byLabel === byIndex) throw new InvalidArgumentError('token must be exactly one of { label } or { slotIndex }');
}

function checkKeyId(context: WrapContext): string {
  const keyId = context?.keyId;
  if (typeof keyId !== 'string' || keyId === '') throw new InvalidArgumentError('wrap context needs a keyId');
  return keyId;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function destroyQuietly(lib: LoadedLibrary, session: Handle, object: Handle): void {
  try {
    lib.module.C_DestroyObject(session, object);
  } catch {
    // A session object dies with its session anyway.
  }
}
