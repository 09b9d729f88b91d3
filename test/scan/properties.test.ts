/**
 * Properties of scanText / redactText against the ground truth of planted values: values made
 * by the kinds' own generators, written the ways people write them (random separators, +86,
 * parentheses, full-width), planted at random positions in random Chinese/English text, are
 * all found at exactly their span and masked with their kind's mask, the text around them is
 * left exactly as it was, and the output never contains a planted value. Random digit strings
 * that no validator accepts are never reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getKind, seededRng } from '../../src/kinds/index.js';
import { maskForScene } from '../../src/mask/index.js';
import { redactText, scanText, type ScanKind } from '../../src/scan/index.js';

const SEPARATORS = [' ', '-', '\u3000', '－', '\u00a0', '\u2013'];

/** Neither announcing nor denying words (see src/scan/context.ts), no digits, no province abbreviations. */
const FILLER = ['客户', '您好', '已经', '处理', '谢谢', '请', '备注', '系统', '内容', 'hello', 'the', 'customer', 'please', 'note', 'ok', 'done', '。', '！', '、', '；'];
/** What may touch a value on either side. */
const BOUNDARIES = [' ', '，', '：', '\n', '"', '「', '」', '(', ')', '/', '=', '|'];
/** Words announcing each kind. */
const ANNOUNCE: Partial<Record<ScanKind, string[]>> = {
  'cn-id-card': ['身份证号', '证件号码', 'idNo='],
  'bank-card': ['卡号', '银行卡', 'cardNo='],
  'cn-mobile': ['手机', '手机号', 'mobile:'],
  'cn-landline': ['电话', '座机', 'tel:'],
  email: ['邮箱', 'email:'],
  passport: ['护照'],
  uscc: ['统一社会信用代码'],
  'hk-macau-id': ['香港身份证'],
  'taiwan-id': ['台湾身份证'],
  'licence-plate': ['车牌'],
};

const DOCUMENTS = new Set<ScanKind>(['passport', 'hk-macau-id', 'taiwan-id', 'travel-permit']);

const PLANTED_KINDS: ScanKind[] = [
  'cn-id-card', 'bank-card', 'cn-mobile', 'cn-landline', 'email', 'passport', 'uscc', 'hk-macau-id', 'taiwan-id',
  'licence-plate', 'ip-address',
];

function fullWidth(value: string): string {
  return value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function groups(value: string, sizes: number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(value.slice(at, at + n));
    at += n;
  }
  if (at < value.length) out.push(value.slice(at));
  return out.filter((g) => g !== '').join(sep);
}

interface Written {
  /** Text before the value that is not part of it (a country code). */
  readonly lead: string;
  readonly value: string;
}

/** A way of writing `v` (a kind's canonical value), chosen by `style` and `sep`. */
function write(kind: ScanKind, v: string, style: number, sep: string): Written {
  const plain = { lead: '', value: v };
  switch (kind) {
    case 'cn-id-card':
      return [plain, { lead: '', value: v.replace('X', 'x') }, { lead: '', value: groups(v, [6, 8], sep) }, { lead: '', value: groups(v, [4, 4, 4, 4], sep) }, { lead: '', value: fullWidth(v) }][style % 5];
    case 'bank-card':
      return [plain, { lead: '', value: groups(v, [4, 4, 4, 4], sep) }, { lead: '', value: groups(v, [6], sep) }, { lead: '', value: fullWidth(v) }][style % 4];
    case 'cn-mobile':
      return [
        plain,
        { lead: '', value: groups(v, [3, 4], sep) },
        { lead: '', value: groups(v, [3], sep) },
        { lead: '+86' + sep, value: groups(v, [3, 4], sep) },
        { lead: '+86', value: v },
        { lead: '0086' + sep, value: v },
        { lead: '', value: fullWidth(v) },
      ][style % 7];
    case 'cn-landline': {
      const area = v[1] === '1' || v[1] === '2' ? 3 : 4;
      const local = v.slice(area);
      return [
        plain,
        { lead: '', value: groups(v, [area], sep) },
        { lead: '', value: `(${v.slice(0, area)})${local}` },
        { lead: '', value: `（${v.slice(0, area)}）${sep}${local}` },
        { lead: '', value: `${v.slice(0, area)}${sep}${groups(local, [local.length - 4], sep)}` },
      ][style % 5];
    }
    case 'hk-macau-id':
      return style % 2 === 0 ? plain : { lead: '', value: `${v.slice(0, -1)}(${v.slice(-1)})` };
    case 'email':
    case 'passport':
    case 'taiwan-id':
      return style % 3 === 0 ? { lead: '', value: fullWidth(v) } : plain;
    default:
      return plain;
  }
}

function generate(kind: ScanKind, seed: number): string {
  const rng = seededRng(Uint8Array.of(seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff, seed >>> 24));
  // The HK/Macau kind also generates Macau numbers on request only; plain generation is an HKID.
  return getKind(kind).generate(rng);
}

const plantArb = fc.record({
  kind: fc.constantFrom(...PLANTED_KINDS),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  style: fc.nat(),
  sep: fc.constantFrom(...SEPARATORS),
  announce: fc.nat(),
  before: fc.array(fc.constantFrom(...FILLER), { maxLength: 4 }),
  left: fc.constantFrom(...BOUNDARIES),
  right: fc.constantFrom(...BOUNDARIES),
});

type Plant = typeof plantArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  readonly text: string;
  readonly spans: { kind: ScanKind; start: number; end: number; written: string; canonical: string }[];
}

function build(plants: Plant[], tail: string[]): Built {
  let text = '';
  const spans: Built['spans'] = [];
  for (const p of plants) {
    const canonical = generate(p.kind, p.seed);
    const w = write(p.kind, canonical, p.style, p.sep);
    const words = ANNOUNCE[p.kind];
    const announce = words !== undefined && p.announce % 2 === 0 ? words[p.announce % words.length] : '';
    // A filler word (or the announcing word) always separates two values.
    text += p.before.join('') + (spans.length > 0 && p.before.length === 0 ? '。' : '') + announce + p.left + w.lead;
    spans.push({ kind: p.kind, start: text.length, end: text.length + w.value.length, written: w.value, canonical });
    text += w.value + p.right;
  }
  return { text: text + tail.join(''), spans };
}

/** The expected output: each planted value replaced by its kind's log mask, nothing else touched. */
function expectedRedaction(b: Built): string {
  let out = '';
  let at = 0;
  for (const s of b.spans) {
    out += b.text.slice(at, s.start) + maskForScene(s.written, s.kind, 'log');
    at = s.end;
  }
  return out + b.text.slice(at);
}

describe('planted values are found and masked', () => {
  it('every planted value is found at its exact span with its kind, and nothing else is', () => {
    fc.assert(
      fc.property(fc.array(plantArb, { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...FILLER), { maxLength: 3 }), (plants, tail) => {
        const b = build(plants, tail);
        const findings = scanText(b.text);
        expect(findings.map(({ start, end }) => ({ start, end }))).toEqual(b.spans.map(({ start, end }) => ({ start, end })));
        findings.forEach((f, i) => {
          const planted = b.spans[i];
          // Document numbers share shapes (`DE1234567` is a diplomatic passport and, 1 time in 11,
          // a two-letter HKID): another document kind is right if its validator accepts the value.
          if (f.kind !== planted.kind && DOCUMENTS.has(f.kind) && DOCUMENTS.has(planted.kind)) {
            expect(getKind(f.kind).detect(planted.written).valid).toBe(true);
          } else {
            expect(f.kind).toBe(planted.kind);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('redactText masks each with its kind mask and leaves the text around exactly as it was', () => {
    fc.assert(
      fc.property(fc.array(plantArb, { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...FILLER), { maxLength: 3 }), (plants, tail) => {
        const b = build(plants, tail);
        const out = redactText(b.text);
        expect(out).toBe(expectedRedaction(b));
        for (const s of b.spans) {
          // IP addresses are kept in logs by design (operation logs must record them).
          if (s.kind === 'ip-address') continue;
          expect(out).not.toContain(s.written);
          expect(out).not.toContain(s.canonical);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Does any validator the scanner dispatches to accept `digits` (or would it with context)? */
function someKindAccepts(digits: string): boolean {
  const ids = ['cn-id-card', 'bank-card', 'cn-mobile', 'cn-landline', 'uscc'];
  if (digits.length === 15 && digits.startsWith('0086') && someKindAccepts(digits.slice(4))) return true;
  return ids.some((id) => getKind(id).detect(digits).valid) || getKind('bank-card').detect(digits).confidence > 0;
}

/** The scanner reads a grouped number as a whole and by runs of consecutive groups. */
function someRunAccepted(groupsOfDigits: string[]): boolean {
  for (let a = 0; a < groupsOfDigits.length; a++) {
    let run = '';
    for (let b = a; b < groupsOfDigits.length; b++) {
      run += groupsOfDigits[b];
      if (someKindAccepts(run)) return true;
    }
  }
  return false;
}

describe('random digit strings', () => {
  const digitsArb = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 24 });

  it('strings no validator accepts (as a whole or by runs of groups) are never reported', () => {
    fc.assert(
      fc.property(digitsArb, fc.constantFrom(...FILLER), fc.constantFrom(...BOUNDARIES), fc.nat(), fc.constantFrom(...SEPARATORS), (digits, word, boundary, grouping, sep) => {
        const written = grouping % 3 === 0 ? digits : groups(digits, grouping % 3 === 1 ? [4, 4, 4, 4, 4] : [3, 4, 4, 4], sep);
        fc.pre(!someRunAccepted(written.split(sep)));
        expect(scanText(word + boundary + written + boundary + word)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('whatever is reported on a random string is accepted by that kind\'s validator', () => {
    fc.assert(
      fc.property(digitsArb, fc.constantFrom(...FILLER), (digits, word) => {
        const text = `${word} ${digits} ${word}`;
        for (const f of scanText(text)) expect(getKind(f.kind).detect(text.slice(f.start, f.end)).valid).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
