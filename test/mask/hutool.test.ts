import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../src/errors.js';
import { hutool, HUTOOL_TYPES, type HutoolType } from '../../src/mask/profiles/hutool.js';

/**
 * Fixtures: input → output pairs from Hutool's own tests and documentation,
 * dromara/hutool, hutool-core/src/test/java/cn/hutool/core/util/DesensitizedUtilTest.java and
 * the Javadoc of hutool-core/src/main/java/cn/hutool/core/util/DesensitizedUtil.java (5.8.x).
 */
const HUTOOL_DESENSITIZED: readonly [string, HutoolType, string | null][] = [
  ['100', 'USER_ID', '0'],
  ['100', 'CLEAR_TO_EMPTY', ''],
  ['100', 'CLEAR_TO_NULL', null],
  ['段正淳', 'CHINESE_NAME', '段**'],
  ['51343620000320711X', 'ID_CARD', '5***************1X'],
  ['09157518479', 'FIXED_PHONE', '0915*****79'],
  ['18049531999', 'MOBILE_PHONE', '180****1999'],
  ['北京市海淀区马连洼街道289号', 'ADDRESS', '北京市海淀区马********'],
  ['duandazhi-jack@gmail.com.cn', 'EMAIL', 'd*************@gmail.com.cn'],
  ['1234567890', 'PASSWORD', '**********'],
  ['11011111222233333256', 'BANK_CARD', '1101 **** **** **** 3256'],
  ['6227880100100105123', 'BANK_CARD', '6227 **** **** **** 123'],
  ['192.168.1.1', 'IPV4', '192.*.*.*'],
  ['2001:0db8:86a3:08d3:1319:8a2e:0370:7344', 'IPV6', '2001:*:*:*:*:*:*:*'],
  ['苏D40000', 'CAR_LICENSE', '苏D4***0'],
  ['123456789', 'FIRST_MASK', '1********'], // FIRST_MASK Javadoc
];

describe('hutool profile: Hutool fixtures', () => {
  it.each(HUTOOL_DESENSITIZED)('desensitized(%s, %s) → %s', (value, type, expected) => {
    expect(hutool.desensitized(value, type)).toBe(expected);
  });

  it('named helpers', () => {
    expect(hutool.userId()).toBe(0);
    expect(hutool.chineseName('段正淳')).toBe('段**');
    expect(hutool.idCardNum('51343620000320711X', 1, 2)).toBe('5***************1X');
    expect(hutool.fixedPhone('09157518479')).toBe('0915*****79');
    expect(hutool.mobilePhone('18049531999')).toBe('180****1999');
    expect(hutool.address('北京市海淀区马连洼街道289号', 5)).toBe('北京市海淀区马连洼街*****');
    expect(hutool.address('北京市海淀区马连洼街道289号', 50)).toBe('***************');
    expect(hutool.email('duandazhi@126.com')).toBe('d********@126.com');
    expect(hutool.email('duandazhi@gmail.com.cn')).toBe('d********@gmail.com.cn');
    expect(hutool.email('duandazhi-jack@gmail.com.cn')).toBe('d*************@gmail.com.cn');
    expect(hutool.password('1234567890')).toBe('**********');
    expect(hutool.carLicense(null)).toBe('');
    expect(hutool.carLicense('')).toBe('');
    expect(hutool.carLicense('苏D40000')).toBe('苏D4***0');
    expect(hutool.carLicense('陕A12345D')).toBe('陕A1****D');
    expect(hutool.bankCard(null)).toBeNull();
    expect(hutool.bankCard('')).toBe('');
    expect(hutool.bankCard('1234 2222 3333 4444 6789 9')).toBe('1234 **** **** **** **** 9');
    expect(hutool.bankCard('1234 2222 3333 4444 6789 91')).toBe('1234 **** **** **** **** 91');
    expect(hutool.bankCard('1234 2222 3333 4444 6789')).toBe('1234 **** **** **** 6789');
    expect(hutool.bankCard('1234 2222 3333 4444 678')).toBe('1234 **** **** **** 678');
    expect(hutool.clear()).toBe('');
    expect(hutool.clearToNull()).toBeNull();
  });

  it('blank input gives "" for every type, as in Hutool', () => {
    for (const type of HUTOOL_TYPES) {
      for (const blank of [null, undefined, '', '   ']) expect(hutool.desensitized(blank, type)).toBe('');
    }
  });
});

describe('hutool profile: where fieldshield deliberately differs (fail closed)', () => {
  // Hutool returns each of these inputs unchanged (its own test: carLicense('京A123') = '京A123',
  // address(s, 0) = address(s, -1) = s); fieldshield masks them entirely.
  it.each([
    ['京A123', 'CAR_LICENSE', '*****'],
    ['段', 'CHINESE_NAME', '*'],
    ['1', 'FIRST_MASK', '*'],
    ['123', 'ID_CARD', '***'],
    ['1234567', 'MOBILE_PHONE', '*******'],
    ['123456', 'FIXED_PHONE', '******'],
    ['a@b.cn', 'EMAIL', '*@b.cn'],
    ['@b.cn', 'EMAIL', '*****'],
    ['nobody', 'EMAIL', '******'],
    ['12345678', 'BANK_CARD', '********'],
    ['1234 5678', 'BANK_CARD', '********'],
    ['localhost', 'IPV4', '*********'],
    ['localhost', 'IPV6', '*********'],
  ] as const)('%s as %s → %s', (value, type, expected) => {
    expect(hutool.desensitized(value, type)).toBe(expected);
  });

  it('address with a size of 0 or less is masked entirely', () => {
    expect(hutool.address('北京市海淀区马连洼街道289号', 0)).toBe('***************');
    expect(hutool.address('北京市海淀区马连洼街道289号', -1)).toBe('***************');
  });

  it('keeps Hutool\'s empty result where Hutool reveals nothing', () => {
    expect(hutool.idCardNum('12', 1, 2)).toBe('');
    expect(hutool.idCardNum('51343620000320711X', -1, 2)).toBe('');
  });

  it('counts grapheme clusters where Hutool mixes UTF-16 lengths and code points', () => {
    // Hutool: mobilePhone uses length() (UTF-16) for the end, code points for positions.
    expect(hutool.mobilePhone('180😀4953199')).toBe('180****3199');
    expect(hutool.chineseName('𠮷野家')).toBe('𠮷**');
    expect(hutool.chineseName('👩‍👩‍👧x')).toBe('👩‍👩‍👧*');
  });

  it('never returns a non-blank value unchanged (except USER_ID\'s "0")', () => {
    const types = HUTOOL_TYPES.filter((t) => t !== 'USER_ID' && t !== 'CLEAR_TO_NULL' && t !== 'CLEAR_TO_EMPTY');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.constantFrom(...types), (value, type) => {
        fc.pre(value.trim() !== '' && !value.includes('*'));
        expect(hutool.desensitized(value, type)).not.toBe(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects non-string input and unknown types without echoing', () => {
    expect(() => hutool.desensitized(13812345678 as unknown as string, 'MOBILE_PHONE')).toThrow(InvalidArgumentError);
    expect(() => hutool.desensitized('13812345678', 'PHONE' as HutoolType)).toThrow(/unknown Hutool/);
  });
});
