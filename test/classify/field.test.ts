/**
 * Content evidence in classifyField: thresholds per kind, content winning over names,
 * ciphertext, reasons free of values, and bad input.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyField } from '../../src/classify/index.js';
import { looksEncrypted } from '../../src/classify/content.js';
import { FieldCipher } from '../../src/envelope/index.js';
import { sm4EcbEncrypt } from '../../src/gm/sm4-modes.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import { testKeyring } from '../helpers/keyring.js';

function gen(kind: string, n: number, seed = kind): string[] {
  const rng = seededRng(new TextEncoder().encode(seed));
  return Array.from({ length: n }, () => getKind(kind).generate(rng));
}

const uuids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
const serials = (n: number) => Array.from({ length: n }, (_, i) => String(100000 + i));

describe('content confirms a name', () => {
  it('raises the confidence and says by how much of how many samples', () => {
    const name = classifyField('cert_no');
    const both = classifyField('cert_no', gen('cn-id-card', 200));
    expect(both.kind).toBe('cn-id-card');
    expect(both.confidence).toBeGreaterThan(name.confidence);
    expect(both.reasons).toContain('100% of 200 samples pass the ID-card check digit (GB 11643) and birth-date check');
    expect(both.content).toMatchObject({ inspected: 200, kind: 'cn-id-card', share: 1, checksumShare: 1, encryptedShare: 0 });
  });

  it('settles an ambiguous name', () => {
    // khh: 客户号 (customer number) or 开户行 (opening bank): branch names say which.
    const r = classifyField('khh', ['中国工商银行北京朝阳支行', '中国银行上海浦东支行', '招商银行深圳南山支行']);
    expect(r.concept).toBe('account-opening');
    expect(r.reasons.some((x) => x.includes('content settles the ambiguous name'))).toBe(true);
  });
});

describe('content wins when it disagrees with the name', () => {
  it('a remark column full of ID numbers is an ID-number column', () => {
    const r = classifyField('remark', gen('cn-id-card', 100));
    expect(r.kind).toBe('cn-id-card');
    expect(r.level).toBe('C2');
    expect(r.reasons.at(-1)).toMatch(/100% of 100 samples pass the ID-card check digit .*: content wins$/);
  });

  it('an id_no column of UUIDs holds surrogate keys', () => {
    const r = classifyField('id_no', uuids(50));
    expect(r.level).toBeNull();
    expect(r.concept).toBe('identifier');
    expect(r.reasons.at(-1)).toMatch(/100% of 50 samples are UUIDs .*content wins/);
  });

  it('an unnamed column of card numbers is a card column by the Luhn digit', () => {
    const r = classifyField('col_17', gen('bank-card', 200));
    expect(r.kind).toBe('bank-card');
    expect(r.level).toBe('C2');
  });

  it('needs a strong share: a check digit half the time, a format 80% of the time', () => {
    const ids = gen('cn-id-card', 40);
    expect(classifyField('x', [...ids.slice(0, 22), ...serials(18)]).kind).toBe('cn-id-card');
    expect(classifyField('x', [...ids.slice(0, 15), ...serials(25)]).kind).toBeNull();
    const mobiles = gen('cn-mobile', 40);
    expect(classifyField('x', [...mobiles.slice(0, 34), ...serials(6)]).kind).toBe('cn-mobile');
    expect(classifyField('x', [...mobiles.slice(0, 28), ...serials(12)]).kind).toBeNull();
  });

  it('does not let weak content (dates, amounts, short digit strings) establish a column alone', () => {
    expect(classifyField('col1', gen('amount', 100)).level).toBeNull();
    expect(classifyField('col2', gen('date-of-birth', 100)).level).toBeNull();
    expect(classifyField('col3', gen('sms-code', 100)).level).toBeNull();
  });

  it('keeps a name whose values it cannot read, with less confidence and a warning', () => {
    const r = classifyField('mobile', serials(40));
    expect(r.kind).toBe('cn-mobile');
    expect(r.confidence).toBeLessThan(classifyField('mobile').confidence);
    expect(r.reasons.at(-1)).toMatch(/^only 0% of 40 samples pass .*check this column$/);
  });
});

describe('ciphertext', () => {
  it('recognises fieldshield envelopes: protected, classified by name', async () => {
    const { keyring } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const ids = gen('cn-id-card', 30);
    const r = classifyField('id_no', ids.map((v) => cipher.encrypt(v, { context: 't.id_no' })));
    expect(r).toMatchObject({ kind: 'cn-id-card', level: 'C2', encrypted: true });
    expect(r.reasons.some((x) => x.startsWith('100% of 30 samples are encrypted or hashed'))).toBe(true);
    // Binary envelopes (bytea / BLOB columns) too.
    const bin = classifyField('id_no', ids.map((v) => cipher.encryptBytes(v, { context: 't.id_no' })));
    expect(bin.encrypted).toBe(true);
  });

  it('recognises hex and base64 blobs of block-cipher length from legacy SM4 and AES', () => {
    const key = randomBytes(16);
    const ecbHex = gen('cn-mobile', 40).map((m) => Buffer.from(sm4EcbEncrypt(key, new TextEncoder().encode(m))).toString('hex'));
    const r = classifyField('sjhm', ecbHex);
    expect(r).toMatchObject({ kind: 'cn-mobile', level: 'C2', encrypted: true });
    const cbcB64 = gen('cn-id-card', 40).map((v) => {
      const c = createCipheriv('aes-128-cbc', key, randomBytes(16));
      return Buffer.concat([c.update(v), c.final()]).toString('base64');
    });
    expect(classifyField('zjhm', cbcB64).encrypted).toBe(true);
  });

  it('holds a ciphertext column to 80% even though one block in eight looks like a UUID', () => {
    // Every seed: ECB blocks of 40 mobiles, about 5 of them UUID-shaped, still a ciphertext column.
    for (let i = 0; i < 30; i++) {
      const key = randomBytes(16);
      const hex = gen('cn-mobile', 40, `m${i}`).map((m) => Buffer.from(sm4EcbEncrypt(key, new TextEncoder().encode(m))).toString('hex'));
      expect(classifyField('sjhm', hex).encrypted).toBe(true);
    }
    // A column of dashless UUIDs is not.
    const keys = uuids(40).map((u) => u.replace(/-/g, ''));
    const r = classifyField('id_no', keys);
    expect(r.encrypted).toBe(false);
    expect(r.concept).toBe('identifier');
  });

  it('does not take identifiers, UUIDs, numbers or short hex for ciphertext', () => {
    expect(looksEncrypted('550e8400e29b41d4a716446655440000', 32)).toBe(false); // dashless UUID v4
    expect(looksEncrypted('12345678901234567890123456789012', 32)).toBe(false); // digits only
    expect(looksEncrypted('a3f9c2', 6)).toBe(false);
    expect(looksEncrypted('LN20230415000123', 16)).toBe(false);
    expect(looksEncrypted('wangxiuying1988', 15)).toBe(false);
    // Random 16-byte blobs in hex and base64 are.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (blocks) => {
        const b = randomBytes(16 * blocks);
        b[6] = 0x00; // no UUID version nibble
        expect(looksEncrypted(b.toString('hex'), 32 * blocks)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('reasons never contain a sample value', () => {
  it('for any samples, of any kind', () => {
    const kinds = ['cn-id-card', 'bank-card', 'cn-mobile', 'email', 'address', 'person-name', 'amount', 'passport', 'ip-address'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom('remark', 'x', 'id_no', 'mobile', '备注'), fc.integer(), (kind, name, seed) => {
        const samples = gen(kind, 20, `${kind}${seed}`);
        const r = classifyField(name, samples);
        // Every string the result carries (numbers such as the confidence are not values).
        const text = [r.field, r.kind, r.concept, ...r.reasons, JSON.stringify(r.content)].join('\n');
        for (const s of samples) expect(text.includes(s)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('bad input', () => {
  it('never throws: nulls, numbers, dates, bytes, objects, huge strings, lone surrogates', () => {
    const huge = 'x'.repeat(5_000_000);
    const samples: unknown[] = [
      null, undefined, '', '   ', 42, 4.2e300, Number.NaN, 10n ** 30n, true, new Date('1990-05-06T00:00:00Z'), new Date('nope'),
      new Uint8Array(0), new Uint8Array(48), { a: 1 }, [1, 2], huge, '\ud800', '\udc00abc', Symbol('s'), () => 1,
    ];
    const r = classifyField('cust_id_no', samples);
    expect(r.kind).toBe('cn-id-card');
    expect(r.content?.inspected).toBeGreaterThan(0);
    expect(r.content?.skipped).toBeGreaterThan(0);
    expect(() => classifyField('x', 'not an array' as unknown as string[])).not.toThrow();
    expect(() => classifyField(undefined as unknown as string)).not.toThrow();
    expect(() => classifyField('x', null, { table: 42 as unknown as string, comment: {} as unknown as string })).not.toThrow();
  });

  it('inspects at most maxSamples values, evenly spread over an array', () => {
    const samples = [...serials(500), ...gen('cn-id-card', 500)];
    const r = classifyField('x', samples, { maxSamples: 100 });
    expect(r.content?.inspected).toBe(100);
    // Half the inspected samples are ID numbers: enough for a check digit.
    expect(r.kind).toBe('cn-id-card');
  });

  it('holds any sample array to property: no throw, a class or null, reasons', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null), fc.double())), (xs) => {
        const r = classifyField('col', xs);
        return [null, 'C1', 'C2', 'C3'].includes(r.level) && r.reasons.length > 0;
      }),
      { numRuns: 200 },
    );
  });
});

describe('options', () => {
  it('maps classes to JR/T 0197 levels, configurable', () => {
    expect(classifyField('jymm').jrt0197Level).toBe(4);
    expect(classifyField('zjhm').jrt0197Level).toBe(3);
    expect(classifyField('khh').jrt0197Level).toBe(2);
    expect(classifyField('cjsj').jrt0197Level).toBeNull();
    expect(classifyField('jymm', undefined, { jrt0197: { C3: 5 } }).jrt0197Level).toBe(5);
  });

  it('reports the tier of a seed scheme', () => {
    expect(classifyField('zjhm', undefined, { scheme: 'two-tier' }).tier).toBe('sensitive');
    expect(classifyField('sjhm', undefined, { scheme: 'three-tier' }).tier).toBe('general-sensitive');
    expect(classifyField('zjhm', undefined, { scheme: 'three-tier' }).tier).toBe('core-sensitive');
    expect(classifyField('zwtz', undefined, { scheme: 'four-tier' }).tier).toBe('core-sensitive');
    expect(classifyField('cjsj', undefined, { scheme: 'four-tier' }).tier).toBeNull();
  });

  it('applies scene / institution overrides by field, concept and kind, and says so', () => {
    const byField = classifyField('khh', undefined, { table: 't_grkhxx', overrides: { fields: { 'T_GRKHXX.KHH': 'C2' } } });
    expect(byField.level).toBe('C2');
    expect(byField.reasons.at(-1)).toBe('overridden by field "T_GRKHXX.KHH": C1 → C2');
    expect(classifyField('ip', undefined, { overrides: { kinds: { 'ip-address': null } } }).level).toBeNull();
    expect(classifyField('gender', undefined, { overrides: { concepts: { 'personal-basic': 'C2' } } }).level).toBe('C2');
  });
});

describe('a C3 name against its values', () => {
  it('is never lowered by content: passwords that are phone or ID numbers stay C3', () => {
    const mobiles = Array.from({ length: 12 }, (_, i) => `1381234${5670 + i}`);
    const ids = Array.from({ length: 12 }, () => '11010519491231002X');
    for (const [name, values, comment] of [
      ['login_pwd', mobiles, undefined],
      ['qkmm', ids, undefined],
      ['col7', mobiles, '登录密码'],
      ['cvn2', Array.from({ length: 12 }, () => '6222021234567894'), undefined],
    ] as const) {
      const r = classifyField(name, values, comment === undefined ? undefined : { comment });
      expect(r.level, name).toBe('C3');
      expect(r.reasons.at(-1)).toMatch(/which values never lower$/);
    }
    // A name that says nothing personal still gives way to its values.
    expect(classifyField('bz', ids).kind).toBe('cn-id-card');
  });
});
