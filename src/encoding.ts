/**
 * Portable byte encodings (UTF-8, hex, strict base64url). No `Buffer`: these run in
 * browsers, Deno and Bun as well as Node.
 */
import { InvalidArgumentError } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  // Field values are short and mostly ASCII: a plain loop beats TextEncoder's call overhead.
  const n = text.length;
  if (n <= 64) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) return encoder.encode(text);
      out[i] = c;
    }
    return out;
  }
  return encoder.encode(text);
}

/**
 * Writes the UTF-8 bytes of `text` into `out` from `offset` and returns how many were written,
 * or -1 (having written an unspecified prefix) when they do not fit. Same bytes as TextEncoder:
 * a lone surrogate becomes U+FFFD. For short field values (names, addresses) this plain loop
 * costs less than TextEncoder's call and the array it allocates, and the caller can wipe `out`.
 */
export function utf8EncodeInto(text: string, out: Uint8Array, offset: number): number {
  const n = text.length;
  const end = out.length;
  let o = offset;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (o >= end) return -1;
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      if (o + 2 > end) return -1;
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        if (o + 4 > end) return -1;
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 63);
        out[o++] = 0x80 | ((c >> 6) & 63);
        out[o++] = 0x80 | (c & 63);
        continue;
      }
      c = 0xfffd;
    }
    if (o + 3 > end) return -1;
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 63);
    out[o++] = 0x80 | (c & 63);
  }
  return o - offset;
}

// Short strings are built with String.fromCharCode.apply over a plain array of char codes:
// measured in V8 this beats TextDecoder's call overhead, beats `apply` over the typed array
// itself (which goes through a slow generic array-like path: 107 ns against 61 ns for an ID
// number), and unlike building the string with `+=` it yields one flat string. A flat string
// matters downstream: charCodeAt and hashing on a concatenation ("cons") string are several
// times slower until V8 flattens it, so an envelope decrypted right after it was made, or used
// as a Map key, would pay for it. One array per length, reused (`apply` takes the whole array).
const codeArrays: number[][] = [];

function codeArray(n: number): number[] {
  let a = codeArrays[n];
  if (a === undefined) a = codeArrays[n] = new Array<number>(n).fill(0);
  return a;
}

/** Strict UTF-8 decode: malformed input throws instead of producing U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return utf8DecodeRange(bytes, 0, bytes.length);
}

/** {@link utf8Decode} of `bytes[start .. end)`, without making a view for short ASCII text. */
export function utf8DecodeRange(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 64) {
    // ASCII fast path (char codes = bytes); the codes are wiped afterwards, as they may be a
    // decrypted value.
    const a = codeArray(n);
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = bytes[start + i];
      if (c > 127) {
        ascii = false;
        break;
      }
      a[i] = c;
    }
    if (ascii) {
      const text = String.fromCharCode.apply(null, a);
      a.fill(0);
      return text;
    }
    a.fill(0);
  }
  try {
    return decoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  } catch {
    throw new InvalidArgumentError('bytes are not valid UTF-8');
  }
}

const HEX = '0123456789abcdef';
const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);

export function toHex(bytes: Uint8Array): string {
  return toHexRange(bytes, 0, bytes.length);
}

/** Hex of `bytes[start .. end)` (no view needed). */
export function toHexRange(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX_PAIRS[bytes[i]];
  return out;
}

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Hex (either case) to bytes; odd length or non-hex characters throw. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new InvalidArgumentError('hex string has odd length');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(hex.charCodeAt(2 * i));
    const lo = hexNibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new InvalidArgumentError('hex string has a non-hex character');
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeTable(alphabet: string): Int16Array {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const B64URL_DEC = decodeTable(B64URL);
const B64STD_DEC = decodeTable(B64STD);

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >>> 18] + alphabet[(v >>> 12) & 63] + alphabet[(v >>> 6) & 63] + alphabet[v & 63];
  }
  const rest = n - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += alphabet[v >>> 18] + alphabet[(v >>> 12) & 63] + (pad ? '==' : '');
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[v >>> 18] + alphabet[(v >>> 12) & 63] + alphabet[(v >>> 6) & 63] + (pad ? '=' : '');
  }
  return out;
}

// base64url output is written as ASCII bytes into a reused buffer and turned into a string by
// TextDecoder, which makes one flat string natively. Measured in V8 for a 74-character envelope:
// ~140 ns, against ~200 ns for String.fromCharCode.apply over char codes and ~210 ns (plus a
// later flattening) for `+=` of two-character strings. Each 3-byte group is two 16-bit stores
// from a 4096-entry table of character pairs (in platform byte order) instead of four byte
// stores. Longer outputs than the buffer take the `+=` route.
const B64URL_PAIRS: string[] = Array.from({ length: 4096 }, (_, i) => B64URL[i >> 6] + B64URL[i & 63]);
const B64URL_CODES = Uint8Array.from(B64URL, (c) => c.charCodeAt(0));
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const B64URL_PAIR_CODES = Uint16Array.from({ length: 4096 }, (_, i) => {
  const first = B64URL_CODES[i >> 6];
  const second = B64URL_CODES[i & 63];
  return LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
});
const ASCII_OUT_BYTES = 4096;
const asciiOut = new Uint8Array(ASCII_OUT_BYTES);
const asciiOut16 = new Uint16Array(asciiOut.buffer);
/** asciiOut.subarray(0, n), made once per length (a view costs an allocation). */
const asciiOutViews: Uint8Array[] = [];
const asciiDecoder = new TextDecoder();

/** base64url without padding (RFC 4648 §5), the one canonical spelling fieldshield writes. */
export function toBase64Url(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return prefixedBase64Url('', bytes, start, end);
}

/**
 * `prefix + toBase64Url(bytes, start, end)` as one flat string, for text envelopes (a flat
 * string is cheaper for whoever reads it next; see the note on code arrays). `prefix` must be
 * ASCII.
 */
export function prefixedBase64Url(prefix: string, bytes: Uint8Array, start: number, end: number): string {
  const p = prefix.length;
  const chars = p + (((4 * (end - start) + 2) / 3) | 0);
  if (chars > ASCII_OUT_BYTES || (p & 1) === 1) return prefix + base64UrlByPairs(bytes, start, end);
  const out = asciiOut;
  const out16 = asciiOut16;
  const pairs = B64URL_PAIR_CODES;
  const C = B64URL_CODES;
  for (let k = 0; k < p; k++) out[k] = prefix.charCodeAt(k);
  let w = p >> 1;
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out16[w] = pairs[v >>> 12];
    out16[w + 1] = pairs[v & 4095];
    w += 2;
  }
  const o = w << 1;
  const rest = end - i;
  if (rest === 1) {
    const v = bytes[i];
    out[o] = C[v >>> 2];
    out[o + 1] = C[(v << 4) & 63];
  } else if (rest === 2) {
    const v = (bytes[i] << 8) | bytes[i + 1];
    out[o] = C[v >>> 10];
    out[o + 1] = C[(v >>> 4) & 63];
    out[o + 2] = C[(v << 2) & 63];
  }
  let view = asciiOutViews[chars];
  if (view === undefined) view = asciiOutViews[chars] = out.subarray(0, chars);
  return asciiDecoder.decode(view);
}

function base64UrlByPairs(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL_PAIRS[v >>> 12] + B64URL_PAIRS[v & 4095];
  }
  const rest = end - i;
  if (rest === 1) {
    out += B64URL_PAIRS[bytes[i] << 4];
  } else if (rest === 2) {
    const v = (bytes[i] << 8) | bytes[i + 1];
    out += B64URL_PAIRS[v >>> 4] + B64URL[(v << 2) & 63];
  }
  return out;
}

/** Standard base64 with padding (RFC 4648 §4), for interoperating with legacy stores. */
export function toBase64(bytes: Uint8Array): string {
  return encode64(bytes, B64STD, true);
}

function decode64(text: string, table: Int16Array, padded: boolean, what: string): Uint8Array {
  let len = text.length;
  if (padded) {
    if (len % 4 !== 0) throw new InvalidArgumentError(`${what} length is not a multiple of 4`);
    if (len > 0 && text.charCodeAt(len - 1) === 61) len--;
    if (len > 0 && text.charCodeAt(len - 1) === 61) len--;
  }
  if (len % 4 === 1) throw new InvalidArgumentError(`${what} has an impossible length`);
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? table[c] : -1;
    if (v < 0) throw new InvalidArgumentError(`${what} has a character outside its alphabet`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // Canonical form: the unused low bits of the last character must be zero.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw new InvalidArgumentError(`${what} is not canonical (non-zero trailing bits)`);
  }
  return out;
}

/** Strict base64url decode: no padding, no whitespace, canonical trailing bits only. */
export function fromBase64Url(text: string): Uint8Array {
  return decode64(text, B64URL_DEC, false, 'base64url');
}

/** Number of bytes `base64UrlDecodeInto` writes for `chars` characters (-1 if impossible). */
export function base64UrlDecodedLength(chars: number): number {
  return chars % 4 === 1 ? -1 : Math.floor((chars * 3) / 4);
}

/**
 * Strictly decodes `text.slice(start)` (base64url, no padding, canonical trailing bits) into
 * `out` at `outOff`. Returns false instead of throwing so parsers can raise their own typed
 * error; `out` must have room for `base64UrlDecodedLength(text.length - start)` bytes.
 */
export function base64UrlDecodeInto(text: string, start: number, out: Uint8Array, outOff: number): boolean {
  const len = text.length;
  const chars = len - start;
  if (chars % 4 === 1) return false;
  let o = outOff;
  let i = start;
  for (; i + 3 < len; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if ((a | b | c | d) > 127) return false;
    const va = B64URL_DEC[a];
    const vb = B64URL_DEC[b];
    const vc = B64URL_DEC[c];
    const vd = B64URL_DEC[d];
    if ((va | vb | vc | vd) < 0) return false;
    const v = (va << 18) | (vb << 12) | (vc << 6) | vd;
    out[o] = v >>> 16;
    out[o + 1] = v >>> 8;
    out[o + 2] = v;
    o += 3;
  }
  const rest = len - i;
  if (rest === 0) return true;
  let v = 0;
  for (let k = 0; k < rest; k++) {
    const c = text.charCodeAt(i + k);
    const d = c < 128 ? B64URL_DEC[c] : -1;
    if (d < 0) return false;
    v = (v << 6) | d;
  }
  if (rest === 2) {
    if ((v & 0xf) !== 0) return false; // non-canonical trailing bits
    out[o] = v >>> 4;
  } else {
    if ((v & 0x3) !== 0) return false;
    out[o] = v >>> 10;
    out[o + 1] = v >>> 2;
  }
  return true;
}

/** Strict standard base64 decode (padding required, canonical). */
export function fromBase64(text: string): Uint8Array {
  return decode64(text, B64STD_DEC, true, 'base64');
}

/** Concatenate byte arrays into one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
