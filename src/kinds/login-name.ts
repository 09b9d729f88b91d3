/**
 * Account login user name (登录名 / 用户名) of online and mobile banking. Customers also log in
 * with a mobile number or an email address; those values are recognised by their own kinds.
 */
import { GIVEN_NAME_CHARS, SURNAMES } from './data/names.js';
import { pick, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const LOGIN = /^[A-Za-z][A-Za-z0-9_.@-]{3,31}$/;

/** Half-width and trimmed (whether login names ignore case is each system's choice). */
function normalize(value: string): string {
  return toHalfWidth(String(value)).trim();
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  // Any identifier-like word fits: evidence comes from the field name.
  return LOGIN.test(s) ? { valid: true, confidence: 0.15 } : NOT_DETECTED;
}

/** A pinyin name plus digits (`wangxiuying1988`). `like` is ignored: the name is drawn anew. */
function generate(rng: Rng, _like?: string): string {
  const name = pick(rng, SURNAMES)[1] + pick(rng, GIVEN_NAME_CHARS)[1] + (uniformInt(rng, 2) === 0 ? pick(rng, GIVEN_NAME_CHARS)[1] : '');
  return name.toLowerCase() + randomDigits(rng, 2 + uniformInt(rng, 3));
}

/**
 * Account login user name.
 *
 * JR/T 0171-2020 class **C2** (account): "account login user names" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: keep the first two characters and the last one.
 */
export const loginName: Kind = {
  id: 'login-name',
  title: { en: 'Login user name', zh: '账户登录名' },
  category: 'account',
  level: 'C2',
  evidence: {
    names: [
      'loginname', 'loginid', 'loginacct', 'loginaccount', 'logonname', 'logonid', 'signinname',
      'username', 'usernm', 'usrname', 'userloginname', 'netbankuser', 'ebankuserid', 'mbankuserid',
      'dlm', 'dlmc', 'dlzh', 'dlh', 'yhm', 'wyyhm', 'sjyhyhm', 'denglu',
      '登录名', '登录账号', '登录帐号', '用户名', '网银用户名', '手机银行用户名', '登录用户名',
    ],
    ambiguous: [
      { token: 'user', note: 'a login name, a user ID (surrogate key) or the operator of a record' },
      { token: 'userid', note: 'a login name or an internal numeric user key' },
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 2, last: 1, minMasked: 2 }),
  generate,
};
