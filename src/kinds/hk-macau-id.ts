/**
 * Hong Kong and Macau identity card numbers (香港 / 澳门居民身份证). HKID: one or two letters,
 * six digits and a check character `0`-`9` / `A`, usually written `A123456(3)`. Macau BIR: a
 * leading 1, 5 or 7, six digits and a check digit, written `1234567(8)`; its check algorithm is
 * not published, so Macau numbers are recognised by shape only (weaker evidence).
 */
import { hkidCheckChar } from './checksums.js';
import { intBetween, pick, randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, upperAsciiLetters, withoutParentheses } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const HKID = /^([A-Z]{1,2})([0-9]{6})([0-9A])$/;
const MACAU_ID = /^[157][0-9]{7}$/;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Half-width, upper case, without separators or the parentheses around the check character. */
function normalize(value: string): string {
  return upperAsciiLetters(withoutParentheses(normalizeNumberLike(value)));
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  const hk = HKID.exec(n);
  if (hk !== null) {
    return hkidCheckChar(hk[1], hk[2]) === hk[3]
      ? { valid: true, confidence: 0.9, checksum: true }
      : { valid: false, confidence: 0.2, checksum: false };
  }
  if (MACAU_ID.test(n)) return { valid: true, confidence: 0.4 };
  return NOT_DETECTED;
}

/**
 * An HKID with a correct check character (or, for a Macau `like`, a Macau-shaped number). Keeps
 * only which of the two documents `like` is; letters and digits are drawn anew.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  if (MACAU_ID.test(n)) return pick(rng, ['1', '5', '7']) + randomDigits(rng, 6) + String(intBetween(rng, 0, 9));
  // Two-letter prefixes are rare (mostly X- for people registered before 1983 elsewhere).
  const prefix = randomChars(rng, LETTERS, uniformInt(rng, 10) === 0 ? 2 : 1);
  const digits = randomDigits(rng, 6);
  return prefix + digits + hkidCheckChar(prefix, digits);
}

/**
 * Hong Kong / Macau identity card number.
 *
 * JR/T 0171-2020 class **C2** (identity): "ID document type+number" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the first letter and the last three (`A*****63`).
 */
export const hkMacauId: Kind = {
  id: 'hk-macau-id',
  title: { en: 'Hong Kong / Macau identity card number', zh: '港澳居民身份证号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'hkid', 'hkidno', 'hkidcard', 'hkidnumber', 'hongkongid', 'hongkongidno', 'macauid', 'macaoid',
      'macauidno', 'birno', 'xgsfz', 'xgsfzh', 'amsfz', 'amsfzh',
      '香港身份证', '香港身份证号', '香港身份证号码', '澳门身份证', '澳门身份证号码', '澳门居民身份证',
      '香港居民身份证', '港澳身份证',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 1, last: 3, minMasked: 4 }),
  generate,
};
