/**
 * Mainland landline number (固定电话): area code with its trunk prefix 0 (`010`, `02x` or
 * `0xxx`) and a 7- or 8-digit local number that never starts with 0 or 1, written as
 * `0571-88888888`, `(010) 6512 3456`, `+86 10 6512 3456`, optionally with an extension
 * (`-123`, `转123`, `ext 123`, `#123`).
 */
import { AREA_CODES } from './data/area-codes.js';
import { intBetween, pick, randomDigits } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, stripSeparators, toHalfWidth, withoutParentheses } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene, maskDigitsOutside, withMaskedDigits } from './masks.js';

/** Local number length per area code (the first entry of a code wins, as a search would). */
const LOCAL_DIGITS = new Map<string, number>();
for (const a of AREA_CODES) if (!LOCAL_DIGITS.has(a.code)) LOCAL_DIGITS.set(a.code, a.localDigits);
const KNOWN_AREA_CODES: ReadonlySet<string> = new Set(LOCAL_DIGITS.keys());
const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})$/i;
const HYPHEN_EXTENSION = /-\s*([0-9]{1,5})$/;
const COUNTRY_CODE = /^(?:\+86|0086)/;
const ASCII_DIGITS = /^[0-9]+$/;

interface Landline {
  readonly area: string;
  readonly local: string;
}

/** Splits trunk-prefixed digits into area code and local number, or null if they are not a landline. */
function split(digits: string): Landline | null {
  if (!/^0[1-9][0-9]{8,10}$/.test(digits)) return null;
  const areaLength = digits[1] === '1' || digits[1] === '2' ? 3 : 4;
  if (digits[1] === '1' && digits[2] !== '0') return null; // 010 is the only 01x code
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (local.length < 7 || local.length > 8 || local[0] === '0' || local[0] === '1') return null;
  return { area, local };
}

/**
 * The trunk-prefixed digits of a written number (`+86 10 6512 3456` → `01065123456`) and the
 * `shift` from written digits to them: written digit k is trunk digit k − shift (a country code
 * adds its 2 or 4 digits; a trunk 0 left out after it takes one away).
 */
function trunkForm(text: string): { readonly digits: string; readonly shift: number } {
  let d = stripSeparators(text.replace(/[()]/g, ' '));
  const cc = COUNTRY_CODE.exec(d);
  if (cc === null) return { digits: d, shift: 0 };
  d = d.slice(cc[0].length);
  const countryDigits = cc[0].length === 3 ? 2 : 4; // +86 or 0086
  if (d[0] === '0') return { digits: d, shift: countryDigits };
  return { digits: '0' + d, shift: countryDigits - 1 };
}

interface Parsed extends Landline {
  readonly extension: string;
  /** Written digit k is digit k − shift of the trunk-prefixed number (see trunkForm). */
  readonly shift: number;
}

function parse(value: string): Parsed | null {
  // The usual stored form, digits only (`057188888888`), without the regular expressions below
  // (0086… is a country code: the general path strips it).
  if (ASCII_DIGITS.test(value) && !value.startsWith('0086')) {
    const plain = split(value);
    return plain === null ? null : { area: plain.area, local: plain.local, extension: '', shift: 0 };
  }
  const text = toHalfWidth(value).trim();
  // Extensions are found on the compact form, so a value and its normalized form parse alike.
  const compact = trunkForm(text);
  const ext = EXTENSION.exec(compact.digits);
  if (ext !== null) {
    const number = split(compact.digits.slice(0, ext.index));
    return number === null ? null : { ...number, extension: ext[1], shift: compact.shift };
  }
  const whole = split(compact.digits);
  if (whole !== null) return { ...whole, extension: '', shift: compact.shift };
  // `010-12345678-123`: the last hyphenated group is an extension only if the rest is a number.
  const hyphen = HYPHEN_EXTENSION.exec(text);
  if (hyphen !== null) {
    const rest = trunkForm(text.slice(0, hyphen.index));
    const number = split(rest.digits);
    if (number !== null) return { ...number, extension: hyphen[1], shift: rest.shift };
  }
  return null;
}

/** Characters a written landline number may hold besides its digits: structure, not value. */
const LAYOUT = /^[0-9\uff10-\uff19\s\u3000+\-\u2010-\u2015\uff0d()\uff08\uff09#.转分机extEXT]+$/;

/**
 * `landline`: the first four digits of the trunk-prefixed number (the area code, and for a
 * three-digit code the local number's first digit) and the local number's last two stay; the
 * other local digits and any extension are masked; a country code, parentheses, spaces and
 * hyphens stay as written: `010-6*****78`, `(0755)******78`, `+86 10 6*** **78`. Null (so the
 * value is masked entirely) unless the value parses as a landline number.
 */
function structuredMask(name: string, value: string, maskChar: string): string | null {
  if (name !== 'landline' || typeof value !== 'string') return null;
  const digitsOnly = ASCII_DIGITS.test(value);
  const probe = digitsOnly ? value : withMaskedDigits(value, maskChar);
  if (!digitsOnly && !LAYOUT.test(probe)) return null;
  const p = parse(probe);
  if (p === null) return null;
  const localEnd = p.area.length + p.local.length;
  // The usual stored form, digits only without a country code: three slices.
  if (digitsOnly && p.shift === 0) return value.slice(0, 4) + maskChar.repeat(localEnd - 6) + value.slice(localEnd - 2);
  const shift = p.shift;
  return maskDigitsOutside(value, 4 + shift, localEnd - 2 + shift, localEnd + shift, maskChar, 4);
}

/** Area code and local number as digits (`057188888888`), then `#extension` if any. */
function normalize(value: string): string {
  const p = parse(String(value));
  if (p === null) return withoutParentheses(normalizeNumberLike(value));
  return p.area + p.local + (p.extension === '' ? '' : '#' + p.extension);
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const p = parse(s);
  if (p === null) return NOT_DETECTED;
  return { valid: true, confidence: KNOWN_AREA_CODES.has(p.area) ? 0.8 : 0.55 };
}

/**
 * A landline number in a real area code. With `like` (a real number), keeps its area code (the
 * city) and draws the local number anew, with the length local numbers have there.
 */
function generate(rng: Rng, like?: string): string {
  const p = like === undefined ? null : parse(like);
  let area: string;
  let localDigits: number;
  if (p === null) {
    ({ code: area, localDigits } = pick(rng, AREA_CODES));
  } else {
    area = p.area;
    localDigits = LOCAL_DIGITS.get(p.area) ?? p.local.length;
  }
  return area + String(intBetween(rng, 2, 8)) + randomDigits(rng, localDigits - 1);
}

/**
 * Landline (fixed-line) telephone number.
 *
 * JR/T 0171-2020 class **C2** (identity): "other identifying data such as home address" — a home
 * or office number identifies a household like the address does — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the first four and the last two (Hutool `FIXED_PHONE`), so TS and Java services
 * show the same thing.
 */
export const cnLandline: Kind = {
  id: 'cn-landline',
  title: { en: 'Landline telephone number', zh: '固定电话号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'landline', 'landlineno', 'landlinephone', 'fixedphone', 'fixedline', 'fixphone', 'fixtel',
      'homephone', 'hometel', 'hometelno', 'officephone', 'officetel', 'worktel', 'workphone',
      'companytel', 'unittel', 'faxno', 'fax', 'gddh', 'gdhm', 'jtdh', 'dwdh', 'bgdh', 'zzdh',
      'zuoji', 'czhm',
      '固定电话', '固话', '座机', '座机号码', '家庭电话', '住宅电话', '单位电话', '办公电话',
      '工作电话', '传真', '传真号码', '电话号码',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'kind', name: 'landline' }),
  structuredMask,
  generate,
};
