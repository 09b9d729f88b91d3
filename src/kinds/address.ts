/**
 * Postal / home address (地址): Chinese addresses written from the province down to the room
 * (`广东省深圳市南山区科技园路1号3栋1502室`), and, with weaker evidence, Latin-script ones.
 */
import { parseRegionPrefix, type RegionPrefix } from './address-parser.js';
import { COMPOUND_PREFIXES, COMPOUND_WORDS, ROAD_NAMES, ROAD_TYPES } from './data/streets.js';
import { PREFECTURES, PROVINCES, counties, countiesByPrefecture, countiesByProvince, type County } from './data/regions.js';
import { maskFrom, everyScene } from './masks.js';
import { intBetween, pick } from './rng.js';
import { NOT_DETECTED, codePointLength, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const SPACE_BESIDE_HAN = / (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu;
const STREET_MARKERS = /[路街道巷弄号村镇乡栋幢楼室组]|单元|小区|大厦|花园|公寓|社区/u;
const NUMBER = /[0-9一二三四五六七八九十]/u;
const LATIN_ADDRESS_WORDS = /\b(?:road|rd|street|st|avenue|ave|lane|ln|district|city|province|building|bldg|room|rm|floor|fl|apt|unit|village|town)\b/i;

/**
 * Nothing for normalize to do: only CJK Unified Ideographs (and Extension A) and printable ASCII
 * without spaces — no full-width forms, no spaces, and nothing NFC would change. The usual
 * address (`四川省资阳市安岳县滨河街347号…`) is such a string; the regexes below cost more.
 */
function isSettled(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) return false;
  }
  return true;
}

/** Half-width, NFC, single spaces and none next to Han characters. */
function normalize(value: string): string {
  if (typeof value === 'string' && isSettled(value)) return value;
  return toHalfWidth(String(value)).normalize('NFC').replace(/\s+/gu, ' ').trim().replace(SPACE_BESIDE_HAN, '');
}

function levels(region: RegionPrefix): number {
  return (region.province ? 1 : 0) + (region.prefecture ? 1 : 0) + (region.district ? 1 : 0);
}

function detect(value: string): Detection {
  const s = prepare(value);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (codePointLength(n) < 5) return NOT_DETECTED;
  const region = parseRegionPrefix(n);
  if (region !== null) {
    const rest = n.slice(region.end);
    const street = STREET_MARKERS.test(rest);
    const depth = levels(region);
    if (depth >= 2 && street) return { valid: true, confidence: 0.9 };
    if (depth >= 2 || street) return { valid: true, confidence: 0.75 };
    // A province alone is a place, not anyone's address.
    return { valid: false, confidence: 0.2 };
  }
  if (STREET_MARKERS.test(n) && NUMBER.test(n) && /\p{Script=Han}/u.test(n)) return { valid: true, confidence: 0.5 };
  if (/[0-9]/.test(n) && LATIN_ADDRESS_WORDS.test(n) && n.includes(' ')) return { valid: true, confidence: 0.35 };
  return NOT_DETECTED;
}

/**
 * `address-region`: keeps the province, prefecture and district/county the address starts with
 * and masks the rest (street, number, building, room) code point by code point, spaces kept;
 * null when no region is recognised or nothing would be left to mask.
 */
function structuredMask(name: string, value: string, maskChar: string): string | null {
  if (name !== 'address-region' || typeof value !== 'string') return null;
  const region = parseRegionPrefix(value);
  return region === null ? null : maskFrom(value, region.end, maskChar);
}

/** Prefecture code by province code + prefecture name (names repeat across provinces). */
const PREFECTURE_CODES = new Map(
  Object.entries(PREFECTURES)
    .filter(([, name]) => name !== '')
    .map(([code, name]) => [code.slice(0, 2) + name, code]),
);
const PROVINCE_CODES = new Map(Object.entries(PROVINCES).map(([code, name]) => [name, code]));

function countyLike(rng: Rng, region: RegionPrefix | null): County | string {
  const provinceCode = region?.province === undefined ? undefined : PROVINCE_CODES.get(region.province);
  if (region === null || provinceCode === undefined) return pick(rng, counties());
  if (region.prefecture !== undefined) {
    const code = PREFECTURE_CODES.get(provinceCode + region.prefecture);
    const list = code === undefined ? undefined : countiesByPrefecture().get(code);
    // A prefecture not in the tables (an old name): keep the text, draw no district.
    return list === undefined ? region.province + region.prefecture : pick(rng, list);
  }
  // Province codes are 2 digits, so this is every county of the province, in table order.
  return pick(rng, countiesByProvince().get(provinceCode) ?? []);
}

/**
 * A synthetic address from province to room. With `like` (a real address), keeps its province
 * and prefecture (city) and draws the district, street, number, building and room anew.
 */
function generate(rng: Rng, like?: string): string {
  const region = like === undefined ? null : parseRegionPrefix(normalize(like));
  const county = countyLike(rng, region);
  const prefix = typeof county === 'string' ? county : county.province + county.prefecture + county.name;
  const road = pick(rng, ROAD_NAMES) + pick(rng, ROAD_TYPES);
  const compound = pick(rng, COMPOUND_PREFIXES) + pick(rng, COMPOUND_WORDS);
  const room = intBetween(rng, 1, 33) * 100 + intBetween(rng, 1, 6);
  return `${prefix}${road}${intBetween(rng, 1, 999)}号${compound}${intBetween(rng, 1, 30)}栋${intBetween(rng, 1, 6)}单元${room}室`;
}

/**
 * Address: home, residence, mailing, work address.
 *
 * JR/T 0171-2020 class **C2** (identity): "other identifying data such as home address" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (2).
 *
 * Masks: the province, city and district stay (they describe many households and keep
 * regional analysis possible); the street, number, building and room are masked.
 */
export const address: Kind = {
  id: 'address',
  title: { en: 'Address', zh: '地址' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'address', 'addr', 'homeaddr', 'homeaddress', 'houseaddr', 'residenceaddr', 'residentialaddress',
      'residence', 'liveaddr', 'contactaddr', 'contactaddress', 'mailaddr', 'mailingaddress',
      'postaddr', 'postaladdress', 'correspondenceaddress', 'permanentaddress', 'registeredaddress',
      'regaddr', 'hukouaddr', 'idaddr', 'workaddr', 'workaddress', 'companyaddr', 'officeaddr',
      'unitaddr', 'billaddr', 'billingaddress', 'deliveryaddr', 'shippingaddress', 'street',
      'streetaddress', 'custaddr', 'jtdz', 'jtzz', 'zzdz', 'jzdz', 'txdz', 'lxdz', 'hjdz', 'hjszd',
      'dwdz', 'gzdwdz', 'yjdz', 'sfzdz', 'xzz', 'dizhi',
      '地址', '家庭地址', '家庭住址', '住址', '住所', '通讯地址', '通信地址', '联系地址', '户籍地址',
      '户籍所在地', '居住地址', '现住址', '现居住地址', '常住地址', '单位地址', '工作单位地址',
      '工作地址', '邮寄地址', '证件地址', '身份证地址', '送货地址', '账单地址',
    ],
    ambiguous: [
      { token: 'dz', note: '地址 (address) or 电子 (electronic) / 定制' },
      { token: 'zz', note: '住址 (address) or 资质 / 总账 / 转账' },
    ],
  },
  detect,
  normalize,
  masks: everyScene({ type: 'kind', name: 'address-region' }),
  generate,
  structuredMask,
};
