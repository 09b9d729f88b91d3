/**
 * Passport number (护照号码). PRC passports: ordinary `E` + 8 characters (`E12345678`, and
 * `E` + letter + 7 digits since the digit series ran out), the earlier e-passport series `G` +
 * 8 digits, diplomatic / service / public-affairs `DE` / `SE` / `PE` + 7 digits, and pre-2012
 * books `14` / `15` + 7 digits. Foreign passports are recognised by the common
 * letters-then-digits shape with weaker evidence.
 */
import { randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, upperAsciiLetters } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const CN_PASSPORT = /^(?:E[0-9A-HJ-NP-Z][0-9]{7}|G[0-9]{8}|[DSP]E[0-9]{7}|1[45][0-9]{7})$/;
const OTHER_PASSPORT = /^([A-Z]{1,2})([0-9]{6,8})$/;
const SERIES_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Half-width, no separators, upper case. */
function normalize(value: string): string {
  return upperAsciiLetters(normalizeNumberLike(value));
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (CN_PASSPORT.test(n)) return { valid: true, confidence: 0.8 };
  // Many other identifiers are letters then digits: weak evidence on its own.
  if (OTHER_PASSPORT.test(n)) return { valid: true, confidence: 0.35 };
  return NOT_DETECTED;
}

/** `E` + 8 digits, or `E` + series letter + 7 digits. */
function ordinaryPassport(rng: Rng): string {
  return 'E' + (uniformInt(rng, 2) === 0 ? randomDigits(rng, 8) : randomChars(rng, SERIES_LETTERS, 1) + randomDigits(rng, 7));
}

/**
 * A PRC ordinary passport number. With `like`, keeps the series (`E`, `G`, `DE` ... — the kind
 * of passport, not the person) of a PRC number; a foreign number becomes a random value of the
 * same letters-then-digits shape.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  if (CN_PASSPORT.test(n)) {
    if (n[0] === 'E') return ordinaryPassport(rng);
    if (n[0] === 'G') return 'G' + randomDigits(rng, 8);
    return n.slice(0, 2) + randomDigits(rng, 7);
  }
  const other = OTHER_PASSPORT.exec(n);
  if (other !== null) return randomChars(rng, SERIES_LETTERS, other[1].length) + randomDigits(rng, other[2].length);
  return ordinaryPassport(rng);
}

/**
 * Passport number.
 *
 * JR/T 0171-2020 class **C2** (identity): "ID document type+number (ID card, passport...)" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: keep the series letter and the last three (`E*****678`).
 */
export const passport: Kind = {
  id: 'passport',
  title: { en: 'Passport number', zh: '护照号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'passport', 'passportno', 'passportnum', 'passportnumber', 'passportid', 'ppno', 'ppnum',
      'hzhm', 'hzh', 'huzhao', '护照', '护照号', '护照号码', '护照编号',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 1, last: 3, minMasked: 4 }),
  generate,
};
