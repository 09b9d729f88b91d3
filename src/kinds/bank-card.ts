/**
 * Bank card number / payment account number (银行卡号 / 支付账号): 16-19 digits whose first six
 * are the issuer's BIN (UnionPay cards start with 62) and whose last is the Luhn check digit
 * (ISO/IEC 7812-1). Many bank account numbers that are not card numbers carry no Luhn digit,
 * so a Luhn failure lowers the confidence instead of rejecting the value.
 */
import { isLuhnValid, luhnCheckDigit } from './checksums.js';
import { UNIONPAY_BINS } from './data/card-bins.js';
import { pick, randomDigits } from './rng.js';
import { NOT_DETECTED, isDigits, normalizeNumberLike, prepare } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

/** Prefixes of the international card networks (Visa, Mastercard, JCB, Discover) and the legacy 9xxx domestic cards. */
const NETWORK_PREFIX = /^(?:4|5[1-5]|2[2-7]|35|6011|65|9)/;
/** True for one digit repeated (`0000000000000000`): not a card number anyone was issued. */
function isOneDigitRepeated(n: string): boolean {
  for (let i = 1; i < n.length; i++) if (n.charCodeAt(i) !== n.charCodeAt(0)) return false;
  return n.length > 1;
}

function normalize(value: string): string {
  return normalizeNumberLike(value);
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (n.length < 16 || n.length > 19 || !isDigits(n) || isOneDigitRepeated(n)) return NOT_DETECTED;
  if (!isLuhnValid(n)) return { valid: true, confidence: 0.35, checksum: false };
  if (n.startsWith('62')) return { valid: true, confidence: 0.95, checksum: true };
  return { valid: true, confidence: NETWORK_PREFIX.test(n) ? 0.9 : 0.75, checksum: true };
}

function withCheckDigit(payload: string): string {
  return payload + luhnCheckDigit(payload);
}

/**
 * A Luhn-valid card number. With `like` (a real card number), keeps its six-digit BIN (issuer
 * and product, shared by millions of cards) and its length, and draws every other digit anew.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  let bin: string;
  let length: number;
  if (n.length >= 16 && n.length <= 19 && isDigits(n)) {
    bin = n.slice(0, 6);
    length = n.length;
  } else {
    const entry = pick(rng, UNIONPAY_BINS);
    bin = entry.bin;
    length = entry.length;
  }
  let card = withCheckDigit(bin + randomDigits(rng, length - 7));
  // A run of one digit is rejected by detect; redraw in that (astronomically rare) case.
  while (isOneDigitRepeated(card)) card = withCheckDigit(bin + randomDigits(rng, length - 7));
  return card;
}

/**
 * Bank card and payment account number.
 *
 * JR/T 0171-2020 class **C2** (account): "payment account numbers and equivalents" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: display keeps the BIN and the last four (`622202******1234`, bank practice and
 * PCI DSS); analytics hides the last four, literally as seed 002 四(三) asks.
 */
export const bankCard: Kind = {
  id: 'bank-card',
  title: { en: 'Bank card / payment account number', zh: '银行卡号 / 支付账号' },
  category: 'account',
  level: 'C2',
  evidence: {
    names: [
      'cardno', 'cardnbr', 'cardnum', 'cardnumber', 'cardid', 'bankcard', 'bankcardno', 'bankcardnum',
      'bankcardnumber', 'debitcardno', 'creditcardno', 'creditcardnumber', 'ccnumber', 'ccno',
      'pan', 'primaryaccountnumber', 'acctno', 'acctnbr', 'acctnum', 'acctid', 'accountno',
      'accountnum', 'accountnumber', 'accno', 'acno', 'bankacct', 'bankacctno', 'bankaccount',
      'bankaccountno', 'payacctno', 'payeracctno', 'payeeacctno', 'oppacctno', 'cntpacctno',
      'settleacctno', 'mediumno', 'yhkh', 'yhkhm', 'yhzh', 'zhh', 'zhhm', 'kahao', 'zhanghao',
      'fkzh', 'skzh', 'dfzh', 'jszh', 'xykh', 'jjkh',
      '银行卡号', '银行卡', '卡号', '银行账号', '账号', '帐号', '账户号', '账户号码', '账户',
      '付款账号', '收款账号', '对方账号', '结算账号', '信用卡号', '借记卡号', '主账号', '介质号',
    ],
    ambiguous: [
      { token: 'kh', note: '卡号 (card number) or 客户 (customer) / 客户号' },
      { token: 'zh', note: '账号 (account number) or 中华 / 综合 / 支行' },
      { token: 'account', note: 'an account number, or a login account name' },
    ],
  },
  detect,
  normalize,
  masks: {
    display: { type: 'keep', first: 6, last: 4, minMasked: 4 },
    analytics: { type: 'range', start: -4, minLength: 12 },
    log: { type: 'keep', first: 6, last: 4, minMasked: 4 },
    share: { type: 'keep', first: 6, last: 4, minMasked: 4 },
  },
  generate,
};
