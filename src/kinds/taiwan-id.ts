/**
 * Taiwan national identification number (台湾身分证字号): a letter for the place of first
 * registration, `1` / `2` (sex; `8` / `9` on residence certificates since 2021), seven digits and
 * a check digit over the letter's two-digit code and the digits (weights 1, 9, 8 ... 1).
 */
import { taiwanIdCheckDigit } from './checksums.js';
import { pick, randomChars, randomDigits } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, upperAsciiLetters } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const TAIWAN_ID = /^([A-Z])([1289][0-9]{7})([0-9])$/;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Half-width, no separators, upper case. */
function normalize(value: string): string {
  return upperAsciiLetters(normalizeNumberLike(value));
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const m = TAIWAN_ID.exec(normalize(s));
  if (m === null) return NOT_DETECTED;
  return taiwanIdCheckDigit(m[1], m[2]) === Number(m[3])
    ? { valid: true, confidence: 0.95, checksum: true }
    : { valid: false, confidence: 0.2, checksum: false };
}

/**
 * A number with a correct check digit. With `like`, keeps the registration letter (a county or
 * city, as the mainland ID keeps its region code); sex digit and serial are drawn anew.
 */
function generate(rng: Rng, like?: string): string {
  const m = like === undefined ? null : TAIWAN_ID.exec(normalize(like));
  const letter = m === null ? randomChars(rng, LETTERS, 1) : m[1];
  const digits = pick(rng, ['1', '2']) + randomDigits(rng, 7);
  return letter + digits + String(taiwanIdCheckDigit(letter, digits));
}

/**
 * Taiwan national ID number.
 *
 * JR/T 0171-2020 class **C2** (identity): "ID document type+number" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the letter and the last three (`A******789`).
 */
export const taiwanId: Kind = {
  id: 'taiwan-id',
  title: { en: 'Taiwan national ID number', zh: '台湾身份证号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'twid', 'twidno', 'taiwanid', 'taiwanidno', 'twnationalid', 'twsfz', 'twsfzh',
      '台湾身份证', '台湾身份证号', '台湾身份证号码', '身分證字號', '身分證號碼', '台湾居民身份证',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 1, last: 3, minMasked: 4 }),
  generate,
};
