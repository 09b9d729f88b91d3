/**
 * Monetary amount: account balance, transaction amount, credit limit, income (余额 / 金额 /
 * 额度 / 收入), written `1234.5`, `-1,234.50`, `¥1,234.50`, `1234.50元`, `RMB 1,234.50`.
 */
import { intBetween, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

// Currency markers before or after the number; U+FFE5 is the full-width yuan sign.
const AMOUNT = /^([+-]?)\s*(?:[¥\uffe5]|RMB|CNY|人民币)?\s*([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,4})?)\s*(?:元|RMB|CNY)?$/iu;

interface ParsedAmount {
  readonly negative: boolean;
  /** Digits with an optional fraction, no grouping commas, no leading zeros. */
  readonly number: string;
  readonly marked: boolean;
}

/** Longer text is no amount; the cap also bounds the regex's backtracking over spaces. */
const MAX_AMOUNT_LENGTH = 64;

function parseAmount(s: string): ParsedAmount | null {
  if (s.length > MAX_AMOUNT_LENGTH) return null;
  const plain = parsePlainAmount(s);
  if (plain !== undefined) return plain;
  const m = AMOUNT.exec(s);
  if (m === null || (m[1] !== '' && m[2] !== '')) return null;
  const number = m[3].replace(/,/g, '').replace(/^0+(?=[0-9])/, '');
  const marked = m[0] !== m[1] + m[3] || m[3].includes(',');
  return { negative: m[1] === '-' || m[2] === '-', number, marked };
}

/**
 * The common case without the regex: an optional '-', ASCII digits, optionally '.' and 1–4
 * digits (`1234.50`, `-0.5`, `007`), parsed exactly as AMOUNT would. Undefined for any other
 * text, which then goes through AMOUNT.
 */
function parsePlainAmount(s: string): ParsedAmount | undefined {
  const negative = s.charCodeAt(0) === 0x2d;
  const start = negative ? 1 : 0;
  let dot = -1;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e && dot < 0) dot = i;
    else if (c < 0x30 || c > 0x39) return undefined;
  }
  const intEnd = dot < 0 ? s.length : dot;
  if (intEnd === start || (dot >= 0 && (s.length - dot - 1 < 1 || s.length - dot - 1 > 4))) return undefined;
  // Leading zeros go, but the last integer digit stays (`007.5` → `7.5`, `000` → `0`).
  let from = start;
  while (from < intEnd - 1 && s.charCodeAt(from) === 0x30) from++;
  return { negative, number: from === 0 ? s : s.slice(from), marked: false };
}

/** True if the number is zero (digits and '.' are all zeros). */
function isZero(number: string): boolean {
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c !== 0x30 && c !== 0x2e) return false;
  }
  return true;
}

/** The number alone: sign, digits, fraction as written (`-1234.50`); other text half-width, trimmed. */
function normalize(value: string): string {
  const s = toHalfWidth(String(value)).trim();
  const a = parseAmount(s);
  if (a === null) return s;
  return (a.negative && !isZero(a.number) ? '-' : '') + a.number;
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const a = parseAmount(s);
  if (a === null) return NOT_DETECTED;
  // Any number parses: a currency sign, grouping or two decimals make an amount likelier.
  if (a.marked) return { valid: true, confidence: 0.45 };
  const n = a.number;
  // Exactly two decimals (`.50`): the usual shape of money.
  const twoDecimals = n.length >= 3 && n.charCodeAt(n.length - 3) === 0x2e;
  return { valid: true, confidence: twoDecimals ? 0.3 : 0.1 };
}

/**
 * An amount with two decimals, magnitude spread over 0.01 .. 10^7. With `like`, keeps the sign,
 * the number of integer digits (the order of magnitude, so sums and distributions stay
 * plausible) and the number of decimals; the digits themselves are drawn anew.
 */
function generate(rng: Rng, like?: string): string {
  const a = like === undefined ? null : parseAmount(toHalfWidth(like).trim());
  let integerDigits: number;
  let decimals: number;
  let sign = '';
  if (a === null) {
    integerDigits = intBetween(rng, 1, 7);
    decimals = 2;
  } else {
    const dot = a.number.indexOf('.');
    integerDigits = dot < 0 ? a.number.length : dot;
    decimals = dot < 0 ? 0 : a.number.length - dot - 1;
    if (a.negative && !isZero(a.number)) sign = '-';
  }
  const integer = integerDigits === 1 ? String(uniformInt(rng, 10)) : String(intBetween(rng, 1, 9)) + randomDigits(rng, integerDigits - 1);
  return sign + integer + (decimals === 0 ? '' : '.' + randomDigits(rng, decimals));
}

/**
 * Amount: balance, transaction amount, limit, income.
 *
 * JR/T 0171-2020 class **C2** (property): "property and loan information" and "transaction
 * data" — REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: never shown as is (fixed width); analytics generalizes to buckets, as DESIGN.md's
 * scene table asks for amounts.
 */
export const amount: Kind = {
  id: 'amount',
  title: { en: 'Amount / balance', zh: '金额 / 余额' },
  category: 'property',
  level: 'C2',
  evidence: {
    names: [
      'balance', 'bal', 'acctbal', 'acctbalance', 'accountbalance', 'curbal', 'currbal', 'currentbalance',
      'availbal', 'availablebalance', 'avlbal', 'ledgerbal', 'amount', 'amt', 'txnamt', 'tranamt',
      'transamt', 'trxamt', 'trnamt', 'payamt', 'paymentamount', 'loanamt', 'loanbal', 'loanbalance',
      'creditlimit', 'crdlmt', 'limitamt', 'totalamt', 'depositamt', 'depbal', 'income', 'salary',
      'monthlyincome', 'annualincome', 'assets', 'totalassets',
      'zhye', 'kyye', 'dqye', 'jyje', 'fse', 'jyfse', 'dkye', 'ckye', 'sxed', 'xyed', 'dked', 'zcze',
      'ysr', 'gzsr', 'jine', 'yue',
      '余额', '账户余额', '可用余额', '当前余额', '金额', '交易金额', '发生额', '贷款余额', '存款余额',
      '授信额度', '信用额度', '贷款金额', '资产总额', '月收入', '年收入', '收入', '工资',
    ],
    ambiguous: [
      { token: 'ye', note: '余额 (balance) or 页 (page)' },
      { token: 'je', note: '金额 (amount); rarely anything else, but short tokens collide' },
      { token: 'nsr', note: '年收入 (annual income) or 纳税人 (taxpayer)' },
    ],
  },
  detect,
  normalize,
  masks: {
    display: { type: 'fixed' },
    analytics: { type: 'generalize', to: 'amount-bucket' },
    log: { type: 'fixed' },
    share: { type: 'fixed' },
  },
  generate,
};
