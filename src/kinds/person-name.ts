/**
 * Person name (姓名): Chinese names of 2-4 characters (surname first, compound surnames such as
 * 欧阳 / 司马 / 诸葛 included), names of the Uyghur and Kazakh traditions whose parts are joined
 * by a middle dot (`买买提·艾力`), and Latin-script names (`ZHANG SAN`, `John Smith`).
 */
import { COMPOUND_SURNAMES, GIVEN_NAME_CHARS, MIDDLE_DOT_NAME_PARTS, RARE_COMPOUND_SURNAMES, SURNAMES } from './data/names.js';
import { WeightedTable, pick, uniformInt } from './rng.js';
import { NOT_DETECTED, codePointLength, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const SINGLE_SURNAMES = new Set(SURNAMES.map((s) => s[0]));
const COMPOUNDS = new Set([...COMPOUND_SURNAMES.map((s) => s[0]), ...RARE_COMPOUND_SURNAMES]);
const PINYIN_SURNAMES = new Set([...SURNAMES, ...COMPOUND_SURNAMES].map((s) => s[1]));

/** Middle-dot look-alikes used between name parts (Greek ano teleia, bullets, katakana dot ...). */
const DOT_VARIANTS = /[\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65]/g;
const DOTS_OR_SPACE = /[\s\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\uff0e.]/u;
const SPACE_BESIDE_HAN = / (?=[\p{Script=Han}\u00b7])|(?<=[\p{Script=Han}\u00b7]) /gu;
const PERIOD_BETWEEN_HAN = /(?<=\p{Script=Han})\.(?=\p{Script=Han})/gu;

const HAN_NAME = /^\p{Script=Han}+$/u;
const DOT_NAME = /^\p{Script=Han}+(?:\u00b7\p{Script=Han}+)+$/u;
const LATIN_WORD = /^[\p{Script=Latin}][\p{Script=Latin}'’.-]*$/u;

/**
 * Half-width, one kind of middle dot (U+00B7), single spaces and none next to Han characters,
 * ASCII letters upper-cased (Latin names are compared case-insensitively), NFC.
 */
function normalize(value: string): string {
  // The usual Chinese name has nothing to normalize: skip the seven passes below.
  if (typeof value === 'string' && isPlainHan(value)) return value;
  return toHalfWidth(String(value))
    .replace(DOT_VARIANTS, '\u00b7')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(SPACE_BESIDE_HAN, '')
    .replace(PERIOD_BETWEEN_HAN, '\u00b7')
    .replace(/[a-z]+/g, (w) => w.toUpperCase())
    .normalize('NFC');
}

/**
 * Only CJK Unified Ideographs and Extension A, which NFC leaves as they are (unlike the
 * compatibility ideographs U+F900..U+FAFF) and no other step of normalize touches.
 */
function isPlainHan(value: string): boolean {
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) return false;
  }
  return n > 0;
}

/**
 * The common case on the hot path — 2 to 6 BMP Han characters, nothing else — without
 * splitting the string into an array or running Unicode-property regexes. Returns null for
 * anything else, which then takes the general path below.
 */
function maskPlainHanName(value: string, maskChar: string): string | null {
  const n = value.length;
  // CJK Unified Ideographs and Extension A only (surrogates, dots and spaces go the general way).
  if (n < 2 || n > 6 || !isPlainHan(value)) return null;
  const keep = n >= 3 && COMPOUNDS.has(value.slice(0, 2)) ? 2 : 1;
  return value.slice(0, keep) + maskChar.repeat(n - keep);
}

function surnameLength(chars: readonly string[]): number {
  return chars.length >= 3 && COMPOUNDS.has(chars[0] + chars[1]) ? 2 : 1;
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (HAN_NAME.test(n)) {
    const chars = [...n];
    if (chars.length < 2 || chars.length > 6) return NOT_DETECTED;
    const compound = surnameLength(chars) === 2;
    if (chars.length > 4 && !compound) return NOT_DETECTED;
    // Any short Han text has this shape (北京银行, 转账): a known surname only makes it likelier.
    if (compound) return { valid: true, confidence: 0.6 };
    if (!SINGLE_SURNAMES.has(chars[0])) return { valid: true, confidence: 0.2 };
    return { valid: true, confidence: chars.length <= 3 ? 0.6 : 0.45 };
  }
  if (DOT_NAME.test(n)) {
    const length = codePointLength(n);
    return length >= 4 && length <= 24 ? { valid: true, confidence: 0.7 } : NOT_DETECTED;
  }
  const words = n.replace(/,/g, ' ').split(' ').filter((w) => w !== '');
  if (words.length >= 2 && words.length <= 4 && n.length <= 60 && words.every((w) => LATIN_WORD.test(w))) {
    const pinyin = PINYIN_SURNAMES.has(words[0]) || PINYIN_SURNAMES.has(words[words.length - 1]);
    return { valid: true, confidence: pinyin ? 0.45 : 0.3 };
  }
  return NOT_DETECTED;
}

/**
 * `name-surname`: keeps the surname and masks the given name (`张*`, `欧阳**`, `诸葛**`); a
 * middle-dot name keeps its first character and its dots (`买**·**`); a Latin name keeps each
 * word's initial (`Z**** S**`), since it is not known which word is the surname. Spaces stay.
 * Anything else — mixed scripts, a single character — returns null, to be masked entirely.
 */
function structuredMask(name: string, value: string, maskChar: string): string | null {
  if (name !== 'name-surname' || typeof value !== 'string') return null;
  const fast = maskPlainHanName(value, maskChar);
  if (fast !== null) return fast;
  const start = value.length - value.trimStart().length;
  const core = value.trim();
  if (core === '') return null;
  const chars = [...core];
  const significant = chars.filter((c) => !DOTS_OR_SPACE.test(c));
  if (significant.length < 2) return null;
  if (significant.every((c) => HAN_NAME.test(c))) {
    const hasDot = chars.some((c) => DOTS_OR_SPACE.test(c) && c.trim() !== '');
    const keep = hasDot ? 1 : surnameLength(significant);
    let kept = 0;
    let out = value.slice(0, start);
    for (const c of chars) {
      if (DOTS_OR_SPACE.test(c)) out += c;
      else out += kept++ < keep ? c : maskChar;
    }
    return out + value.slice(start + core.length);
  }
  if (chars.every((c) => DOTS_OR_SPACE.test(c) || /[\p{Script=Latin}\p{M}'’,-]/u.test(c))) {
    let out = value.slice(0, start);
    let masked = 0;
    let atWordStart = true;
    for (const c of chars) {
      // A combining mark (decomposed é) belongs to the letter before it and is masked with it.
      if (/[\p{Script=Latin}\p{M}]/u.test(c)) {
        if (atWordStart) out += c;
        else {
          out += maskChar;
          masked++;
        }
        atWordStart = false;
      } else {
        out += c;
        atWordStart = /[\s,]/u.test(c) || atWordStart;
      }
    }
    return masked === 0 ? null : out + value.slice(start + core.length);
  }
  return null;
}

// Single surnames are counted in 10,000s, compound ones in 1,000s: bring both to 1,000s.
const SURNAME_TABLE = new WeightedTable<readonly [string, string]>([
  ...SURNAMES.map(([s, p, w]) => [[s, p], w * 10] as const),
  ...COMPOUND_SURNAMES.map(([s, p, w]) => [[s, p], w] as const),
]);

function givenName(rng: Rng): readonly [string, string] {
  // About a quarter of Chinese given names have one character, the rest two.
  const count = uniformInt(rng, 4) === 0 ? 1 : 2;
  let chars = '';
  let pinyin = '';
  for (let i = 0; i < count; i++) {
    const [c, p] = pick(rng, GIVEN_NAME_CHARS);
    chars += c;
    pinyin += p;
  }
  return [chars, pinyin];
}

/**
 * A realistic name: surname by population frequency (compound surnames included), one or two
 * given-name characters. With `like`, keeps only the script: a Latin-script name gets a pinyin
 * name (`WANG XIUYING`), a middle-dot name gets a middle-dot name; nothing of the real name
 * (not even its surname) is kept, since a rare surname alone can identify a family.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  if (n.includes('\u00b7')) {
    return pick(rng, MIDDLE_DOT_NAME_PARTS) + '\u00b7' + pick(rng, MIDDLE_DOT_NAME_PARTS);
  }
  const [surname, surnamePinyin] = SURNAME_TABLE.draw(rng);
  const [given, givenPinyin] = givenName(rng);
  if (/^[A-Z]/.test(n)) return surnamePinyin + ' ' + givenPinyin;
  return surname + given;
}

/**
 * Person name (customer, account holder, payee, contact).
 *
 * JR/T 0171-2020 class **C2** (identity): "data that identifies a person" — REQUIREMENTS.md
 * "Classification", seed 004 分类 (2).
 *
 * Masks: the surname stays (`张*`, `欧阳**`) in every scene — a surname is shared by millions,
 * the given name is what identifies.
 */
export const personName: Kind = {
  id: 'person-name',
  title: { en: 'Person name', zh: '姓名' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'custname', 'customername', 'custnm', 'clientname', 'acctname', 'accountname', 'accname',
      'acctnm', 'holdername', 'cardholder', 'cardholdername', 'fullname', 'realname', 'truename',
      'legalname', 'personname', 'firstname', 'lastname', 'givenname', 'surname',
      'familyname', 'middlename', 'payeename', 'payername', 'rcvname', 'oppname', 'cntpname',
      'contactname', 'contactperson', 'linkman', 'spousename', 'guarantorname', 'legalrepname',
      'xm', 'xingming', 'khxm', 'khmc', 'zhmc', 'hkrxm', 'skrxm', 'skrmc', 'fkrxm', 'fkrmc',
      'dfhm', 'dfmc', 'lxr', 'lxrxm', 'pomc', 'poxm', 'fddbr', 'czrxm', 'ckrxm',
      '姓名', '客户姓名', '客户名称', '户名', '账户名称', '账户名', '持卡人', '持卡人姓名',
      '真实姓名', '联系人', '联系人姓名', '收款人', '收款人姓名', '收款人名称', '付款人',
      '付款人姓名', '付款人名称', '对方户名', '配偶姓名', '法定代表人', '担保人姓名',
    ],
    ambiguous: [
      { token: 'name', note: "a person's name in customer tables, otherwise a product, branch or file name" },
      { token: 'hm', note: '户名 (account name) or 号码 (number)' },
      { token: 'mc', note: '名称: a person, company or product name' },
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'kind', name: 'name-surname' }),
  generate,
  structuredMask,
};
