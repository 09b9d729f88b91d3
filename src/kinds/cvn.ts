/**
 * Card verification number (CVN2 / CVV2 / CVC2 / CID): the 3 digits printed on the back of a
 * card (4 on the front of American Express cards). Three digits are everywhere, so detection
 * is weak by nature; the field name carries the evidence.
 */
import { AUTHENTICATION_MASKS } from './masks.js';
import { randomDigits } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const CVN = /^[0-9]{3,4}$/;

function normalize(value: string): string {
  return normalizeNumberLike(value);
}

function detect(value: string): Detection {
  const s = prepare(value, 16);
  if (s === null) return NOT_DETECTED;
  return CVN.test(normalize(s)) ? { valid: true, confidence: 0.1 } : NOT_DETECTED;
}

/** Three random digits (four if `like` has four: only the card network's format is kept). */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  return randomDigits(rng, /^[0-9]{4}$/.test(n) ? 4 : 3);
}

/**
 * Card verification number.
 *
 * JR/T 0171-2020 class **C3** (authentication): "CVN/CVN2" — REQUIREMENTS.md "Classification",
 * seed 004 分类 (1). Must not be stored after authorization (PCI DSS 3.2).
 */
export const cvn: Kind = {
  id: 'cvn',
  title: { en: 'Card verification number (CVN2/CVV2)', zh: '卡片验证码（CVN2）' },
  category: 'authentication',
  level: 'C3',
  evidence: {
    names: [
      'cvn', 'cvn2', 'cvv', 'cvv2', 'cvc', 'cvc2', 'cid', 'csc', 'securitycode', 'cardsecuritycode',
      'cardverificationcode', 'cardverificationvalue', 'cardcvn', 'cardcvv', 'aqm', 'kaqm', 'kyzm',
      '安全码', '卡安全码', '卡验证码', '卡片验证码', 'cvn2码', 'cvv码', '卡背面验证码',
    ],
    ambiguous: [{ token: 'jym', note: '校验码 (check code): a CVN, a check digit or a verification code' }],
  },
  detect,
  normalize,
  masks: AUTHENTICATION_MASKS,
  generate,
};
