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

/** Province-level units whose next level is the district (no prefecture in between). */
const NO_PREFECTURE = new Set(['北京', '天津', '上海', '重庆', '香港', '澳门']);

const PREFECTURE_NAMES = new Set(Object.values(PREFECTURES).filter((name) => name !== ''));

/** Shortest run of Han characters ending in a prefecture-level suffix. */
const PREFECTURE_PATTERN = /^\p{Script=Han}{1,8}?(?:市|自治州|地区|盟)/u;
/** Shortest run of Han characters ending in a county-level suffix. */
const DISTRICT_PATTERN = /^\p{Script=Han}{1,9}?(?:区|县|市|旗)/u;
/** A street word right after a short province name: the name is part of a street name. */
const STREET_AFTER_SHORT_NAME = /^[路街道巷弄里]$/u;
/** Characters of street-level addresses that no division name contains. */
const STREET_LEVEL = /[街号巷弄楼栋幢室]/u;

function matchProvince(text: string, at: number): { name: string; end: number } | null {
  for (const p of PROVINCE_NAMES) {
    if (text.startsWith(p.full, at)) return { name: p.full, end: at + p.full.length };
  }
  for (const p of PROVINCE_NAMES) {
    if (text.startsWith(p.short, at)) {
      let end = at + p.short.length;
      // "湖南路", "江西路": a street named after a province, not the province.
      if (STREET_AFTER_SHORT_NAME.test(text[end] ?? '')) return null;
      // "广东深圳" and "北京朝阳区" are common; so is a stray 省/市 after the short name.
      const next = text[end];
      if (next === '省' || next === '市') end++;
      return { name: p.full, end };
    }
  }
  return null;
}

function matchLevel(text: string, at: number, pattern: RegExp): string | null {
  const m = pattern.exec(text.slice(at, at + 16));
  if (m === null) return null;
  const name = m[0];
  // 路 opens two real district names (路南区, 路北区) but otherwise marks a street.
  if (STREET_LEVEL.test(name) || name.indexOf('路', 1) > 0) return null;
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
    const name = matchLevel(address, at, PREFECTURE_PATTERN);
    // Without a province, only a known prefecture name shows that this is where a region starts.
    if (name !== null && (province !== undefined || PREFECTURE_NAMES.has(name))) {
      prefecture = name;
      at += name.length;
    }
  }
  if (province !== undefined || prefecture !== undefined) {
    const name = matchLevel(address, at, DISTRICT_PATTERN);
    if (name !== null) {
      district = name;
      at += name.length;
    }
  }
  if (province === undefined && prefecture === undefined) return null;
  return { province, prefecture, district, end: at };
}
