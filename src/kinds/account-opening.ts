/**
 * Account opening information (开户信息): opening date / time and opening branch or
 * institution (`2015-03-02`, `中国工商银行北京朝阳支行`).
 */
import { PREFECTURES, counties } from './data/regions.js';
import { formatDate, parseDate, randomDateInYear } from './dates.js';
import { intBetween, pick } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const BRANCH = /(?:支行|分行|营业部|分理处|储蓄所|营业室|网点|信用社|信用联社|农商行|村镇银行)$/u;
const BANKS = ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '中国邮政储蓄银行', '招商银行', '兴业银行'];

/** Dates as `yyyy-mm-dd[ HH:MM:SS]`; branch names half-width with single spaces, trimmed. */
function normalize(value: string): string {
  const s = toHalfWidth(String(value)).replace(/\s+/gu, ' ').trim();
  const d = parseDate(s);
  return d === null ? s : formatDate(d);
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  if (parseDate(s) !== null) return { valid: true, confidence: 0.2 };
  return BRANCH.test(s) && /\p{Script=Han}{2}/u.test(s) ? { valid: true, confidence: 0.5 } : NOT_DETECTED;
}

/**
 * An opening date (2000-2024), or, if `like` is a branch name, a branch of a large bank in a
 * real city and district. A date `like` keeps its year (internal data, C1).
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  const d = parseDate(n);
  if (d === null && BRANCH.test(n)) {
    const county = pick(rng, counties());
    const city = (PREFECTURES[county.code.slice(0, 4)] || county.province).replace(/市$/, '');
    return `${pick(rng, BANKS)}${city}${county.name.replace(/[区县市旗]$/, '')}支行`;
  }
  const year = d !== null && d.year >= 1949 && d.year <= 2024 ? d.year : intBetween(rng, 2000, 2024);
  const [y, m, day] = randomDateInYear(rng, year);
  return formatDate({ year: y, month: m, day, time: '' });
}

/**
 * Account opening date / time and opening branch.
 *
 * JR/T 0171-2020 class **C1** (account): "account opening time, opening branch" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (3). No mask preset: C1 is kept.
 */
export const accountOpening: Kind = {
  id: 'account-opening',
  title: { en: 'Account opening date / branch', zh: '开户时间 / 开户机构' },
  category: 'account',
  level: 'C1',
  evidence: {
    names: [
      'opendate', 'opendt', 'opentime', 'acctopendate', 'acctopendt', 'accountopendate', 'openacctdate',
      'openbranch', 'openbrch', 'openbrno', 'openorg', 'openorgno', 'openinst', 'openinstno', 'opennode',
      'acctopenbranch', 'bankbranch', 'branchname', 'openbankname', 'openbank',
      'khrq', 'khsj', 'khjg', 'khwd', 'khyh', 'khhmc', 'khhh', 'khwdmc', 'khjgmc',
      '开户日期', '开户时间', '开户机构', '开户网点', '开户银行', '开户行名称', '开户行号',
      '开户机构号', '开立日期', '开户支行',
    ],
    ambiguous: [
      { token: 'khh', note: '开户行 (opening bank) or 客户号 (customer number)' },
      { token: '开户行', note: 'the opening branch, or the payee bank of a transfer' },
    ],
  },
  detect,
  normalize,
  masks: {},
  generate,
};
