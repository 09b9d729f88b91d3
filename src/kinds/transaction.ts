/**
 * Transaction journal fields (交易流水): serial / reference numbers (流水号, 参考号, RRN),
 * remarks and postscripts (摘要, 附言, 备注), transaction time and place. Remarks are free text
 * and cannot be recognised by content; serial numbers are recognised weakly (long digit-heavy
 * codes are also order numbers, batch numbers ...). The field name carries the evidence.
 */
import { isRealDate, pad2, randomDateInYear } from './dates.js';
import { intBetween, pick, randomDigits } from './rng.js';
import { NOT_DETECTED, isDigits, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const SERIAL = /^[A-Za-z0-9_-]{12,40}$/;
/** Runs of digits and runs of anything else (global: matchAll copies it, so sharing is safe). */
const DIGIT_RUNS = /[0-9]+|[^0-9]+/g;

/** Half-width and trimmed (journal fields have no canonical form beyond that). */
function normalize(value: string): string {
  return toHalfWidth(String(value)).trim();
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null || !SERIAL.test(s)) return NOT_DETECTED;
  const digits = s.replace(/[^0-9]/g, '').length;
  return digits >= 10 ? { valid: true, confidence: 0.15 } : NOT_DETECTED;
}

/** Remarks that say nothing about a person, for replacing free-text remarks in test data. */
const NEUTRAL_REMARKS = ['转账', '消费', '还款', '代发工资', '网银转账', '手机银行转账', 'ATM取款', '利息', '缴费', '退款'];

/** A random `yyyymmdd` in 2018..2024. */
function randomJournalDate(rng: Rng): string {
  const [y, m, d] = randomDateInYear(rng, intBetween(rng, 2018, 2024));
  return `${y}${pad2(m)}${pad2(d)}`;
}

/** `yyyymmdd` at the start of `run` is a real date of 1990..2099 (a journal date). */
function startsWithDate(run: string): boolean {
  if (run.length < 8) return false;
  const y = Number(run.slice(0, 4));
  const m = Number(run.slice(4, 6));
  const d = Number(run.slice(6, 8));
  return y >= 1990 && y <= 2099 && isRealDate(y, m, d);
}

/**
 * A serial with letters or separators (`TX20211014…`, `TXN-2024-0315-00012345`) in the same
 * shape: letters, `_` and `-` stay where they are (channel and system codes, separators: they
 * say nothing about the customer, and test systems route and validate by them), every run of
 * digits gets random digits of its length, and a run that starts with a journal date starts
 * with a random date instead.
 */
function sameShapeSerial(rng: Rng, serial: string): string {
  let out = '';
  for (const m of serial.matchAll(DIGIT_RUNS)) {
    const run = m[0];
    const c = run.charCodeAt(0);
    if (c < 48 || c > 57) out += run;
    else if (startsWithDate(run)) out += randomJournalDate(rng) + randomDigits(rng, run.length - 8);
    else out += randomDigits(rng, run.length);
  }
  return out;
}

/**
 * A journal serial number: `yyyymmdd` + 12 digits. With `like`, a digits-only serial keeps its
 * length (so column widths and joins on length still work), a serial with letters or
 * separators keeps its shape (see sameShapeSerial), and a free-text remark (any Han character)
 * is replaced by a neutral remark such as `转账`, which by design detect() does not recognise.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  // Digits only, the usual journal number: the checks below would all come to this.
  if (n.length >= 12 && n.length <= 40 && isDigits(n)) return randomJournalDate(rng) + randomDigits(rng, n.length - 8);
  if (/\p{Script=Han}/u.test(n)) return pick(rng, NEUTRAL_REMARKS);
  if (SERIAL.test(n) && !isDigits(n) && n.replace(/[^0-9]/g, '').length >= 6) return sameShapeSerial(rng, n);
  const date = randomJournalDate(rng);
  return date + randomDigits(rng, /^[0-9]{12,40}$/.test(n) ? n.length - 8 : 12);
}

/**
 * Transaction journal fields.
 *
 * JR/T 0171-2020 class **C2** (transaction): "transaction data (instructions, journals, insurance
 * claims)" — REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: never shown or shared as is; analytics gets a keyed hash, so journals still join.
 */
export const transaction: Kind = {
  id: 'transaction',
  title: { en: 'Transaction journal field', zh: '交易流水信息' },
  category: 'transaction',
  level: 'C2',
  evidence: {
    names: [
      'txnid', 'txnno', 'txnseq', 'txnseqno', 'transid', 'transno', 'transseq', 'tranid', 'tranno',
      'transeq', 'transerialno', 'trxid', 'trxno', 'serialno', 'serialnumber', 'seqno', 'jrnlno',
      'journalno', 'flowno', 'traceno', 'refno', 'rrn', 'hostseqno', 'chnlseqno', 'txnremark', 'txndesc',
      'transremark', 'remark', 'remarks', 'memo', 'postscript', 'narrative', 'txntime', 'txndate',
      'transtime', 'transdate', 'trandate', 'trantime', 'txnplace', 'counterparty', 'cntpty',
      'lsh', 'jylsh', 'ywlsh', 'jyzy', 'jyfy', 'jysj', 'jyrq', 'jydd', 'jyds', 'jyqd',
      '流水号', '交易流水号', '业务流水号', '交易参考号', '参考号', '交易摘要', '摘要', '附言',
      '交易附言', '交易备注', '交易时间', '交易日期', '交易地点', '交易对手', '交易渠道', '交易类型',
    ],
    ambiguous: [
      { token: 'zy', note: '摘要 (remark) or 职业 (occupation) / 专业' },
      { token: 'fy', note: '附言 (postscript) or 费用 (fee)' },
      { token: 'bz', note: '备注 (remark) or 币种 (currency) / 标志 (flag)' },
      { token: '备注', note: 'free text: a transaction remark, or any other note' },
    ],
  },
  detect,
  normalize,
  masks: {
    display: { type: 'fixed' },
    analytics: { type: 'hash' },
    log: { type: 'fixed' },
    share: { type: 'fixed' },
  },
  generate,
};
