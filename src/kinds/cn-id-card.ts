/**
 * Mainland resident identity card number (居民身份证号码, GB 11643-1999): six-digit GB/T 2260
 * region code of first registration, birth date yyyymmdd, three-digit sequence (odd for men),
 * ISO 7064 MOD 11-2 check character (`0`-`9` or `X`). Legacy first-generation cards carry 15
 * digits: region, yymmdd (19yy), sequence, no check character. Residence permits of Hong Kong,
 * Macau and Taiwan residents use the same scheme with region 810000 / 820000 / 830000.
 */
import { idCardCheckChar } from './checksums.js';
import { PREFECTURES, PROVINCES, counties } from './data/regions.js';
import { dateKey, isPlausibleBirthDate, pad2, randomBirthDate, todayKey } from './dates.js';
import { intBetween, pick } from './rng.js';
import { NOT_DETECTED, allDigits, digitsAt, normalizeNumberLike, prepare } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

/** Province codes an ID number can start with: GB/T 2260 plus the HK/Macau/Taiwan permits. */
const ID_PROVINCE_CODES = new Set([...Object.keys(PROVINCES), '81', '82', '83']);

export interface ParsedIdNumber {
  readonly region: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly legacy: boolean;
}

/** Splits a normalized 18- or 15-digit number into its fields (no validation beyond shape). */
export function parseIdNumber(n: string): ParsedIdNumber | null {
  // 17 digits and a digit or X; or 15 digits (first generation, 19yy).
  if (n.length === 18 && allDigits(n, 0, 17) && (n.charCodeAt(17) === 0x58 || allDigits(n, 17, 18))) {
    return { region: n.slice(0, 6), year: digitsAt(n, 6, 4), month: digitsAt(n, 10, 2), day: digitsAt(n, 12, 2), legacy: false };
  }
  if (n.length === 15 && allDigits(n, 0, 15)) {
    return { region: n.slice(0, 6), year: 1900 + digitsAt(n, 6, 2), month: digitsAt(n, 8, 2), day: digitsAt(n, 10, 2), legacy: true };
  }
  return null;
}

function normalize(value: string): string {
  const n = normalizeNumberLike(value);
  return n.includes('x') ? n.replace(/x/g, 'X') : n;
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  const id = parseIdNumber(n);
  if (id === null) return NOT_DETECTED;
  if (!ID_PROVINCE_CODES.has(id.region.slice(0, 2))) return { valid: false, confidence: 0.05 };
  if (!isPlausibleBirthDate(id.year, id.month, id.day)) return { valid: false, confidence: 0.1 };
  if (id.legacy) {
    // No check digit: region and date agree by chance for about 1% of random 15-digit numbers.
    return { valid: true, confidence: 0.6 };
  }
  if (idCardCheckChar(n.slice(0, 17)) !== n[17]) return { valid: false, confidence: 0.3, checksum: false };
  // A prefecture code no longer in use (old registrations) is still a real ID number.
  const known = PREFECTURES[id.region.slice(0, 4)] !== undefined;
  return { valid: true, confidence: known ? 0.99 : 0.95, checksum: true };
}

const MIN_GENERATED_YEAR = 1940;
const MAX_GENERATED_YEAR = 2006;

/**
 * A valid 18-digit number: a real county code, a real birth date, a sequence 001-999 and the
 * check character. With `like` (a real number, 18 or 15 digits), keeps its region code and birth
 * year — enough for regional and age statistics on test data — and nothing else.
 */
function generate(rng: Rng, like?: string): string {
  let region: string | undefined;
  let year: number | undefined;
  let notAfter: number | undefined;
  const id = like === undefined ? null : parseIdNumber(normalize(like));
  if (id !== null) {
    region = id.region;
    const thisYear = Math.floor(todayKey() / 10000);
    if (id.year >= 1900 && id.year <= thisYear) {
      year = id.year;
      notAfter = dateKey(id.year, id.month, id.day);
    }
  }
  region ??= pick(rng, counties()).code;
  year ??= intBetween(rng, MIN_GENERATED_YEAR, MAX_GENERATED_YEAR);
  const [y, m, d] = randomBirthDate(rng, year, notAfter);
  const sequence = String(intBetween(rng, 1, 999)).padStart(3, '0');
  const body = region + y + pad2(m) + pad2(d) + sequence;
  return body + idCardCheckChar(body);
}

/**
 * Mainland resident ID number.
 *
 * JR/T 0171-2020 class **C2** (identity): "ID document type+number (ID card, passport...)" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: display shows the first 6 and last 4 (region and the end of the sequence, as bank
 * screens do); analytics hides the middle six of 18 literally as seed 002 四(三) asks
 * (characters 7-12: birth year and month).
 */
export const cnIdCard: Kind = {
  id: 'cn-id-card',
  title: { en: 'Mainland resident ID number', zh: '居民身份证号码' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'idno', 'idnum', 'idnumber', 'idcard', 'idcardno', 'idcardnum', 'idcardnumber', 'idcode',
      'identityno', 'identitynum', 'identitynumber', 'identitycard', 'identitycardno', 'identityid',
      'certno', 'certnum', 'certid', 'certcode', 'certificateno', 'certificatenum', 'certificatenumber',
      'custidno', 'custcertno', 'custidcard', 'customeridno', 'custcertnum', 'holderidno',
      'credentialno', 'credentialnumber', 'credno', 'paperno', 'papersno', 'paperid', 'docno',
      'residentid', 'residentidno', 'nationalid', 'citizenid', 'shenfenzheng', 'sfz', 'sfzh',
      'sfzhm', 'sfzno', 'zjhm', 'zjh', 'zjbh', 'gmsfhm', 'sfzjhm',
      '证件号码', '证件号', '证件编号', '身份证', '身份证号', '身份证号码', '身份证件号码',
      '公民身份号码', '居民身份证号码', '居民身份证',
    ],
    ambiguous: [
      { token: 'id', note: 'usually a surrogate key; an ID number only when the values pass the check digit' },
      { token: 'zj', note: '证件 (document) or 主键 (primary key) / 资金 (funds)' },
      { token: 'certificate', note: 'an ID document, or a digital certificate (PEM/DER), which is not personal data' },
    ],
  },
  detect,
  normalize,
  masks: {
    display: { type: 'keep', first: 6, last: 4, minMasked: 5 },
    analytics: { type: 'range', start: 6, end: 12, minLength: 15 },
    log: { type: 'keep', first: 6, last: 4, minMasked: 5 },
    share: { type: 'keep', first: 6, last: 4, minMasked: 5 },
  },
  generate,
};
