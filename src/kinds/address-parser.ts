/**
 * Finds the administrative-region prefix of a Chinese address — province, prefecture (city),
 * district/county — so masks can keep it (it describes hundreds of thousands of people) and hide
 * the street, building and room (which describe one household).
 *
 * The parser is deliberately conservative: it only reports a level it can delimit with
 * certainty, and callers mask everything it does not report.
 */
import { PREFECTURES, PROVINCES } from './data/regions.js';

export interface RegionPrefix {
  readonly province?: string;
  readonly prefecture?: string;
  readonly district?: string;
  /** UTF-16 index just after the last recognised level (leading whitespace included). */
  readonly end: number;
}

const PROVINCE_SUFFIXES = ['壮族自治区', '回族自治区', '维吾尔自治区', '特别行政区', '自治区', '省', '市'];

interface ProvinceName {
  readonly full: string;
  readonly short: string;
}

const PROVINCE_NAMES: readonly ProvinceName[] = [
  ...Object.values(PROVINCES),
  '台湾省',
  '香港特别行政区',
  '澳门特别行政区',
].map((full) => {
  const suffix = PROVINCE_SUFFIXES.find((s) => full.endsWith(s) && full.length > s.length + 1) ?? '';
  return { full, short: full.slice(0, full.length - suffix.length) };
});

/** Province names by their first character: an address is compared with two or three, not 34. */
const PROVINCES_BY_FIRST = new Map<string, ProvinceName[]>();
for (const p of PROVINCE_NAMES) {
  const list = PROVINCES_BY_FIRST.get(p.full[0]);
  if (list === undefined) PROVINCES_BY_FIRST.set(p.full[0], [p]);
  else list.push(p);
}

/** Province-level units whose next level is the district (no prefecture in between). */
const NO_PREFECTURE = new Set(['北京', '天津', '上海', '重庆', '香港', '澳门']);

const PREFECTURE_NAMES = new Set(Object.values(PREFECTURES).filter((name) => name !== ''));

/** A prefecture-level name: 1..8 Han characters, then one of these suffixes. */
const PREFECTURE_LEVEL: SuffixedRun = { maxRun: 8, suffixes: ['市', '自治州', '地区', '盟'] };
/** A county-level name: 1..9 Han characters, then one of these suffixes. */
const DISTRICT_LEVEL: SuffixedRun = { maxRun: 9, suffixes: ['区', '县', '市', '旗'] };

interface SuffixedRun {
  readonly maxRun: number;
  readonly suffixes: readonly string[];
}

/**
 * Han characters of the Basic Multilingual Plane (CJK unified ideographs and extension A,
 * compatibility ideographs, radicals, 々 and 〇). Division names use nothing else; a character
 * outside these ends the name, which can only leave more of an address masked.
 */
function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    c === 0x3005 ||
    c === 0x3007
  );
}

/** The shortest run of 1..maxRun Han characters at `at` followed by one of the suffixes. */
function shortestSuffixedRun(text: string, at: number, level: SuffixedRun): string | null {
  for (let len = 1; len <= level.maxRun; len++) {
    if (!isHan(text.charCodeAt(at + len - 1))) return null;
    for (const suffix of level.suffixes) {
      if (text.startsWith(suffix, at + len)) return text.slice(at, at + len + suffix.length);
    }
  }
  return null;
}
/** Street words: right after a short province name, the name is part of a street name. */
const STREET_WORDS = codeSet('路街道巷弄里');
/** Characters of street-level addresses that no division name contains. */
const STREET_LEVEL_CHARS = codeSet('街号巷弄楼栋幢室');

function codeSet(chars: string): Set<number> {
  return new Set(Array.from(chars, (ch) => ch.charCodeAt(0)));
}

function containsAnyOf(text: string, codes: Set<number>): boolean {
  for (let i = 0; i < text.length; i++) if (codes.has(text.charCodeAt(i))) return true;
  return false;
}

function matchProvince(text: string, at: number): { name: string; end: number } | null {
  const candidates = PROVINCES_BY_FIRST.get(text[at] ?? '');
  if (candidates === undefined) return null;
  for (const p of candidates) {
    if (text.startsWith(p.full, at)) return { name: p.full, end: at + p.full.length };
  }
  for (const p of candidates) {
    if (text.startsWith(p.short, at)) {
      let end = at + p.short.length;
      // "湖南路", "江西路": a street named after a province, not the province.
      if (STREET_WORDS.has(text.charCodeAt(end))) return null;
      // "广东深圳" and "北京朝阳区" are common; so is a stray 省/市 after the short name.
      const next = text[end];
      if (next === '省' || next === '市') end++;
      return { name: p.full, end };
    }
  }
  return null;
}

function matchLevel(text: string, at: number, level: SuffixedRun): string | null {
  const name = shortestSuffixedRun(text, at, level);
  if (name === null) return null;
  // 路 opens two real district names (路南区, 路北区) but otherwise marks a street.
  if (containsAnyOf(name, STREET_LEVEL_CHARS) || name.indexOf('路', 1) > 0) return null;
  return name;
}

/** The region prefix of `address`, or null when not even one level is recognised. */
export function parseRegionPrefix(address: string): RegionPrefix | null {
  let at = 0;
  while (at < address.length && (address[at] === ' ' || address[at] === '\u3000')) at++;
  let province: string | undefined;
  let prefecture: string | undefined;
  let district: string | undefined;

  const p = matchProvince(address, at);
  if (p !== null) {
    province = p.name;
    at = p.end;
  }
  const municipality = province !== undefined && NO_PREFECTURE.has(province.slice(0, 2));
  if (!municipality) {
    const name = matchLevel(address, at, PREFECTURE_LEVEL);
    // Without a province, only a known prefecture name shows that this is where a region starts.
    if (name !== null && (province !== undefined || PREFECTURE_NAMES.has(name))) {
      prefecture = name;
      at += name.length;
    }
  }
  if (province !== undefined || prefecture !== undefined) {
    const name = matchLevel(address, at, DISTRICT_LEVEL);
    if (name !== null) {
      district = name;
      at += name.length;
    }
  }
  if (province === undefined && prefecture === undefined) return null;
  return { province, prefecture, district, end: at };
}
