/**
 * Card expiry date (卡有效期): `MM/YY` as printed, `MM/YYYY`, `MM-YY`, and the four digits
 * `MMYY` or `YYMM` (track data and ISO 8583 field 14 use YYMM). Expired dates are still expiry
 * dates: no comparison with today.
 */
import { pad2 } from './dates.js';
import { AUTHENTICATION_MASKS } from './masks.js';
import { intBetween } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const SLASHED = /^(0?[1-9]|1[0-2])\s*[/-]\s*([0-9]{2}|20[0-9]{2})$/;
const FOUR_DIGITS = /^([0-9]{2})([0-9]{2})$/;

/** Month and two-digit year, or null. `slashed` tells the printed form from bare digits. */
function parseExpiry(s: string): { month: number; year: number; slashed: boolean } | null {
  const m = SLASHED.exec(s);
  if (m !== null) return { month: +m[1], year: +m[2] % 100, slashed: true };
  const d = FOUR_DIGITS.exec(s);
  if (d === null) return null;
  const [a, b] = [+d[1], +d[2]];
  if (a >= 1 && a <= 12) return { month: a, year: b, slashed: false }; // MMYY
  if (b >= 1 && b <= 12) return { month: b, year: a, slashed: false }; // YYMM
  return null;
}

/** `MM/YY` for an expiry date; other text half-width and trimmed. */
function normalize(value: string): string {
  const s = toHalfWidth(String(value)).trim();
  const e = parseExpiry(s);
  return e === null ? s : `${pad2(e.month)}/${pad2(e.year)}`;
}

function detect(value: string): Detection {
  const s = prepare(value, 16);
  if (s === null) return NOT_DETECTED;
  const e = parseExpiry(s);
  if (e === null) return NOT_DETECTED;
  return { valid: true, confidence: e.slashed ? 0.45 : 0.1 };
}

/**
 * A month and a year between 2026 and 2033 (cards run five to eight years). `like` is
 * ignored: nothing is derived from authentication data. The year range is fixed rather than
 * relative to today, so keyed pseudonyms stay the same from one year to the next.
 */
function generate(rng: Rng, _like?: string): string {
  return `${pad2(intBetween(rng, 1, 12))}/${intBetween(rng, 26, 33)}`;
}

/**
 * Card expiry date.
 *
 * JR/T 0171-2020 class **C3** (authentication): "card expiry" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (1).
 */
export const cardExpiry: Kind = {
  id: 'card-expiry',
  title: { en: 'Card expiry date', zh: '卡片有效期' },
  category: 'authentication',
  level: 'C3',
  evidence: {
    names: [
      'expiry', 'expirydate', 'expdate', 'expdt', 'expiration', 'expirationdate', 'cardexpiry',
      'cardexpdate', 'cardexpirydate', 'cardexpiration', 'validthru', 'validthrough', 'expmonth',
      'expyear', 'cardvaliddate', 'kyxq', 'xykyxq', 'kpyxq',
      '卡有效期', '信用卡有效期', '卡片有效期', '卡到期日',
    ],
    ambiguous: [
      { token: 'yxq', note: '有效期: a card expiry (C3) or an ID document expiry (C2)' },
      { token: '有效期', note: 'a card expiry (C3) or an ID document expiry (C2)' },
      { token: 'validdate', note: 'a card expiry or any validity date' },
    ],
  },
  detect,
  normalize,
  masks: AUTHENTICATION_MASKS,
  generate,
};
