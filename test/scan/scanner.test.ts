/**
 * scanText / redactText on hand-written text: every kind in the ways people write it, the
 * numbers that must be left alone (order numbers, timestamps, decimals, UUIDs), context words,
 * offsets, options and argument errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import { redactText, scanText, SCAN_KINDS, type Finding } from '../../src/scan/index.js';

// GB 11643-1999 check character computed for this body (also the example used in docs/MASKING.md).
const ID = '11010519491231002X';
// Luhn-valid 19-digit UnionPay-style number (check digit computed by ISO/IEC 7812-1 Annex B).
const CARD = '6222021234567890128';
const USCC = getKind('uscc').generate(seededRng(Uint8Array.of(7)));

/** [kind, written value] of every finding, for compact assertions. */
function found(text: string, options?: Parameters<typeof scanText>[1]): [string, string][] {
  return scanText(text, options).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe('scanText finds each kind as people write it', () => {
  it.each([
    ['身份证号11010519491231002X', 'cn-id-card', ID],
    ['id 11010519491231002x ok', 'cn-id-card', '11010519491231002x'],
    ['证件 110105 19491231 002X', 'cn-id-card', '110105 19491231 002X'],
    ['证件 1101 0519 4912 3100 2X', 'cn-id-card', '1101 0519 4912 3100 2X'],
    ['老身份证 110105491231002', 'cn-id-card', '110105491231002'],
    ['卡号6222021234567890128。', 'bank-card', CARD],
    ['card 6222 0212 3456 7890 128', 'bank-card', '6222 0212 3456 7890 128'],
    ['卡号 6222-0212-3456-7890-128', 'bank-card', '6222-0212-3456-7890-128'],
    ['手机13812345678', 'cn-mobile', '13812345678'],
    ['call 138 1234 5678 now', 'cn-mobile', '138 1234 5678'],
    ['手机：138-1234-5678', 'cn-mobile', '138-1234-5678'],
    ['tel +86 138 1234 5678', 'cn-mobile', '138 1234 5678'],
    ['tel +8613812345678', 'cn-mobile', '13812345678'],
    ['tel 0086 13812345678', 'cn-mobile', '13812345678'],
    ['电话 010-65123456', 'cn-landline', '010-65123456'],
    ['电话 (010) 6512 3456', 'cn-landline', '(010) 6512 3456'],
    ['座机（0571）88888888', 'cn-landline', '（0571）88888888'],
    ['座机 0571 8888 8888', 'cn-landline', '0571 8888 8888'],
    ['请发至 zhang.san@qq.com.', 'email', 'zhang.san@qq.com'],
    ['邮箱13812345678@139.com', 'email', '13812345678@139.com'],
    ['护照 E12345678', 'passport', 'E12345678'],
    [`信用代码 ${USCC}`, 'uscc', USCC],
    ['HKID A123456(3)', 'hk-macau-id', 'A123456(3)'],
    ['台湾身份证 A123456789', 'taiwan-id', 'A123456789'],
    ['回乡证 H12345678', 'travel-permit', 'H12345678'],
    ['from 192.168.1.23 at', 'ip-address', '192.168.1.23'],
    ['from 2001:db8::1 at', 'ip-address', '2001:db8::1'],
    ['from ::ffff:192.0.2.1 at', 'ip-address', '::ffff:192.0.2.1'],
    ['车牌 京A12345 进入', 'licence-plate', '京A12345'],
    ['车牌 粤B·D2345', 'licence-plate', '粤B·D2345'],
    ['车牌 沪AD12345', 'licence-plate', '沪AD12345'],
  ])('%s', (text, kind, value) => {
    expect(found(text)).toEqual([[kind, value]]);
  });

  it('full-width digits, letters and separators are digits, letters and separators', () => {
    expect(found('身份证：１１０１０５１９４９１２３１００２Ｘ')).toEqual([['cn-id-card', '１１０１０５１９４９１２３１００２Ｘ']]);
    expect(found('手机：１３８　１２３４　５６７８')).toEqual([['cn-mobile', '１３８　１２３４　５６７８']]);
    expect(found('手机：１３８－１２３４－５６７８')).toEqual([['cn-mobile', '１３８－１２３４－５６７８']]);
    expect(found('邮箱 ｚｈａｎｇ＠ｑｑ．ｃｏｍ')).toEqual([['email', 'ｚｈａｎｇ＠ｑｑ．ｃｏｍ']]);
  });

  it('several values in one text, in order', () => {
    const text = `客户张三，身份证${ID}，手机13812345678，卡号 6222 0212 3456 7890 128，邮箱 a1@qq.com`;
    expect(found(text).map(([k]) => k)).toEqual(['cn-id-card', 'cn-mobile', 'bank-card', 'email']);
    expect(found('13812345678 13912345678')).toEqual([
      ['cn-mobile', '13812345678'],
      ['cn-mobile', '13912345678'],
    ]);
  });
});

describe('scanText leaves other numbers alone', () => {
  it.each([
    // A valid ID or mobile number inside a longer digit run is part of another number.
    [`订单号 9${ID.slice(0, 17)}8`],
    ['ORDER 2024050113812345678901'],
    ['ts=1700000000000 17000000001381234567812'],
    [`x${'1'.repeat(10)}13812345678${'2'.repeat(10)}`],
    // Letters and digits together are identifiers, not values.
    ['TX13812345678 ORD11010519491231002XA'],
    // Decimals, versions and dotted dates.
    ['amount 13812345678.50 pi 3.14159265358979 v1.2.3.4.5 2024.05.01'],
    // Times and MAC addresses are not IPv6.
    ['2024-05-01 12:00:00.123 mac 00:1a:2b:3c:4d:5e'],
    // A UUID's hex and digit groups, hyphenated identifiers.
    ['req ff8f861e-0887-4805-3058-8acef0123456 d695256a-1c9f-4e2a-9c8b-7a6d5e4f3a2b'],
    ['TX-2024-0101-1381-2345-678 ORD-A1234567'],
    // Lower-case tokens are hex or code, not documents.
    ['hash e12345678 a123456789'],
    // Numbers in a list are separate numbers, not one grouped number.
    ['2024 6222 0212 3456 7891'],
    // Short numbers.
    ['共 1532 笔，失败 3 笔，耗时 2.35 秒，余额 12,345.67 元'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('a year before a card does not join it: the card is read alone', () => {
    expect(found('2024 6222 0212 3456 7890 128')).toEqual([['bank-card', '6222 0212 3456 7890 128']]);
  });

  it('"user@localhost" and an address past the RFC 5321 limits are not emails', () => {
    expect(found('mail user@localhost now')).toEqual([]);
    expect(found(`mail ${'a'.repeat(65)}@qq.com`)).toEqual([]);
  });
});

describe('context words', () => {
  it('an announcing word lets a card number without its Luhn digit count', () => {
    const noLuhn = '6222021234567890123';
    expect(found(`转账 ${noLuhn}`)).toEqual([]);
    expect(found(`账号 ${noLuhn}`)).toEqual([['bank-card', noLuhn]]);
    expect(found(`"acctNo":"${noLuhn}"`)).toEqual([['bank-card', noLuhn]]);
  });

  it('an announcing word raises, a word announcing something else lowers the confidence', () => {
    const plain = scanText(`x ${ID}`)[0].confidence;
    const announced = scanText(`身份证号 ${ID}`)[0].confidence;
    const order = scanText(`订单号 ${ID}`)[0].confidence;
    expect(announced).toBeGreaterThan(plain);
    expect(order).toBeLessThan(plain);
    // A passing check digit stays above the default threshold even after 订单号 ...
    expect(order).toBeGreaterThanOrEqual(0.5);
    // ... a 15-digit legacy ID (no check digit: region and date only) does not.
    const legacy = '110105491231002';
    expect(found(`x ${legacy}`)).toEqual([['cn-id-card', legacy]]);
    expect(found(`订单号 ${legacy}`)).toEqual([]);
    expect(found(`尾号 ${legacy}`)).toEqual([]);
    // A Luhn-valid number with no card network's prefix needs its word.
    const other = '1234567890123452'; // Luhn-valid, no network prefix
    expect(found(`x ${other}`)).toEqual([]);
    expect(found(`卡号 ${other}`)).toEqual([['bank-card', other]]);
  });

  it('the word closest to the value decides', () => {
    expect(found('交易流水 123 卡号 1234567890123452')).toEqual([['bank-card', '1234567890123452']]);
    expect(found('卡号 123 订单号 1234567890123452')).toEqual([]);
  });

  it('context does not reach across a line break, and can be switched off', () => {
    expect(scanText(`身份证\n${ID}`)[0].confidence).toBe(scanText(`x ${ID}`)[0].confidence);
    expect(found(`账号 6222021234567890123`, { context: false })).toEqual([]);
  });

  it('shapes any number has (8 digits: a Taiwan compatriot permit) need their word', () => {
    expect(found('批次 12345678')).toEqual([]);
    expect(found('台胞证 12345678')).toEqual([['travel-permit', '12345678']]);
    expect(found('x H12345678')).toEqual([]);
  });
});

describe('offsets', () => {
  it('start/end are UTF-16 offsets, cpStart/cpEnd code point offsets', () => {
    const text = `😀𠮷 手机13812345678 和 ${ID}`;
    const [a, b] = scanText(text);
    expect(text.slice(a.start, a.end)).toBe('13812345678');
    expect(text.slice(b.start, b.end)).toBe(ID);
    const cps = Array.from(text);
    expect(cps.slice(a.cpStart, a.cpEnd).join('')).toBe('13812345678');
    expect(cps.slice(b.cpStart, b.cpEnd).join('')).toBe(ID);
    expect(a.start - a.cpStart).toBe(2);
  });

  it('findings carry no value', () => {
    const f = scanText(`手机13812345678`)[0] as Finding & Record<string, unknown>;
    expect(Object.keys(f).sort()).toEqual(['confidence', 'cpEnd', 'cpStart', 'end', 'kind', 'start']);
    expect(JSON.stringify(f)).not.toContain('1381234');
  });
});

describe('characters that show nothing', () => {
  const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

  it('inside a value do not hide it: it is found over its whole span and masked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['身份证', ID, 'cn-id-card'], ['手机', '13812345678', 'cn-mobile'], ['卡号', CARD, 'bank-card']),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', '，谢谢', ' ok'),
        ([word, value, kind], inserts, tail) => {
          let hidden = value;
          for (const [at, c] of inserts) {
            const i = 1 + (at % (hidden.length - 1));
            hidden = hidden.slice(0, i) + c + hidden.slice(i);
          }
          const text = word + hidden + tail;
          const findings = scanText(text);
          expect(findings.map((f) => [f.kind, f.start, f.end])).toEqual([[kind, word.length, word.length + hidden.length]]);
          expect(findings[0].cpEnd - findings[0].cpStart).toBe(hidden.length);
          // The same mask as without them; the text around is untouched.
          expect(redactText(text)).toBe(redactText(word + value + tail));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('outside values stay as they are (an emoji sequence, a byte-order mark)', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(redactText(`\ufeff${family} 手机13812345678`)).toBe(`\ufeff${family} 手机138****5678`);
    const f = scanText(`${family}手机13812345678`)[0];
    expect([f.start, f.cpStart]).toEqual([family.length + 2, 5 + 2]);
  });
});

describe('redactText', () => {
  it('masks with the log scene by default and keeps the text around', () => {
    expect(redactText(`身份证${ID}，手机 138-1234-5678`)).toBe('身份证110105********002X，手机 138-****-5678');
    expect(redactText('卡号 6222 0212 3456 7890 128')).toBe('卡号 6222 02** **** ***0 128');
    expect(redactText('邮箱 zhangsan@qq.com')).toBe('邮箱 z*******@qq.com');
  });

  it('keeps what the scene keeps (IP addresses in logs) and returns unchanged text as is', () => {
    const text = 'login from 192.168.1.23';
    expect(redactText(text)).toBe(text);
    expect(redactText(text, 'share')).toBe('login from 192.168.*.*');
  });

  it('other scenes use their masks', () => {
    expect(redactText(`身份证${ID}`, 'analytics')).toBe('身份证110105******31002X');
  });

  it('options: kinds, exclude, minConfidence, replacement', () => {
    const text = `手机13812345678 身份证${ID}`;
    expect(redactText(text, 'log', { kinds: ['cn-mobile'] })).toBe(`手机138****5678 身份证${ID}`);
    expect(redactText(text, 'log', { exclude: ['cn-mobile'] })).toBe('手机13812345678 身份证110105********002X');
    expect(redactText(text, 'log', { replacement: '[{kind}]' })).toBe('手机[cn-mobile] 身份证[cn-id-card]');
    expect(redactText(text, 'log', { replacement: (f, v) => `<${f.kind}:${v.length}>` })).toBe('手机<cn-mobile:11> 身份证<cn-id-card:18>');
    expect(redactText('x 13012345678', 'log', { minConfidence: 0.9 })).toBe('x 13012345678');
  });

  it('every scannable kind has a mask in every masking scene', () => {
    for (const kind of SCAN_KINDS) for (const scene of ['display', 'analytics', 'log', 'share'] as const) {
      expect(() => redactText('x', scene, { kinds: [kind] })).not.toThrow();
    }
  });
});

describe('argument errors name the problem, never the value', () => {
  it.each([
    [() => scanText(13812345678 as unknown as string), 'number'],
    [() => redactText('x', 'storage' as 'log'), 'storage'],
    [() => scanText('x', { kinds: ['13812345678'] }), 'scannable kind'],
    [() => scanText('x', { minConfidence: 2 }), 'minConfidence'],
    [() => redactText('x', 'log', { replacement: 5 as unknown as string }), 'replacement'],
    [() => redactText('13812345678', 'log', { replacement: () => 5 as unknown as string }), 'replacement'],
  ])('%#', (fn, mentions) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(mentions);
    expect((error as Error).message).not.toContain('13812345678');
  });
});
