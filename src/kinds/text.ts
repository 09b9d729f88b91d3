/**
 * String helpers shared by the kinds' validators and normalizers. Everything here is total
 * (never throws on any string) and bounded: validators look at no more than
 * {@link MAX_INSPECTED_CODE_POINTS} code points, so a 100 MB cell costs no more than a short one.
 */

/**
 * The longest value a validator inspects. No kind's canonical form is longer (the longest are
 * addresses and track-1 data, under 120 code points); anything longer is not a single value of a
 * kind but a document, and is rejected without being read.
 */
export const MAX_INSPECTED_CODE_POINTS = 256;

/**
 * Full-width ASCII variants (U+FF01..U+FF5E, e.g. `０`-`９`, `Ａ`, `＠`, `－`) and the ideographic
 * space become their ASCII forms: Chinese input methods produce them and users paste them.
 */
export function toHalfWidth(value: string): string {
  // Fast path: most values have nothing to convert.
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === value.length) return value;
  let out = value.slice(0, i);
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += value[i];
  }
  return out;
}

/**
 * The value as a validator sees it: half-width, trimmed, or `null` when it is not a string or
 * is too long to be a single value (checked on UTF-16 length first, so huge strings cost O(1)).
 */
export function prepare(value: unknown, maxCodePoints = MAX_INSPECTED_CODE_POINTS): string | null {
  if (typeof value !== 'string') return null;
  // A code point takes at most two UTF-16 units; surrounding whitespace gets a little slack.
  if (value.length > maxCodePoints * 2 + 64) return null;
  const s = toHalfWidth(value).trim();
  if (s.length > maxCodePoints && codePointLength(s) > maxCodePoints) return null;
  return s;
}

/** Number of Unicode code points (a surrogate pair counts once). */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Spaces, hyphens and dashes that people and systems put inside numbers
 * (`6222 0212 3456 7890`, `138-1234-5678`, `0571－88888888` after half-width conversion).
 */
const NUMBER_SEPARATORS = /[\s\u00a0\u2000-\u200b\u2010-\u2015\u2212\u30fc\ufe58\ufe63-]+/g;

/** Removes the separators of {@link NUMBER_SEPARATORS}. */
export function stripSeparators(value: string): string {
  // Fast path: printable ASCII other than space and '-' holds no separator, and most values
  // (ID, card and phone numbers as exported) are exactly that; the regex is for the rest.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c === 0x2d || c >= 0x7f) return value.replace(NUMBER_SEPARATORS, '');
  }
  return value;
}

/** ASCII a-z upper-cased, everything else as it is (`replace(/[a-z]+/g, toUpperCase)` without the regex). */
export function upperAsciiLetters(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return value.replace(/[a-z]+/g, (w) => w.toUpperCase());
  }
  return value;
}

/** The value without `(` and `)`. */
export function withoutParentheses(value: string): string {
  return value.includes('(') || value.includes(')') ? value.replace(/[()]/g, '') : value;
}

/** ASCII A-Z lower-cased from `start` on, the rest as it is. */
export function lowerAsciiLettersFrom(value: string, start: number): string {
  for (let i = start; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return value.slice(0, start) + value.slice(start).replace(/[A-Z]+/g, (w) => w.toLowerCase());
  }
  return value;
}

/** The common normalization of number-like kinds: half-width, trimmed, separators removed. */
export function normalizeNumberLike(value: string): string {
  return stripSeparators(toHalfWidth(String(value)));
}

/** True if the string is non-empty and consists of ASCII digits only. */
export function isDigits(value: string): boolean {
  return value.length > 0 && allDigits(value, 0, value.length);
}

/** True if `s[start..end)` consists of ASCII digits only (and lies within the string). */
export function allDigits(s: string, start: number, end: number): boolean {
  if (end > s.length) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The number written by the `count` ASCII digits at `start` (exact up to 15 digits), or -1 if
 * any of them is not a digit or the range runs past the end. Lets parsers read fixed-width
 * fields without a regex or a slice.
 */
export function digitsAt(s: string, start: number, count: number): number {
  if (start + count > s.length) return -1;
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Detection result for values that are not of the kind at all. */
export const NOT_DETECTED = Object.freeze({ valid: false, confidence: 0 });
