/**
 * Motor vehicle licence plate (机动车号牌, GA 36-2018): province abbreviation, issuing-authority
 * letter, then five characters (`京A12345`, `粤B·D2345` with the separator dot), or six on
 * new-energy plates (small vehicles: D/F — since 2022 also A-K — then a character and four
 * digits, `沪AD12345`; large vehicles: five digits then D/F, `沪A12345D`). Special plates end
 * in 挂 学 警 港 澳 领 试 超. Letters I and O are never used.
 */
import { pick, randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

export const PROVINCE_ABBREVIATIONS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const P = `[${PROVINCE_ABBREVIATIONS}]`;
const L = '[A-HJ-NP-Z]';
const C = '[A-HJ-NP-Z0-9]';
const NEV = '[A-HJK]';
const PLATE = new RegExp(`^${P}${L}(?:${C}{4}[A-HJ-NP-Z0-9挂学警港澳领试超]|${NEV}${C}[0-9]{4}|[0-9]{5}${NEV})$`, 'u');
const NEW_ENERGY = new RegExp(`^${P}${L}(?:${NEV}${C}[0-9]{4}|[0-9]{5}${NEV})$`, 'u');
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const CHARS = LETTERS + '0123456789';

/** Half-width, upper case, without spaces, hyphens or the separator dot. */
function normalize(value: string): string {
  return toHalfWidth(String(value))
    .replace(/[\s\u00b7\u2022\u30fb.-]+/gu, '')
    .replace(/[a-z]+/g, (w) => w.toUpperCase());
}

function detect(value: string): Detection {
  const s = prepare(value, 32);
  if (s === null) return NOT_DETECTED;
  return PLATE.test(normalize(s)) ? { valid: true, confidence: 0.9 } : NOT_DETECTED;
}

/**
 * A plate of the same province and issuing authority as `like` (a city: `粤B` is Shenzhen),
 * new-energy if `like` is; without `like`, a random province and letter.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  const known = PLATE.test(n);
  const head = known ? n.slice(0, 2) : pick(rng, [...PROVINCE_ABBREVIATIONS]) + randomChars(rng, LETTERS, 1);
  const newEnergy = known ? NEW_ENERGY.test(n) : uniformInt(rng, 4) === 0;
  if (newEnergy) {
    return uniformInt(rng, 2) === 0
      ? head + pick(rng, ['D', 'F']) + randomChars(rng, CHARS, 1) + randomDigits(rng, 4)
      : head + randomDigits(rng, 5) + pick(rng, ['D', 'F']);
  }
  // Ordinary plates use at most two letters among the five, mostly digits.
  let tail = randomDigits(rng, 5);
  for (let i = uniformInt(rng, 3); i > 0; i--) {
    const at = uniformInt(rng, 5);
    tail = tail.slice(0, at) + randomChars(rng, LETTERS, 1) + tail.slice(at + 1);
  }
  return head + tail;
}

/**
 * Vehicle licence plate number.
 *
 * JR/T 0171-2020 class **C2** (property): "property and loan information" — a plate identifies a
 * vehicle and its owner (car loans, insurance, ETC accounts) — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the first three and the last one (`苏D4***0`, Hutool `CAR_LICENSE`).
 */
export const licencePlate: Kind = {
  id: 'licence-plate',
  title: { en: 'Vehicle licence plate', zh: '车牌号码' },
  category: 'property',
  level: 'C2',
  evidence: {
    names: [
      'plateno', 'platenum', 'platenumber', 'licenseplate', 'licenceplate', 'licenseplateno',
      'carno', 'carnumber', 'carplate', 'vehicleno', 'vehicleplate', 'vehicleplateno', 'vehiclenumber',
      'cph', 'cphm', 'chepai', 'chepaihao', 'clhp', 'hphm',
      '车牌号', '车牌号码', '车牌', '号牌号码', '机动车号牌', '车辆号牌',
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 3, last: 1, minMasked: 3 }),
  generate,
};
