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
 * The hot path (encrypt / decrypt of a short string) allocates little beyond its result: key
 * schedules, GHASH tables, the associated data *and its GHASH* are cached per context, a text
 * envelope is assembled in a reused buffer (the value's bytes are written where its ciphertext
 * goes and encrypted in place), and a text envelope is decoded into a reused buffer.
 */
import { prefixedBase64Url, toHexRange, utf8DecodeRange, utf8Encode, utf8EncodeInto } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import type { Gcm, GcmPreparedAad } from '../gm/gcm.js';
import { fillRandom } from '../gm/utils.js';
import type { Keyring, KeyEntry } from '../keys/keyring.js';
import type { KeyMaterial } from '../keys/material.js';
import {
  ALG_GCM,
  ALG_SIV,
  GCM_IV_BYTES,
  SIV_BYTES,
  TAG_BYTES,
  headerTextPrefix,
  isEnvelope,
  parseEnvelopeBytes,
  toTextForm,
  writeHeader,
  type ParsedEnvelope,
} from './format.js';
import { decryptLegacySm4, type LegacySm4Options } from './legacy.js';
import { TYPE_BYTES, TYPE_STRING, decodeValue, encodeValue, type FieldValue } from './value-codec.js';

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

/**
 * What is cached for one context: its UTF-8 bytes and, for the last header used with it (one
 * key, algorithm and value type), header ‖ context as associated data, that AAD's GHASH under
 * the key's GCM, and the header's text-form prefix.
 */
interface ContextEntry {
  readonly ctx: Uint8Array;
  aad: Uint8Array | undefined;
  /** The key ID bytes (by identity) and (alg << 4 | type) the memo was built for by aadFor. */
  aadKey: Uint8Array | undefined;
  aadTag: number;
  /** GHASH of `aad`, valid with the Gcm that is its owner. */
  prepared: GcmPreparedAad | undefined;
  /** 'fs1.' + base64url of the header's whole 3-byte groups; see headerTextPrefix. */
  textPrefix: string;
  textPrefixBytes: number;
}

const MAX_CONTEXTS = 4096;

/** Bytes of an SM4-GCM envelope besides its header and value: IV and tag. */
const GCM_OVERHEAD = GCM_IV_BYTES + TAG_BYTES;

// Reused buffers: `sealScratch` holds the binary envelope while its text form is built;
// `openScratch` holds a decoded text envelope while it is opened. Everything here is
// synchronous, so no two calls share them at once. Neither keeps plaintext: the value's bytes
// are encrypted in place within sealScratch, and a string decrypted in place in openScratch is
// wiped as soon as it has been read (or when its tag fails). They grow with the largest
// envelope seen, up to SCRATCH_MAX bytes; longer envelopes use fresh arrays.
const SCRATCH_MAX = 1 << 16;
let sealScratch: Uint8Array = new Uint8Array(256);
let openScratch: Uint8Array = new Uint8Array(256);

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
    const deterministic = options?.deterministic === true;
    if (typeof value === 'string' && !deterministic) return this.encryptStringText(value, options);
    return toTextForm(this.seal(value, options, deterministic));
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
    if (typeof envelope === 'string' && envelope.length > openScratch.length && envelope.length <= SCRATCH_MAX) {
      openScratch = new Uint8Array(envelope.length);
    }
    const p = parseEnvelopeBytes(envelope, openScratch);
    if (p.bytes === openScratch && p.alg === ALG_GCM && p.type === TYPE_STRING) {
      return this.openStringInScratch(p, this.contextOf(options)) as T;
    }
    const plaintext = this.open(p, this.contextOf(options));
    const value = decodeValue(p.type, plaintext) as T;
    // Decoded into a string (or number, ...): the bytes are no longer needed. Bytes values are
    // the plaintext array itself and go to the caller.
    if (p.type !== TYPE_BYTES) plaintext.fill(0);
    return value;
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

  /**
   * `encrypt` of a string to a text envelope, the hot path: the binary envelope is assembled
   * in `sealScratch` (header from the context's memo, random IV, the value's UTF-8 bytes) and
   * sealed in place with the context's prepared AAD; only the header's uncached tail and the
   * body go through base64url. Same bytes as seal() + toTextForm().
   */
  private encryptStringText(value: string, options: EncryptOptions): string {
    if (isEnvelope(value)) {
      throw new InvalidArgumentError('value is already a fieldshield envelope; refusing to encrypt it twice');
    }
    const entry = this.contextOf(options);
    const key = this.keyring.takePrimaryForRandom();
    const gcm = (key.material as KeyMaterial).gcm;
    const aad = this.aadFor(entry, key, ALG_GCM, TYPE_STRING);
    const pre = this.preparedFor(entry, gcm);
    const hlen = 5 + key.idBytes.length;
    const at = hlen + GCM_IV_BYTES;
    // The value's bytes are written straight into the buffer: ASCII (ID, card and phone
    // numbers) by this loop, anything else by the UTF-8 encoder.
    let n = value.length;
    let buf = sealScratch;
    if (buf.length < at + n + TAG_BYTES) buf = grownSealScratch(at + n + TAG_BYTES);
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) {
        ascii = false;
        break;
      }
      buf[at + i] = c;
    }
    if (!ascii) {
      let written = utf8EncodeInto(value, buf, at);
      if (written < 0 || buf.length < at + written + TAG_BYTES) {
        // Too long for this buffer: wipe what of the value went in (the ASCII start, part of
        // the UTF-8) before moving to a larger one (at most 3 bytes per UTF-16 unit).
        buf.fill(0, at);
        buf = grownSealScratch(at + 3 * n + TAG_BYTES);
        written = utf8EncodeInto(value, buf, at);
      }
      n = written;
    }
    for (let i = 0; i < hlen; i++) buf[i] = aad[i];
    fillRandom(buf, hlen, GCM_IV_BYTES);
    gcm.sealPrepared(buf, hlen, buf, at, n, pre, buf, at);
    return prefixedBase64Url(entry.textPrefix, buf, 3 + entry.textPrefixBytes, at + n + TAG_BYTES);
  }

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
    const gcm = (key.material as KeyMaterial).gcm;
    const aad = this.aadFor(ctx, key, ALG_GCM, type);
    const pre = this.preparedFor(ctx, gcm);
    const hlen = 5 + key.idBytes.length;
    const n = plaintext.length;
    const out = new Uint8Array(hlen + GCM_OVERHEAD + n);
    for (let i = 0; i < hlen; i++) out[i] = aad[i];
    fillRandom(out, hlen, GCM_IV_BYTES);
    gcm.sealPrepared(out, hlen, plaintext, 0, n, pre, out, hlen + GCM_IV_BYTES);
    return out;
  }

  private open(p: ParsedEnvelope, ctx: ContextEntry): Uint8Array {
    const material = this.keyring.materialFor(p.kidHex);
    const bytes = p.bytes;
    const h = p.headerEnd;
    if (p.alg === ALG_GCM) {
      const gcm = material.gcm;
      this.aadFromHeader(ctx, bytes, h);
      const pre = this.preparedFor(ctx, gcm);
      return gcm.openPrepared(bytes, h, bytes, h + GCM_IV_BYTES, p.length - h - GCM_IV_BYTES, pre);
    }
    return material.siv.openAt(bytes, h, p.length - h, bytes.subarray(0, h), ctx.ctx);
  }

  /**
   * The hot path of `decrypt` for a text SM4-GCM envelope of a string: the envelope was decoded
   * into `openScratch`, so it is decrypted in place there and the string read from it; the
   * plaintext bytes are then wiped. Same checks and result as open() + decodeValue().
   */
  private openStringInScratch(p: ParsedEnvelope, ctx: ContextEntry): string {
    const bytes = p.bytes;
    const h = p.headerEnd;
    const gcm = this.keyring.materialFor(p.kidHex).gcm;
    this.aadFromHeader(ctx, bytes, h);
    const pre = this.preparedFor(ctx, gcm);
    const at = h + GCM_IV_BYTES;
    const end = p.length - TAG_BYTES;
    gcm.openPreparedInto(bytes, h, bytes, at, p.length - at, pre, bytes, at);
    try {
      return utf8DecodeRange(bytes, at, end);
    } finally {
      bytes.fill(0, at, end);
    }
  }

  /** The GHASH of the context's current AAD under `gcm`, computed once per (AAD, key). */
  private preparedFor(ctx: ContextEntry, gcm: Gcm): GcmPreparedAad {
    const pre = ctx.prepared;
    if (pre !== undefined && pre.owner === gcm) return pre;
    return (ctx.prepared = gcm.prepareAad(ctx.aad as Uint8Array));
  }

  private contextOf(options: ContextOptions): ContextEntry {
    const context = options?.context;
    if (typeof context !== 'string') {
      throw new InvalidArgumentError('a context string is required (e.g. "customer.id_no")');
    }
    let e = this.contexts.get(context);
    if (e === undefined) {
      if (this.contexts.size >= MAX_CONTEXTS) this.contexts.clear();
      e = {
        ctx: utf8Encode(context),
        aad: undefined,
        aadKey: undefined,
        aadTag: -1,
        prepared: undefined,
        textPrefix: '',
        textPrefixBytes: 0,
      };
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
    const prefix = headerTextPrefix(aad, hlen);
    ctx.aad = aad;
    ctx.aadKey = key.idBytes;
    ctx.aadTag = tag;
    ctx.prepared = undefined;
    ctx.textPrefix = prefix.text;
    ctx.textPrefixBytes = prefix.bytes;
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
    ctx.prepared = undefined;
    return aad;
  }
}

/**
 * The reused seal buffer, for tests that check it holds no plaintext after a call.
 * @internal
 */
export function currentSealScratch(): Uint8Array {
  return sealScratch;
}

/** A buffer of at least `size` bytes for encryptStringText (kept for reuse up to SCRATCH_MAX). */
function grownSealScratch(size: number): Uint8Array {
  const buf = new Uint8Array(Math.max(size, 2 * sealScratch.length));
  if (buf.length <= SCRATCH_MAX) sealScratch = buf;
  return buf;
}

// Reused by computeIndex for the normalized value's UTF-8 bytes and the MAC; both are wiped
// after every index (the value is plaintext; the MAC's unused bits are more index bits).
const indexMessage = new Uint8Array(128);
const indexMac = new Uint8Array(32);

function computeIndex(material: KeyMaterial, value: string, options: BlindIndexOptions): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('blind index input must be a string');
  const column = options?.column;
  if (typeof column !== 'string' || column === '') throw new InvalidArgumentError('blind index needs a column name');
  const bits = options.bits ?? 32;
  if (!Number.isInteger(bits) || bits < 8 || bits > 256) {
    throw new InvalidArgumentError('blind index bits must be an integer from 8 to 256');
  }
  const normalized = options.normalize ? options.normalize(value) : value;
  // A normalize that returns no string (a number, undefined) would index every value alike.
  if (typeof normalized !== 'string') throw new InvalidArgumentError('blind index normalize must return a string');
  const hmac = material.blindIndexMac(column);
  // ASCII (the usual ID, card and phone numbers) is written straight into the reused buffer.
  const n = normalized.length;
  let ascii = n <= indexMessage.length;
  for (let i = 0; ascii && i < n; i++) {
    const c = normalized.charCodeAt(i);
    if (c > 127) ascii = false;
    else indexMessage[i] = c;
  }
  if (ascii) {
    hmac.macRangeInto(indexMessage, 0, n, indexMac, 0);
    indexMessage.fill(0, 0, n);
  } else {
    // Names and addresses: UTF-8 into the same buffer when it fits, else into one of their own.
    let message = indexMessage;
    let length = utf8EncodeInto(normalized, message, 0);
    if (length < 0) {
      message.fill(0);
      message = new Uint8Array(3 * n);
      length = utf8EncodeInto(normalized, message, 0);
    }
    hmac.macRangeInto(message, 0, length, indexMac, 0);
    message.fill(0, 0, length);
  }
  const nBytes = Math.ceil(bits / 8);
  const spare = nBytes * 8 - bits;
  if (spare > 0) indexMac[nBytes - 1] &= 0xff << spare;
  const index = toHexRange(indexMac, 0, nBytes);
  indexMac.fill(0);
  return index;
}
