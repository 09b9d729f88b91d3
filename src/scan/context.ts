/**
 * Context words: what is written just before a value says what it is. `身份证：` before 18 digits
 * makes a checksum-valid ID number near certain and lets a card number without a Luhn digit
 * (many bank account numbers have none) count; `订单号` or `尾号` before the same digits says
 * they are an order number or a fragment. Only the words on the same line, at most
 * {@link CONTEXT_WINDOW} code units before the value, are read, and the word closest to the value
 * wins (`交易流水 … 卡号 6222…`: the card number is a card number).
 */
import { CHAR_FLAGS, NEWLINE } from './chars.js';
import type { ScanKind } from './types.js';

/** How far back context words are looked for (UTF-16 code units). */
export const CONTEXT_WINDOW = 24;

/** The verdict of the context on one kind. */
export const NEUTRAL = 0;
export const POSITIVE = 1;
export const NEGATIVE = 2;
export type Verdict = typeof NEUTRAL | typeof POSITIVE | typeof NEGATIVE;

interface ContextWord {
  readonly word: string;
  /** Kinds the word announces; `null` for words that announce something that is not a personal value. */
  readonly kinds: readonly ScanKind[] | null;
}

const ID: ScanKind[] = ['cn-id-card', 'hk-macau-id', 'taiwan-id'];
const CARD: ScanKind[] = ['bank-card'];
const PHONE: ScanKind[] = ['cn-mobile', 'cn-landline'];

/**
 * Announcing words, in Chinese and in the English spellings of log field names (matched in lower
 * case, so `idNo=` and `IDNO:` both count). Longer words come before the words they contain only
 * for readability: the closest *end* position decides, and ties go to the longer word.
 */
const WORDS: readonly ContextWord[] = [
  // Identity documents.
  { word: '身份证', kinds: ID },
  { word: '身分證', kinds: ['taiwan-id'] },
  { word: '证件', kinds: [...ID, 'passport', 'travel-permit'] },
  { word: '公民身份', kinds: ['cn-id-card'] },
  { word: '身份号码', kinds: ['cn-id-card'] },
  { word: 'idcard', kinds: ['cn-id-card'] },
  { word: 'id_card', kinds: ['cn-id-card'] },
  { word: 'idno', kinds: ['cn-id-card'] },
  { word: 'id_no', kinds: ['cn-id-card'] },
  { word: 'id no', kinds: ['cn-id-card'] },
  { word: 'certno', kinds: ['cn-id-card', 'passport'] },
  { word: 'cert_no', kinds: ['cn-id-card', 'passport'] },
  { word: 'sfz', kinds: ['cn-id-card'] },
  { word: 'zjhm', kinds: ['cn-id-card'] },
  { word: '香港', kinds: ['hk-macau-id'] },
  { word: '澳门', kinds: ['hk-macau-id'] },
  { word: 'hkid', kinds: ['hk-macau-id'] },
  { word: '台湾', kinds: ['taiwan-id', 'travel-permit'] },
  { word: '护照', kinds: ['passport'] },
  { word: 'passport', kinds: ['passport'] },
  { word: '通行证', kinds: ['travel-permit'] },
  { word: '回乡证', kinds: ['travel-permit'] },
  { word: '台胞证', kinds: ['travel-permit'] },
  { word: 'permit', kinds: ['travel-permit'] },
  // Cards and accounts.
  { word: '卡号', kinds: CARD },
  { word: '银行卡', kinds: CARD },
  { word: '信用卡', kinds: CARD },
  { word: '借记卡', kinds: CARD },
  { word: '储蓄卡', kinds: CARD },
  { word: '账号', kinds: CARD },
  { word: '帐号', kinds: CARD },
  { word: '账户', kinds: CARD },
  { word: '帐户', kinds: CARD },
  { word: 'card', kinds: CARD },
  { word: 'acct', kinds: CARD },
  { word: 'account', kinds: CARD },
  // Phones.
  { word: '手机', kinds: ['cn-mobile'] },
  { word: '电话', kinds: PHONE },
  { word: '联系方式', kinds: PHONE },
  { word: '致电', kinds: PHONE },
  { word: '来电', kinds: PHONE },
  { word: '短信', kinds: ['cn-mobile'] },
  { word: '座机', kinds: ['cn-landline'] },
  { word: '固话', kinds: ['cn-landline'] },
  { word: '传真', kinds: ['cn-landline'] },
  { word: 'mobile', kinds: ['cn-mobile'] },
  { word: 'phone', kinds: PHONE },
  { word: 'tel', kinds: PHONE },
  { word: 'fax', kinds: ['cn-landline'] },
  // Others.
  { word: '邮箱', kinds: ['email'] },
  { word: 'mail', kinds: ['email'] },
  { word: '信用代码', kinds: ['uscc'] },
  { word: '营业执照', kinds: ['uscc'] },
  { word: '纳税人', kinds: ['uscc'] },
  { word: '税号', kinds: ['uscc'] },
  { word: 'uscc', kinds: ['uscc'] },
  { word: '车牌', kinds: ['licence-plate'] },
  { word: '号牌', kinds: ['licence-plate'] },
  { word: 'plate', kinds: ['licence-plate'] },
  // Numbers that are not personal values, or not whole ones.
  { word: '订单', kinds: null },
  { word: '单号', kinds: null },
  { word: '流水', kinds: null },
  { word: '交易号', kinds: null },
  { word: '批次', kinds: null },
  { word: '序号', kinds: null },
  { word: '序列号', kinds: null },
  { word: '尾号', kinds: null },
  { word: '金额', kinds: null },
  { word: '余额', kinds: null },
  { word: '时间', kinds: null },
  { word: '日期', kinds: null },
  { word: '版本', kinds: null },
  { word: '工号', kinds: null },
  { word: 'order', kinds: null },
  { word: 'txn', kinds: null },
  { word: 'trace', kinds: null },
  { word: 'serial', kinds: null },
  { word: 'seq', kinds: null },
  { word: 'timestamp', kinds: null },
  { word: 'time', kinds: null },
  { word: 'amount', kinds: null },
  { word: 'version', kinds: null },
  { word: 'uuid', kinds: null },
];

export type { ContextWord };

/** Words by their last character (lower case), longest first; and a table of those last characters. */
const BY_LAST_CHAR = new Map<number, ContextWord[]>();
const IS_LAST_CHAR = new Uint8Array(0x10000);
for (const w of WORDS) {
  const last = w.word.charCodeAt(w.word.length - 1);
  IS_LAST_CHAR[last] = 1;
  const list = BY_LAST_CHAR.get(last) ?? [];
  list.push(w);
  list.sort((a, b) => b.word.length - a.word.length);
  BY_LAST_CHAR.set(last, list);
}

function lower(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

/** `word` ends at text[j] (ASCII letters compared without case). */
function endsAt(text: string, j: number, word: string): boolean {
  const len = word.length;
  if (j + 1 < len) return false;
  for (let k = 1; k < len; k++) if (lower(text.charCodeAt(j - k)) !== word.charCodeAt(len - 1 - k)) return false;
  return true;
}

/**
 * The announcing word that ends closest to `start` on its line, within
 * {@link CONTEXT_WINDOW} code units, or null. Reads the window backwards once, comparing only
 * where a word's last character stands; nothing is allocated. The verdict for each kind a
 * candidate may be is then {@link verdictFor}.
 */
export function closestContextWord(text: string, start: number): ContextWord | null {
  const limit = start - CONTEXT_WINDOW > 0 ? start - CONTEXT_WINDOW : 0;
  for (let j = start - 1; j >= limit; j--) {
    const c = lower(text.charCodeAt(j));
    if (IS_LAST_CHAR[c] === 0) {
      if ((CHAR_FLAGS[c] & NEWLINE) !== 0) return null;
      continue;
    }
    for (const w of BY_LAST_CHAR.get(c) as ContextWord[]) if (endsAt(text, j, w.word)) return w;
  }
  return null;
}

/** What the closest context word says about `kind`. */
export function verdictFor(word: ContextWord | null, kind: ScanKind): Verdict {
  if (word === null) return NEUTRAL;
  if (word.kinds === null) return NEGATIVE;
  return word.kinds.includes(kind) ? POSITIVE : NEUTRAL;
}

/**
 * Confidence after context: an announcing word moves the kind's confidence most of the way to 1
 * (0.35 → 0.74, 0.85 → 0.94); a word announcing something else lowers it by 0.3, so a value
 * with a passing check digit (ID 0.99, UnionPay card 0.95) is still masked after `订单号` while a
 * bare number shape (a card without its Luhn digit) is not.
 */
export function adjust(confidence: number, verdict: Verdict): number {
  if (verdict === POSITIVE) return 1 - (1 - confidence) * 0.4;
  if (verdict === NEGATIVE) return confidence > 0.3 ? confidence - 0.3 : 0;
  return confidence;
}
