/**
 * Mainland travel permits (通行证): the permits Hong Kong / Macau residents use to enter the
 * mainland (港澳居民来往内地通行证, "回乡证": `H` / `M` + 8 digits on the card, + 10 digits on
 * the older book), the Taiwan residents' permit (台湾居民来往大陆通行证, "台胞证": 8 digits on
 * the card since 2015), and mainland residents' permits to Hong Kong / Macau (往来港澳通行证:
 * `C` + 8 characters) and to Taiwan (大陆居民往来台湾通行证: `L` + 8 digits). None carries a
 * published check digit; an 8-digit 台胞证 number is weak evidence on its own.
 */
import { pick, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, upperAsciiLetters, withoutParentheses } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const HOME_RETURN = /^[HM][0-9]{8}$/;
const HOME_RETURN_OLD = /^[HM][0-9]{10}$/;
const TO_HK_MACAU = /^C[0-9A-HJ-NP-Z][0-9]{7}$/;
const TO_TAIWAN = /^L[0-9]{8}$/;
const TAIWAN_COMPATRIOT = /^[0-9]{8}$/;
const TAIWAN_COMPATRIOT_OLD = /^[0-9]{10}[A-Z]?$/;

/** Half-width, upper case, without separators or parentheses. */
function normalize(value: string): string {
  return upperAsciiLetters(withoutParentheses(normalizeNumberLike(value)));
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (HOME_RETURN.test(n)) return { valid: true, confidence: 0.8 };
  if (TO_HK_MACAU.test(n) || TO_TAIWAN.test(n)) return { valid: true, confidence: 0.7 };
  if (HOME_RETURN_OLD.test(n)) return { valid: true, confidence: 0.6 };
  if (TAIWAN_COMPATRIOT.test(n) || TAIWAN_COMPATRIOT_OLD.test(n)) return { valid: true, confidence: 0.15 };
  return NOT_DETECTED;
}

/**
 * A permit number of the same kind of permit as `like` (home-return H/M, to HK/Macau C, to
 * Taiwan L, or Taiwan compatriot digits); every digit is drawn anew. Without `like`, a
 * home-return permit number.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  if (TO_HK_MACAU.test(n)) return 'C' + randomDigits(rng, 8);
  if (TO_TAIWAN.test(n)) return 'L' + randomDigits(rng, 8);
  if (TAIWAN_COMPATRIOT.test(n) || TAIWAN_COMPATRIOT_OLD.test(n)) return randomDigits(rng, 8);
  const letter = HOME_RETURN.test(n) || HOME_RETURN_OLD.test(n) ? n[0] : pick(rng, ['H', 'H', 'H', 'M']);
  return letter + String(1 + uniformInt(rng, 9)) + randomDigits(rng, 7);
}

/**
 * Mainland travel permit number (HK/Macau/Taiwan residents' and mainland residents' permits).
 *
 * JR/T 0171-2020 class **C2** (identity): "ID document type+number" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the first character and the last three (`H*****678`).
 */
export const travelPermit: Kind = {
  id: 'travel-permit',
  title: { en: 'Mainland travel permit number', zh: '往来内地（大陆）/ 港澳台通行证号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'permitno', 'permitnumber', 'travelpermit', 'travelpermitno', 'homereturnpermit', 'hrpno',
      'mtpno', 'eepno', 'txzh', 'txzhm', 'hxz', 'hxzh', 'tbz', 'tbzh', 'gatxz', 'gatxzh', 'wlgatxz',
      'twtxz', 'dltxz',
      '通行证', '通行证号', '通行证号码', '回乡证', '回乡证号码', '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证', '台胞证', '台胞证号码', '往来港澳通行证', '港澳通行证',
      '大陆居民往来台湾通行证', '往来台湾通行证',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 1, last: 3, minMasked: 4 }),
  generate,
};
