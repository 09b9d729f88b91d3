/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over a 31-letter
 * alphabet (digits and capitals without I O Z S V) — registration authority, entity type, the
 * six-digit GB/T 2260 region code, the nine-character organization code (GB 11714, with its own
 * check character) and the GB 32100 check character (weights 3^i mod 31).
 */
import { USCC_ALPHABET, orgCodeCheckChar, usccCheckChar } from './checksums.js';
import { PROVINCES, counties } from './data/regions.js';
import { pick, randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare, upperAsciiLetters } from './text.js';
import type { Detection, Kind, Rng } from './types.js';
import { everyScene } from './masks.js';

const USCC = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;
/** Registration authorities: 1 编办, 5 民政, 9 工商 (market regulation) ... , N 农业, Y other. */
const AUTHORITY = /^[1-9A-GNY]/;

/** Entity types most common in bank data: 91 enterprise, 92 individual business, 93 farmers' cooperative, 11/12 government bodies and institutions, 51-53 social organisations. */
const ENTITY_TYPES = ['91', '91', '91', '91', '92', '92', '93', '11', '12', '51', '52', '53'];

/** Half-width, no separators, upper case. */
function normalize(value: string): string {
  return upperAsciiLetters(normalizeNumberLike(value));
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (!USCC.test(n) || !AUTHORITY.test(n)) return NOT_DETECTED;
  if (usccCheckChar(n.slice(0, 17)) !== n[17]) return { valid: false, confidence: 0.2, checksum: false };
  // The embedded organization code has its own check: both passing is near-certain evidence.
  const orgOk = orgCodeCheckChar(n.slice(8, 16)) === n[16];
  const regionOk = PROVINCES[n.slice(2, 4)] !== undefined || n.slice(2, 4) === '10';
  return { valid: true, confidence: orgOk && regionOk ? 0.97 : 0.8, checksum: true };
}

/**
 * A code with valid GB 11714 and GB 32100 check characters, a real region code and a common
 * entity type. With `like`, keeps the registration authority and entity type (enterprise,
 * individual business ...) and the region code; the organization code is drawn anew.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  const keep = USCC.test(n) && AUTHORITY.test(n);
  const head = keep ? n.slice(0, 8) : pick(rng, ENTITY_TYPES) + pick(rng, counties()).code;
  // Organization codes are digits, or `MA` + 6 characters for those assigned since 2015.
  const body = uniformInt(rng, 2) === 0 ? randomDigits(rng, 8) : 'MA' + randomChars(rng, USCC_ALPHABET, 6);
  // Both check characters (0-9, X) are in the GB 32100 alphabet, so the code is well formed.
  const first17 = head + body + orgCodeCheckChar(body);
  return first17 + usccCheckChar(first17);
}

/**
 * Unified social credit code of a business or organisation.
 *
 * JR/T 0171-2020 class **C2** (identity): the code of an individual business (个体工商户, type
 * 92) identifies its owner like an ID document number does ("ID document type+number",
 * REQUIREMENTS.md "Classification", seed 004 分类 (2)); a column of them cannot be told apart
 * from companies' codes by content, so the kind defaults to C2. A policy may lower it for
 * tables known to hold only corporate customers.
 *
 * Masks: keep the first six (authority, type, province and prefecture) and the last four.
 */
export const uscc: Kind = {
  id: 'uscc',
  title: { en: 'Unified social credit code', zh: '统一社会信用代码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'uscc', 'usccode', 'creditcode', 'socialcreditcode', 'unifiedsocialcreditcode', 'unifiedcreditcode',
      'unifiedcode', 'uniscid', 'bizlicenseno', 'businesslicenseno', 'licenseno', 'taxid', 'taxno',
      'taxpayerid', 'tyshxydm', 'shxydm', 'tyxydm', 'xydm', 'yyzzh', 'yyzzhm', 'nsrsbh',
      '统一社会信用代码', '社会信用代码', '信用代码', '营业执照号', '营业执照号码', '营业执照编号',
      '纳税人识别号', '税号',
    ],
    ambiguous: [{ token: 'orgcode', note: 'GB 11714 organization code (9 characters), or an internal branch code' }],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'keep', first: 6, last: 4, minMasked: 4 }),
  generate,
};
