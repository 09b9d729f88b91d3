/**
 * FieldCipher: what a banking backend calls to protect one field.
 *
 *   const cipher = new FieldCipher(keyring);
 *   const env = cipher.encrypt('11010519491231002X', { context: 'customer.id_no' });
 *   cipher.decrypt(env, { context: 'customer.id_no' }); // '11010519491231002X'
 *
 * Misuse-resistant like Tink: callers never pass a nonce or a key, only a value and the
 * context it belongs to (table.column, optionally with the row key). The header and the
 * context are authenticated, so an envelope copied to another column or row, or edited in
 * any byte, fails with IntegrityError instead of decrypting to something.
 *
 * The hot path (encrypt / decrypt of a short string) allocates the output, the plaintext
 * bytes and nothing else: key schedules, GHASH tables and associated-data bytes are cached.
 */
import { toHex, utf8Encode } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import { fillRandom } from '../gm/utils.js';
import type { Keyring, KeyEntry } from '../keys/keyring.js';
import type { KeyMaterial } from '../keys/material.js';
import {
  ALG_GCM,
  ALG_SIV,
  GCM_IV_BYTES,
  SIV_BYTES,
  TAG_BYTES,
  isEnvelope,
  parseEnvelopeBytes,
  toTextForm,
  writeHeader,
  type ParsedEnvelope,
} from './format.js';
import { decryptLegacySm4, type LegacySm4Options } from './legacy.js';
import { decodeValue, encodeValue, type FieldValue } from './value-codec.js';

export interface ContextOptions {
  /** What the value belongs to, e.g. `customer.id_no` or `customer.id_no#42` (with the row key). */
  readonly context: string;
}

export interface DecryptOptions extends ContextOptions {
  /**
   * Migration only: return a value that is not an envelope as it is instead of failing.
   * Every such pass-through is counted in `cipher.stats.plaintextPassedThrough`.
   */
  readonly allowPlaintext?: boolean;
}

export interface EncryptOptions extends ContextOptions {
  /** SM4-SIV: equal values in the same context give equal envelopes (for exact-match lookups). */
  readonly deterministic?: boolean;
}

export interface BlindIndexOptions {
  /** The column the index is for; each column has its own index key. */
  readonly column: string;
  /** Index width in bits, 8..256 (default 32). See docs/ENVELOPE.md on choosing it. */
  readonly bits?: number;
  /** Canonical form applied first (e.g. a kind's `normalize`), so `1101...2x` and `1101...2X` match. */
  readonly normalize?: (value: string) => string;
}

export interface CipherStats {
  /** Values that `decrypt(..., { allowPlaintext: true })` returned as they were. */
  plaintextPassedThrough: number;
}

/** Cached associated-data bytes for one context (the last key/header seen). */
interface ContextEntry {
  readonly ctx: Uint8Array;
  aad: Uint8Array | undefined;
  aadKey: Uint8Array | undefined;
  aadTag: number;
}

const MAX_CONTEXTS = 4096;

export class FieldCipher {
  readonly stats: CipherStats = { plaintextPassedThrough: 0 };
  private readonly keyring: Keyring;
  private readonly contexts = new Map<string, ContextEntry>();

  constructor(keyring: Keyring) {
    if (keyring === null || typeof keyring !== 'object' || typeof keyring.primaryForDeterministic !== 'function') {
      throw new InvalidArgumentError('FieldCipher needs a loaded Keyring');
    }
    this.keyring = keyring;
  }

  /** Encrypts with SM4-GCM under a fresh random IV (or SM4-SIV with `deterministic`); text envelope. */
  encrypt(value: FieldValue, options: EncryptOptions): string {
    return toTextForm(this.seal(value, options, options.deterministic === true));
  }

  /** Deterministic (SM4-SIV) text envelope: equal value + equal context → equal envelope. */
  encryptDeterministic(value: FieldValue, options: ContextOptions): string {
    return toTextForm(this.seal(value, options, true));
  }

  /** Like {@link encrypt}, but the binary form (for BLOB / bytea columns). */
  encryptBytes(value: FieldValue, options: EncryptOptions): Uint8Array {
    return this.seal(value, options, options.deterministic === true);
  }

  /** Decrypts a text or binary envelope made for the same context; the value keeps its type. */
  decrypt<T extends FieldValue = FieldValue>(envelope: string | Uint8Array, options: DecryptOptions): T {
    if (options?.allowPlaintext === true && !isEnvelope(envelope)) {
      this.stats.plaintextPassedThrough++;
      return envelope as T;
    }
    const p = parseEnvelopeBytes(envelope);
    return decodeValue(p.type, this.open(p, this.contextOf(options))) as T;
  }

  /** Decrypts a binary envelope (same as {@link decrypt}; named for symmetry with encryptBytes). */
  decryptBytes<T extends FieldValue = FieldValue>(envelope: Uint8Array, options: DecryptOptions): T {
    return this.decrypt<T>(envelope, options);
  }

  /** True when the envelope is not under the current primary key (and so `rewrap` would move it). */
  needsRewrap(envelope: string | Uint8Array): boolean {
    return parseEnvelopeBytes(envelope).kidHex !== this.keyring.primaryKeyId;
  }

  /**
   * Re-encrypts an envelope under the primary key, in the same form, algorithm and context.
   * Returns the input unchanged when it already is under the primary key.
   */
  rewrap<E extends string | Uint8Array>(envelope: E, options: ContextOptions): E {
    const p = parseEnvelopeBytes(envelope);
    if (p.kidHex === this.keyring.primaryKeyId) return envelope;
    const entry = this.contextOf(options);
    const plaintext = this.open(p, entry);
    const out = this.sealBytes(p.type, plaintext, entry, p.alg === ALG_SIV);
    plaintext.fill(0);
    return (p.form === 'text' ? toTextForm(out) : out) as E;
  }

  /**
   * Blind index for equality lookups: HMAC-SM3 under the column's index key of the primary
   * data key, over the normalized value, truncated to `bits` (hex). The index key is derived
   * apart from the encryption keys: a leaked index key decrypts nothing.
   */
  blindIndex(value: string, options: BlindIndexOptions): string {
    return computeIndex(this.keyring.primaryForDeterministic().material as KeyMaterial, value, options);
  }

  /**
   * The blind index under every active key (the primary's first), so lookups keep matching
   * rows indexed before a rotation: query `WHERE idx IN (...)`.
   */
  blindIndexes(value: string, options: BlindIndexOptions): string[] {
    const out: string[] = [];
    for (const e of this.keyring.activeEntries()) {
      const idx = computeIndex(e.material as KeyMaterial, value, options);
      if (!out.includes(idx)) out.push(idx);
    }
    return out;
  }

  /**
   * Decrypts a legacy SM4-ECB/CBC field (sm-crypto, Hutool, ShardingSphere) and returns it
   * as an envelope for `context`.
   */
  upgrade(legacyCiphertext: string | Uint8Array, options: EncryptOptions & { readonly legacy: LegacySm4Options }): string {
    const plain = decryptLegacySm4(legacyCiphertext, { ...options.legacy, output: 'utf8' });
    return this.encrypt(plain, options);
  }

  // --- internals --------------------------------------------------------------------------

  private seal(value: FieldValue, options: ContextOptions, deterministic: boolean): Uint8Array {
    if (isEnvelope(value)) {
      throw new InvalidArgumentError('value is already a fieldshield envelope; refusing to encrypt it twice');
    }
    const entry = this.contextOf(options);
    const [type, plaintext] = encodeValue(value);
    return this.sealBytes(type, plaintext, entry, deterministic);
  }

  private sealBytes(type: number, plaintext: Uint8Array, ctx: ContextEntry, deterministic: boolean): Uint8Array {
    if (deterministic) {
      const key = this.keyring.primaryForDeterministic();
      const hlen = 5 + key.idBytes.length;
      const out = new Uint8Array(hlen + SIV_BYTES + plaintext.length);
      writeHeader(out, ALG_SIV, type, key.idBytes);
      (key.material as KeyMaterial).siv.sealInto(plaintext, out, hlen, out.subarray(0, hlen), ctx.ctx);
      return out;
    }
    const key = this.keyring.takePrimaryForRandom();
    const aad = this.aadFor(ctx, key, ALG_GCM, type);
    const hlen = 5 + key.idBytes.length;
    const out = new Uint8Array(hlen + GCM_IV_BYTES + plaintext.length + TAG_BYTES);
    out.set(aad.subarray(0, hlen), 0);
    fillRandom(out, hlen, GCM_IV_BYTES);
    (key.material as KeyMaterial).gcm.sealInto(out, hlen, GCM_IV_BYTES, plaintext, aad, out, hlen + GCM_IV_BYTES);
    return out;
  }

  private open(p: ParsedEnvelope, ctx: ContextEntry): Uint8Array {
    const material = this.keyring.materialFor(p.kidHex);
    const bytes = p.bytes;
    const h = p.headerEnd;
    if (p.alg === ALG_GCM) {
      const aad = this.aadFromHeader(ctx, bytes, h);
      return material.gcm.openAt(bytes, h, GCM_IV_BYTES, bytes, h + GCM_IV_BYTES, bytes.length - h - GCM_IV_BYTES, aad);
    }
    return material.siv.openAt(bytes, h, bytes.length - h, bytes.subarray(0, h), ctx.ctx);
  }

  private contextOf(options: ContextOptions): ContextEntry {
    const context = options?.context;
    if (typeof context !== 'string') {
      throw new InvalidArgumentError('a context string is required (e.g. "customer.id_no")');
    }
    let e = this.contexts.get(context);
    if (e === undefined) {
      if (this.contexts.size >= MAX_CONTEXTS) this.contexts.clear();
      e = { ctx: utf8Encode(context), aad: undefined, aadKey: undefined, aadTag: -1 };
      this.contexts.set(context, e);
    }
    return e;
  }

  /** header ‖ context, memoised per context for the last (key, algorithm, type) used. */
  private aadFor(ctx: ContextEntry, key: KeyEntry, alg: number, type: number): Uint8Array {
    const tag = (alg << 4) | type;
    if (ctx.aad !== undefined && ctx.aadKey === key.idBytes && ctx.aadTag === tag) return ctx.aad;
    const hlen = 5 + key.idBytes.length;
    const aad = new Uint8Array(hlen + ctx.ctx.length);
    writeHeader(aad, alg, type, key.idBytes);
    aad.set(ctx.ctx, hlen);
    ctx.aad = aad;
    ctx.aadKey = key.idBytes;
    ctx.aadTag = tag;
    return aad;
  }

  /** header (as found in the envelope) ‖ context, reusing the memo when the header matches. */
  private aadFromHeader(ctx: ContextEntry, bytes: Uint8Array, h: number): Uint8Array {
    const cached = ctx.aad;
    if (cached !== undefined && cached.length === h + ctx.ctx.length) {
      let same = true;
      for (let i = 0; i < h; i++) {
        if (cached[i] !== bytes[i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const aad = new Uint8Array(h + ctx.ctx.length);
    aad.set(bytes.subarray(0, h), 0);
    aad.set(ctx.ctx, h);
    ctx.aad = aad;
    ctx.aadKey = undefined;
    ctx.aadTag = -1;
    return aad;
  }
}

function computeIndex(material: KeyMaterial, value: string, options: BlindIndexOptions): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('blind index input must be a string');
  const column = options?.column;
  if (typeof column !== 'string' || column === '') throw new InvalidArgumentError('blind index needs a column name');
  const bits = options.bits ?? 32;
  if (!Number.isInteger(bits) || bits < 8 || bits > 256) {
    throw new InvalidArgumentError('blind index bits must be an integer from 8 to 256');
  }
  const normalized = options.normalize ? options.normalize(value) : value;
  const mac = material.blindIndexMac(column).mac(utf8Encode(normalized));
  const nBytes = Math.ceil(bits / 8);
  const spare = nBytes * 8 - bits;
  if (spare > 0) mac[nBytes - 1] &= 0xff << spare;
  return toHex(mac.subarray(0, nBytes));
}
