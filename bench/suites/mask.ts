/**
 * Issue 4: display masks per kind against maskdata (on the kinds it has) and a plain
 * `slice(0,3) + '****' + slice(-4)` baseline — the cost of Unicode safety and fail-closed checks.
 */
import maskdataPkg from 'maskdata';
import { mask } from '../../src/mask/index.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import type { BenchSuite } from '../harness.js';

const MaskData = maskdataPkg as unknown as {
  maskPhone(v: string, o?: object): string;
  maskCard(v: string, o?: object): string;
  maskEmail2(v: string, o?: object): string;
  maskStringV2(v: string, o?: object): string;
};

export function maskSuites(): BenchSuite[] {
  const phone = '13812345678';
  const card = '6222021234567890128';
  const email = 'zhangsan@example.com';
  const name = '欧阳娜娜';
  const id = '11010519491231002X';
  const plain = (s: string) => s.slice(0, 3) + '****' + s.slice(-4);
  const keepFirst = { type: 'keep', first: 1, last: 0 } as const;
  const suites: BenchSuite[] = [
    {
      id: 'mask-mobile',
      title: 'Display mask: mobile 13812345678 → 138****5678',
      cases: [
        { name: 'fieldshield mask.mobile', ours: true, fn: () => mask.mobile(phone) },
        { name: 'maskdata maskPhone (same 3+4 rule)', how: 'unmaskedStartDigits 3, unmaskedEndDigits 4', fn: () => MaskData.maskPhone(phone, { maskWith: '*', unmaskedStartDigits: 3, unmaskedEndDigits: 4 }), target: 1 },
        // Defaults rows are for scale only (no target): they compute a different output.
        { name: 'maskdata maskPhone (defaults)', how: "default options: a different output, '1381******8'", fn: () => MaskData.maskPhone(phone) },
        { name: "plain slice(0,3)+'****'+slice(-4)", how: 'no checks at all', fn: () => plain(phone), target: 0.33 },
      ],
    },
    {
      id: 'mask-card',
      title: 'Display mask: bank card, first 6 / last 4',
      cases: [
        { name: 'fieldshield mask.bankCard', ours: true, fn: () => mask.bankCard(card) },
        { name: 'maskdata maskCard (same 6+4 rule)', how: 'unmaskedStartDigits 6, unmaskedEndDigits 4', fn: () => MaskData.maskCard(card, { maskWith: '*', unmaskedStartDigits: 6, unmaskedEndDigits: 4 }), target: 2 },
        { name: 'maskdata maskCard (defaults)', how: "default options: a different output, '6222*…*3'", fn: () => MaskData.maskCard(card) },
      ],
    },
    {
      id: 'mask-email',
      title: 'Display mask: email',
      cases: [
        { name: 'fieldshield mask.email', ours: true, fn: () => mask.email(email) },
        { name: 'maskdata maskEmail2', how: 'default options', fn: () => MaskData.maskEmail2(email), target: 1 },
      ],
    },
    {
      id: 'mask-string',
      title: 'Generic string mask: 欧阳娜娜 → 欧*** (keep first 1)',
      cases: [
        { name: 'fieldshield mask(value, { type: "keep", first: 1 })', ours: true, fn: () => mask(name, keepFirst) },
        { name: 'maskdata maskStringV2 (same rule)', how: 'unmaskedStartCharacters 1', fn: () => MaskData.maskStringV2(name, { maskWith: '*', unmaskedStartCharacters: 1, unmaskedEndCharacters: 0 }), target: 1 },
        { name: 'maskdata maskStringV2 (defaults)', how: "default options: a different output, masks all ('****')", fn: () => MaskData.maskStringV2(name) },
      ],
    },
    {
      id: 'mask-name',
      title: 'Display mask: person name 欧阳娜娜 → 欧阳** (compound surname kept)',
      cases: [
        { name: 'fieldshield mask.name', ours: true, fn: () => mask.name(name) },
        { name: "plain slice(0,1)+'**'", how: 'no surname table, no checks', fn: () => name.slice(0, 1) + '***' },
      ],
    },
    {
      id: 'mask-id',
      title: 'Display mask: ID number, first 6 / last 4',
      cases: [
        { name: 'fieldshield mask.idCard', ours: true, fn: () => mask.idCard(id) },
        { name: "plain slice(0,6)+'********'+slice(-4)", how: 'no checks at all', fn: () => id.slice(0, 6) + '********' + id.slice(-4) },
      ],
    },
  ];
  // Every other kind's display mask, on a generated value, for the per-kind table.
  const others = ['cn-landline', 'address', 'passport', 'uscc', 'licence-plate', 'hk-macau-id', 'date-of-birth', 'amount', 'password', 'cvn'];
  suites.push({
    id: 'mask-kinds',
    title: 'Display mask per kind (generated values)',
    cases: others.map((kindId, i) => {
      const v = getKind(kindId).generate(seededRng(Uint8Array.of(i + 1, 9)));
      return { name: `fieldshield mask(value, '${kindId}')`, ours: i === 0, fn: () => mask(v, kindId) };
    }),
  });
  return suites;
}
