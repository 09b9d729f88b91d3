/**
 * A keyring: data keys (DEKs) with IDs and states, one of them primary for new encryptions,
 * stored as a JSON document that holds every DEK only wrapped by a key provider's master key.
 *
 * Loading is async (providers are remote); once loaded, FieldCipher encrypts and decrypts
 * synchronously from the unwrapped, derived key material held here.
 *
 * Key states:
 * - `active`: decrypts and computes blind indexes; the primary (always active) also encrypts.
 * - `decrypt-only`: retired: still decrypts, no longer encrypts or indexes.
 * - `destroyed`: the wrapped DEK is erased from the document (crypto-shredding): every
 *   envelope under it, in every copy and backup, is unrecoverable; decrypting raises
 *   KeyDestroyedError.
 *
 * Usage limit: SM4-GCM with random 96-bit IVs stays within NIST SP 800-38D §8.3's bound when
 * one key encrypts at most 2^32 messages (the chance of any IV repeating stays below about
 * 2^-33); the keyring counts random encryptions per key and refuses past the limit
 * (KeyUsageLimitError). Counts live in this object and are saved by toJSON(): processes that
 * share one keyring each count their own use, so give each of N writers usageLimit / N or
 * rotate on a schedule well inside the limit.
 */
import { z } from 'zod';
import { fromBase64Url, fromHex, toBase64Url, toHex } from '../encoding.js';
import { InvalidArgumentError, KeyDestroyedError, KeyProviderError, KeyStateError, KeyUsageLimitError, UnknownKeyError } from '../errors.js';
import { fillRandom } from '../gm/utils.js';
import { DEK_BYTES, KeyMaterial } from './material.js';
import type { KeyProvider } from './provider.js';

export type KeyState = 'active' | 'decrypt-only' | 'destroyed';

/** Default random-nonce GCM limit per key (NIST SP 800-38D §8.3). */
export const DEFAULT_USAGE_LIMIT = 2 ** 32;
const KEY_ID_BYTES = 4;

const keyEntrySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{2,32}$/, 'key ID must be 1..16 bytes of lower-case hex'),
  algorithm: z.literal('SM4'),
  state: z.enum(['active', 'decrypt-only', 'destroyed']),
  created: z.string(),
  destroyed: z.string().optional(),
  usage: z.number().int().nonnegative(),
  usageLimit: z.number().int().positive(),
  kek: z.string().optional(),
  wrapped: z.string().optional(),
});

const documentSchema = z.object({
  type: z.literal('fieldshield-keyring'),
  version: z.literal(1),
  provider: z.string(),
  primary: z.string(),
  keys: z.array(keyEntrySchema).min(1),
});

export type KeyEntryDocument = z.infer<typeof keyEntrySchema>;
/** The JSON document a keyring is saved as. Holds no key in the clear. */
export type KeyringDocument = z.infer<typeof documentSchema>;

/** What callers may read about a key. */
export interface KeyInfo {
  readonly id: string;
  readonly state: KeyState;
  readonly primary: boolean;
  readonly created: string;
  readonly usage: number;
  readonly usageLimit: number;
}

/** @internal One key as held in memory. */
export interface KeyEntry {
  readonly id: string;
  readonly idBytes: Uint8Array;
  state: KeyState;
  readonly created: string;
  destroyedAt: string | undefined;
  usage: number;
  readonly usageLimit: number;
  kekId: string | undefined;
  wrapped: Uint8Array | undefined;
  material: KeyMaterial | undefined;
}

export interface KeyringOptions {
  readonly provider: KeyProvider;
  /** Random encryptions allowed per key (default 2^32). */
  readonly usageLimit?: number;
  /** Clock for creation times (tests). */
  readonly now?: () => Date;
}

export interface RetireOptions {
  /** The caller says data under this key still exists (e.g. rows counted per key ID). */
  readonly inUse?: boolean;
  /** Proceed even though the key is primary or in use. */
  readonly force?: boolean;
}

export class Keyring {
  private readonly provider: KeyProvider;
  private readonly entries = new Map<string, KeyEntry>();
  private primaryId: string;
  private readonly usageLimit: number;
  private readonly now: () => Date;

  private constructor(options: KeyringOptions) {
    this.provider = options.provider;
    this.usageLimit = options.usageLimit ?? DEFAULT_USAGE_LIMIT;
    if (!Number.isInteger(this.usageLimit) || this.usageLimit < 1) {
      throw new InvalidArgumentError('usageLimit must be a positive integer');
    }
    this.now = options.now ?? (() => new Date());
    this.primaryId = '';
  }

  /** A new keyring with one fresh primary key, wrapped by `provider`. */
  static async create(options: KeyringOptions): Promise<Keyring> {
    checkProvider(options?.provider);
    const ring = new Keyring(options);
    await ring.rotate();
    return ring;
  }

  /** Loads a keyring document (object or JSON text) and unwraps its keys through `provider`. */
  static async load(document: KeyringDocument | string, options: KeyringOptions): Promise<Keyring> {
    checkProvider(options?.provider);
    let raw: unknown = document;
    if (typeof document === 'string') {
      try {
        raw = JSON.parse(document);
      } catch {
        throw new InvalidArgumentError('keyring document is not valid JSON');
      }
    }
    const parsed = documentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidArgumentError(`keyring document is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const doc = parsed.data;
    const ring = new Keyring(options);
    for (const k of doc.keys) {
      if (ring.entries.has(k.id)) throw new InvalidArgumentError(`keyring document lists key ${k.id} twice`);
      if (k.state !== 'destroyed' && k.wrapped === undefined) {
        throw new InvalidArgumentError(`keyring document: key ${k.id} has no wrapped key material`);
      }
      const entry: KeyEntry = {
        id: k.id,
        idBytes: fromHex(k.id),
        state: k.state,
        created: k.created,
        destroyedAt: k.destroyed,
        usage: k.usage,
        usageLimit: k.usageLimit,
        kekId: k.kek,
        wrapped: k.wrapped === undefined || k.state === 'destroyed' ? undefined : decodeWrapped(k.wrapped, k.id),
        material: undefined,
      };
      ring.entries.set(k.id, entry);
    }
    // No primary ('') is what toJSON writes after the primary was retired or destroyed with
    // `force`: the keyring still decrypts under its other keys, and rotate() makes a new primary.
    // A primary that names a key no longer active reads the same way (written so before forced
    // retirement cleared it); one that names no key at all is a broken document.
    if (doc.primary !== '') {
      const primary = ring.entries.get(doc.primary);
      if (primary === undefined) throw new InvalidArgumentError('keyring document: its primary key is not among its keys');
      if (primary.state === 'active') ring.primaryId = doc.primary;
    }
    const wrapped = [...ring.entries.values()].filter((e) => e.wrapped !== undefined);
    for (const entry of wrapped) {
      if (entry.kekId !== undefined && entry.kekId !== ring.provider.kekId) {
        throw new KeyProviderError(
          `key ${entry.id} was wrapped under master key ${entry.kekId}, but the provider holds ${ring.provider.kekId}`,
        );
      }
    }
    const deks = await unwrapAll(ring.provider, wrapped);
    wrapped.forEach((entry, i) => {
      entry.material = new KeyMaterial(deks[i]);
    });
    return ring;
  }

  /** The keyring document: wrapped keys, states and usage counts. Safe to store beside the data. */
  toJSON(): KeyringDocument {
    const keys: KeyEntryDocument[] = [];
    for (const e of this.entries.values()) {
      keys.push({
        id: e.id,
        algorithm: 'SM4',
        state: e.state,
        created: e.created,
        ...(e.destroyedAt === undefined ? {} : { destroyed: e.destroyedAt }),
        usage: e.usage,
        usageLimit: e.usageLimit,
        ...(e.kekId === undefined ? {} : { kek: e.kekId }),
        ...(e.wrapped === undefined ? {} : { wrapped: toBase64Url(e.wrapped) }),
      });
    }
    return { type: 'fieldshield-keyring', version: 1, provider: this.provider.name, primary: this.primaryId, keys };
  }

  /**
   * ID of the key new encryptions use; '' when there is none (the primary was retired or
   * destroyed with `force`): encrypting then throws KeyStateError until rotate().
   */
  get primaryKeyId(): string {
    return this.primaryId;
  }

  /** Every key, oldest first. */
  keys(): KeyInfo[] {
    return [...this.entries.values()].map((e) => ({
      id: e.id,
      state: e.state,
      primary: e.id === this.primaryId,
      created: e.created,
      usage: e.usage,
      usageLimit: e.usageLimit,
    }));
  }

  /**
   * Makes a fresh data key the primary; the previous keys stay active (they decrypt and their
   * blind indexes still match) until retired. Returns the new key ID.
   */
  async rotate(): Promise<string> {
    const dek = new Uint8Array(DEK_BYTES);
    fillRandom(dek);
    const id = this.freshKeyId();
    const wrapped = await this.provider.wrap(dek, { keyId: id });
    if (!(wrapped instanceof Uint8Array) || wrapped.length === 0) {
      throw new KeyProviderError(`key provider ${this.provider.name} returned no wrapped key for ${id}`);
    }
    this.entries.set(id, {
      id,
      idBytes: fromHex(id),
      state: 'active',
      created: this.now().toISOString(),
      destroyedAt: undefined,
      usage: 0,
      usageLimit: this.usageLimit,
      kekId: this.provider.kekId,
      wrapped,
      material: new KeyMaterial(dek),
    });
    this.primaryId = id;
    return id;
  }

  /** Retires a key to `decrypt-only`: it no longer encrypts or indexes. */
  retire(keyId: string, options: RetireOptions = {}): void {
    const e = this.entryOrThrow(keyId);
    if (e.state === 'destroyed') throw new KeyDestroyedError(keyId);
    this.checkRemovable(e, 'retire', options);
    e.state = 'decrypt-only';
    // A retired key no longer encrypts: with the primary retired (forced), there is none until rotate().
    if (e.id === this.primaryId) this.primaryId = '';
  }

  /**
   * Destroys a key: its wrapped material leaves the document and its unwrapped material is
   * overwritten in memory, so everything encrypted under it is gone for good (crypto-shredding).
   */
  destroy(keyId: string, options: RetireOptions = {}): void {
    const e = this.entryOrThrow(keyId);
    if (e.state === 'destroyed') return;
    this.checkRemovable(e, 'destroy', options);
    e.material?.destroy();
    e.wrapped?.fill(0);
    e.material = undefined;
    e.wrapped = undefined;
    e.state = 'destroyed';
    e.destroyedAt = this.now().toISOString();
    if (e.id === this.primaryId) this.primaryId = '';
  }

  /** @internal The primary key, counting one random encryption against its limit. */
  takePrimaryForRandom(): KeyEntry {
    const e = this.primaryForDeterministic();
    if (e.usage >= e.usageLimit) throw new KeyUsageLimitError(e.id, e.usageLimit);
    e.usage++;
    return e;
  }

  /** @internal The primary key, without counting (deterministic SIV uses no random nonce). */
  primaryForDeterministic(): KeyEntry {
    const e = this.entries.get(this.primaryId);
    if (e === undefined || e.material === undefined) {
      throw new KeyStateError('the keyring has no active primary key; call rotate()');
    }
    return e;
  }

  /** @internal The material of a key that may decrypt. */
  materialFor(keyId: string): KeyMaterial {
    const e = this.entries.get(keyId);
    if (e === undefined) throw new UnknownKeyError(keyId);
    if (e.state === 'destroyed' || e.material === undefined) throw new KeyDestroyedError(keyId);
    return e.material;
  }

  /** @internal Active keys (the primary first), for blind indexes during rotation. */
  activeEntries(): KeyEntry[] {
    const out: KeyEntry[] = [];
    const p = this.entries.get(this.primaryId);
    if (p?.material) out.push(p);
    for (const e of this.entries.values()) if (e !== p && e.state === 'active' && e.material) out.push(e);
    return out;
  }

  private entryOrThrow(keyId: string): KeyEntry {
    const e = this.entries.get(keyId);
    if (e === undefined) throw new UnknownKeyError(keyId);
    return e;
  }

  private checkRemovable(e: KeyEntry, op: string, options: RetireOptions): void {
    if (options.force === true) return;
    if (e.id === this.primaryId) {
      throw new KeyStateError(`cannot ${op} the primary key ${e.id}: rotate first, or force it`, e.id);
    }
    if (options.inUse === true) {
      throw new KeyStateError(`cannot ${op} key ${e.id} while data under it is in use: rewrap first, or force it`, e.id);
    }
  }

  private freshKeyId(): string {
    const b = new Uint8Array(KEY_ID_BYTES);
    for (;;) {
      fillRandom(b);
      const id = toHex(b);
      if (!this.entries.has(id)) return id;
    }
  }
}

/**
 * Keys unwrapped at once by Keyring.load. A KMS or HSM answers each unwrap in a round trip (a
 * network call, or a token operation on one of the provider's sessions); overlapping a few of
 * them makes loading a keyring with many DEKs take a fraction of the sequential time, without
 * flooding a KMS that rate-limits its callers.
 */
const UNWRAP_CONCURRENCY = 8;

/**
 * Unwraps every entry's DEK, at most UNWRAP_CONCURRENCY at a time; the result is in entry order.
 * If any unwrap fails or returns a key of the wrong length, every DEK already unwrapped (and any
 * that arrives later) is wiped and the first error is thrown.
 */
async function unwrapAll(provider: KeyProvider, entries: readonly KeyEntry[]): Promise<Uint8Array[]> {
  const deks: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(entries.length).fill(undefined);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < entries.length) {
      const i = next++;
      const entry = entries[i];
      const dek = await provider.unwrap(entry.wrapped as Uint8Array, { keyId: entry.id });
      if (failed) {
        dek.fill(0);
        return;
      }
      if (!(dek instanceof Uint8Array) || dek.length !== DEK_BYTES) {
        if (dek instanceof Uint8Array) dek.fill(0);
        throw new KeyProviderError(`unwrapped key ${entry.id} has the wrong length`);
      }
      deks[i] = dek;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(UNWRAP_CONCURRENCY, entries.length) }, lane));
  } catch (e) {
    failed = true;
    for (const d of deks) d?.fill(0);
    throw e;
  }
  return deks as Uint8Array[];
}

function checkProvider(p: unknown): void {
  const kp = p as KeyProvider | undefined;
  if (!kp || typeof kp.wrap !== 'function' || typeof kp.unwrap !== 'function') {
    throw new InvalidArgumentError('a key provider with wrap and unwrap is required');
  }
}

function decodeWrapped(text: string, keyId: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    throw new InvalidArgumentError(`keyring document: wrapped key ${keyId} is not canonical base64url`);
  }
}
