import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/encoding.js';
import { accountOpening } from '../../src/kinds/account-opening.js';
import { amount } from '../../src/kinds/amount.js';
import { bankCard } from '../../src/kinds/bank-card.js';
import { biometric } from '../../src/kinds/biometric.js';
import { cardExpiry } from '../../src/kinds/card-expiry.js';
import { cardTrack } from '../../src/kinds/card-track.js';
import { customerNumber } from '../../src/kinds/customer-number.js';
import { cvn } from '../../src/kinds/cvn.js';
import { ipAddress } from '../../src/kinds/ip-address.js';
import { loginName } from '../../src/kinds/login-name.js';
import { password } from '../../src/kinds/password.js';
import { seededRng } from '../../src/kinds/rng.js';
import { securityAnswer } from '../../src/kinds/security-answer.js';
import { smsCode } from '../../src/kinds/sms-code.js';
import { transaction } from '../../src/kinds/transaction.js';

const seeds = fc.uint8Array({ minLength: 4, maxLength: 16 });

describe('bank-card', () => {
  it('accepts Luhn-valid UnionPay numbers in real-world spellings', () => {
    // 6222 0212 3456 7890 123 with its Luhn digit: 622202123456789012 + 8 (computed by hand).
    for (const v of ['6222021234567890128', '6222 0212 3456 7890 128', '6222-0212-3456-7890-128', '６２２２０２１２３４５６７８９０１２８']) {
      expect(bankCard.detect(v), v).toEqual({ valid: true, confidence: 0.95, checksum: true });
    }
    expect(bankCard.detect('4111111111111111')).toEqual({ valid: true, confidence: 0.9, checksum: true });
    expect(bankCard.normalize(' 6222 0212 3456 7890 128 ')).toBe('6222021234567890128');
  });

  it('lowers confidence on a Luhn failure instead of rejecting (account numbers carry no Luhn digit)', () => {
    expect(bankCard.detect('6222021234567890127')).toEqual({ valid: true, confidence: 0.35, checksum: false });
    for (const v of ['622202123456789', '62220212345678901234', '0000000000000000', '6222a21234567890128', '']) {
      expect(bankCard.detect(v).valid, v).toBe(false);
    }
  });

  it('flags every single-digit substitution of generated numbers as failing the check digit', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const card = bankCard.generate(seededRng(seed));
        expect(bankCard.detect(card).checksum).toBe(true);
        for (let i = 0; i < card.length; i++) {
          for (const d of '0123456789') {
            if (d === card[i]) continue;
            const r = bankCard.detect(card.slice(0, i) + d + card.slice(i + 1));
            expect(r.checksum).not.toBe(true);
            expect(r.confidence).toBeLessThan(0.5);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the BIN and length of `like`', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const v = bankCard.generate(seededRng(seed), '6214830123456789');
        expect(v.slice(0, 6)).toBe('621483');
        expect(v).toHaveLength(16);
        expect(bankCard.detect(v).checksum).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('masks as the seed rules say: display first 6 / last 4, analytics hides the last 4', () => {
    expect(bankCard.masks.display).toMatchObject({ type: 'keep', first: 6, last: 4 });
    expect(bankCard.masks.analytics).toMatchObject({ type: 'range', start: -4 });
  });
});

describe('amount', () => {
  it('parses amounts with currency marks and grouping', () => {
    const cases: [string, string, number][] = [
      ['1234.50', '1234.50', 0.3],
      ['-1,234.50', '-1234.50', 0.45],
      ['¥1,234.50', '1234.50', 0.45],
      ['￥88', '88', 0.45],
      ['1234.50元', '1234.50', 0.45],
      ['RMB 1,000,000.00', '1000000.00', 0.45],
      ['１２３４．５０', '1234.50', 0.3],
      ['42', '42', 0.1],
      ['-0.00', '0.00', 0.3],
    ];
    for (const [v, normal, confidence] of cases) {
      expect(amount.detect(v), v).toEqual({ valid: true, confidence });
      expect(amount.normalize(v), v).toBe(normal);
    }
    for (const v of ['1,23.4', '12.34.5', 'abc', '--5', '1e5', '']) expect(amount.detect(v).valid, v).toBe(false);
  });

  it('keeps sign, order of magnitude and decimals of `like`', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: -1e9, max: 1e9 }), (seed, cents) => {
        const like = (cents / 100).toFixed(2);
        const v = amount.generate(seededRng(seed), like);
        const [li] = like.replace('-', '').split('.');
        const [vi, vf] = v.replace('-', '').split('.');
        expect(vi).toHaveLength(li.length);
        expect(vf).toHaveLength(2);
        expect(v.startsWith('-')).toBe(like.startsWith('-') && cents !== 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('transaction', () => {
  it('recognises serial numbers weakly and remarks not at all', () => {
    expect(transaction.detect('20240315123456789012')).toEqual({ valid: true, confidence: 0.15 });
    expect(transaction.detect('TXN-2024-0315-00012345').valid).toBe(true);
    for (const v of ['工资', 'hello', '12345', 'ABCDEFGHIJKLMNOP']) expect(transaction.detect(v).valid, v).toBe(false);
  });

  it('keeps a serial length and replaces a remark by a neutral one', () => {
    const rng = seededRng(new Uint8Array([2]));
    expect(transaction.generate(rng, '1234567890123456789012345')).toMatch(/^[0-9]{25}$/);
    expect(transaction.generate(rng, '张三还款')).toMatch(/^[\p{Script=Han}A-Z]+$/u);
    expect(transaction.generate(rng, '张三还款')).not.toContain('张三');
  });

  it('keeps the shape of a serial with letters or separators: codes and separators stay, digits and dates are new', () => {
    const rng = seededRng(new Uint8Array([3]));
    for (let i = 0; i < 200; i++) {
      const a = transaction.generate(rng, 'TX20211014185331292905');
      const m = /^TX([0-9]{4})([0-9]{2})([0-9]{2})[0-9]{12}$/.exec(a);
      expect(m, a).not.toBeNull();
      const [y, mo, d] = [Number(m![1]), Number(m![2]), Number(m![3])];
      expect(y >= 2018 && y <= 2024 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31, a).toBe(true);
      expect(transaction.detect(a).valid).toBe(true);
      const b = transaction.generate(rng, 'TXN-2024-0315-00012345');
      expect(b).toMatch(/^TXN-[0-9]{4}-[0-9]{4}-[0-9]{8}$/);
      expect(transaction.generate(rng, 'pay_20240315_000123456789')).toMatch(/^pay_20(1[89]|2[0-4])[0-9]{4}_[0-9]{12}$/);
    }
    // Too few digits to replace: the default serial (a date and 12 digits).
    expect(transaction.generate(rng, 'ABCDEFGHIJKL12')).toMatch(/^20[12][0-9]{17}$/);
  });
});

describe('card-track', () => {
  it('recognises ISO 7813 track 2 and track 1, with and without sentinels', () => {
    const pan = '6222021234567890128';
    for (const v of [`;${pan}=25121010000000000000?`, `${pan}=2512101000000`, `${pan}D25121010000000F`]) {
      expect(cardTrack.detect(v), v).toEqual({ valid: true, confidence: 0.95, checksum: true });
    }
    expect(cardTrack.detect(`%B${pan}^ZHANG/SAN^2512101000000000000?`)).toEqual({ valid: true, confidence: 0.95, checksum: true });
    expect(cardTrack.detect(';6222021234567890127=25121010000000000000?')).toEqual({ valid: true, confidence: 0.6, checksum: false });
    expect(cardTrack.detect(`;${pan}=25131010000000000000?`).valid).toBe(false); // month 13
    for (const v of [pan, '2512', '=2512101?', '%B^^?']) expect(cardTrack.detect(v).valid, v).toBe(false);
  });
});

describe('cvn, card-expiry, sms-code', () => {
  it('recognise their shapes only weakly', () => {
    expect(cvn.detect('123')).toEqual({ valid: true, confidence: 0.1 });
    expect(cvn.detect('1234').valid).toBe(true);
    expect(cvn.detect('12').valid).toBe(false);
    expect(smsCode.detect('123456')).toEqual({ valid: true, confidence: 0.1 });
    expect(smsCode.detect('123').valid).toBe(false);
    expect(cardExpiry.detect('12/25')).toEqual({ valid: true, confidence: 0.45 });
    expect(cardExpiry.detect('1225')).toEqual({ valid: true, confidence: 0.1 });
    expect(cardExpiry.detect('13/25').valid).toBe(false);
    expect(cardExpiry.detect('2525').valid).toBe(false);
  });

  it('normalizes expiry dates to MM/YY, reading YYMM when MMYY is impossible', () => {
    expect(cardExpiry.normalize('12/2025')).toBe('12/25');
    expect(cardExpiry.normalize('1/25')).toBe('01/25');
    expect(cardExpiry.normalize('1225')).toBe('12/25');
    expect(cardExpiry.normalize('2512')).toBe('12/25');
    expect(cardExpiry.normalize('12 - 25')).toBe('12/25');
  });

  it('derive nothing from real authentication data', () => {
    const a = seededRng(new Uint8Array([1]));
    const b = seededRng(new Uint8Array([1]));
    expect(cardExpiry.generate(a, '01/26')).toBe(cardExpiry.generate(b, '12/30'));
    expect(password.generate(a, '123456')).toBe(password.generate(b, 'correct horse battery staple'));
    expect(cardTrack.generate(a, ';6222021234567890128=25121010000000000000?')).toBe(cardTrack.generate(b));
  });
});

describe('content-free kinds', () => {
  it('password and security answer never claim a value', () => {
    for (const v of ['123456', 'P@ssw0rd!', '我的小学', '']) {
      expect(password.detect(v)).toEqual({ valid: false, confidence: 0 });
      expect(securityAnswer.detect(v)).toEqual({ valid: false, confidence: 0 });
    }
    expect(password.normalize(' a b ')).toBe(' a b ');
    expect(securityAnswer.normalize(' 北京  小学 ')).toBe('北京 小学');
  });
});

describe('biometric', () => {
  it('recognises ISO/ANSI template headers in base64 and hex', () => {
    expect(biometric.detect('Rk1SACAyMAAAAAEIAAAB9AH0AMUAxQEABAAwJ4Dr').valid).toBe(true);
    expect(biometric.detect('464D520020323000000000E8' + 'AB'.repeat(100)).valid).toBe(true);
    expect(biometric.detect('RkFDADAxMAAAAAEIAAAB9AH0').valid).toBe(true);
    expect(biometric.detect('SGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYSB0ZW1wbGF0ZQ==').valid).toBe(false);
    expect(biometric.detect('Rk1S').valid).toBe(false);
  });

  it('generates a structurally sound ISO/IEC 19794-2 record', () => {
    const bytes = fromBase64(biometric.generate(seededRng(new Uint8Array([3]))));
    expect([...bytes.subarray(0, 8)]).toEqual([0x46, 0x4d, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(8)).toBe(bytes.length);
    expect(bytes.length).toBe(24 + 4 + 6 * bytes[27] + 2);
  });
});

describe('ip-address', () => {
  it('accepts IPv4 and the IPv6 text forms, and normalizes IPv6 as RFC 5952', () => {
    const cases: [string, string][] = [
      ['192.168.1.20', '192.168.1.20'],
      ['010.001.001.001', '10.1.1.1'],
      ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8::1', '2001:db8::1'],
      ['::1', '::1'],
      ['::', '::'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::ffff:192.0.2.1', '::ffff:c000:201'],
      ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
      ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ];
    for (const [v, normal] of cases) {
      expect(ipAddress.detect(v).valid, v).toBe(true);
      expect(ipAddress.normalize(v), v).toBe(normal);
    }
    for (const v of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', ':1:2', 'g::1', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4', 'fe80::1%eth0']) {
      expect(ipAddress.detect(v).valid, v).toBe(false);
    }
  });

  it('ip-prefix keeps the network part', () => {
    const m = (v: string) => ipAddress.structuredMask?.('ip-prefix', v, '*');
    expect(m('192.168.1.20')).toBe('192.168.*.*');
    expect(m('2408:8000:1:2::5')).toBe('2408:8000:1:*:*:*:*:*');
    expect(m('not an ip')).toBeNull();
  });

  it('keeps the family and operator prefix of `like`', () => {
    const rng = seededRng(new Uint8Array([5]));
    expect(ipAddress.generate(rng, '58.1.2.3')).toMatch(/^58\./);
    expect(ipAddress.generate(rng, '240e:1:2:3::4')).toMatch(/^240e:1:/);
  });
});

describe('login-name, account-opening, customer-number', () => {
  it('recognise their shapes weakly', () => {
    expect(loginName.detect('zhangwei1988')).toEqual({ valid: true, confidence: 0.15 });
    expect(loginName.detect('1zhang').valid).toBe(false);
    expect(accountOpening.detect('2015-03-02')).toEqual({ valid: true, confidence: 0.2 });
    expect(accountOpening.detect('中国工商银行北京朝阳支行')).toEqual({ valid: true, confidence: 0.5 });
    expect(accountOpening.normalize('2015/3/2 09:05:00')).toBe('2015-03-02 09:05:00');
    expect(customerNumber.detect('C0001234567')).toEqual({ valid: true, confidence: 0.1 });
    expect(customerNumber.detect('ABCDEFGH').valid).toBe(false);
  });

  it('keep C1 values unmasked by default', () => {
    expect(accountOpening.masks).toEqual({});
    expect(customerNumber.masks).toEqual({});
    expect(accountOpening.level).toBe('C1');
    expect(customerNumber.level).toBe('C1');
  });

  it('customer numbers keep the shape of `like`', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const v = customerNumber.generate(seededRng(seed), 'CIF00012345678');
        expect(v).toMatch(/^[A-Z]{3}[0-9]{11}$/);
      }),
      { numRuns: 100 },
    );
    expect(accountOpening.generate(seededRng(new Uint8Array([1])), '中国银行上海浦东支行')).toMatch(/支行$/);
    expect(accountOpening.generate(seededRng(new Uint8Array([1])), '2011-05-06')).toMatch(/^2011-/);
  });
});
