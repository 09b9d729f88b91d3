/**
 * SMS / dynamic verification code (短信验证码, 动态密码, 动态口令): 4-8 digits sent to the
 * customer or shown by a token. Short digit strings are everywhere, so detection is weak; the
 * field name carries the evidence.
 */
import { AUTH_HELPER_MASKS } from './masks.js';
import { randomDigits } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const CODE = /^[0-9]{4,8}$/;

function normalize(value: string): string {
  return normalizeNumberLike(value);
}

function detect(value: string): Detection {
  const s = prepare(value, 16);
  if (s === null) return NOT_DETECTED;
  return CODE.test(normalize(s)) ? { valid: true, confidence: 0.1 } : NOT_DETECTED;
}

/** Six random digits (the length of `like` if it is a 4-8 digit code; nothing else is kept). */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  return randomDigits(rng, CODE.test(n) ? n.length : 6);
}

/**
 * SMS / dynamic verification code — an authentication helper.
 *
 * JR/T 0171-2020 class **C2**, but **C3** when in the same record as the account it authenticates:
 * "authentication helpers (dynamic password, SMS code, security-question answer) — but a helper
 * that, combined with the account, completes authentication by itself is C3" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2). Never entrusted to third parties (seed 004 使用 ⑪).
 */
export const smsCode: Kind = {
  id: 'sms-code',
  title: { en: 'SMS / dynamic verification code', zh: '短信验证码 / 动态口令' },
  category: 'authentication',
  level: 'C2',
  authHelper: true,
  evidence: {
    names: [
      'smscode', 'smsotp', 'smsverifycode', 'verifycode', 'verificationcode', 'vcode', 'valicode',
      'validcode', 'checkcode', 'authcode', 'otp', 'otpcode', 'dynamiccode', 'dynamicpwd',
      'dynamicpassword', 'dynpwd', 'tokencode', 'securitytoken', 'yzm', 'dxyzm', 'sjyzm', 'dtmm',
      'dtkl', 'dtyzm',
      '验证码', '短信验证码', '手机验证码', '动态密码', '动态口令', '动态验证码', '一次性密码',
    ],
    ambiguous: [
      { token: 'code', note: 'a verification code, or any code (product, branch, status)' },
      { token: 'captcha', note: 'an image CAPTCHA answer: not personal data' },
    ],
  },
  detect,
  normalize,
  masks: AUTH_HELPER_MASKS,
  generate,
};
