import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  defaultMinMasked,
  dropValue,
  keepEnds,
  maskAfter,
  maskAll,
  maskBefore,
  maskRange,
  redactFixed,
  redactLabel,
  truncateText,
} from '../../src/mask/primitives.js';

describe('keepEnds', () => {
  it.each([
    // Seed 002 / common bank practice examples from issue 4.
    ['11010519491231002X', 6, 4, '110105********002X'],
    ['11010519491231002X', 6, 6, '110105******31002X'],
    ['6222021234567890123', 6, 4, '622202*********0123'],
    ['13812345678', 3, 4, '138****5678'],
    ['张三', 1, 0, '张*'],
    ['欧阳娜娜', 2, 0, '欧阳**'],
    // Separators stay in place and are not counted.
    ['6222 0212 3456 7890', 6, 4, '6222 02** **** 7890'],
    ['6222-0212-3456-7890', 6, 4, '6222-02**-****-7890'],
    ['  13812345678 ', 3, 4, '  138****5678 '],
    ['138\u30001234\u30005678', 3, 4, '138\u3000****\u30005678'],
    // Full-width digits are digits: one character each.
    ['１３８１２３４５６７８', 3, 4, '１３８****５６７８'],
    // Nothing kept: everything masked, length kept.
    ['abc', 0, 0, '***'],
  ])('%s keep %i/%i → %s', (value, first, last, expected) => {
    expect(keepEnds(value, first, last)).toBe(expected);
  });

  it.each([
    // Fail closed: keeping would reveal too much, so the whole value is masked.
    ['123456789', 6, 4, '*********'], // would reveal everything
    ['12345678901', 6, 4, '***********'], // would hide 1 of 11 (< ceil(11/3) = 4)
    ['6222021234567', 6, 4, '*************'], // 13 digits: would hide 3 (< 5)
    ['张', 1, 0, '*'],
    ['12 34', 2, 2, '** **'],
  ])('fails closed on %s keep %i/%i → %s', (value, first, last, expected) => {
    expect(keepEnds(value, first, last)).toBe(expected);
  });

  it('honours minMasked and maskChar', () => {
    expect(keepEnds('13812345678', 3, 4, { minMasked: 5 })).toBe('***********');
    expect(keepEnds('13812345678', 3, 4, { minMasked: 4 })).toBe('138****5678');
    expect(keepEnds('13812345678', 3, 4, { maskChar: '●' })).toBe('138●●●●5678');
    expect(keepEnds('13812345678', 3, 4, { maskChar: '🔒' })).toBe('138🔒🔒🔒🔒5678');
  });

  it('treats separators as characters when keepSeparators is false', () => {
    // 13 significant units (two spaces included): keep 3 + 4 hides 6.
    expect(keepEnds('138 1234 5678', 3, 4, { keepSeparators: false })).toBe('138******5678');
  });

  it('returns the empty string and separator-only values as they are', () => {
    expect(keepEnds('', 3, 4)).toBe('');
    expect(keepEnds('  - ', 3, 4)).toBe('  - ');
  });

  it('minimum hidden count is max(1, ceil(n / 3))', () => {
    expect([0, 1, 2, 3, 4, 6, 11, 18, 19].map(defaultMinMasked)).toEqual([1, 1, 1, 1, 2, 2, 4, 6, 7]);
  });
});

describe('maskRange', () => {
  it.each([
    // Seed 002: "hide the last 4 digits of the bank card".
    ['6222021234567890123', -4, undefined, '622202123456789****'],
    // Seed 002: "hide the middle 6 digits of the ID number" (18 digits, positions 7-12).
    ['11010519491231002X', 6, 12, '110105******31002X'],
    ['6222 0212 3456 7890', -4, undefined, '6222 0212 3456 ****'],
    ['13812345678', 3, -4, '138****5678'],
  ])('%s [%i, %s) → %s', (value, start, end, expected) => {
    expect(maskRange(value, start, end)).toBe(expected);
  });

  it.each([
    ['123', -4, undefined], // range starts before the value
    ['123456789', 6, 12], // range ends after the value
    ['123456', 6, undefined], // empty range: would hide nothing
    ['123456', 3, 3],
  ])('fails closed when %s cannot hold [%i, %s)', (value, start, end) => {
    expect(maskRange(value, start, end)).toBe('*'.repeat(value.length));
  });

  it('masks values shorter than minLength entirely', () => {
    expect(maskRange('622202123456789', -4, undefined, { minLength: 16 })).toBe('***************');
    expect(maskRange('6222021234567890', -4, undefined, { minLength: 16 })).toBe('622202123456****');
  });
});

describe('maskBefore / maskAfter', () => {
  it.each([
    ['duandazhi@126.com', 1, 'd********@126.com'],
    ['ab@x.com', 1, 'a*@x.com'],
    ['a@x.com', 1, '*@x.com'], // keeping 1 of 1 would reveal the part: the part is masked
    ['张三@例子.中国', 1, '张*@例子.中国'],
    ['noatsign', 1, '********'], // no delimiter: malformed, masked entirely
    ['@x.com', 1, '@x.com'], // the part before is empty: nothing to hide
  ])('maskBefore(%s, @, %i) → %s', (value, keep, expected) => {
    expect(maskBefore(value, '@', keep)).toBe(expected);
  });

  it.each([
    ['li@example.com', 4, 'li@*******.com'],
    ['li@example.com', 0, 'li@***********'],
    ['li@ab', 4, 'li@**'],
    ['li@', 4, 'li@'],
    ['13812345678', 4, '***********'],
  ])('maskAfter(%s, @, %i) → %s', (value, keep, expected) => {
    expect(maskAfter(value, '@', keep)).toBe(expected);
  });

  it('keeps separators in the masked part and finds the first delimiter', () => {
    expect(maskBefore('duan-dazhi@126.com', '@', 1)).toBe('d***-*****@126.com');
    expect(maskBefore('duan-dazhi@126.com', '@', 1, { keepSeparators: false })).toBe('d*********@126.com');
    expect(maskAfter('a:b:c', ':', 0)).toBe('a:***');
  });

  it('works with a separator as the delimiter', () => {
    expect(maskAfter('010-12345678', '-', 2)).toBe('010-******78');
    expect(maskBefore('010-12345678', '-', 1)).toBe('0**-12345678');
  });

  it('finds a delimiter only as a whole character, not inside a grapheme cluster', () => {
    // '@' + U+0301 is one grapheme: no standalone '@', so the value is masked entirely.
    expect(maskBefore('ab@\u0301cd', '@', 1)).toBe('*****');
    expect(maskBefore('a😀b@x', '@', 1)).toBe('a**@x');
  });
});

describe('redaction, truncation, drop', () => {
  it('redactFixed does not leak the length', () => {
    expect(redactFixed('1')).toBe('******');
    expect(redactFixed('a much longer secret value')).toBe('******');
    expect(redactFixed('secret', 3, '#')).toBe('###');
    expect(redactFixed('')).toBe('');
  });

  it('redactLabel', () => {
    expect(redactLabel('11010519491231002X', 'cn-id-card')).toBe('[REDACTED:cn-id-card]');
    expect(redactLabel('x')).toBe('[REDACTED]');
    expect(redactLabel('')).toBe('');
    expect(() => redactLabel('x', 'a]b')).toThrow(InvalidArgumentError);
    expect(() => redactLabel('x', 'with space')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['北京市海淀区马连洼街道289号', 6, '北京市海淀区'],
    ['6222 0212 3456 7890', 4, '6222'],
    ['6222 0212 3456 7890', 6, '6222 02'],
    ['👨‍👩‍👧‍👦👍🏽abcdef', 2, '👨‍👩‍👧‍👦👍🏽'],
    ['abc', 0, ''],
  ])('truncateText(%s, %i) → %s', (value, length, expected) => {
    expect(truncateText(value, length)).toBe(expected);
  });

  it('truncateText fails closed when the cut would remove too little', () => {
    expect(truncateText('北京市海淀区', 6)).toBe('******');
    expect(truncateText('北京市海淀区', 5)).toBe('******');
    expect(truncateText('北京市海淀区', 4)).toBe('北京市海');
  });

  it('maskAll keeps length and separators', () => {
    expect(maskAll('010-1234 5678')).toBe('***-**** ****');
    expect(maskAll('010-1234 5678', { keepSeparators: false })).toBe('*************');
  });

  it('dropValue', () => {
    expect(dropValue('x')).toBeNull();
  });
});

describe('argument checks', () => {
  const secret = '11010519491231002X';

  it('reject non-strings naming only the type', () => {
    for (const bad of [123, null, undefined, {}, [secret]]) {
      const call = () => keepEnds(bad as unknown as string, 1, 1);
      expect(call).toThrow(InvalidArgumentError);
    }
    try {
      keepEnds([secret] as unknown as string, 1, 1);
    } catch (e) {
      expect((e as Error).message).toBe('value must be a string, got array');
    }
  });

  it('reject bad counts and mask characters without echoing the value', () => {
    const calls = [
      () => keepEnds(secret, -1, 0),
      () => keepEnds(secret, 1.5, 0),
      () => keepEnds(secret, 1, 1, { minMasked: 0 }),
      () => keepEnds(secret, 1, 1, { maskChar: '**' }),
      () => keepEnds(secret, 1, 1, { maskChar: '' }),
      () => keepEnds(secret, 1, 1, { maskChar: ' ' }),
      () => keepEnds(secret, 1, 1, { maskChar: '-' }),
      () => keepEnds(secret, 1, 1, { maskChar: '\u0301' }), // combining mark
      () => keepEnds(secret, 1, 1, { maskChar: '\u200d' }), // ZWJ
      () => keepEnds(secret, 1, 1, { maskChar: '\ud800' }), // lone surrogate
      () => keepEnds(secret, 1, 1, { maskChar: '🏽' }), // emoji modifier: attaches to the previous character
      () => keepEnds(secret, 1, 1, { maskChar: '🇨' }), // regional indicator: two make one flag
      () => maskRange(secret, 0.5),
      () => maskBefore(secret, '', 1),
      () => maskBefore(secret, 'ab', 1),
      () => redactFixed(secret, 0),
      () => redactFixed(secret, 65),
      () => truncateText(secret, -1),
    ];
    for (const call of calls) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).not.toContain(secret);
      expect((thrown as Error).message).not.toContain('1101');
    }
  });
});
