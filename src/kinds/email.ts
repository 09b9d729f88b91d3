/**
 * Email address (电子邮箱): `local@domain` with an ASCII local part (RFC 5321 dot-atom, the form
 * banks accept) and a domain of LDH labels under a top-level domain of letters or an IDNA
 * `xn--` label. Full-width spellings (`ｚｈａｎｇ＠ｑｑ．ｃｏｍ`) are accepted.
 */
import { pick, randomChars, randomDigits, uniformInt } from './rng.js';
import { GIVEN_NAME_CHARS, SURNAMES } from './data/names.js';
import { NOT_DETECTED, lowerAsciiLettersFrom, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Mailbox providers used by millions (keeping one in a pseudonym says nothing about a person). */
export const PUBLIC_MAIL_DOMAINS: readonly string[] = [
  'qq.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'foxmail.com', '139.com', '189.cn',
  'aliyun.com', 'yeah.net', 'outlook.com', 'hotmail.com', 'gmail.com', 'icloud.com',
];
const PUBLIC = new Set(PUBLIC_MAIL_DOMAINS);

/** Half-width, trimmed, domain lower-cased (domains are case-insensitive, local parts are not). */
function normalize(value: string): string {
  const s = toHalfWidth(String(value)).trim();
  const at = s.lastIndexOf('@');
  if (at < 0) return s;
  return lowerAsciiLettersFrom(s, at + 1);
}

function detect(value: string): Detection {
  const s = prepare(value);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  const at = n.lastIndexOf('@');
  if (at < 1 || n.length - at - 1 > 253) return NOT_DETECTED;
  if (at > 64 || !LOCAL.test(n.slice(0, at)) || !isDomain(n, at + 1)) return NOT_DETECTED;
  return { valid: true, confidence: 0.95 };
}

/**
 * True if `s` from `start` on is two or more LDH labels (letters, digits, '-'; 1-63 characters;
 * no '-' at either end) ending in a TLD label. A loop rather than split + a regex per label.
 */
function isDomain(s: string, start: number): boolean {
  let labels = 0;
  let labelStart = start;
  let lastStart = start;
  for (let i = start; i <= s.length; i++) {
    const c = i === s.length ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e) {
      const length = i - labelStart;
      if (length < 1 || length > 63 || s.charCodeAt(labelStart) === 0x2d || s.charCodeAt(i - 1) === 0x2d) return false;
      labels++;
      lastStart = labelStart;
      labelStart = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) {
      return false;
    }
  }
  return labels >= 2 && TLD.test(s.slice(lastStart));
}

/**
 * A synthetic address `pinyin + digits @ provider`. With `like`, keeps the domain only when it
 * is a public mailbox provider: a company or university domain would reveal the person's
 * employer or school, so it is replaced by a public provider too.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  const domain = n.slice(n.lastIndexOf('@') + 1);
  const keep = n.includes('@') && PUBLIC.has(domain);
  let local: string;
  switch (uniformInt(rng, 3)) {
    case 0:
      local = pick(rng, SURNAMES)[1].toLowerCase() + pick(rng, GIVEN_NAME_CHARS)[1].toLowerCase() + randomDigits(rng, uniformInt(rng, 5));
      break;
    case 1:
      // QQ mail addresses are the QQ number: 5 to 11 digits, not starting with 0.
      local = String(1 + uniformInt(rng, 9)) + randomDigits(rng, 4 + uniformInt(rng, 7));
      break;
    default:
      local = randomChars(rng, 'abcdefghijklmnopqrstuvwxyz', 1) + randomChars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 5 + uniformInt(rng, 6));
  }
  return local + '@' + (keep ? domain : pick(rng, PUBLIC_MAIL_DOMAINS));
}

/**
 * Email address.
 *
 * JR/T 0171-2020 class **C2** (identity): "other identifying data" — a mailbox reaches and
 * identifies its owner like a mobile number does — REQUIREMENTS.md "Classification",
 * seed 004 分类 (2).
 *
 * Masks: keep the first character of the local part and the whole domain (`z*****@qq.com`).
 */
export const email: Kind = {
  id: 'email',
  title: { en: 'Email address', zh: '电子邮箱' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'email', 'emailaddr', 'emailaddress', 'mail', 'mailbox', 'emailbox', 'custemail',
      'contactemail', 'useremail', 'notifyemail', 'dzyx', 'yxdz', 'dzyj', 'youxiang',
      '电子邮箱', '邮箱', '电子邮件', '邮件地址', '邮箱地址', '电子邮箱地址', 'email地址',
    ],
    ambiguous: [{ token: 'yx', note: '邮箱 (mailbox) or 有效 (valid) / 营销 (marketing) / 影像 (image)' }],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'before', char: '@', keep: 1 }),
  generate,
};
