import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address } from '../../src/kinds/address.js';
import { parseRegionPrefix } from '../../src/kinds/address-parser.js';
import { cnLandline } from '../../src/kinds/cn-landline.js';
import { cnMobile } from '../../src/kinds/cn-mobile.js';
import { email } from '../../src/kinds/email.js';
import { personName } from '../../src/kinds/person-name.js';
import { seededRng } from '../../src/kinds/rng.js';

const seeds = fc.uint8Array({ minLength: 4, maxLength: 16 });

describe('cn-mobile', () => {
  it('accepts country codes, separators and full-width digits', () => {
    for (const v of ['13812345678', '+86 138 1234 5678', '0086-138-1234-5678', '8613812345678', '(+86)13812345678', '１３８１２３４５６７８', '138 1234 5678']) {
      expect(cnMobile.detect(v), v).toEqual({ valid: true, confidence: 0.85 });
      expect(cnMobile.normalize(v)).toBe('13812345678');
    }
    // 1[3-9] but a prefix no carrier was given: valid shape, weaker evidence.
    expect(cnMobile.detect('16012345678')).toEqual({ valid: true, confidence: 0.5 });
    for (const v of ['12812345678', '1381234567', '138123456789', '+1 138 1234 5678', '23812345678']) {
      expect(cnMobile.detect(v).valid, v).toBe(false);
    }
  });

  it('keeps the carrier prefix of `like`', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const v = cnMobile.generate(seededRng(seed), '15012345678');
        expect(v).toMatch(/^150[0-9]{8}$/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('cn-landline', () => {
  it('parses area code, local number and extension in the usual spellings', () => {
    const cases: [string, string][] = [
      ['010-65123456', '01065123456'],
      ['(010) 6512 3456', '01065123456'],
      ['+86 10 6512 3456', '01065123456'],
      ['0086-571-88888888', '057188888888'],
      ['0571-88888888', '057188888888'],
      ['0571-8888-8888', '057188888888'],
      ['010-65123456-123', '01065123456#123'],
      ['010-65123456转123', '01065123456#123'],
      ['010 65123456 ext. 45', '01065123456#45'],
      ['０５７１－８８８８８８８８', '057188888888'],
      ['0931-8123456', '09318123456'],
    ];
    for (const [v, normal] of cases) {
      expect(cnLandline.detect(v).valid, v).toBe(true);
      expect(cnLandline.normalize(v), v).toBe(normal);
    }
    expect(cnLandline.detect('010-65123456').confidence).toBe(0.8);
    expect(cnLandline.detect('0739-8123456').confidence).toBe(0.55); // real code, not in the sample table
  });

  it('rejects mobiles, local numbers without area code and malformed numbers', () => {
    for (const v of ['13812345678', '65123456', '011-65123456', '010-05123456', '010-123456', '0571-888888888', '']) {
      expect(cnLandline.detect(v).valid, v).toBe(false);
    }
  });

  it('keeps the area code of `like`', () => {
    const v = cnLandline.generate(seededRng(new Uint8Array([4])), '0571-88888888');
    expect(v).toMatch(/^0571[2-8][0-9]{7}$/);
    expect(cnLandline.generate(seededRng(new Uint8Array([4])), '0931-8123456')).toMatch(/^0931[0-9]{7}$/);
  });
});

describe('email', () => {
  it('accepts addresses in real-world spellings, lower-casing the domain only', () => {
    for (const v of ['zhang.san@qq.com', 'Zhang.San+bank@Example.COM.cn', ' li_si@163.com ', 'ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'a@b.xn--fiqs8s']) {
      expect(email.detect(v), v).toEqual({ valid: true, confidence: 0.95 });
    }
    expect(email.normalize('Zhang.San@Example.COM')).toBe('Zhang.San@example.com');
    for (const v of ['zhang@', '@qq.com', 'zhang@qq', 'zhang@qq..com', 'zhang@-qq.com', 'zh ang@qq.com', 'zhang@qq.c', 'a@b@c.com', 'zhang.@qq.com']) {
      expect(email.detect(v).valid, v).toBe(false);
    }
  });

  it('keeps a public mailbox domain of `like` and replaces any other', () => {
    const rng = seededRng(new Uint8Array([8]));
    expect(email.generate(rng, 'someone@qq.com')).toMatch(/@qq\.com$/);
    for (let i = 0; i < 20; i++) expect(email.generate(rng, 'cfo@somebank.com.cn')).not.toMatch(/somebank/);
  });
});

describe('person-name', () => {
  it('recognises Chinese names, compound surnames, middle-dot and Latin names', () => {
    expect(personName.detect('张三')).toEqual({ valid: true, confidence: 0.6 });
    expect(personName.detect('欧阳娜娜')).toEqual({ valid: true, confidence: 0.6 });
    expect(personName.detect('诸葛孔明')).toEqual({ valid: true, confidence: 0.6 });
    expect(personName.detect('买买提·艾力')).toEqual({ valid: true, confidence: 0.7 });
    expect(personName.detect('买买提•艾力').valid).toBe(true); // bullet instead of middle dot
    expect(personName.detect('买买提.艾力').valid).toBe(true);
    expect(personName.detect('ZHANG SAN').confidence).toBe(0.45);
    expect(personName.detect('John Smith').confidence).toBe(0.3);
    expect(personName.detect('𠮷野家').valid).toBe(true); // rare character outside the BMP
    for (const v of ['张', '13812345678', 'hello', '张三丰张三丰张', 'zhang san 123', '']) expect(personName.detect(v).valid, v).toBe(false);
  });

  it('normalizes spacing, dots and Latin case', () => {
    expect(personName.normalize(' 张 三 ')).toBe('张三');
    expect(personName.normalize('买买提 • 艾力')).toBe('买买提·艾力');
    expect(personName.normalize('zhang  san')).toBe('ZHANG SAN');
    expect(personName.normalize('Ｚｈａｎｇ Ｓａｎ')).toBe('ZHANG SAN');
  });

  it('name-surname keeps the surname only, code point by code point', () => {
    const m = (v: string) => personName.structuredMask?.('name-surname', v, '*');
    expect(m('张三')).toBe('张*');
    expect(m('张三丰')).toBe('张**');
    expect(m('欧阳娜娜')).toBe('欧阳**');
    expect(m('司马光')).toBe('司马*');
    expect(m('欧阳')).toBe('欧*'); // two characters: surname 欧, given name 阳
    expect(m(' 诸葛亮 ')).toBe(' 诸葛* ');
    expect(m('买买提·艾力')).toBe('买**·**');
    expect(m('𠮷野家')).toBe('𠮷**'); // the surrogate pair stays whole
    expect(m('张𠮷')).toBe('张*');
    expect(m('ZHANG SAN')).toBe('Z**** S**');
    expect(m("Mary-Jane O'Neil")).toBe("M***-**** O'****");
    expect(m('Jose\u0301 Li')).toBe('J**** L*'); // the combining accent is masked with its letter
    expect(m('张')).toBeNull();
    expect(m('张三abc')).toBeNull();
    expect(m('J. K.')).toBeNull();
    expect(m('')).toBeNull();
    expect(personName.structuredMask?.('address-region', '张三', '*')).toBeNull();
  });

  it('name-surname output has the input length in code points and never splits a surrogate pair', () => {
    const han = fc.constantFrom('张', '欧', '阳', '娜', '𠮷', '𪚥', '·', ' ');
    fc.assert(
      fc.property(fc.string({ unit: han, minLength: 1, maxLength: 8 }), (v) => {
        const out = personName.structuredMask?.('name-surname', v, '*');
        if (out === null || out === undefined) return;
        expect([...out].length).toBe([...v].length);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { numRuns: 500 },
    );
  });

  it('generates realistic names and keeps only the script of `like`', () => {
    const rng = seededRng(new Uint8Array([6]));
    const names = Array.from({ length: 2000 }, () => personName.generate(rng));
    // Wang, Li and Zhang are about a fifth of the population: the table must reflect that.
    const top3 = names.filter((n) => '王李张'.includes(n[0])).length / names.length;
    expect(top3).toBeGreaterThan(0.15);
    expect(top3).toBeLessThan(0.3);
    expect(personName.generate(rng, 'ZHANG SAN')).toMatch(/^[A-Z]+ [A-Z]+$/);
    expect(personName.generate(rng, '买买提·艾力')).toMatch(/^\p{Script=Han}+·\p{Script=Han}+$/u);
    expect(personName.generate(rng, '张三')).toMatch(/^\p{Script=Han}{2,4}$/u);
  });
});

describe('address', () => {
  it('finds the region prefix', () => {
    expect(parseRegionPrefix('广东省深圳市南山区科技园路1号')).toMatchObject({ province: '广东省', prefecture: '深圳市', district: '南山区', end: 9 });
    expect(parseRegionPrefix('北京市朝阳区建国门外大街1号')).toMatchObject({ province: '北京市', district: '朝阳区', end: 6 });
    expect(parseRegionPrefix('北京朝阳区建国路88号')).toMatchObject({ province: '北京市', district: '朝阳区', end: 5 });
    expect(parseRegionPrefix('新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号')).toMatchObject({ prefecture: '伊犁哈萨克自治州', district: '伊宁市' });
    expect(parseRegionPrefix('内蒙古自治区锡林郭勒盟锡林浩特市')).toMatchObject({ prefecture: '锡林郭勒盟', district: '锡林浩特市' });
    expect(parseRegionPrefix('深圳市南山区科技园')).toMatchObject({ prefecture: '深圳市', district: '南山区' });
    expect(parseRegionPrefix('河北省唐山市路南区新华道1号')).toMatchObject({ district: '路南区' });
    expect(parseRegionPrefix('湖南路12号')).toBeNull(); // a street named after a province
    expect(parseRegionPrefix('中山路超市对面')).toBeNull(); // not a known city without a province
    expect(parseRegionPrefix('')).toBeNull();
  });

  it('recognises addresses by region and street markers', () => {
    expect(address.detect('广东省深圳市南山区科技园路1号3栋1502室')).toEqual({ valid: true, confidence: 0.9 });
    expect(address.detect('北京市朝阳区建国门外大街1号')).toEqual({ valid: true, confidence: 0.9 });
    expect(address.detect('人民路128号阳光花园3栋').valid).toBe(true);
    expect(address.detect('No. 8 Jianguo Road, Chaoyang District, Beijing').valid).toBe(true);
    for (const v of ['广东省', '张三', '13812345678', 'hello world', '北京']) expect(address.detect(v).valid, v).toBe(false);
  });

  it('address-region keeps province, city and district and masks the rest', () => {
    const m = (v: string) => address.structuredMask?.('address-region', v, '*');
    expect(m('广东省深圳市南山区科技园路1号')).toBe('广东省深圳市南山区******');
    expect(m('北京市朝阳区建国路88号 3单元')).toBe('北京市朝阳区****** ***');
    expect(m('上海市浦东新区世纪大道𠮷号')).toBe('上海市浦东新区******');
    expect(m('广东省深圳市')).toBeNull(); // nothing left to hide: the caller masks it all
    expect(m('人民路128号')).toBeNull();
    expect(m('')).toBeNull();
  });

  it('keeps province and city of `like`', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const rng = seededRng(seed);
        const like = address.generate(rng);
        const region = parseRegionPrefix(like);
        const v = address.generate(rng, like);
        const kept = parseRegionPrefix(v);
        expect(kept?.province).toBe(region?.province);
        expect(kept?.prefecture).toBe(region?.prefecture);
      }),
      { numRuns: 200 },
    );
    // A city missing from the tables is kept as written.
    const v = address.generate(seededRng(new Uint8Array([1])), '湖北省襄樊市樊城区人民路1号');
    expect(v.startsWith('湖北省襄樊市')).toBe(true);
  });
});
