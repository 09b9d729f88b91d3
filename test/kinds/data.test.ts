/** Sanity of the fact tables the kinds generate from. */
import { describe, expect, it } from 'vitest';
import { AREA_CODES } from '../../src/kinds/data/area-codes.js';
import { UNIONPAY_BINS } from '../../src/kinds/data/card-bins.js';
import { ALLOCATED_PREFIXES, ALL_VOICE_PREFIXES } from '../../src/kinds/data/mobile-prefixes.js';
import { COMPOUND_SURNAMES, GIVEN_NAME_CHARS, RARE_COMPOUND_SURNAMES, SURNAMES } from '../../src/kinds/data/names.js';
import { PREFECTURES, PROVINCES, counties, countiesByPrefecture } from '../../src/kinds/data/regions.js';
import { cnLandline } from '../../src/kinds/cn-landline.js';

describe('GB/T 2260 region table', () => {
  it('holds several hundred real county codes under known provinces and prefectures', () => {
    const list = counties();
    expect(list.length).toBeGreaterThan(500);
    expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
    for (const c of list) {
      expect(c.code).toMatch(/^[1-6][0-9]{5}$/);
      expect(PROVINCES[c.code.slice(0, 2)]).toBe(c.province);
      expect(PREFECTURES[c.code.slice(0, 4)]).toBeDefined();
      // x7x codes are statistical development zones, never in ID numbers.
      expect(c.code[4]).not.toBe('7');
      expect(c.name).toMatch(/^\p{Script=Han}+$/u);
    }
    expect(Object.keys(PROVINCES)).toHaveLength(31);
    // Known codes (GB/T 2260): 110105 朝阳区 (Beijing), 440305 南山区 (Shenzhen).
    expect(list.find((c) => c.code === '110105')?.name).toBe('朝阳区');
    expect(PREFECTURES['4403']).toBe('深圳市');
  });

  it('has at least one county for every prefecture, so addresses can keep any city', () => {
    const byPrefecture = countiesByPrefecture();
    for (const code of Object.keys(PREFECTURES)) expect(byPrefecture.get(code)?.length, code).toBeGreaterThan(0);
  });
});

describe('other tables', () => {
  it('UnionPay BINs start with 62 and carry card lengths of 16-19', () => {
    for (const b of UNIONPAY_BINS) {
      expect(b.bin).toMatch(/^62[0-9]{4}$/);
      expect(b.length).toBeGreaterThanOrEqual(16);
      expect(b.length).toBeLessThanOrEqual(19);
    }
  });

  it('mobile prefixes are allocated 1[3-9]x ranges', () => {
    for (const p of ALLOCATED_PREFIXES) expect(p).toMatch(/^1[3-9][0-9]$/);
    for (const p of ALL_VOICE_PREFIXES) expect(ALLOCATED_PREFIXES.has(p)).toBe(true);
  });

  it('area codes are well-formed landline prefixes', () => {
    for (const a of AREA_CODES) {
      expect(cnLandline.detect(a.code + '2'.repeat(a.localDigits)).valid, a.code).toBe(true);
    }
  });

  it('name tables have no duplicates and compound surnames are two characters', () => {
    expect(new Set(SURNAMES.map((s) => s[0])).size).toBe(SURNAMES.length);
    for (const [s, p, w] of SURNAMES) {
      expect([...s]).toHaveLength(1);
      expect(p).toMatch(/^[A-Z]+$/);
      expect(Number.isInteger(w) && w > 0).toBe(true);
    }
    const compounds = [...COMPOUND_SURNAMES.map((s) => s[0]), ...RARE_COMPOUND_SURNAMES];
    expect(new Set(compounds).size).toBe(compounds.length);
    for (const c of compounds) expect([...c]).toHaveLength(2);
    for (const [c, p] of GIVEN_NAME_CHARS) {
      expect([...c]).toHaveLength(1);
      expect(p).toMatch(/^[A-Z]+$/);
    }
  });
});
