import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../src/errors.js';
import { getKind, kinds } from '../../src/kinds/index.js';
import type { Kind } from '../../src/kinds/types.js';
import { compileMask, MASK_HELPER_KINDS, MASK_SCENES, mask, maskForScene, presetFor } from '../../src/mask/index.js';
import type { MaskRule, MaskScene } from '../../src/mask/types.js';

const hashKey = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 ^ i);
const hmacSm3Hex = (text: string) => createHmac('sm3', hashKey).update(text, 'utf8').digest('hex');

/**
 * Every built-in kind × scene: [kind, input, display, analytics, log, share].
 * The ID and card analytics columns are seed 002 literally ("hide the middle 6 digits of the ID
 * number and the last 4 digits of the bank card number"); C3 follows DESIGN.md: never shown,
 * dropped, labelled in logs, never shared.
 */
const TABLE: readonly [string, string, string | null, string | null, string | null, string | null][] = [
  ['cn-id-card', '11010519491231002X', '110105********002X', '110105******31002X', '110105********002X', '110105********002X'],
  ['bank-card', '6222021234567890123', '622202*********0123', '622202123456789****', '622202*********0123', '622202*********0123'],
  ['cn-mobile', '13812345678', '138****5678', '138****5678', '138****5678', '138****5678'],
  ['cn-landline', '0755-87654321', '0755-******21', '0755-******21', '0755-******21', '0755-******21'],
  ['person-name', '欧阳娜娜', '欧阳**', '欧阳**', '欧阳**', '欧阳**'],
  ['address', '北京市海淀区马连洼街道289号', '北京市海淀区*********', '北京市海淀区*********', '北京市海淀区*********', '北京市海淀区*********'],
  ['email', 'duandazhi@126.com', 'd********@126.com', 'd********@126.com', 'd********@126.com', 'd********@126.com'],
  ['passport', 'E12345678', 'E*****678', 'E*****678', 'E*****678', 'E*****678'],
  ['hk-macau-id', 'H01234567', 'H*****567', 'H*****567', 'H*****567', 'H*****567'],
  ['taiwan-id', 'A123456789', 'A******789', 'A******789', 'A******789', 'A******789'],
  ['travel-permit', 'C12345678', 'C*****678', 'C*****678', 'C*****678', 'C*****678'],
  ['uscc', '91110108MA01ABCDE7', '911101********CDE7', '911101********CDE7', '911101********CDE7', '911101********CDE7'],
  ['licence-plate', '京A12345', '京A1***5', '京A1***5', '京A1***5', '京A1***5'],
  ['date-of-birth', '1949-12-31', '1949-**-**', '1949', '1949-**-**', '1949-**-**'],
  ['amount', '¥23,456.78', '******', '[10000,100000)', '******', '******'],
  ['login-name', 'zhangsan88', 'zh*******8', 'zh*******8', 'zh*******8', 'zh*******8'],
  ['sms-code', '123456', '******', null, '[REDACTED:sms-code]', null],
  ['security-answer', '我的小学', '******', null, '[REDACTED:security-answer]', null],
  ['password', 'Passw0rd!', '******', null, '[REDACTED:password]', null],
  ['cvn', '123', '******', null, '[REDACTED:cvn]', null],
  ['card-expiry', '12/27', '******', null, '[REDACTED:card-expiry]', null],
  ['card-track', '6222021234567890123=27121010000012300000', '******', null, '[REDACTED:card-track]', null],
  ['biometric', 'BASE64TEMPLATE==', '******', null, '[REDACTED:biometric]', null],
  // C1: internal data is kept, except where the kind has its own preset.
  ['ip-address', '192.168.1.23', '192.168.1.23', '192.168.1.23', '192.168.1.23', '192.168.*.*'],
  ['account-opening', '2019-03-15', '2019-03-15', '2019-03-15', '2019-03-15', '2019-03-15'],
  ['customer-number', 'C000123456', 'C000123456', 'C000123456', 'C000123456', 'C000123456'],
];

describe('kind × scene examples', () => {
  it('cover every built-in kind', () => {
    const covered = new Set([...TABLE.map((r) => r[0]), 'transaction']);
    expect(kinds.map((k) => k.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(TABLE)('%s %s', (kindId, input, ...expected) => {
    MASK_SCENES.forEach((scene, i) => {
      expect(maskForScene(input, kindId, scene)).toBe(expected[i]);
      expect(mask(input, kindId, { scene })).toBe(expected[i]);
    });
  });

  it('transaction: fixed everywhere but analytics, which is a keyed hash of the normalized value', () => {
    const v = 'TX20240101000123';
    expect(maskForScene(v, 'transaction', 'display')).toBe('******');
    expect(maskForScene(v, 'transaction', 'log')).toBe('******');
    expect(maskForScene(v, 'transaction', 'analytics', { hashKey })).toBe(hmacSm3Hex(getKind('transaction').normalize(v)).slice(0, 32));
    // No key: the hash rule fails closed.
    expect(() => maskForScene(v, 'transaction', 'analytics')).toThrow(InvalidArgumentError);
  });
});

describe('mask helpers (display scene)', () => {
  it.each([
    ['idCard', '11010519491231002X', '110105********002X'],
    ['idCard', '11010519491231002x', '110105********002x'],
    ['bankCard', '6222021234567890123', '622202*********0123'],
    ['bankCard', '6222 0212 3456 7890', '6222 02** **** 7890'],
    ['bankCard', '１２３４', '****'],
    ['mobile', '13812345678', '138****5678'],
    ['mobile', '１３８１２３４５６７８', '１３８****５６７８'],
    ['name', '张三', '张*'],
    ['name', '欧阳娜娜', '欧阳**'],
    ['personName', '张三', '张*'],
    ['email', 'duandazhi@126.com', 'd********@126.com'],
    ['password', 'x', '******'],
    ['cvn', '123', '******'],
  ] as const)('mask.%s(%s) → %s', (helper, input, expected) => {
    expect(mask[helper](input)).toBe(expected);
  });

  it('exist for every listed kind and name it', () => {
    for (const [helper, kindId] of Object.entries(MASK_HELPER_KINDS)) {
      expect(getKind(kindId).id).toBe(kindId);
      expect(mask[helper as keyof typeof MASK_HELPER_KINDS].kindId).toBe(kindId);
    }
  });

  it('take options: scene and mask character', () => {
    expect(mask.idCard('11010519491231002X', { scene: 'analytics' })).toBe('110105******31002X');
    expect(mask.bankCard('6222021234567890123', { scene: 'analytics' })).toBe('622202123456789****');
    expect(mask.mobile('13812345678', { maskChar: '●' })).toBe('138●●●●5678');
    expect(mask.password('x', { scene: 'log' })).toBe('[REDACTED:password]');
  });
});

describe('input handling', () => {
  it('passes null and undefined through', () => {
    expect(mask(null, 'cn-mobile')).toBeNull();
    expect(mask(undefined, 'cn-mobile')).toBeUndefined();
    expect(mask.mobile(null)).toBeNull();
    expect(mask.mobile(undefined)).toBeUndefined();
    expect(maskForScene(null, 'password', 'log')).toBeNull();
    expect(mask(null, { type: 'drop' })).toBeNull();
  });

  it('converts finite numbers and bigints with String()', () => {
    expect(mask(13812345678, 'cn-mobile')).toBe('138****5678');
    expect(mask.mobile(13812345678)).toBe('138****5678');
    expect(mask(6222021234567890123n, 'bank-card')).toBe('622202*********0123');
    expect(mask(12.5, { type: 'keep', first: 1 })).toBe('1***');
  });

  it('rejects other types naming only the type', () => {
    const secret = '11010519491231002X';
    for (const [bad, type] of [
      [new String(secret), 'object'],
      [[secret], 'array'],
      [true, 'boolean'],
      [Symbol('x'), 'symbol'],
      [NaN, undefined],
      [Infinity, undefined],
    ] as const) {
      let thrown: unknown;
      try {
        mask(bad as unknown as string, 'cn-id-card');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).not.toContain('1101');
      if (type !== undefined) expect((thrown as Error).message).toContain(type);
    }
  });

  it('never echoes an unknown kind id (it may be a value passed in the wrong place)', () => {
    let thrown: unknown;
    try {
      mask('cn-mobile', '13812345678');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as Error).message).not.toContain('1381');
  });
});

describe('scenes', () => {
  it('storage and devtest are not masking scenes', () => {
    for (const scene of ['storage', 'devtest'] as const) {
      expect(() => maskForScene('13812345678', 'cn-mobile', scene as MaskScene)).toThrow(/masks do not apply/);
      expect(() => mask('13812345678', 'cn-mobile', { scene: scene as MaskScene })).toThrow(/masks do not apply/);
      // Checked before the null pass-through, so a misconfiguration shows on the first row.
      expect(() => maskForScene(null, 'cn-mobile', scene as MaskScene)).toThrow(InvalidArgumentError);
    }
    expect(() => mask('13812345678', 'cn-mobile', { scene: '13812345678' as MaskScene })).toThrow(/^scene must be one of/);
  });

  it('C3 is never shown, whatever presets a kind declares', () => {
    const leaky: Kind = { ...getKind('password'), masks: { display: { type: 'keep', first: 2 }, analytics: { type: 'keep', first: 2 } } };
    expect(mask('Passw0rd!', leaky)).toBe('******');
    expect(mask('Passw0rd!', leaky, { scene: 'analytics' })).toBeNull();
    expect(mask('Passw0rd!', leaky, { scene: 'log' })).toBe('[REDACTED:password]');
    expect(mask('Passw0rd!', leaky, { scene: 'share' })).toBeNull();
  });

  it('C2 authentication helpers are never shared; C2 without presets falls back to display, then fixed', () => {
    const helper: Kind = { ...getKind('cn-mobile'), id: 'otp-seed', authHelper: true };
    expect(mask('13812345678', helper, { scene: 'share' })).toBeNull();
    expect(mask('13812345678', helper)).toBe('138****5678');
    const displayOnly: Kind = { ...getKind('cn-mobile'), masks: { display: { type: 'keep', first: 3, last: 4 } } };
    expect(mask('13812345678', displayOnly, { scene: 'log' })).toBe('138****5678');
    const bare: Kind = { ...getKind('cn-mobile'), masks: {} };
    expect(mask('13812345678', bare, { scene: 'analytics' })).toBe('******');
  });

  it('presets keep their identity, so compiled rules are reused', () => {
    const k = getKind('cn-id-card');
    expect(presetFor(k, 'display')).toBe(presetFor(k, 'display'));
    const rule = presetFor(k, 'display')!;
    expect(compileMask(rule)).toBe(compileMask(rule));
  });

  it('every C2/C3 kind in every scene hides something of a valid sample', () => {
    const rng = { state: 1, nextUint32() { this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0; return this.state; } };
    for (const kind of kinds) {
      if (kind.level === 'C1') continue;
      for (let i = 0; i < 20; i++) {
        const sample = kind.generate(rng);
        for (const scene of MASK_SCENES) {
          const out = maskForScene(sample, kind, scene, { hashKey });
          expect(out, `${kind.id} ${scene}`).not.toBe(sample);
        }
      }
    }
  });
});

describe('bare rules', () => {
  it.each([
    [{ type: 'keep', first: 6, last: 4 }, '6222021234567890', '622202******7890'],
    [{ type: 'range', start: 6, end: 12 }, '11010519491231002X', '110105******31002X'],
    [{ type: 'before', char: '@', keep: 1 }, 'duandazhi@126.com', 'd********@126.com'],
    [{ type: 'after', char: '@', keep: 4 }, 'li@example.com', 'li@*******.com'],
    [{ type: 'fixed', width: 4 }, 'anything', '****'],
    [{ type: 'label' }, 'anything', '[REDACTED]'],
    [{ type: 'label', label: 'note' }, 'anything', '[REDACTED:note]'],
    [{ type: 'generalize', to: 'year-month' }, '1949-12-31', '1949-12'],
    [{ type: 'generalize', to: 'amount-bucket', edges: [0, 100] }, '99.5', '[0,100)'],
    [{ type: 'generalize', to: 'age-range' }, '35', '[30,40)'],
    [{ type: 'truncate', length: 6 }, '北京市海淀区马连洼街道289号', '北京市海淀区'],
    [{ type: 'drop' }, 'anything', null],
  ] as [MaskRule, string, string | null][])('%j on %s → %s', (rule, input, expected) => {
    expect(mask(input, rule)).toBe(expected);
  });

  it('a label rule names the kind given in options; a kind rule needs one', () => {
    expect(mask('x', { type: 'label' }, { kind: 'cn-id-card' })).toBe('[REDACTED:cn-id-card]');
    expect(mask('欧阳娜娜', { type: 'kind', name: 'name-surname' }, { kind: 'person-name' })).toBe('欧阳**');
    expect(() => mask('欧阳娜娜', { type: 'kind', name: 'name-surname' })).toThrow(InvalidArgumentError);
  });

  it('a kind rule the kind cannot apply masks the value entirely', () => {
    expect(mask('abc', { type: 'kind', name: 'no-such-mask' }, { kind: 'person-name' })).toBe('***');
    const identity: Kind = { ...getKind('person-name'), structuredMask: (_n, v) => v };
    expect(mask('欧阳娜娜', { type: 'kind', name: 'name-surname' }, { kind: identity })).toBe('****');
  });

  it('hash rule: key from options, normalized by the kind', () => {
    const rule: MaskRule = { type: 'hash', bits: 64 };
    const spaced = mask('6222 0212 3456 7890', rule, { hashKey, kind: 'bank-card' });
    expect(spaced).toBe(hmacSm3Hex(getKind('bank-card').normalize('6222 0212 3456 7890')).slice(0, 16));
    expect(spaced).toBe(mask('6222021234567890', rule, { hashKey, kind: 'bank-card' }));
    expect(() => mask('6222021234567890', rule)).toThrow(/hashKey/);
  });

  it('rejects malformed rules without echoing them', () => {
    const bad: unknown[] = [
      {},
      { type: 'nope' },
      { type: 'keep', first: -1 },
      { type: 'keep', first: 1, minMasked: 0 },
      { type: 'range' },
      { type: 'before', char: '' },
      { type: 'fixed', width: 0 },
      { type: 'label', label: '13812345678 ]' },
      { type: 'generalize', to: 'decade' },
      { type: 'generalize', to: 'amount-bucket', edges: [3, 2] },
      { type: 'truncate' },
      { type: 'hash', bits: 7 },
      { type: 'kind' },
      { type: 'keep', maskChar: '**' },
      { type: 'keep', keepSeparators: 'yes' },
      'keep',
      null,
    ];
    for (const rule of bad) {
      let thrown: unknown;
      try {
        mask('13812345678', rule as MaskRule);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(rule)).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).not.toContain('1381');
    }
  });

  it('the compiled rule is cached per rule object and per mask character', () => {
    const rule: MaskRule = { type: 'keep', first: 3, last: 4 };
    expect(compileMask(rule)).toBe(compileMask(rule));
    expect(compileMask(rule, '#')).toBe(compileMask(rule, '#'));
    expect(compileMask(rule, '#')).not.toBe(compileMask(rule));
    expect(mask('13812345678', rule, { maskChar: '#' })).toBe('138####5678');
  });

  it('keep rules agree with the plain slice formula on plain digit strings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11,19}$/), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), (s, first, last) => {
        const hidden = s.length - first - last;
        const expected = hidden >= Math.max(1, Math.ceil(s.length / 3)) ? s.slice(0, first) + '*'.repeat(hidden) + s.slice(s.length - last) : '*'.repeat(s.length);
        expect(mask(s, { type: 'keep', first, last })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('explicit rules on C3 data and authentication helpers', () => {
  it('are refused when they would show part of the value; whole-value rules work', () => {
    for (const rule of [{ type: 'keep', first: 2, last: 2 }, { type: 'truncate', length: 3 }, { type: 'range', start: 0, end: 4 }] as const) {
      for (const kind of ['password', 'cvn', 'card-track', 'card-expiry']) {
        expect(() => mask('6222021234567890123=2712', rule, { kind })).toThrow(new InvalidArgumentError(`${kind} is C3 data, never shown in part: use a fixed, label, hash or drop rule`));
      }
    }
    expect(mask('Passw0rd!', { type: 'fixed' }, { kind: 'password' })).toBe('******');
    expect(mask('Passw0rd!', { type: 'label' }, { kind: 'password' })).toBe('[REDACTED:password]');
    // An SMS code may be shown in part on a screen, never to a third party.
    expect(mask('654321', { type: 'keep', first: 2, last: 2 }, { kind: 'sms-code' })).toBe('65**21');
    expect(() => mask('654321', { type: 'keep', first: 2, last: 2 }, { kind: 'sms-code', scene: 'share' })).toThrow(/not shared with third parties/);
    // Without a kind, a rule is just a rule.
    expect(mask('Passw0rd!', { type: 'keep', first: 2, last: 2 })).toBe('Pa*****d!');
  });

  it('a digit is no mask character (masked numbers would look real); letters are', () => {
    for (const c of ['5', '０', '9']) expect(() => mask('13812345678', 'cn-mobile', { maskChar: c })).toThrow(/must not be a digit/);
    expect(mask('13812345678', 'cn-mobile', { maskChar: 'x' })).toBe('138xxxx5678');
  });
});
