/**
 * Mainland mobile number (手机号码): 11 digits `1[3-9]x xxxx xxxx`, written with or without the
 * country code (`+86`, `0086`, `86`) and with spaces, hyphens or parentheses in between.
 */
import { ALLOCATED_PREFIXES, ALL_VOICE_PREFIXES } from './data/mobile-prefixes.js';
import { pick, randomDigits } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, withoutParentheses } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { countDigits, everyScene, maskDigitsOutside, withMaskedDigits } from './masks.js';

const MOBILE = /^1[3-9][0-9]{9}$/;
const WITH_COUNTRY_CODE = /^(?:\+86|0086|86)(1[3-9][0-9]{9})$/;

/** 11 digits without the country code when the value is a mobile number; else the generic number form. */
function normalize(value: string): string {
  const n = withoutParentheses(normalizeNumberLike(value));
  const m = WITH_COUNTRY_CODE.exec(n);
  return m === null ? n : m[1];
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (!MOBILE.test(n)) return NOT_DETECTED;
  // An 11-digit number starting with 1 is weaker evidence than a check digit: other IDs share the shape.
  return { valid: true, confidence: ALLOCATED_PREFIXES.has(n.slice(0, 3)) ? 0.85 : 0.5 };
}

/** Characters a written mobile number may hold besides its digits: structure, not value. */
const LAYOUT = /^[0-9\uff10-\uff19\s\u3000+\-\u2010-\u2015\uff0d()\uff08\uff09]+$/;

/** `1[3-9]` + 9 ASCII digits, checked without a regular expression (the display hot path). */
function isPlainMobile(v: string): boolean {
  if (v.length !== 11 || v.charCodeAt(0) !== 0x31) return false;
  const second = v.charCodeAt(1);
  if (second < 0x33 || second > 0x39) return false;
  for (let i = 2; i < 11; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * `mobile`: the carrier prefix and the last four digits of the national number stay, the
 * middle four are masked, and everything else stays as written — a country code (`+86`,
 * `0086`), spaces, hyphens, parentheses: `+86 138 **** 5678`, `0086-138****5678`. Null (so the
 * value is masked entirely) unless the value is a mobile number.
 */
function structuredMask(name: string, value: string, maskChar: string): string | null {
  if (name !== 'mobile' || typeof value !== 'string') return null;
  // The usual case, 11 ASCII digits, without the general walk.
  if (isPlainMobile(value)) return value.slice(0, 3) + maskChar.repeat(4) + value.slice(7);
  const probe = withMaskedDigits(value, maskChar);
  if (!LAYOUT.test(probe) || !MOBILE.test(normalize(probe))) return null;
  const total = countDigits(probe);
  const countryCode = total - 11; // 0, or the 2 digits of 86 / the 4 of 0086
  return maskDigitsOutside(value, countryCode + 3, total - 4, total, maskChar, 4);
}

/**
 * A mobile number on a real carrier prefix. With `like` (a real number), keeps its three-digit
 * prefix (the carrier, shared by a hundred million numbers) and draws the eight digits after it.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  const prefix = MOBILE.test(n) ? n.slice(0, 3) : pick(rng, ALL_VOICE_PREFIXES);
  return prefix + randomDigits(rng, 8);
}

/**
 * Mobile phone number.
 *
 * JR/T 0171-2020 class **C2** (identity): "mobile number" — REQUIREMENTS.md "Classification",
 * seed 004 分类 (2).
 *
 * Masks: keep the carrier prefix and the last four, `138****5678` (common bank practice); a
 * country code and the layout stay as written (`+86 138 **** 5678`).
 */
export const cnMobile: Kind = {
  id: 'cn-mobile',
  title: { en: 'Mobile phone number', zh: '手机号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'mobile', 'mobileno', 'mobilenum', 'mobilenumber', 'mobilephone', 'mobilephoneno', 'mobiletel',
      'mobiletelno', 'cellphone', 'cellphoneno', 'cellno', 'cellnumber', 'phone', 'phoneno',
      'phonenum', 'phonenumber', 'msisdn', 'contactmobile', 'contactphone', 'contactno',
      'custmobile', 'custphone', 'reservedmobile', 'reservedphone', 'bindmobile', 'bindphone',
      'smsphone', 'notifymobile', 'sjhm', 'sjh', 'shouji', 'shoujihao', 'yddh', 'lxdh', 'lxsj',
      'ylsjh', 'ylsjhm', 'bdsjh', 'sjhao',
      '手机号码', '手机号', '手机', '移动电话', '联系电话', '联系手机', '联系方式', '预留手机号',
      '预留手机号码', '绑定手机号',
    ],
    ambiguous: [
      { token: 'sj', note: '手机 (mobile) or 时间 (time) / 数据 / 审计' },
      { token: 'tel', note: 'a mobile or a landline number' },
      { token: 'telno', note: 'a mobile or a landline number' },
      { token: 'telephone', note: 'a mobile or a landline number' },
      { token: '电话', note: 'a mobile or a landline number' },
      { token: 'dh', note: '电话 (phone) or 单号 (order number)' },
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'kind', name: 'mobile' }),
  structuredMask,
  generate,
};
