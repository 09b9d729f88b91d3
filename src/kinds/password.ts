/**
 * Password or PIN (密码): login, transaction, query and payment passwords, card PINs and PIN
 * blocks. Nothing about a value tells that it is a password — any string can be one — so
 * detection always reports no evidence; only field names (and policies) classify it.
 */
import { AUTHENTICATION_MASKS } from './masks.js';
import { randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Content cannot show a password: confidence 0, whatever the value. */
function detect(_value: string): Detection {
  return NOT_DETECTED;
}

/** Unchanged: every character of a password matters, spaces included. */
function normalize(value: string): string {
  return String(value);
}

/**
 * A 6-digit PIN or a 12-character password. `like` is ignored on purpose: nothing may be
 * derived from a real secret, not even its length or alphabet.
 */
function generate(rng: Rng, _like?: string): string {
  return uniformInt(rng, 2) === 0 ? randomDigits(rng, 6) : randomChars(rng, PASSWORD_ALPHABET, 12);
}

/**
 * Password / PIN.
 *
 * JR/T 0171-2020 class **C3** (authentication): "card PIN, online payment password; account
 * login / trade / query passwords" — REQUIREMENTS.md "Classification", seed 004 分类 (1);
 * never shown in clear (seed 004 收集 ⑨), never logged (seed 000 art. 43).
 */
export const password: Kind = {
  id: 'password',
  title: { en: 'Password / PIN', zh: '密码' },
  category: 'authentication',
  level: 'C3',
  evidence: {
    names: [
      'password', 'passwd', 'pwd', 'pswd', 'passcode', 'pin', 'pincode', 'pinblock', 'pinblk', 'encpin',
      'loginpwd', 'loginpassword', 'tradepwd', 'tradepassword', 'txnpwd', 'transpwd', 'trspwd',
      'paypwd', 'paypassword', 'paymentpassword', 'querypwd', 'qrypwd', 'withdrawpwd', 'cardpwd',
      'cardpin', 'encpwd', 'pwdhash', 'passwordhash', 'hashedpassword', 'salt', 'userpwd',
      'jymm', 'dlmm', 'cxmm', 'zfmm', 'qkmm', 'wymm', 'kmm', 'yhmm', 'mima',
      '密码', '交易密码', '登录密码', '查询密码', '支付密码', '取款密码', '网银密码', '卡密码',
      '银行卡密码', '个人识别码', 'pin码', '密码密文', '密码哈希',
    ],
    ambiguous: [
      { token: 'mm', note: '密码 (password) or month / minute / millimetre' },
      { token: 'pass', note: 'a password, or pass / fail' },
      { token: 'secret', note: 'a password or key, or an API secret of the system itself' },
    ],
  },
  detect,
  normalize,
  masks: AUTHENTICATION_MASKS,
  generate,
};
