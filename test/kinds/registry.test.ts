import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  allKinds,
  bankCard,
  canonicalFieldName,
  cnIdCard,
  defineKind,
  findKind,
  findKindsByName,
  getKind,
  kinds,
  seededRng,
  type Kind,
} from '../../src/kinds/index.js';

const ISSUE_IDS = [
  'cn-id-card', 'bank-card', 'cn-mobile', 'cn-landline', 'person-name', 'address', 'email', 'passport',
  'hk-macau-id', 'taiwan-id', 'travel-permit', 'uscc', 'licence-plate', 'ip-address', 'date-of-birth',
  'amount', 'transaction', 'password', 'cvn', 'card-expiry', 'card-track', 'sms-code', 'security-answer',
  'biometric', 'login-name', 'account-opening', 'customer-number',
];

function sampleKind(id: string): Kind {
  return {
    id,
    title: { en: 'Employee number', zh: '员工编号' },
    category: 'other',
    level: 'C1',
    evidence: { names: ['empno', 'Employee_No', '员工编号'], ambiguous: [{ token: 'gh', note: '工号 or 国号' }] },
    detect: (v: string) => ({ valid: /^E[0-9]{6}$/.test(v), confidence: 0.5 }),
    normalize: (v: string) => v.trim(),
    masks: { display: { type: 'keep', first: 1, last: 2 } },
    generate: () => 'E000001',
  };
}

describe('registry', () => {
  it('has every kind the issue lists, with unique ids and the classes of JR/T 0171', () => {
    expect(kinds.map((k) => k.id).sort()).toEqual([...ISSUE_IDS].sort());
    const level = Object.fromEntries(kinds.map((k) => [k.id, k.level]));
    for (const id of ['password', 'cvn', 'card-expiry', 'card-track', 'biometric']) expect(level[id]).toBe('C3');
    for (const id of ['account-opening', 'customer-number', 'ip-address']) expect(level[id]).toBe('C1');
    expect(kinds.filter((k) => k.authHelper).map((k) => k.id).sort()).toEqual(['security-answer', 'sms-code']);
    for (const k of kinds.filter((k) => k.level === 'C3')) {
      expect(k.masks).toMatchObject({ display: { type: 'fixed' }, log: { type: 'label' }, share: { type: 'drop' } });
    }
  });

  it('looks kinds up by id and names unknown ids in the error, but not arbitrary text', () => {
    expect(getKind('cn-id-card')).toBe(cnIdCard);
    expect(findKind('bank-card')).toBe(bankCard);
    expect(findKind('nope')).toBeUndefined();
    expect(() => getKind('no-such-kind')).toThrow(InvalidArgumentError);
    expect(() => getKind('no-such-kind')).toThrow(/'no-such-kind'/);
    // A value passed by mistake is not echoed.
    try {
      getKind('张三 13812345678');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('13812345678');
      expect((e as Error).message).toContain('a string of');
    }
  });

  it('freezes built-in kinds', () => {
    expect(Object.isFrozen(cnIdCard)).toBe(true);
    expect(Object.isFrozen(cnIdCard.masks)).toBe(true);
    expect(Object.isFrozen(cnIdCard.masks.display)).toBe(true);
    expect(Object.isFrozen(cnIdCard.evidence.names)).toBe(true);
    expect(() => {
      (cnIdCard as { detect: unknown }).detect = () => ({ valid: true, confidence: 1 });
    }).toThrow(TypeError);
  });

  it('defines a caller kind, frozen and guarded, and rejects duplicates and bad shapes', () => {
    const mine = sampleKind('employee-no');
    const registered = defineKind(mine);
    expect(getKind('employee-no')).toBe(registered);
    expect(allKinds()).toContain(registered);
    expect(kinds).not.toContain(registered);
    expect(registered.detect('E123456')).toEqual({ valid: true, confidence: 0.5 });
    // Later changes to the caller's object do not reach the registry.
    (mine.evidence.names as string[]).push('zzz');
    expect(registered.evidence.names).not.toContain('zzz');
    expect(findKindsByName('EMPLOYEE-NO')[0]?.kind).toBe(registered);
    expect(findKindsByName('gh')).toEqual([{ kind: registered, ambiguous: true, note: '工号 or 国号' }]);

    expect(() => defineKind(sampleKind('employee-no'))).toThrow(/already defined/);
    expect(() => defineKind(sampleKind('cn-id-card'))).toThrow(/already defined/);
    expect(() => defineKind(sampleKind('Bad Id'))).toThrow(InvalidArgumentError);
    expect(() => defineKind({ ...sampleKind('x-level'), level: 'C4' as 'C1' })).toThrow(/level/);
    expect(() => defineKind({ ...sampleKind('x-cat'), category: 'misc' as 'other' })).toThrow(/category/);
    expect(() => defineKind({ ...sampleKind('x-detect'), detect: undefined as unknown as Kind['detect'] })).toThrow(/detect/);
    expect(() => defineKind({ ...sampleKind('x-mask'), masks: { display: { type: 'explode' } as never } })).toThrow(/masks\.display/);
    expect(() => defineKind({ ...sampleKind('x-scene'), masks: { storage: { type: 'fixed' } } as never })).toThrow(/scene/);
    expect(() => defineKind(null as unknown as Kind)).toThrow(InvalidArgumentError);
    expect(findKind('x-level')).toBeUndefined();
  });

  it('keeps a throwing or sloppy caller detect within the contract', () => {
    const thrower = defineKind({
      ...sampleKind('throwing-kind'),
      detect: (v: string) => {
        throw new Error(`bad value ${v}`);
      },
    });
    expect(thrower.detect('secret-value')).toEqual({ valid: false, confidence: 0 });
    const sloppy = defineKind({ ...sampleKind('sloppy-kind'), detect: () => ({ valid: true, confidence: 7 }) });
    expect(sloppy.detect('x')).toEqual({ valid: true, confidence: 1 });
  });
});

describe('field-name evidence', () => {
  it('uses canonical spellings, unique across kinds, ambiguous tokens apart', () => {
    const seen = new Map<string, string>();
    const ambiguousTokens = new Set(kinds.flatMap((k) => (k.evidence.ambiguous ?? []).map((a) => canonicalFieldName(a.token))));
    for (const k of kinds) {
      for (const name of k.evidence.names) {
        expect(canonicalFieldName(name), `${k.id}: ${name}`).toBe(name);
        expect(seen.get(name), `${name} in ${k.id} and ${seen.get(name)}`).toBeUndefined();
        expect(ambiguousTokens.has(name), `${name} of ${k.id} is also an ambiguous token`).toBe(false);
        seen.set(name, k.id);
      }
    }
  });

  it('finds kinds by the names core-banking schemas use', () => {
    const first = (name: string) => findKindsByName(name)[0]?.kind.id;
    expect(first('CUST_ID_NO')).toBe('cn-id-card');
    expect(first('idCard')).toBe('cn-id-card');
    expect(first('zjhm')).toBe('cn-id-card');
    expect(first('sfzh')).toBe('cn-id-card');
    expect(first('证件号码')).toBe('cn-id-card');
    expect(first('card_nbr')).toBe('bank-card');
    expect(first('ACCT_NO')).toBe('bank-card');
    expect(first('yhkh')).toBe('bank-card');
    expect(first('银行卡号')).toBe('bank-card');
    expect(first('sjhm')).toBe('cn-mobile');
    expect(first('手机号码')).toBe('cn-mobile');
    expect(first('khmc')).toBe('person-name');
    expect(first('jtdz')).toBe('address');
    expect(first('jymm')).toBe('password');
    expect(first('acct_bal')).toBe('amount');
    expect(first('账户余额')).toBe('amount');
    expect(first('ECIF_NO')).toBe('customer-number');
    expect(findKindsByName('khh').map((m) => [m.kind.id, m.ambiguous])).toEqual([
      ['account-opening', true],
      ['customer-number', true],
    ]);
    expect(findKindsByName('mm')[0]).toMatchObject({ ambiguous: true });
    expect(findKindsByName('unknown_column')).toEqual([]);
  });

  it('canonicalizes names', () => {
    expect(canonicalFieldName('CUST_ID_NO')).toBe('custidno');
    expect(canonicalFieldName('custIdNo')).toBe('custidno');
    expect(canonicalFieldName(' cust-id.no ')).toBe('custidno');
    expect(canonicalFieldName('ＣＵＳＴ＿ＩＤ')).toBe('custid');
    expect(canonicalFieldName('证件 号码')).toBe('证件号码');
  });
});

describe('every kind', () => {
  it('generates through the registry with a seeded source', () => {
    const rng = seededRng(new Uint8Array([1, 2, 3]));
    for (const k of kinds) expect(typeof getKind(k.id).generate(rng)).toBe('string');
  });
});
