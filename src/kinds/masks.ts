/**
 * Mask presets shared by several kinds, and the code-point-safe building block of the kinds'
 * structured masks. Presets are plain rule objects (src/mask/types.ts) interpreted by the mask
 * engine; they follow the scene table of DESIGN.md.
 */
import type { MaskRule, MaskScene } from '../mask/types.js';

export type ScenePresets = Readonly<Partial<Record<MaskScene, MaskRule>>>;

/**
 * C3 authentication data (passwords, CVN, expiry, track data, biometric templates): never
 * shown (fixed width, so the length is not leaked), dropped from analytics and from anything
 * shared with third parties, a label in logs. Seed 004 分类 (1), 使用 ⑪; seed 000 art. 43.
 */
export const AUTHENTICATION_MASKS: ScenePresets = Object.freeze({
  display: Object.freeze({ type: 'fixed' }),
  analytics: Object.freeze({ type: 'drop' }),
  log: Object.freeze({ type: 'label' }),
  share: Object.freeze({ type: 'drop' }),
});

/** One rule for every mask scene: identifiers whose display form is also safe to log and share. */
export function everyScene(rule: MaskRule): ScenePresets {
  const r = Object.freeze({ ...rule });
  return Object.freeze({ display: r, analytics: r, log: r, share: r });
}

/**
 * C2 authentication helpers (SMS code, security answer): treated like C3 because, next to the
 * account, they complete an authentication; never entrusted to third parties (seed 004 使用 ⑪).
 */
export const AUTH_HELPER_MASKS: ScenePresets = AUTHENTICATION_MASKS;

/**
 * Keeps `value` up to UTF-16 index `keepUntil` (which must fall on a code point boundary) and
 * replaces every later code point except spaces (U+0020, U+3000, tab, U+00A0: they carry no
 * information about the value) by `maskChar`. Returns null when nothing would
 * be masked, so the caller masks the value entirely rather than showing it whole.
 */
export function maskFrom(value: string, keepUntil: number, maskChar: string): string | null {
  // Walks UTF-16 units and emits runs of mask characters with one repeat() per run: an
  // address's tail (street, number, building, room) is one or a few runs between spaces.
  const n = value.length;
  let out = value.slice(0, keepUntil);
  let masked = 0;
  let run = 0;
  for (let i = keepUntil; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || c === 0x3000 || c === 0x09 || c === 0xa0) {
      if (run > 0) {
        out += maskChar.repeat(run);
        masked += run;
        run = 0;
      }
      out += value[i];
      continue;
    }
    // A surrogate pair is one code point, so one mask character; a lone surrogate is one too.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    run++;
  }
  if (run > 0) {
    out += maskChar.repeat(run);
    masked += run;
  }
  return masked === 0 ? null : out;
}

/** The digit 0–9 a code unit stands for (ASCII or full-width), or -1. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/**
 * `value` with each `maskChar` read as a digit (5: a digit that every position of a phone
 * number accepts; 0 and 1 cannot start a local number), so a structured mask can check the layout
 * of a value that was masked before and mask it again to the same text (masking is idempotent:
 * `138****5678` stays `138****5678`). Positions already masked stay masked either way.
 */
export function withMaskedDigits(value: string, maskChar: string): string {
  return maskChar.length === 1 && value.includes(maskChar) ? value.split(maskChar).join('5') : value;
}

/** How many digits (ASCII or full-width) `value` holds. */
/** How many digits (ASCII or full-width) `value` holds. */
export function countDigits(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (digitValue(value.charCodeAt(i)) >= 0) n++;
  return n;
}

/**
 * Masks the digits of a number whose layout the kind has already validated (a phone number with
 * its country code, parentheses, spaces and hyphens): the k-th digit (0-based, ASCII or
 * full-width) is kept when `k < keepBefore` or `keepFrom <= k < keepTo` and replaced by
 * `maskChar` otherwise; every other character (`+`, `(`, `)`, separators, `转`) is structure,
 * not value, and stays as written. A `maskChar` already in the value counts as a (hidden) digit.
 * Returns null when fewer than `minMasked` digits would be hidden.
 */
export function maskDigitsOutside(
  value: string,
  keepBefore: number,
  keepFrom: number,
  keepTo: number,
  maskChar: string,
  minMasked: number,
): string | null {
  // A mask character already in the value (see withMaskedDigits) holds a digit's place.
  const maskCode = maskChar.length === 1 ? maskChar.charCodeAt(0) : -1;
  let out = '';
  let from = 0;
  let k = 0;
  let masked = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (digitValue(c) < 0 && c !== maskCode) continue;
    if (k >= keepBefore && (k < keepFrom || k >= keepTo)) {
      out += value.slice(from, i) + maskChar;
      from = i + 1;
      masked++;
    }
    k++;
  }
  return masked < minMasked ? null : out + value.slice(from);
}
