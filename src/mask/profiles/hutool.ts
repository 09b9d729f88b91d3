/**
 * Hutool compatibility profile: the outputs of Hutool's `cn.hutool.core.util.DesensitizedUtil`
 * (5.8.x), so a TypeScript service and a Java service of the same bank show a customer the
 * same masked value. The rules were learnt from Hutool's documentation and its own tests
 * (dromara/hutool, hutool-core DesensitizedUtilTest.java); no Hutool code is reused.
 *
 * Where Hutool would reveal a value, this profile does not (see docs/MASKING.md):
 * - Hutool returns a value unchanged when it is too short for the type's rule (`京A123` as a
 *   licence plate, a 1-character name, an 8-digit "card", an email whose local part has one
 *   character, an address rule with size 0). Here those values are masked entirely.
 * - Hutool mixes UTF-16 lengths with code-point positions; here every position counts
 *   grapheme clusters (code points without `Intl.Segmenter`), so values with emoji or
 *   supplementary CJK characters are masked consistently. For BMP text without combining
 *   marks, which is all real Hutool test data, the outputs are identical.
 */
import { InvalidArgumentError } from '../../errors.js';
import { describeType } from '../checks.js';
import { maskAllUnchecked, maskRangeUnchecked } from '../primitives.js';
import { scanFast, segment, type Segmentation } from '../text.js';

/** Hutool's `DesensitizedUtil.DesensitizedType` names. */
export type HutoolType =
  | 'USER_ID'
  | 'CHINESE_NAME'
  | 'ID_CARD'
  | 'FIXED_PHONE'
  | 'MOBILE_PHONE'
  | 'ADDRESS'
  | 'EMAIL'
  | 'PASSWORD'
  | 'CAR_LICENSE'
  | 'BANK_CARD'
  | 'IPV4'
  | 'IPV6'
  | 'FIRST_MASK'
  | 'CLEAR_TO_NULL'
  | 'CLEAR_TO_EMPTY';

export const HUTOOL_TYPES: readonly HutoolType[] = Object.freeze([
  'USER_ID',
  'CHINESE_NAME',
  'ID_CARD',
  'FIXED_PHONE',
  'MOBILE_PHONE',
  'ADDRESS',
  'EMAIL',
  'PASSWORD',
  'CAR_LICENSE',
  'BANK_CARD',
  'IPV4',
  'IPV6',
  'FIRST_MASK',
  'CLEAR_TO_NULL',
  'CLEAR_TO_EMPTY',
] as const);

// Hutool masks every character with '*', spaces and hyphens included.
const STAR = '*';
const NO_SEPARATORS = false;

/** Hutool's notion of blank: null, empty, or only whitespace. */
function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value.trim() === '';
}

/** The value's characters (grapheme clusters); plain strings skip the slow segmenter. */
function unitsOf(value: string): readonly string[] {
  const code = scanFast(value, NO_SEPARATORS);
  return code >= 0 ? value.split('') : segment(value, NO_SEPARATORS, code as Segmentation).units;
}

function unitCount(value: string): number {
  const code = scanFast(value, NO_SEPARATORS);
  return code >= 0 ? code >> 1 : segment(value, NO_SEPARATORS, code as Segmentation).count;
}

/**
 * Hutool's `hide(str, start, end)`: characters [start, end) become `*`, with its clamping —
 * `end` beyond the value is cut to the value, a negative `start` starts at 0 — but where Hutool
 * would hide nothing (start past the end, or an empty range) the whole value is hidden.
 */
function hide(value: string, start: number, end: number): string {
  const n = unitCount(value);
  const from = Math.max(0, start);
  const to = Math.min(end, n);
  if (from >= to) return maskAllUnchecked(value, STAR, NO_SEPARATORS);
  return maskRangeUnchecked(value, from, to, 0, STAR, NO_SEPARATORS);
}

function checkText(value: unknown): asserts value is string | null | undefined {
  if (value !== null && value !== undefined && typeof value !== 'string') {
    throw new InvalidArgumentError(`value must be a string, got ${describeType(value)}`);
  }
}

/** `0`: Hutool never shows a user ID. */
export function userId(): number {
  return 0;
}

/** First character kept, the rest hidden: `123456789` → `1********`. */
export function firstMask(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  return hide(value, 1, unitCount(value));
}

/** Surname character kept: `段正淳` → `段**` (Hutool keeps one character, even for 欧阳). */
export function chineseName(value: string | null | undefined): string {
  return firstMask(value);
}

/**
 * `front` first and `end` last characters kept: `idCardNum('51343620000320711X', 1, 2)` →
 * `5***************1X`. As in Hutool, `front + end` longer than the value or a negative
 * count gives the empty string.
 */
export function idCardNum(value: string | null | undefined, front: number, end: number): string {
  checkText(value);
  if (!Number.isSafeInteger(front) || !Number.isSafeInteger(end)) {
    throw new InvalidArgumentError('front and end must be integers');
  }
  if (isBlank(value)) return '';
  const n = unitCount(value);
  if (front + end > n || front < 0 || end < 0) return '';
  return hide(value, front, n - end);
}

/** First 4 and last 2 kept: `09157518479` → `0915*****79`. */
export function fixedPhone(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  return hide(value, 4, unitCount(value) - 2);
}

/** First 3 and last 4 kept: `18049531999` → `180****1999`. */
export function mobilePhone(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  return hide(value, 3, unitCount(value) - 4);
}

/**
 * The last `sensitiveSize` characters hidden (8 in `desensitized`):
 * `北京市海淀区马连洼街道289号` → `北京市海淀区马********`. Hutool returns the address unchanged
 * for a size of 0 or less; here it is then hidden entirely.
 */
export function address(value: string | null | undefined, sensitiveSize: number): string {
  checkText(value);
  if (!Number.isSafeInteger(sensitiveSize)) throw new InvalidArgumentError('sensitiveSize must be an integer');
  if (isBlank(value)) return '';
  const n = unitCount(value);
  return hide(value, n - sensitiveSize, n);
}

/**
 * The local part hidden but its first character: `duandazhi@126.com` → `d********@126.com`.
 * Without `@`, or with `@` first, the whole value is hidden (Hutool returns it unchanged); a
 * one-character local part is hidden (`a@b.cn` → `*@b.cn`).
 */
export function email(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  const at = unitsOf(value).indexOf('@');
  if (at <= 0) return maskAllUnchecked(value, STAR, NO_SEPARATORS);
  return hide(value, at === 1 ? 0 : 1, at);
}

/** Every character hidden, length kept: `1234567890` → `**********`. */
export function password(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  return maskAllUnchecked(value, STAR, NO_SEPARATORS);
}

/**
 * Licence plates: 7 characters → `苏D4***0`, 8 (new-energy) → `陕A1****D`. Other lengths are
 * not plates; Hutool returns them unchanged, here they are hidden entirely.
 */
export function carLicense(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  const n = unitCount(value);
  if (n === 7) return hide(value, 3, 6);
  if (n === 8) return hide(value, 3, 7);
  return maskAllUnchecked(value, STAR, NO_SEPARATORS);
}

const WHITESPACE = /\s+/g;

/**
 * Whitespace removed, the first 4 kept, the last group of 1–4 kept (its length is the
 * length mod 4, or 4), the middle hidden in groups of four:
 * `6227880100100105123` → `6227 **** **** **** 123`. Shorter than 9 → hidden entirely
 * (Hutool returns the digits unchanged). Blank input is returned as given, as in Hutool.
 */
export function bankCard(value: string | null | undefined): string | null {
  checkText(value);
  // Hutool returns blank card numbers as given (null stays null); they reveal nothing.
  if (isBlank(value)) return value ?? null;
  const compact = value.replace(WHITESPACE, '');
  const units = unitsOf(compact);
  const n = units.length;
  if (n < 9) return maskAllUnchecked(compact, STAR, NO_SEPARATORS);
  const tail = n % 4 === 0 ? 4 : n % 4;
  let out = units.slice(0, 4).join('');
  for (let i = 0; i < n - 4 - tail; i++) out += i % 4 === 0 ? ' *' : '*';
  return `${out} ${units.slice(n - tail).join('')}`;
}

/** First octet kept: `192.168.1.1` → `192.*.*.*`. No `.` → hidden entirely. */
export function ipv4(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  const dot = value.indexOf('.');
  if (dot < 0) return maskAllUnchecked(value, STAR, NO_SEPARATORS);
  return `${value.slice(0, dot)}.*.*.*`;
}

/** First group kept: `2001:0db8:...:7344` → `2001:*:*:*:*:*:*:*`. No `:` → hidden entirely. */
export function ipv6(value: string | null | undefined): string {
  checkText(value);
  if (isBlank(value)) return '';
  const colon = value.indexOf(':');
  if (colon < 0) return maskAllUnchecked(value, STAR, NO_SEPARATORS);
  return `${value.slice(0, colon)}:*:*:*:*:*:*:*`;
}

/** Hutool's `clear()`: the empty string. */
export function clear(): string {
  return '';
}

/** Hutool's `clearToNull()`. */
export function clearToNull(): null {
  return null;
}

/**
 * `DesensitizedUtil.desensitized(value, type)`: the default of each type (ID card keeps 1 + 2,
 * address hides the last 8). Blank input (null, empty, whitespace) gives `''` for every type,
 * as in Hutool — even `CLEAR_TO_NULL`.
 */
export function desensitized(value: string | null | undefined, type: HutoolType): string | null {
  checkText(value);
  if (isBlank(value)) {
    if (!HUTOOL_TYPES.includes(type)) throw new InvalidArgumentError('unknown Hutool desensitized type');
    return '';
  }
  switch (type) {
    case 'USER_ID':
      return String(userId());
    case 'CHINESE_NAME':
      return chineseName(value);
    case 'ID_CARD':
      return idCardNum(value, 1, 2);
    case 'FIXED_PHONE':
      return fixedPhone(value);
    case 'MOBILE_PHONE':
      return mobilePhone(value);
    case 'ADDRESS':
      return address(value, 8);
    case 'EMAIL':
      return email(value);
    case 'PASSWORD':
      return password(value);
    case 'CAR_LICENSE':
      return carLicense(value);
    case 'BANK_CARD':
      return bankCard(value);
    case 'IPV4':
      return ipv4(value);
    case 'IPV6':
      return ipv6(value);
    case 'FIRST_MASK':
      return firstMask(value);
    case 'CLEAR_TO_EMPTY':
      return clear();
    case 'CLEAR_TO_NULL':
      return clearToNull();
    default:
      throw new InvalidArgumentError('unknown Hutool desensitized type');
  }
}

/** The profile as one object, named like Hutool's static methods for easy porting. */
export const hutool = Object.freeze({
  desensitized,
  userId,
  firstMask,
  chineseName,
  idCardNum,
  fixedPhone,
  mobilePhone,
  address,
  email,
  password,
  carLicense,
  bankCard,
  ipv4,
  ipv6,
  clear,
  clearToNull,
});
