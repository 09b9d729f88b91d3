/**
 * Structured masks of phone numbers: a country code, parentheses and separators stay as written,
 * the digits the rule shows are the national number's (mobile: first 3 and last 4; landline:
 * first 4 of the trunk-prefixed number and the local number's last 2), anything that does not
 * parse is masked entirely, and masking a masked value changes nothing. Expected outputs checked
 * by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnLandline } from '../../src/kinds/cn-landline.js';
import { cnMobile } from '../../src/kinds/cn-mobile.js';
import { seededRng } from '../../src/kinds/rng.js';
import { mask, maskForScene } from '../../src/mask/index.js';

const SCENES = ['display', 'analytics', 'log', 'share'] as const;

describe('cn-mobile mask', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138 **** 5678'],
    ['138-1234-5678', '138-****-5678'],
    ['+86 138 1234 5678', '+86 138 **** 5678'],
    ['+8613812345678', '+86138****5678'],
    ['0086-13812345678', '0086-138****5678'],
    ['86 13812345678', '86 138****5678'],
    ['(+86)13812345678', '(+86)138****5678'],
    ['１３８１２３４５６７８', '１３８****５６７８'],
    [' 13812345678 ', ' 138****5678 '],
    // Not a mobile number: masked entirely, never shown in part.
    ['1381234567', '**********'],
    ['138123456789', '************'],
    ['12812345678', '***********'],
    ['abc13812345678', '**************'],
    ['+1 138 1234 5678', '** *** **** ****'],
  ])('%s → %s in every scene', (input, expected) => {
    for (const scene of SCENES) expect(maskForScene(input, 'cn-mobile', scene)).toBe(expected);
    expect(mask.mobile(input)).toBe(expected);
  });

  it('masking a masked value changes nothing', () => {
    for (const v of ['138****5678', '+86 138 **** 5678', '0086-138****5678']) expect(mask.mobile(v)).toBe(v);
  });

  it('property: any layout of a generated number shows exactly the country code, the first 3 and the last 4 digits', () => {
    const layouts = [
      (n: string) => n,
      (n: string) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
      (n: string) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
      (n: string) => `+86 ${n}`,
      (n: string) => `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
      (n: string) => `0086${n}`,
      (n: string) => `(+86) ${n}`,
    ];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(layouts.length - 1), (seed, li) => {
        const n = cnMobile.generate(seededRng(seed));
        const written = layouts[li](n);
        const out = mask.mobile(written) as string;
        expect(out).toHaveLength(written.length);
        const cc = written.startsWith('+86') || written.startsWith('(+86)') ? '86' : written.startsWith('0086') ? '0086' : '';
        expect(out.replace(/[^0-9]/g, '')).toBe(cc + n.slice(0, 3) + n.slice(7));
        expect(out.replace(/[^*]/g, '')).toBe('****');
        expect(mask.mobile(out)).toBe(out);
      }),
    );
  });
});

describe('cn-landline mask', () => {
  it.each([
    ['010-62345678', '010-6*****78'],
    ['021 6234 5678', '021 6*** **78'],
    ['0755-82345678', '0755-******78'],
    ['(0755)82345678', '(0755)******78'],
    ['（０２１）６２３４５６７８', '（０２１）６*****７８'],
    ['+86 10 6234 5678', '+86 10 6*** **78'],
    ['+86-010-62345678', '+86-010-6*****78'],
    ['0086 755 82345678', '0086 755 ******78'],
    ['0086075582345678', '00860755******78'],
    // An extension is masked too; its marker stays.
    ['0755-8234567-801', '0755-*****67-***'],
    ['0571-88888888转123', '0571-******88转***'],
    // Not a landline number (local numbers never start with 0 or 1; no area code): masked entirely.
    ['(0755)12345678', '**************'],
    ['62345678', '********'],
  ])('%s → %s in every scene', (input, expected) => {
    for (const scene of SCENES) expect(maskForScene(input, 'cn-landline', scene)).toBe(expected);
  });

  it('masking a masked value changes nothing', () => {
    for (const v of ['010-6*****78', '(0755)******78', '+86 10 6*** **78']) expect(maskForScene(v, 'cn-landline', 'display')).toBe(v);
  });

  it('property: generated numbers keep their layout and hide at least four local digits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (seed) => {
        const n = cnLandline.generate(seededRng(seed));
        const out = maskForScene(n, 'cn-landline', 'display') as string;
        expect(out).toHaveLength(n.length);
        expect(out.replace(/[0-9]/g, '#').replace(/\*/g, '#')).toBe(n.replace(/[0-9]/g, '#'));
        expect(out.replace(/[^*]/g, '').length).toBeGreaterThanOrEqual(4);
        expect(out.slice(-2)).toBe(n.slice(-2));
      }),
    );
  });
});
