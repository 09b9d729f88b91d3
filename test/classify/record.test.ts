/**
 * classifyRecord: every field with its value as a sample, then the combination rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CombinationRule, classifyRecord, DEFAULT_RULES } from '../../src/classify/index.js';
import { getKind, seededRng } from '../../src/kinds/index.js';

const rng = seededRng(new TextEncoder().encode('record tests'));
const g = (kind: string) => getKind(kind).generate(rng);

const field = (r: ReturnType<typeof classifyRecord>, name: string) => r.fields.find((f) => f.field === name);

describe('authentication helpers', () => {
  it('an SMS code alone is C2 (JR/T 0171 C2 ③)', () => {
    const r = classifyRecord({ send_time: '2024-05-01 10:00:00', sms_code: '483920' });
    expect(field(r, 'sms_code')?.level).toBe('C2');
    expect(r.level).toBe('C2');
    expect(r.escalations).toEqual([]);
  });

  it('is C3 in the same record as the account it authenticates, and the record says why', () => {
    const r = classifyRecord({ card_no: g('bank-card'), sms_code: '483920', security_answer: '小学' });
    expect(field(r, 'sms_code')?.level).toBe('C3');
    expect(field(r, 'security_answer')?.level).toBe('C3');
    expect(field(r, 'sms_code')?.jrt0197Level).toBe(4);
    expect(field(r, 'card_no')?.level).toBe('C2');
    expect(r.level).toBe('C3');
    expect(r.escalations).toHaveLength(1);
    expect(r.escalations[0]).toMatchObject({ rule: 'auth-helper-with-account', because: ['sms_code', 'card_no'], raised: ['sms_code', 'security_answer'], to: 'C3' });
    expect(field(r, 'sms_code')?.reasons.at(-1)).toBe('raised from C2 to C3 by rule "auth-helper-with-account"');
  });

  it('counts only the customer’s own account (a branch account does not unlock anything)', () => {
    const r = classifyRecord({ sms_code: '483920', branch_acct_no: g('bank-card') }, { table: 't_branch' });
    // In a branch table the account is the branch's: not personal, so no escalation.
    expect(field(r, 'branch_acct_no')?.level).toBeNull();
    expect(r.escalations.map((e) => e.rule)).not.toContain('auth-helper-with-account');
  });
});

describe('combinations', () => {
  it('name + ID document + card + mobile (四要素) make the record C3, not the fields', () => {
    const r = classifyRecord({ cust_name: g('person-name'), id_no: g('cn-id-card'), card_no: g('bank-card'), mobile: g('cn-mobile') });
    expect(r.fields.map((f) => f.level)).toEqual(['C2', 'C2', 'C2', 'C2']);
    expect(r.level).toBe('C3');
    expect(r.jrt0197Level).toBe(4);
    expect(r.escalations[0]).toMatchObject({ rule: 'four-elements', raised: [], to: 'C3' });
  });

  it('three of the four stay C2', () => {
    const r = classifyRecord({ cust_name: g('person-name'), id_no: g('cn-id-card'), mobile: g('cn-mobile') });
    expect(r.level).toBe('C2');
    expect(r.escalations).toEqual([]);
  });

  it('IP + time + customer identity is an activity trail: the IP is raised to C2', () => {
    const r = classifyRecord({ cust_no: '100200300400', login_ip: g('ip-address'), login_time: '2024-05-01 10:00:00' });
    expect(field(r, 'login_ip')?.level).toBe('C2');
    expect(r.escalations[0]).toMatchObject({ rule: 'activity-trail', raised: ['login_ip'] });
  });

  it('takes the caller’s rules instead, or none', () => {
    const rule: CombinationRule = {
      id: 'plate-with-name',
      description: 'a plate with its owner',
      requires: [['licence-plate'], ['person-name']],
      raise: { targets: ['licence-plate'], level: 'C3' },
    };
    const rec = { plate_no: g('licence-plate'), cust_name: g('person-name'), sms_code: '1234', card_no: g('bank-card') };
    const r = classifyRecord(rec, { rules: [rule] });
    expect(field(r, 'plate_no')?.level).toBe('C3');
    expect(field(r, 'sms_code')?.level).toBe('C2');
    expect(classifyRecord(rec, { rules: [] }).escalations).toEqual([]);
    // Malformed rules are ignored, not thrown on.
    expect(() => classifyRecord(rec, { rules: [null, { id: 1 }, { id: 'x', requires: 'no' }] as unknown as CombinationRule[] })).not.toThrow();
  });

  it('never lowers a class', () => {
    const rule: CombinationRule = { id: 'down', description: 'tries to lower', requires: [['password']], raise: { targets: ['password'], level: 'C1' }, recordLevel: 'C1' };
    const r = classifyRecord({ login_pwd: 'x' }, { rules: [rule] });
    expect(field(r, 'login_pwd')?.level).toBe('C3');
    expect(r.level).toBe('C3');
  });

  it('documents its default rules', () => {
    expect(DEFAULT_RULES.map((r) => r.id)).toEqual(['auth-helper-with-account', 'four-elements', 'activity-trail']);
    for (const r of DEFAULT_RULES) expect(r.description.length).toBeGreaterThan(40);
  });
});

describe('record shapes', () => {
  it('flattens nested objects to paths and reads the parent as context', () => {
    const r = classifyRecord({ customer: { name: g('person-name'), contact: { mobile: g('cn-mobile') } }, branch: { address: '北京市朝阳区建国路1号' } });
    expect(r.fields.map((f) => [f.field, f.level])).toEqual([
      ['customer.name', 'C2'],
      ['customer.contact.mobile', 'C2'],
      ['branch.address', null],
    ]);
  });

  it('reads array values as samples of one field', () => {
    const r = classifyRecord({ phones: [g('cn-mobile'), g('cn-mobile')] });
    expect(field(r, 'phones')?.kind).toBe('cn-mobile');
  });

  it('uses comments by path or by field name', () => {
    const r = classifyRecord({ f01: 'x', f02: 'y' }, { comments: { f01: '证件号码', f02: '交易密码' } });
    expect(r.fields.map((f) => f.level)).toEqual(['C2', 'C3']);
  });

  it('caps fields and depth, counting what it left out', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`c${i}`, 'v']));
    const r = classifyRecord(wide, { maxFields: 10 });
    expect(r.fields).toHaveLength(10);
    expect(r.fieldsOmitted).toBe(30);
    const deep = { a: { b: { c: { d: { mobile: g('cn-mobile') } } } } };
    expect(classifyRecord(deep, { maxDepth: 2 }).fields.map((f) => f.field)).toEqual(['a.b']);
  });

  it('maps the record to a seed scheme', () => {
    expect(classifyRecord({ jymm: 'x' }, { scheme: 'two-tier' }).tier).toBe('sensitive');
    expect(classifyRecord({ cjsj: '2024-01-01' }, { scheme: 'two-tier' }).tier).toBeNull();
  });

  it('never throws on anything', () => {
    const throwing = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    for (const x of [null, undefined, 42, 'str', [], [1, 2], new Date(), throwing, Object.create(null)]) {
      expect(() => classifyRecord(x)).not.toThrow();
    }
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (o) => {
        const r = classifyRecord(o);
        return Array.isArray(r.fields) && r.fields.length <= 512;
      }),
      { numRuns: 100 },
    );
  });
});

describe('ciphertext in combinations', () => {
  it('takes no part: an encrypted ID number does not complete the four elements', async () => {
    const { FieldCipher } = await import('../../src/envelope/index.js');
    const { testKeyring } = await import('../helpers/keyring.js');
    const cipher = new FieldCipher((await testKeyring()).keyring);
    const rec = { cust_name: g('person-name'), id_no: cipher.encrypt(g('cn-id-card'), { context: 'c.id_no' }), card_no: g('bank-card'), mobile: g('cn-mobile') };
    const r = classifyRecord(rec);
    expect(field(r, 'id_no')).toMatchObject({ level: 'C2', encrypted: true });
    expect(r.level).toBe('C2');
    expect(r.escalations).toEqual([]);
  });
});
