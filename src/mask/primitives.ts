/**
 * Masking primitives. Each one counts *significant units* (grapheme clusters, or code points
 * where `Intl.Segmenter` is missing; separators excluded — see text.ts) and is fail-closed:
 * when a value is too short or malformed for the rule, the whole value is masked, keeping its
 * length and its separators, instead of being returned as it is.
 *
 * The exported functions check their arguments on every call; the `*Unchecked` variants are
 * what compiled rules call after checking the rule once.
 *
 * The empty string masks to the empty string under every rule that returns text: it has
 * nothing to reveal.
 */
import {
  assertCount,
  assertPosition,
  assertString,
  checkDelimiter,
  checkKeepSeparators,
  checkMaskChar,
  checkMinMasked,
} from './checks.js';
import { isSeparatorCode, maskRun, maskSpanFast, maskSpanUnits, scanFast, segment, type Segmentation } from './text.js';
import { InvalidArgumentError } from '../errors.js';

export interface MaskTextOptions {
  /** Replacement character (default `*`): one visible code point, not a separator. */
  readonly maskChar?: string;
  /** Keep whitespace and hyphens in place and out of the count (default true). */
  readonly keepSeparators?: boolean;
}

/**
 * The default least number of hidden characters for keep/truncate/before/after rules: one,
 * and at least a third of the value, rounded up. A mobile number under keep 3 + 4 hides 4 of
 * 11 (just enough); an 11-digit value under keep 6 + 4 would hide 1 and is masked entirely.
 */
export function defaultMinMasked(significant: number): number {
  const third = Math.ceil(significant / 3);
  return third > 1 ? third : 1;
}

// --- Whole-value masking ---------------------------------------------------------------------

export function maskAllUnchecked(value: string, maskChar: string, keepSeparators: boolean): string {
  const code = scanFast(value, keepSeparators);
  if (code >= 0) {
    const n = code >> 1;
    return (code & 1) === 0 ? maskRun(maskChar, n) : maskSpanFast(value, 0, n, maskChar, keepSeparators, true);
  }
  const u = segment(value, keepSeparators, code as Segmentation);
  return maskSpanUnits(u, 0, u.count, maskChar);
}

/** Every significant character replaced by the mask character: same length, separators kept. */
export function maskAll(value: string, options: MaskTextOptions = {}): string {
  assertString(value);
  return maskAllUnchecked(value, checkMaskChar(options.maskChar), checkKeepSeparators(options.keepSeparators));
}

// --- Keep first N / last M -------------------------------------------------------------------

export function keepEndsUnchecked(
  value: string,
  first: number,
  last: number,
  minMasked: number | undefined,
  maskChar: string,
  keepSeparators: boolean,
): string {
  // Hottest path (an ID, card or phone number): printable ASCII without separators, where
  // every code unit is one significant unit. One tight loop, then three slices.
  const len = value.length;
  let i = 0;
  while (i < len) {
    const c = value.charCodeAt(i);
    if (c <= 0x2d || c >= 0x7f) break;
    i++;
  }
  if (i === len) {
    const hidden = len - first - last;
    if (hidden < (minMasked ?? defaultMinMasked(len))) return maskRun(maskChar, len);
    return value.slice(0, first) + maskRun(maskChar, hidden) + value.slice(len - last);
  }
  const code = scanFast(value, keepSeparators);
  if (code >= 0) {
    const n = code >> 1;
    const hasSeparator = (code & 1) === 1;
    const hidden = n - first - last;
    if (hidden < (minMasked ?? defaultMinMasked(n))) {
      return hasSeparator ? maskSpanFast(value, 0, n, maskChar, keepSeparators, true) : maskRun(maskChar, n);
    }
    return maskSpanFast(value, first, n - last, maskChar, keepSeparators, hasSeparator);
  }
  const u = segment(value, keepSeparators, code as Segmentation);
  const n = u.count;
  const hidden = n - first - last;
  if (hidden < (minMasked ?? defaultMinMasked(n))) return maskSpanUnits(u, 0, n, maskChar);
  return maskSpanUnits(u, first, n - last, maskChar);
}

export interface KeepEndsOptions extends MaskTextOptions {
  /** Least number of hidden characters (default {@link defaultMinMasked}); fewer → mask all. */
  readonly minMasked?: number;
}

/**
 * Keeps the first `first` and last `last` significant characters and masks the rest:
 * `keepEnds('6222 0212 3456 7890', 6, 4)` → `6222 02** **** 7890`.
 */
export function keepEnds(value: string, first: number, last: number, options: KeepEndsOptions = {}): string {
  assertString(value);
  assertCount(first, 'first');
  assertCount(last, 'last');
  return keepEndsUnchecked(
    value,
    first,
    last,
    checkMinMasked(options.minMasked),
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}

// --- Mask a range ----------------------------------------------------------------------------

export function maskRangeUnchecked(
  value: string,
  start: number,
  end: number | undefined,
  minLength: number,
  maskChar: string,
  keepSeparators: boolean,
): string {
  const code = scanFast(value, keepSeparators);
  const fast = code >= 0;
  const u = fast ? null : segment(value, keepSeparators, code as Segmentation);
  const n = fast ? code >> 1 : u!.count;
  const from = start < 0 ? n + start : start;
  const to = end === undefined ? n : end < 0 ? n + end : end;
  // The range must lie inside the value and hide something; a value too short to contain it
  // (hide [6, 12) of a 9-character value) is masked entirely.
  const whole = n < minLength || from < 0 || to > n || to <= from;
  const a = whole ? 0 : from;
  const b = whole ? n : to;
  return fast ? maskSpanFast(value, a, b, maskChar, keepSeparators, (code & 1) === 1) : maskSpanUnits(u!, a, b, maskChar);
}

export interface MaskRangeOptions extends MaskTextOptions {
  /** The value must have at least this many significant characters, else it is masked entirely. */
  readonly minLength?: number;
}

/**
 * Masks significant characters [start, end) — negative positions count from the end, a missing
 * `end` means the end of the value: `maskRange('6222021234567890123', -4)` →
 * `622202123456789****`. If the range does not lie wholly inside the value, the value is
 * masked entirely.
 */
export function maskRange(value: string, start: number, end?: number, options: MaskRangeOptions = {}): string {
  assertString(value);
  assertPosition(start, 'start');
  if (end !== undefined) assertPosition(end, 'end');
  const minLength = options.minLength ?? 0;
  assertCount(minLength, 'minLength');
  return maskRangeUnchecked(
    value,
    start,
    end,
    minLength,
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}

// --- Mask before / after a character ---------------------------------------------------------

/** Significant-unit index span [from, to) to hide in a part of `count` units, keeping `keep`. */
function partSpan(count: number, keep: number, keepAtStart: boolean): [number, number] {
  if (count - keep < defaultMinMasked(count)) return [0, count];
  return keepAtStart ? [keep, count] : [0, count - keep];
}

export function maskAroundUnchecked(
  value: string,
  after: boolean,
  char: string,
  keep: number,
  maskChar: string,
  keepSeparators: boolean,
): string {
  const code = scanFast(value, keepSeparators);
  if (code >= 0 && char.length === 1) {
    const n = code >> 1;
    const hasSeparator = (code & 1) === 1;
    const at = value.indexOf(char);
    if (at < 0) return maskSpanFast(value, 0, n, maskChar, keepSeparators, hasSeparator);
    let before = at; // significant units before the delimiter
    if (hasSeparator) {
      before = 0;
      for (let i = 0; i < at; i++) if (!isSeparatorCode(value.charCodeAt(i))) before++;
    }
    const delimiterCounts = !(keepSeparators && isSeparatorCode(char.charCodeAt(0)));
    if (!after) {
      if (before === 0) return value;
      const [a, b] = partSpan(before, keep, true);
      return maskSpanFast(value, a, b, maskChar, keepSeparators, hasSeparator);
    }
    const startOfPart = before + (delimiterCounts ? 1 : 0);
    const count = n - startOfPart;
    if (count === 0) return value;
    const [a, b] = partSpan(count, keep, false);
    return maskSpanFast(value, startOfPart + a, startOfPart + b, maskChar, keepSeparators, hasSeparator);
  }
  const u = segment(value, keepSeparators, code as Segmentation);
  const at = u.units.indexOf(char);
  if (at < 0) return maskSpanUnits(u, 0, u.count, maskChar);
  let before = 0;
  for (let i = 0; i < at; i++) if (u.significant[i]) before++;
  if (!after) {
    if (before === 0) return value;
    const [a, b] = partSpan(before, keep, true);
    return maskSpanUnits(u, a, b, maskChar);
  }
  const startOfPart = before + (u.significant[at] ? 1 : 0);
  const count = u.count - startOfPart;
  if (count === 0) return value;
  const [a, b] = partSpan(count, keep, false);
  return maskSpanUnits(u, startOfPart + a, startOfPart + b, maskChar);
}

/**
 * Masks the part before the first `char`, keeping its first `keep` characters:
 * `maskBefore('duandazhi@126.com', '@', 1)` → `d********@126.com`. No `char` → the whole value
 * is masked; a part too short to keep `keep` and still hide a third is masked entirely.
 */
export function maskBefore(value: string, char: string, keep = 0, options: MaskTextOptions = {}): string {
  assertString(value);
  assertCount(keep, 'keep');
  return maskAroundUnchecked(
    value,
    false,
    checkDelimiter(char),
    keep,
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}

/**
 * Masks the part after the first `char`, keeping its last `keep` characters:
 * `maskAfter('li@example.com', '@', 4)` → `li@*******.com`. Same fail-closed rules as
 * {@link maskBefore}.
 */
export function maskAfter(value: string, char: string, keep = 0, options: MaskTextOptions = {}): string {
  assertString(value);
  assertCount(keep, 'keep');
  return maskAroundUnchecked(
    value,
    true,
    checkDelimiter(char),
    keep,
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}

// --- Redaction -------------------------------------------------------------------------------

export const DEFAULT_FIXED_WIDTH = 6;
const MAX_FIXED_WIDTH = 64;

export function checkFixedWidth(width: unknown): number {
  if (width === undefined) return DEFAULT_FIXED_WIDTH;
  if (typeof width !== 'number' || !Number.isSafeInteger(width) || width < 1 || width > MAX_FIXED_WIDTH) {
    throw new InvalidArgumentError(`width must be an integer from 1 to ${MAX_FIXED_WIDTH}`);
  }
  return width;
}

/**
 * A fixed number of mask characters whatever the value: the length is not leaked.
 * `redactFixed('Passw0rd!')` → `******`.
 */
export function redactFixed(value: string, width?: number, maskChar?: string): string {
  assertString(value);
  const w = checkFixedWidth(width);
  const c = checkMaskChar(maskChar);
  return value === '' ? '' : maskRun(c, w);
}

export function labelText(label: string | undefined): string {
  return label === undefined || label === '' ? '[REDACTED]' : `[REDACTED:${label}]`;
}

/** Label characters: printable ASCII without brackets, so a label cannot forge another one. */
const LABEL = /^[\x21-\x5a\x5c\x5e-\x7e]{1,64}$/;

export function checkLabel(label: unknown): string | undefined {
  if (label === undefined) return undefined;
  if (typeof label !== 'string' || !LABEL.test(label)) {
    throw new InvalidArgumentError('label must be 1-64 printable ASCII characters without spaces or brackets');
  }
  return label;
}

/** `[REDACTED:<label>]` (or `[REDACTED]`) in place of any non-empty value. */
export function redactLabel(value: string, label?: string): string {
  assertString(value);
  const l = checkLabel(label);
  return value === '' ? '' : labelText(l);
}

// --- Truncate --------------------------------------------------------------------------------

export function truncateUnchecked(value: string, length: number, maskChar: string, keepSeparators: boolean): string {
  const code = scanFast(value, keepSeparators);
  if (code >= 0) {
    const n = code >> 1;
    const hasSeparator = (code & 1) === 1;
    if (n - length < defaultMinMasked(n)) {
      return hasSeparator ? maskSpanFast(value, 0, n, maskChar, keepSeparators, true) : maskRun(maskChar, n);
    }
    if (!hasSeparator) return value.slice(0, length);
    let sig = 0;
    let i = 0;
    while (sig < length) {
      if (!isSeparatorCode(value.charCodeAt(i))) sig++;
      i++;
    }
    return value.slice(0, i);
  }
  const u = segment(value, keepSeparators, code as Segmentation);
  if (u.count - length < defaultMinMasked(u.count)) return maskSpanUnits(u, 0, u.count, maskChar);
  let out = '';
  for (let i = 0, sig = 0; sig < length; i++) {
    out += u.units[i];
    if (u.significant[i]) sig++;
  }
  return out;
}

/**
 * The first `length` significant characters (grapheme clusters kept whole), the rest removed:
 * `truncateText('北京市海淀区马连洼街道289号', 6)` → `北京市海淀区`. A value that the cut
 * would leave nearly whole (fewer than a third removed) is masked entirely instead.
 */
export function truncateText(value: string, length: number, options: MaskTextOptions = {}): string {
  assertString(value);
  assertCount(length, 'length');
  return truncateUnchecked(value, length, checkMaskChar(options.maskChar), checkKeepSeparators(options.keepSeparators));
}

// --- Drop ------------------------------------------------------------------------------------

/** Removes the value: always `null`. */
export function dropValue(_value?: unknown): null {
  return null;
}
