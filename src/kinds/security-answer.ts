/**
 * Answer to a security question (密保问题答案, 预留问题答案): free text chosen by the customer
 * ("my first school"), so content cannot show it; only field names classify it.
 */
import { GIVEN_NAME_CHARS } from './data/names.js';
import { AUTH_HELPER_MASKS } from './masks.js';
import { intBetween, pick } from './rng.js';
import { NOT_DETECTED, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

/** Content cannot show an answer: confidence 0, whatever the value. */
function detect(_value: string): Detection {
  return NOT_DETECTED;
}

/** Half-width, NFC, single spaces, trimmed (answers are compared as the customer meant them). */
function normalize(value: string): string {
  return toHalfWidth(String(value)).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Two to four Han characters. `like` is ignored: nothing is derived from a secret. */
function generate(rng: Rng, _like?: string): string {
  let out = '';
  for (let i = intBetween(rng, 2, 4); i > 0; i--) out += pick(rng, GIVEN_NAME_CHARS)[0];
  return out;
}

/**
 * Security-question answer — an authentication helper.
 *
 * JR/T 0171-2020 class **C2**, but **C3** alongside the account it authenticates:
 * "authentication helpers (dynamic password, SMS code, security-question answer)" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (2). Never entrusted to third parties.
 */
export const securityAnswer: Kind = {
  id: 'security-answer',
  title: { en: 'Security question answer', zh: '密保问题答案' },
  category: 'authentication',
  level: 'C2',
  authHelper: true,
  evidence: {
    names: [
      'securityanswer', 'secanswer', 'secretanswer', 'pwdanswer', 'passwordanswer', 'questionanswer',
      'safeanswer', 'recoveryanswer', 'challengeanswer', 'mbda', 'mbwtda', 'aqwtda', 'ylwtda', 'mbdaan',
      '密保答案', '密保问题答案', '安全问题答案', '预留问题答案', '密码提示答案', '验证问题答案',
    ],
    ambiguous: [{ token: 'answer', note: 'a security answer, or a survey / risk-questionnaire answer' }],
  },
  detect,
  normalize,
  masks: AUTH_HELPER_MASKS,
  generate,
};
