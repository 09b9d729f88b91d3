/**
 * Magnetic-stripe track data (磁道信息) and its chip equivalent: ISO/IEC 7813 track 2
 * `;PAN=YYMM SSS discretionary?` (also as EMV tag 57 with `D` for the separator and `F`
 * padding), and track 1 `%B PAN ^NAME^ YYMM SSS discretionary?`. Sentinels are optional, since
 * systems often store the data without them.
 */
import { isLuhnValid, luhnCheckDigit } from './checksums.js';
import { UNIONPAY_BINS } from './data/card-bins.js';
import { AUTHENTICATION_MASKS } from './masks.js';
import { intBetween, pick, randomDigits } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const TRACK2 = /^;?([0-9]{12,19})[=D]([0-9]{2})([0-9]{2})([0-9]{3})([0-9]*)F?\??$/;
const TRACK1 = /^%?B([0-9]{12,19})\^([^^]{2,26})\^([0-9]{2})([0-9]{2})([0-9]{3})([^?]*)\??$/;

/** Half-width, trimmed; track 1 keeps its inner spaces (they belong to the name). */
function normalize(value: string): string {
  return toHalfWidth(String(value)).trim();
}

function detect(value: string): Detection {
  const s = prepare(value, 128);
  if (s === null) return NOT_DETECTED;
  const m = TRACK2.exec(s.replace(/\s+/g, '')) ?? TRACK1.exec(s);
  if (m === null) return NOT_DETECTED;
  const month = +m[m.length === 7 ? 4 : 3]; // YYMM: group 3 of track 2, group 4 of track 1
  if (month < 1 || month > 12) return { valid: false, confidence: 0.3 };
  const luhn = isLuhnValid(m[1]);
  return { valid: true, confidence: luhn ? 0.95 : 0.6, checksum: luhn };
}

/**
 * Track 2 data for a Luhn-valid UnionPay card: `;PAN=YYMM` + service code + discretionary
 * digits + `?`. `like` is ignored: nothing is derived from authentication data.
 */
function generate(rng: Rng, _like?: string): string {
  const bin = pick(rng, UNIONPAY_BINS);
  const payload = bin.bin + randomDigits(rng, bin.length - 7);
  const pan = payload + luhnCheckDigit(payload);
  // Service codes: 1xx/2xx international (2xx with chip), x0x normal authorization, xx0/xx1 no restriction.
  const service = pick(rng, ['101', '201', '220', '221']);
  return `;${pan}=${intBetween(rng, 26, 33)}${String(intBetween(rng, 1, 12)).padStart(2, '0')}${service}${randomDigits(rng, 10)}?`;
}

/**
 * Card track (magnetic stripe / chip) data.
 *
 * JR/T 0171-2020 class **C3** (authentication): "card track/chip data" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (1); never kept on transaction nodes (seed 000 art. 43).
 */
export const cardTrack: Kind = {
  id: 'card-track',
  title: { en: 'Card track / chip data', zh: '卡片磁道 / 芯片信息' },
  category: 'authentication',
  level: 'C3',
  evidence: {
    names: [
      'track', 'track1', 'track2', 'track3', 'trackdata', 'track1data', 'track2data', 'track3data',
      'tracks', 'magstripe', 'magneticstripe', 'stripedata', 'icdata', 'iccdata', 'chipdata',
      'emvdata', 'field35', 'field36', 'field45', 'cdxx', 'cdsj', 'ecd', 'scd', 'ecdxx', 'scdxx',
      '磁道信息', '磁道数据', '磁条信息', '二磁道', '三磁道', '二磁道信息', '三磁道信息', '芯片数据',
      'ic卡数据', '55域',
    ],
  },
  detect,
  normalize,
  masks: AUTHENTICATION_MASKS,
  generate,
};
