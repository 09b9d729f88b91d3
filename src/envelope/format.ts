/**
 * The envelope wire format (docs/ENVELOPE.md is the specification).
 *
 * Binary form:  'f' 's' version | alg<<4 | type | kidLen | kid[kidLen] | body
 *   body for SM4-GCM: iv[12] | ciphertext | tag[16]
 *   body for SM4-SIV: siv[16] | ciphertext
 * Text form:    'fs1.' + base64url(binary form without its first three bytes)
 *
 * The three bytes the text form drops ('f', 's', version) are exactly what its 'fs1.' prefix
 * says, so both forms carry the same information and authenticate the same header. The
 * header (bytes 0 .. 5+kidLen) is part of the associated data, so changing any header field
 * (algorithm, value type, key ID) makes decryption fail.
 *
 * Parsing is strict and runs before any cryptography: one canonical base64url spelling, known
 * version, algorithm and value type, a key ID of 1..16 bytes, and a body long enough for its
 * algorithm. Anything else is an EnvelopeFormatError that names what is wrong, never the input.
 */
import { base64UrlDecodeInto, prefixedBase64Url, toHex } from '../encoding.js';
import { EnvelopeFormatError } from '../errors.js';

export const ENVELOPE_VERSION = 1;
export const TEXT_PREFIX = 'fs1.';
const MAGIC_F = 0x66; // 'f'
const MAGIC_S = 0x73; // 's'
export const MAX_KEY_ID_BYTES = 16;
export const GCM_IV_BYTES = 12;
export const TAG_BYTES = 16;
export const SIV_BYTES = 16;

export type Algorithm = 'SM4-GCM' | 'SM4-SIV';
export const ALG_GCM = 1;
export const ALG_SIV = 2;
const ALGORITHMS: readonly (Algorithm | undefined)[] = [undefined, 'SM4-GCM', 'SM4-SIV'];

/** How a decrypted value is turned back into its JavaScript type. */
export type ValueType = 'string' | 'bytes' | 'number' | 'bigint' | 'date' | 'json' | 'boolean';
export const VALUE_TYPES: readonly ValueType[] = ['string', 'bytes', 'number', 'bigint', 'date', 'json', 'boolean'];

/** What `parseEnvelope` reveals without decrypting: nothing secret. */
export interface EnvelopeHeader {
  readonly version: number;
  readonly algorithm: Algorithm;
  /** Lower-case hex of the key ID bytes. */
  readonly keyId: string;
  readonly valueType: ValueType;
  readonly form: 'text' | 'binary';
  /** Ciphertext length in bytes (= plaintext length: GCM and SIV do not pad). */
  readonly ciphertextBytes: number;
}

/** A parsed envelope: the canonical binary bytes plus offsets, ready for decryption. */
export interface ParsedEnvelope {
  /** The binary envelope in `bytes[0 .. length)`; `bytes` may be longer (a reused scratch). */
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly alg: number;
  readonly type: number;
  readonly kidHex: string;
  /** End of the header = start of the body; header bytes are [0, headerEnd). */
  readonly headerEnd: number;
  readonly form: 'text' | 'binary';
}

/** Header length for a key ID of `kidLen` bytes. */
export function headerLength(kidLen: number): number {
  return 5 + kidLen;
}

/** Writes the header into `out` (which starts at offset 0) and returns its length. */
export function writeHeader(out: Uint8Array, alg: number, type: number, kid: Uint8Array): number {
  out[0] = MAGIC_F;
  out[1] = MAGIC_S;
  out[2] = ENVELOPE_VERSION;
  out[3] = (alg << 4) | type;
  out[4] = kid.length;
  out.set(kid, 5);
  return 5 + kid.length;
}

/** The text form of a binary envelope. */
export function toTextForm(binary: Uint8Array): string {
  return prefixedBase64Url(TEXT_PREFIX, binary, 3, binary.length);
}

/**
 * The start of the text form of every envelope with this header, as far as whole base64 groups
 * reach: `text` is 'fs1.' plus base64url of header bytes [3, 3 + bytes). An encrypter caching it
 * per header only encodes the rest: `prefixedBase64Url(text, binary, 3 + bytes, end)`.
 */
export function headerTextPrefix(header: Uint8Array, headerLength: number): { readonly text: string; readonly bytes: number } {
  const bytes = headerLength - 3 - ((headerLength - 3) % 3);
  // One flat string (not 'fs1.' + ...): it is read char by char for every envelope made.
  return { text: prefixedBase64Url(TEXT_PREFIX, header, 3, 3 + bytes), bytes };
}

// The hex key ID of the last envelope parsed, so a run of envelopes under one key (the usual
// case) reuses one string: no hex building per parse, and the keyring's Map lookup hashes a
// string whose hash V8 has already cached. Key IDs are not secret.
const lastKid = new Uint8Array(MAX_KEY_ID_BYTES);
let lastKidLength = 0;
let lastKidHex = '';

function kidHexOf(bytes: Uint8Array, kidLen: number): string {
  let same = kidLen === lastKidLength;
  for (let i = 0; same && i < kidLen; i++) same = bytes[5 + i] === lastKid[i];
  if (!same) {
    for (let i = 0; i < kidLen; i++) lastKid[i] = bytes[5 + i];
    lastKidLength = kidLen;
    lastKidHex = toHex(bytes.subarray(5, 5 + kidLen));
  }
  return lastKidHex;
}

/** Cheap check: does this look like an envelope (text or binary)? Does not validate it. */
export function isEnvelope(value: unknown): boolean {
  if (typeof value === 'string') {
    return (
      value.length > 8 &&
      value.charCodeAt(0) === 0x66 &&
      value.charCodeAt(1) === 0x73 &&
      value.charCodeAt(2) === 0x31 &&
      value.charCodeAt(3) === 0x2e
    );
  }
  if (value instanceof Uint8Array) {
    return value.length > 6 && value[0] === MAGIC_F && value[1] === MAGIC_S && value[2] === ENVELOPE_VERSION;
  }
  return false;
}

function fail(message: string): never {
  throw new EnvelopeFormatError(message);
}

/**
 * Strictly parses a text or binary envelope. A text envelope is decoded into `scratch` when it
 * is given and large enough (the caller then uses the result before the next parse), else into
 * a new array.
 */
export function parseEnvelopeBytes(value: string | Uint8Array, scratch?: Uint8Array): ParsedEnvelope {
  let bytes: Uint8Array;
  let length: number;
  let form: 'text' | 'binary';
  if (typeof value === 'string') {
    form = 'text';
    if (!value.startsWith(TEXT_PREFIX)) {
      if (value.startsWith('fs') && value.indexOf('.') > 2) fail('unknown envelope version');
      fail('not a fieldshield envelope');
    }
    const chars = value.length - TEXT_PREFIX.length;
    if (chars % 4 === 1) fail('envelope is truncated or has trailing data');
    length = 3 + Math.floor((chars * 3) / 4);
    bytes = scratch !== undefined && scratch.length >= length ? scratch : new Uint8Array(length);
    if (!base64UrlDecodeInto(value, TEXT_PREFIX.length, bytes, 3)) fail('envelope is not canonical base64url');
    bytes[0] = MAGIC_F;
    bytes[1] = MAGIC_S;
    bytes[2] = ENVELOPE_VERSION;
  } else if (value instanceof Uint8Array) {
    form = 'binary';
    bytes = value;
    length = value.length;
    if (bytes.length < 3 || bytes[0] !== MAGIC_F || bytes[1] !== MAGIC_S) fail('not a fieldshield envelope');
    if (bytes[2] !== ENVELOPE_VERSION) fail('unknown envelope version');
  } else {
    fail('an envelope is a string or a Uint8Array');
  }
  if (length < 6) fail('envelope is truncated');
  const alg = bytes[3] >>> 4;
  const type = bytes[3] & 0x0f;
  if (alg !== ALG_GCM && alg !== ALG_SIV) fail('unknown envelope algorithm');
  if (type >= VALUE_TYPES.length) fail('unknown envelope value type');
  const kidLen = bytes[4];
  if (kidLen === 0 || kidLen > MAX_KEY_ID_BYTES) fail(`envelope key ID must be 1..${MAX_KEY_ID_BYTES} bytes`);
  const headerEnd = 5 + kidLen;
  const minBody = alg === ALG_GCM ? GCM_IV_BYTES + TAG_BYTES : SIV_BYTES;
  if (length < headerEnd + minBody) fail('envelope is truncated');
  return { bytes, length, alg, type, kidHex: kidHexOf(bytes, kidLen), headerEnd, form };
}

/** Header fields of an envelope, without decrypting it (strict parse). */
export function parseEnvelope(value: string | Uint8Array): EnvelopeHeader {
  const p = parseEnvelopeBytes(value);
  const body = p.length - p.headerEnd;
  return {
    version: ENVELOPE_VERSION,
    algorithm: ALGORITHMS[p.alg] as Algorithm,
    keyId: p.kidHex,
    valueType: VALUE_TYPES[p.type],
    form: p.form,
    ciphertextBytes: p.alg === ALG_GCM ? body - GCM_IV_BYTES - TAG_BYTES : body - SIV_BYTES,
  };
}
