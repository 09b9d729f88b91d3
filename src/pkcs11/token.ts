/**
 * One logged-in connection to a token: the slot, the KEK's object handle and a small pool of
 * sessions, with recovery when the token is reset.
 *
 * PKCS#11 login state belongs to the application, not the session: logging in once in one
 * session logs in every session of this process on that token, and closing the last one logs
 * out. So the pool logs in on its first session and later sessions inherit it.
 *
 * A PKCS#11 session runs one operation at a time; crypto calls run on libuv's thread pool
 * (the `...Async` calls), so several wraps can be in the token at once, one per session.
 *
 * Recovery: after a token reset (or removal, or the library being finalized by someone
 * else) the sessions, the login and even the object handles are gone — SoftHSM2 hands out
 * new handles for private objects after a re-login. An operation failing with one of
 * RECONNECT_CODES therefore closes the old sessions, re-initializes the library if needed,
 * finds the slot again by label, logs in, finds the KEK again, and retries once. A KEK that
 * was deleted then shows up as Pkcs11KeyNotFoundError, a token that is gone as
 * Pkcs11TokenUnavailableError.
 */
import { FieldShieldError, InvalidArgumentError } from '../errors.js';
import { type Attribute, type Handle, type LoadedLibrary, ckrCode, ckrName, initialize, releaseLibrary } from './binding.js';
import {
  CKA_CLASS,
  CKA_DECRYPT,
  CKA_DERIVE,
  CKA_ENCRYPT,
  CKA_EXTRACTABLE,
  CKA_ID,
  CKA_KEY_TYPE,
  CKA_LABEL,
  CKA_PRIVATE,
  CKA_SENSITIVE,
  CKA_SIGN,
  CKA_TOKEN,
  CKA_UNWRAP,
  CKA_VALUE_LEN,
  CKA_VERIFY,
  CKA_WRAP,
  CKF_DECRYPT,
  CKF_ENCRYPT,
  CKF_GENERATE,
  CKF_RW_SESSION,
  CKF_SERIAL_SESSION,
  CKF_TOKEN_INITIALIZED,
  CKF_UNWRAP,
  CKF_USER_PIN_INITIALIZED,
  CKF_WRAP,
  CKO_SECRET_KEY,
  CKR_USER_ALREADY_LOGGED_IN,
  CKU_USER,
  MECHANISM_CODES,
  PIN_CODES,
  RECONNECT_CODES,
} from './constants.js';
import {
  Pkcs11KeyNotFoundError,
  Pkcs11KeyPolicyError,
  Pkcs11MechanismError,
  Pkcs11PinError,
  Pkcs11ProviderError,
  Pkcs11TokenNotFoundError,
  Pkcs11TokenUnavailableError,
} from './errors.js';
import type { ResolvedMechanism } from './mechanism.js';

/** Which token: by its label (preferred: slot numbers change when tokens are added) or by position. */
export type TokenSelector = { readonly label: string } | { readonly slotIndex: number };

/** Which key is the KEK: by CKA_LABEL, by CKA_ID (hex), or both (both must match). */
export interface KekSelector {
  readonly label?: string;
  readonly id?: string;
}

export interface ConnectOptions {
  readonly library: LoadedLibrary;
  readonly token: TokenSelector;
  readonly kek: KekSelector;
  readonly mechanism: ResolvedMechanism;
  readonly poolSize: number;
  readonly allowExtractableKek: boolean;
  /** Create the KEK (non-extractable, sensitive) before connecting; refuses if it exists. */
  readonly generate: boolean;
}

export interface PoolStats {
  /** Sessions this provider has open on the token. */
  readonly sessions: number;
  /** Of those, how many wait for work. */
  readonly idle: number;
  /** Times the provider reconnected after a token reset. */
  readonly recoveries: number;
}

interface Lease {
  readonly session: Handle;
  readonly generation: number;
}

export class TokenConnection {
  readonly tokenLabel: string;
  readonly kekId: string;
  private readonly lib: LoadedLibrary;
  private readonly options: ConnectOptions;
  /** Kept for re-login after a reset; a private field so it never shows in inspection or JSON. */
  readonly #pin: string;
  private slot: Handle;
  private kek: Handle | undefined;
  private generation = 0;
  private readonly idle: Lease[] = [];
  private open = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private closed = false;
  private recoveries = 0;

  private constructor(options: ConnectOptions, pin: string, slot: Handle, tokenLabel: string) {
    this.options = options;
    this.lib = options.library;
    this.#pin = pin;
    this.slot = slot;
    this.tokenLabel = tokenLabel;
    this.kekId = `pkcs11:${tokenLabel}/${options.kek.label ?? normalizeId(options.kek.id ?? '')}`;
  }

  /** Finds the token, checks the mechanism, logs in and finds (or generates) the KEK. */
  static connect(options: ConnectOptions, pin: string): TokenConnection {
    const { slot, label } = setup(() => findSlot(options), 'list the tokens');
    checkMechanism(options, slot, label);
    const conn = new TokenConnection(options, pin, slot, label);
    if (options.generate) conn.generateKek();
    conn.reconnect();
    return conn;
  }

  get stats(): PoolStats {
    return { sessions: this.open, idle: this.idle.length, recoveries: this.recoveries };
  }

  /**
   * Runs one token operation on a pooled session with the KEK's handle. Errors that mean the
   * token was reset trigger one reconnect and one retry; other errors are passed to the caller
   * as thrown (the caller maps them to messages that name the operation).
   */
  run<T>(fn: (session: Handle, kek: Handle) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    const p = this.runWithRetry(fn);
    this.inflight.add(p);
    const forget = (): void => {
      this.inflight.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  /** Waits for running operations, closes every session and releases the library. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.allSettled([...this.inflight]);
    for (const lease of this.idle.splice(0)) this.closeQuietly(lease);
    releaseLibrary(this.lib);
  }

  private async runWithRetry<T>(fn: (session: Handle, kek: Handle) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const lease = await this.acquire();
      const kek = this.kek as Handle;
      let result: T;
      try {
        result = await fn(lease.session, kek);
      } catch (e) {
        const code = ckrCode(e);
        if (code !== undefined && RECONNECT_CODES.has(code)) {
          this.release(lease, true);
          if (attempt > 0) throw new Pkcs11TokenUnavailableError(`token ${this.tokenLabel} failed again after reconnecting`, ckrName(e));
          // Someone may have reconnected already while this call was in the token.
          if (this.generation === lease.generation) this.kek = undefined;
          continue;
        }
        // A failed C_Encrypt/C_Decrypt/C_WrapKey ends its operation: the session is reusable.
        this.release(lease, false);
        throw e;
      }
      this.release(lease, false);
      return result;
    }
  }

  private async acquire(): Promise<Lease> {
    for (;;) {
      if (this.closed) throw closedError();
      if (this.kek === undefined) this.reconnect();
      const lease = this.idle.pop();
      if (lease !== undefined) return lease;
      if (this.open < this.options.poolSize) {
        try {
          return this.openLease(CKF_SERIAL_SESSION);
        } catch (e) {
          const code = ckrCode(e);
          if (code !== undefined && RECONNECT_CODES.has(code)) {
            this.kek = undefined;
            continue;
          }
          throw new Pkcs11TokenUnavailableError(`cannot open a session on token ${this.tokenLabel}`, ckrName(e));
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(lease: Lease, broken: boolean): void {
    if (broken || this.closed || lease.generation !== this.generation) this.closeQuietly(lease);
    else this.idle.push(lease);
    this.waiters.shift()?.();
  }

  private openLease(flags: number): Lease {
    const session = this.lib.module.C_OpenSession(this.slot, flags);
    this.open++;
    return { session, generation: this.generation };
  }

  private closeQuietly(lease: Lease): void {
    this.open--;
    try {
      this.lib.module.C_CloseSession(lease.session);
    } catch {
      // Already invalid after a reset: nothing to close.
    }
  }

  /**
   * (Re)establishes the connection: drops old sessions, initializes the library if someone
   * finalized it, finds the slot again, opens a session, logs in, finds and checks the KEK.
   * Synchronous, so concurrent operations never reconnect twice over each other.
   */
  private reconnect(): void {
    if (this.generation > 0) this.recoveries++;
    this.generation++;
    this.kek = undefined;
    for (const lease of this.idle.splice(0)) this.closeQuietly(lease);
    setup(() => initialize(this.lib), 'initialize the library');
    this.slot = setup(() => findSlot(this.options), `find token ${this.tokenLabel}: the library cannot list its tokens`).slot;
    const lease = setup(() => this.openLease(CKF_SERIAL_SESSION), `open a session on token ${this.tokenLabel}`);
    try {
      this.login(lease.session);
      const kek = this.findKek(lease.session);
      this.checkKek(lease.session, kek);
      this.kek = kek;
    } catch (e) {
      this.closeQuietly(lease);
      throw e;
    }
    this.idle.push(lease);
  }

  private login(session: Handle): void {
    try {
      this.lib.module.C_Login(session, CKU_USER, this.#pin);
    } catch (e) {
      const code = ckrCode(e);
      // Another provider (or other code) in this process is logged in to the token: the login
      // is shared, and the token does not check the PIN again.
      if (code === CKR_USER_ALREADY_LOGGED_IN) return;
      if (code !== undefined && PIN_CODES.has(code)) {
        throw new Pkcs11PinError(`token ${this.tokenLabel} refused the user PIN`, ckrName(e));
      }
      throw new Pkcs11TokenUnavailableError(`cannot log in to token ${this.tokenLabel}`, ckrName(e));
    }
  }

  private findKek(session: Handle): Handle {
    const found = this.find(session, 2);
    if (found.length === 0) {
      throw new Pkcs11KeyNotFoundError(`master key ${this.kekId} is not on token ${this.tokenLabel} (deleted, or a wrong label or ID)`);
    }
    if (found.length > 1) {
      throw new Pkcs11ProviderError('key-ambiguous', `more than one secret key on token ${this.tokenLabel} matches ${this.kekId}: select the KEK by label and ID`);
    }
    return found[0] as Handle;
  }

  private find(session: Handle, max: number): Handle[] {
    const template: Attribute[] = [{ type: CKA_CLASS, value: CKO_SECRET_KEY }];
    const { label, id } = this.options.kek;
    if (label !== undefined) template.push({ type: CKA_LABEL, value: label });
    if (id !== undefined) template.push({ type: CKA_ID, value: Buffer.from(normalizeId(id), 'hex') });
    const m = this.lib.module;
    return setup(() => {
      m.C_FindObjectsInit(session, template);
      try {
        return m.C_FindObjects(session, max);
      } finally {
        m.C_FindObjectsFinal(session);
      }
    }, `search token ${this.tokenLabel}`);
  }

  /** The KEK must be able to do the configured operation and, unless allowed, never leave the token. */
  private checkKek(session: Handle, kek: Handle): void {
    const attrs = [CKA_KEY_TYPE, CKA_EXTRACTABLE, CKA_SENSITIVE, CKA_ENCRYPT, CKA_DECRYPT, CKA_WRAP, CKA_UNWRAP];
    const values = setup(
      () => this.lib.module.C_GetAttributeValue(session, kek, attrs.map((type) => ({ type }))),
      `read the attributes of ${this.kekId}`,
    );
    const get = (type: number): Buffer | undefined => values.find((a) => a.type === type)?.value;
    const flag = (type: number): boolean => {
      const v = get(type);
      return v !== undefined && v.length > 0 && v.some((b) => b !== 0);
    };
    const m = this.options.mechanism;
    const keyType = readUlong(get(CKA_KEY_TYPE));
    if (m.keyType !== undefined && keyType !== m.keyType) {
      throw new Pkcs11KeyPolicyError(`master key ${this.kekId} has key type 0x${(keyType ?? 0).toString(16)}, but ${m.name} needs 0x${m.keyType.toString(16)}`);
    }
    const [a, b, what] = m.operation === 'encrypt' ? [CKA_ENCRYPT, CKA_DECRYPT, 'CKA_ENCRYPT and CKA_DECRYPT'] : [CKA_WRAP, CKA_UNWRAP, 'CKA_WRAP and CKA_UNWRAP'];
    if (!flag(a) || !flag(b)) throw new Pkcs11KeyPolicyError(`master key ${this.kekId} needs ${what} for ${m.name}`);
    if (!this.options.allowExtractableKek && (flag(CKA_EXTRACTABLE) || !flag(CKA_SENSITIVE))) {
      throw new Pkcs11KeyPolicyError(
        `master key ${this.kekId} could leave the token (CKA_EXTRACTABLE true or CKA_SENSITIVE false): use a non-extractable key, or set allowExtractableKek`,
      );
    }
  }

  /** Creates the KEK on the token: persistent, private, sensitive, never extractable, one purpose. */
  private generateKek(): void {
    const m = this.options.mechanism;
    const { label, id } = this.options.kek;
    if (label === undefined) throw new InvalidArgumentError('generating a KEK needs kek.label');
    if (m.keyType === undefined || m.keyGenMechanism === undefined) {
      throw new InvalidArgumentError(`generating a KEK for ${m.name} needs mechanism.keyType and mechanism.keyGenMechanism (the vendor's CKK_ and CKM_ key generation numbers)`);
    }
    setup(() => initialize(this.lib), 'initialize the library');
    const lease = setup(() => this.openLease(CKF_SERIAL_SESSION | CKF_RW_SESSION), `open a read-write session on token ${this.tokenLabel}`);
    try {
      this.login(lease.session);
      if (this.find(lease.session, 1).length > 0) {
        throw new Pkcs11ProviderError('key-ambiguous', `token ${this.tokenLabel} already holds a key matching ${this.kekId}: refusing to create a second one`);
      }
      const encrypt = m.operation === 'encrypt';
      const template: Attribute[] = [
        { type: CKA_CLASS, value: CKO_SECRET_KEY },
        { type: CKA_KEY_TYPE, value: m.keyType },
        { type: CKA_TOKEN, value: true },
        { type: CKA_PRIVATE, value: true },
        { type: CKA_SENSITIVE, value: true },
        { type: CKA_EXTRACTABLE, value: false },
        { type: CKA_ENCRYPT, value: encrypt },
        { type: CKA_DECRYPT, value: encrypt },
        { type: CKA_WRAP, value: !encrypt },
        { type: CKA_UNWRAP, value: !encrypt },
        { type: CKA_SIGN, value: false },
        { type: CKA_VERIFY, value: false },
        { type: CKA_DERIVE, value: false },
        { type: CKA_LABEL, value: label },
      ];
      if (id !== undefined) template.push({ type: CKA_ID, value: Buffer.from(normalizeId(id), 'hex') });
      if (m.keyLength !== undefined) template.push({ type: CKA_VALUE_LEN, value: m.keyLength });
      try {
        this.lib.module.C_GenerateKey(lease.session, { mechanism: m.keyGenMechanism }, template);
      } catch (e) {
        const code = ckrCode(e);
        if (code !== undefined && MECHANISM_CODES.has(code)) {
          throw new Pkcs11MechanismError(`token ${this.tokenLabel} cannot generate a KEK for ${m.name} with mechanism 0x${m.keyGenMechanism.toString(16)}`, ckrName(e));
        }
        throw new Pkcs11ProviderError('key-policy', `token ${this.tokenLabel} refused to generate ${this.kekId}`, ckrName(e));
      }
    } finally {
      this.closeQuietly(lease);
    }
  }
}

function closedError(): Pkcs11ProviderError {
  return new Pkcs11ProviderError('closed', 'the PKCS#11 key provider is closed');
}

/**
 * Runs a setup step: PKCS#11 errors become typed errors that name the step; errors already
 * typed pass through.
 */
function setup<T>(fn: () => T, what: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FieldShieldError) throw e;
    const code = ckrCode(e);
    if (code !== undefined && PIN_CODES.has(code)) throw new Pkcs11PinError(`cannot ${what}: the token refused the user PIN`, ckrName(e));
    throw new Pkcs11TokenUnavailableError(`cannot ${what}`, ckrName(e));
  }
}

function findSlot(options: ConnectOptions): { slot: Handle; label: string } {
  const m = options.library.module;
  const slots = m.C_GetSlotList(true);
  const tokens = slots.map((slot) => {
    const info = m.C_GetTokenInfo(slot);
    // Token labels are 32 bytes padded with blanks (PKCS#11 §3.2).
    return { slot, label: info.label.replace(/[ \0]+$/, ''), flags: info.flags };
  });
  let chosen: (typeof tokens)[number] | undefined;
  const sel = options.token;
  if ('slotIndex' in sel) {
    chosen = tokens[sel.slotIndex];
    if (chosen === undefined) throw new Pkcs11TokenNotFoundError(`no token at slot index ${sel.slotIndex} (${tokens.length} slots with a token)`);
  } else {
    const matching = tokens.filter((t) => t.label === sel.label);
    if (matching.length === 0) throw new Pkcs11TokenNotFoundError(`no token labelled "${sel.label}" (${tokens.length} slots with a token)`);
    if (matching.length > 1) throw new Pkcs11TokenNotFoundError(`${matching.length} tokens are labelled "${sel.label}": select one by slotIndex`);
    chosen = matching[0];
  }
  const t = chosen as (typeof tokens)[number];
  if ((t.flags & CKF_TOKEN_INITIALIZED) === 0) throw new Pkcs11TokenNotFoundError(`the token in the selected slot is not initialized`);
  if ((t.flags & CKF_USER_PIN_INITIALIZED) === 0) throw new Pkcs11PinError(`token ${t.label} has no user PIN yet (initialize it with the SO PIN first)`);
  return { slot: t.slot, label: t.label };
}

function checkMechanism(options: ConnectOptions, slot: Handle, label: string): void {
  const m = options.library.module;
  const mech = options.mechanism;
  const supported = setup(() => m.C_GetMechanismList(slot), `list the mechanisms of token ${label}`);
  const need = mech.operation === 'encrypt' ? CKF_ENCRYPT | CKF_DECRYPT : CKF_WRAP | CKF_UNWRAP;
  if (!supported.includes(mech.mechanism)) {
    throw new Pkcs11MechanismError(`token ${label} does not offer ${mech.name} (mechanism 0x${mech.mechanism.toString(16)})`);
  }
  const flags = setup(() => m.C_GetMechanismInfo(slot, mech.mechanism).flags, `read mechanism info of token ${label}`);
  if ((flags & need) !== need) {
    const how = mech.operation === 'encrypt' ? 'encrypt and decrypt' : 'wrap and unwrap';
    throw new Pkcs11MechanismError(`token ${label} offers ${mech.name} but not to ${how} (set mechanism.operation to match the token)`);
  }
  if (options.generate && mech.keyGenMechanism !== undefined) {
    const gen = mech.keyGenMechanism;
    const ok = supported.includes(gen) && (setup(() => m.C_GetMechanismInfo(slot, gen).flags, `read mechanism info of token ${label}`) & CKF_GENERATE) !== 0;
    if (!ok) throw new Pkcs11MechanismError(`token ${label} cannot generate keys with mechanism 0x${gen.toString(16)}`);
  }
}

export function checkKekSelector(kek: KekSelector): void {
  if (kek === null || typeof kek !== 'object') throw new InvalidArgumentError('kek must be { label } and/or { id }');
  const { label, id } = kek;
  if (label === undefined && id === undefined) throw new InvalidArgumentError('kek needs a label or an id');
  if (label !== undefined && (typeof label !== 'string' || label === '')) throw new InvalidArgumentError('kek.label must be a non-empty string');
  if (id !== undefined && (typeof id !== 'string' || !/^(?:[0-9a-fA-F]{2}){1,64}$/.test(id))) {
    throw new InvalidArgumentError('kek.id must be 1 to 64 bytes of hex (the CKA_ID)');
  }
}

function normalizeId(id: string): string {
  return id.toLowerCase();
}

/** A CK_ULONG as the binding returns it: native-endian bytes (little-endian on x86 and ARM). */
function readUlong(v: Buffer | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.length === 8) return Number(v.readBigUInt64LE(0));
  if (v.length === 4) return v.readUInt32LE(0);
  return undefined;
}
