import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, isEnvelope, parseEnvelope } from '../../src/envelope/index.js';
import { FieldActionError, InvalidArgumentError, PolicyError } from '../../src/errors.js';
import type { Keyring } from '../../src/keys/index.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import { envelopeKey } from '../../src/policy/ops.js';
import { createProtector, type FieldErrorEvent, type PolicyDocument, type RevealAuditEvent } from '../../src/policy/index.js';
import { testKeyring } from '../helpers/keyring.js';
import { customerRow, CUSTOMER_POLICY_YAML, SENSITIVE_COLUMNS } from './customer-table.js';

let keyring: Keyring;
beforeAll(async () => {
  ({ keyring } = await testKeyring());
});

const PSEUDONYM_KEY = new Uint8Array(32).fill(0x42);
const ID = '11010519491231002X';
const MOBILE = '13812345678';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** A classifier that knows a few names, so these tests do not depend on src/classify's lexicon. */
const tinyClassifier = (name: string) => {
  const kinds: Record<string, string> = { id_no: 'cn-id-card', mobile: 'cn-mobile', pwd: 'password', phones: 'cn-mobile', name: 'person-name' };
  return kinds[name] === undefined ? null : { kind: kinds[name] };
};

const NESTED_POLICY: PolicyDocument = {
  context: 'crm',
  rules: [
    { path: 'customer.contacts[*].mobile', kind: 'cn-mobile' },
    { path: '**.id_no', kind: 'cn-id-card' },
    { path: 'phones[*]', kind: 'cn-mobile' },
    { path: 'customer.note', class: 'C1' },
  ],
};

describe('protect: record handling', () => {
  it('returns a new record in the same field order and never mutates the input', () => {
    const p = createProtector({ keyring, classifier: tinyClassifier, policy: NESTED_POLICY });
    const input = deepFreeze({
      z: 1,
      id_no: ID,
      customer: { note: 'hello', contacts: [{ mobile: MOBILE, label: 'home' }, { mobile: null }], id_no: ID },
      a: 'x',
      phones: [MOBILE, '13987654321'],
    });
    const before = JSON.stringify(input);
    for (const scene of ['storage', 'display', 'analytics', 'log', 'devtest', 'share'] as const) {
      const out = p.protect(input, scene);
      expect(out).not.toBe(input);
      expect(Object.keys(out)).toEqual(Object.keys(input));
      expect(out.customer).not.toBe(input.customer);
      expect(Object.keys(out.customer as object)).toEqual(['note', 'contacts', 'id_no']);
      expect(out.phones).not.toBe(input.phones);
    }
    expect(JSON.stringify(input)).toBe(before);
  });

  it('protects nested objects and arrays selected by wildcard paths', () => {
    const p = createProtector({ keyring, classifier: tinyClassifier, policy: NESTED_POLICY });
    const input = {
      id_no: ID,
      customer: { note: 'vip', contacts: [{ mobile: MOBILE, label: 'home' }, { label: 'none' }, { mobile: null }], id_no: ID },
      phones: [MOBILE, '13987654321', null],
    };
    expect(p.protect(input, 'display')).toEqual({
      id_no: '110105********002X',
      customer: { note: 'vip', contacts: [{ mobile: '138****5678', label: 'home' }, { label: 'none' }, { mobile: null }], id_no: '110105********002X' },
      phones: ['138****5678', '139****4321', null],
    });
    const stored = p.protect(input, 'storage');
    const contacts = (stored.customer as { contacts: { mobile: unknown }[] }).contacts;
    expect(isEnvelope(contacts[0].mobile)).toBe(true);
    // The context is the generalized path under the policy's context: positions do not matter.
    const cipher = new FieldCipher(keyring);
    expect(cipher.decrypt(contacts[0].mobile as string, { context: 'crm.customer.contacts[*].mobile' })).toBe(MOBILE);
    expect(cipher.decrypt((stored.phones as string[])[1], { context: 'crm.phones[*]' })).toBe('13987654321');
    expect(cipher.decrypt((stored.customer as { id_no: string }).id_no, { context: 'crm.customer.id_no' })).toBe(ID);
  });

  it('keeps null, undefined, missing and empty values as they are; drop removes the key', () => {
    const p = createProtector({
      keyring,
      classifier: tinyClassifier,
      policy: { rules: [{ path: 'gone', kind: 'cn-mobile', display: 'drop' }, { path: 'list[*]', kind: 'cn-mobile', display: 'drop' }] },
    });
    const out = p.protect({ id_no: null, mobile: undefined, name: '', gone: MOBILE, after: 1, list: [MOBILE, 'x'] }, 'display');
    expect(out).toEqual({ id_no: null, mobile: undefined, name: '', after: 1, list: [] });
    expect(Object.keys(out)).toEqual(['id_no', 'mobile', 'name', 'after', 'list']);
    expect(p.protect({ gone: null, after: 2 }, 'display')).toEqual({ after: 2 });
    expect(p.protect({}, 'display')).toEqual({});
  });

  it('handles records of changing shapes (plans are shared per key path)', () => {
    const p = createProtector({ keyring, classifier: tinyClassifier });
    const shapes = [
      { id_no: ID, mobile: MOBILE },
      { mobile: MOBILE, id_no: ID },
      { mobile: MOBILE },
      { other: 1, id_no: ID, mobile: MOBILE, more: 'x' },
      { id_no: { nested: true } },
    ];
    for (let round = 0; round < 3; round++) {
      for (const rec of shapes) {
        const out = p.protect(rec, 'display');
        expect(Object.keys(out)).toEqual(Object.keys(rec));
        if (typeof rec.id_no === 'string') expect(out.id_no).toBe('110105********002X');
        if ('mobile' in rec) expect(out.mobile).toBe('138****5678');
        if ('other' in rec) expect([out.other, out.more]).toEqual([1, 'x']);
      }
    }
    // A container where a scalar was expected is walked, not masked as text; what it holds under
    // names that say nothing is what the container is (an ID number here), so a value that is
    // not one is redacted rather than passed through.
    expect(p.protect({ id_no: { nested: true, x: ID } }, 'display')).toEqual({ id_no: { nested: '[REDACTED:cn-id-card]', x: '110105********002X' } });
  });

  it('reads a nested name with its container: card.number is a card number, mobile.home a mobile', () => {
    const p = createProtector({ keyring });
    const input = {
      card: { number: '6222021234567890123', type: 'debit' },
      mobile: { home: MOBILE, work: '13987654321' },
      id_no: { x: ID },
      order: { remark: 'ok', amount_note: 'n/a' },
      plain: { a: 'x' },
    };
    const out = p.protect(input, 'display') as typeof input;
    expect(out.card.number).toBe('622202*********0123');
    expect(out.mobile).toEqual({ home: '138****5678', work: '139****4321' });
    expect(out.id_no).toEqual({ x: '110105********002X' });
    // Containers whose names are not personal pass on nothing.
    expect(out.order.remark).toBe('ok');
    expect(out.plain).toEqual({ a: 'x' });
    const stored = p.protect(input, 'storage') as typeof input;
    for (const v of [stored.card.number, stored.mobile.home, stored.mobile.work, stored.id_no.x]) expect(isEnvelope(v)).toBe(true);
    expect(p.explain('card.number')).toMatchObject({ kind: 'bank-card', level: 'C2' });
    expect(p.explain('mobile.home')).toMatchObject({ kind: 'cn-mobile' });
  });

  it('fails closed on a Map, Set or class instance, walks nothing deeper than 64 levels, and passes dates and toJSON values', () => {
    class Customer {
      id_no = ID;
      password = 'Secret#1';
    }
    const fieldErrors: FieldErrorEvent[] = [];
    const p = createProtector({ keyring, onFieldError: (e) => fieldErrors.push(e) });
    for (const scene of ['display', 'log', 'share', 'devtest', 'analytics'] as const) {
      const out = p.protect({ id: 1, customer: new Customer(), holder: new Map([['id_no', ID]]), tags: new Set([MOBILE]), list: [new Customer()] }, scene);
      expect(JSON.stringify(out)).not.toContain(ID);
      expect(out.customer).toBe('[REDACTED]');
      expect(out.holder).toBe('[REDACTED]');
      expect(out.list).toEqual(['[REDACTED]']);
    }
    expect(fieldErrors[0]).toMatchObject({ path: 'customer', reason: 'UNSUPPORTED_TYPE', handling: 'redacted' });
    // Storage throws by default (onError: storage: throw), naming the field.
    expect(() => p.protect({ customer: new Customer() }, 'storage')).toThrow(/cannot protect field customer in the storage scene: a Map, Set or class instance/);
    // Values that are one value go on as their field's action says.
    const when = new Date(0);
    const oid = { toHexString: () => 'x', toJSON: () => '65a1' };
    const keep = p.protect({ created: when, _id: Object.assign(Object.create({ toJSON: () => '65a1' }), { v: 1 }), o: oid }, 'display');
    expect(keep.created).toBe(when);
    expect(keep.o).toEqual(oid);
    // `unknownFields: keep` means keep, whatever it is.
    const untouched = createProtector({ keyring, policy: { unknownFields: 'keep', rules: [] } });
    const c = new Customer();
    expect(untouched.protect({ customer: c }, 'display').customer).toBe(c);
    // Cycles and very deep nesting are refused with a typed error, not a stack overflow.
    const cyclic: Record<string, unknown> = { mobile: MOBILE };
    cyclic.self = cyclic;
    expect(() => p.protect(cyclic, 'display')).toThrow(new RegExp('nested more than 64 levels deep \\(or refers to itself\\) at self\\.self'));
    let deep: Record<string, unknown> = { mobile: MOBILE };
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(() => p.protect(deep, 'display')).toThrow(InvalidArgumentError);
    let fine: Record<string, unknown> = { mobile: MOBILE };
    for (let i = 0; i < 60; i++) fine = { a: fine };
    expect(JSON.stringify(p.protect(fine, 'display'))).toContain('138****5678');
  });

  it('writes `__proto__` keys as data, never as the prototype', () => {
    const p = createProtector({ keyring, classifier: () => ({ kind: 'cn-mobile' }) });
    const rec = JSON.parse(`{"__proto__": "${MOBILE}", "b": "${MOBILE}"}`) as Record<string, unknown>;
    const out = p.protect(rec, 'display');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('138****5678');
    expect(out.b).toBe('138****5678');
  });

  it('refuses unknown scenes and non-records', () => {
    const p = createProtector({ keyring });
    expect(() => p.protect({}, 'prod' as 'display')).toThrow(InvalidArgumentError);
    expect(() => p.protect([] as unknown as object, 'display')).toThrow(InvalidArgumentError);
    expect(() => p.protect(new Date(), 'display')).toThrow(InvalidArgumentError);
    expect(() => p.protect(null as unknown as object, 'display')).toThrow(InvalidArgumentError);
  });
});

describe('protect: actions', () => {
  it('writes a blind index of the normalized value into the sibling field', () => {
    const p = createProtector({
      keyring,
      policy: { context: 't', rules: [{ path: 'id_no', kind: 'cn-id-card', storage: { action: 'encrypt', blindIndex: { into: '{key}_bidx', bits: 64 } } }] },
      classifier: () => null,
    });
    const a = p.protect({ id_no: '11010519491231002x', x: 1 }, 'storage');
    const b = p.protect({ id_no: ID, x: 1 }, 'storage');
    expect(Object.keys(a)).toEqual(['id_no', 'x', 'id_no_bidx']);
    const direct = new FieldCipher(keyring).blindIndex(ID, { column: 't.id_no', bits: 64 });
    expect(a.id_no_bidx).toBe(direct);
    expect(b.id_no_bidx).toBe(direct);
    expect(a.id_no).not.toBe(b.id_no); // random encryption
    // Protecting a stored record again keeps the envelope and recomputes the same index.
    const again = p.protect(a, 'storage');
    expect(again).toEqual(a);
    // The index column is left alone in every scene.
    expect(p.protect(a, 'display').id_no_bidx).toBe(direct);
  });

  it('encrypts deterministically when asked, with the policy context', () => {
    const p = createProtector({ keyring, policy: { context: 't', rules: [{ path: 'm', kind: 'cn-mobile', storage: { action: 'encrypt', deterministic: true } }] } });
    const a = p.protect({ m: MOBILE }, 'storage').m as string;
    expect(p.protect({ m: MOBILE }, 'storage').m).toBe(a);
    expect(parseEnvelope(a).algorithm).toBe('SM4-SIV');
    expect(new FieldCipher(keyring).decrypt(a, { context: 't.m' })).toBe(MOBILE);
  });

  it('does not encrypt an envelope twice, and lets nothing that merely looks like one through', () => {
    const events: FieldErrorEvent[] = [];
    const p = createProtector({ keyring, classifier: tinyClassifier, policy: { onError: 'redact' }, onFieldError: (e) => events.push(e) });
    const stored = p.protect({ id_no: ID }, 'storage');
    expect(p.protect(stored, 'storage').id_no).toBe(stored.id_no);
    // A plaintext that starts like an envelope, and an envelope made for another column.
    const fake = 'fs1.' + 'A'.repeat(40);
    const foreign = new FieldCipher(keyring).encrypt(ID, { context: 'other.column' });
    expect(p.protect({ id_no: fake }, 'storage').id_no).toBe('[REDACTED:cn-id-card]');
    expect(p.protect({ id_no: foreign }, 'storage').id_no).toBe('[REDACTED:cn-id-card]');
    expect(events.map((e) => e.reason)).toEqual(['FOREIGN_ENVELOPE', 'FOREIGN_ENVELOPE']);
    expect(events[0]).toEqual({
      type: 'field-error',
      scene: 'storage',
      path: 'id_no',
      action: 'encrypt',
      kind: 'cn-id-card',
      reason: 'FOREIGN_ENVELOPE',
      handling: 'redacted',
    });
  });

  it('encrypts a container a path rule selects as one value, and reveals it back', () => {
    const p = createProtector({ keyring, policy: { rules: [{ path: 'address', kind: 'address' }] }, classifier: () => null, onAudit: () => {} });
    const address = { province: '北京市', district: '海淀区', street: '马连洼街道289号' };
    const stored = p.protect({ address }, 'storage');
    expect(isEnvelope(stored.address)).toBe(true);
    expect(p.reveal(stored, { actor: 'a', purpose: 'p' })).toEqual({ address });
    // Masking an object is impossible: it is redacted, not shown.
    expect(p.protect({ address }, 'display').address).toBe('[REDACTED:address]');
  });

  it('generalizes with the kind generalization, an explicit one, or keeps C1 data', () => {
    const p = createProtector({
      keyring,
      classifier: () => null,
      policy: {
        rules: [
          { path: 'balance', kind: 'amount', devtest: 'generalize' },
          { path: 'dob', kind: 'date-of-birth', devtest: 'generalize' },
          { path: 'opened', kind: 'account-opening', devtest: { action: 'generalize', to: 'year-month' } },
          { path: 'branch', kind: 'account-opening', devtest: 'generalize' },
          { path: 'mobile', kind: 'cn-mobile', devtest: 'generalize' },
          { path: 'income', kind: 'amount', devtest: { action: 'generalize', to: 'amount-bucket', edges: [0, 5000, 20000] } },
        ],
      },
    });
    expect(p.protect({ balance: '¥23,456.78', dob: '1949-12-31', opened: '2019-03-15', branch: '海淀支行', mobile: MOBILE, income: 8000 }, 'devtest')).toEqual({
      balance: '[10000,100000)',
      dob: '1949',
      opened: '2019-03',
      branch: '海淀支行',
      mobile: '[REDACTED:cn-mobile]',
      income: '[5000,20000)',
    });
  });

  it('redacts with labels or fixed width, and honours mask rules and mask characters', () => {
    const p = createProtector({
      keyring,
      classifier: () => null,
      policy: {
        rules: [
          { path: 'a', kind: 'cn-mobile', log: { action: 'redact', label: 'phone' }, display: { action: 'mask', rule: { type: 'keep', first: 3 } } },
          { path: 'b', kind: 'cn-mobile', log: { action: 'redact', style: 'fixed', width: 3 }, display: { action: 'mask', maskChar: '●' } },
        ],
      },
    });
    expect(p.protect({ a: MOBILE, b: MOBILE }, 'log')).toEqual({ a: '[REDACTED:phone]', b: '***' });
    expect(p.protect({ a: MOBILE, b: MOBILE }, 'display')).toEqual({ a: '138********', b: '138●●●●5678' });
  });

  it('gives a class above the kind (an escalated helper) the C3 treatment', () => {
    const p = createProtector({ keyring, classifier: () => null, policy: { rules: [{ path: 'otp', kind: 'sms-code', class: 'C3' }] } });
    expect(p.protect({ otp: '123456' }, 'display')).toEqual({ otp: '******' });
    expect(p.protect({ otp: '123456' }, 'log')).toEqual({ otp: '[REDACTED:sms-code]' });
    expect(p.protect({ otp: '123456' }, 'analytics')).toEqual({});
    expect(p.protect({ otp: '123456' }, 'devtest')).toEqual({ otp: '******' });
  });

  it('hashes transaction numbers for analytics under a key derived from the pseudonym key', () => {
    const policy: PolicyDocument = { rules: [{ path: 'txn', kind: 'transaction' }] };
    const a = createProtector({ keyring, policy, pseudonymKey: PSEUDONYM_KEY, classifier: () => null });
    const b = createProtector({ keyring, policy, pseudonymKey: new Uint8Array(32).fill(1), classifier: () => null });
    const t = a.protect({ txn: 'TX20240101000123' }, 'analytics').txn as string;
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(a.protect({ txn: 'TX20240101000123' }, 'analytics').txn).toBe(t);
    expect(b.protect({ txn: 'TX20240101000123' }, 'analytics').txn).not.toBe(t);
  });
});

describe('unknown fields', () => {
  it('classify (default): fields are classified by name once and get the class default', () => {
    const seen: string[] = [];
    const p = createProtector({ keyring, classifier: (name, path) => (seen.push(path), tinyClassifier(name)) });
    for (let i = 0; i < 5; i++) {
      expect(p.protect({ id_no: ID, note: 'x', pwd: 'secret' }, 'display')).toEqual({ id_no: '110105********002X', note: 'x', pwd: '******' });
    }
    expect(seen).toEqual(['id_no', 'note', 'pwd']);
    // A classifier saying "not personal financial information" (null class) makes the field C1.
    const q = createProtector({ keyring, classifier: () => ({ kind: 'cn-mobile', level: null }) });
    expect(q.protect({ branch_phone: MOBILE }, 'display')).toEqual({ branch_phone: MOBILE });
  });

  it('keep: fields no path rule selects pass untouched, whatever their name', () => {
    const p = createProtector({ keyring, classifier: tinyClassifier, policy: { unknownFields: 'keep', rules: [{ path: 'mobile', kind: 'cn-mobile' }] } });
    expect(p.protect({ id_no: ID, mobile: MOBILE }, 'display')).toEqual({ id_no: ID, mobile: '138****5678' });
  });

  it('reject: a field no path rule selects fails the record with a PolicyError naming it', () => {
    const p = createProtector({ keyring, policy: { unknownFields: 'reject', rules: [{ path: 'a.*', class: 'C1' }] } });
    expect(p.protect({ a: { b: 1 } }, 'display')).toEqual({ a: { b: 1 } });
    let err: unknown;
    try {
      p.protect({ a: { b: 1 }, c: [{ d: 2 }] }, 'display');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as PolicyError).path).toBe('c[*].d');
    // Every later record with the field fails the same way.
    expect(() => p.protect({ c: [{ d: 3 }] }, 'storage')).toThrow(PolicyError);
  });

  it('a rule for a whole class does not reach the fields the guard protects within it', () => {
    const p = createProtector({ keyring, classifier: () => null, policy: { rules: [{ path: 'otp', kind: 'sms-code' }, { path: 'm', kind: 'cn-mobile' }, { class: 'C2', share: 'keep' }] } });
    expect(p.protect({ otp: '123456', m: MOBILE }, 'share')).toEqual({ m: MOBILE });
    expect(p.explain('otp').scenes.share).toEqual({ action: { action: 'drop' }, at: '(built-in defaults).authHelper.share' });
  });

  it('the guard also applies to classes learnt at run time', () => {
    const p = createProtector({ keyring, classifier: () => ({ kind: 'password' }), policy: { rules: [{ path: 'hint', display: 'keep' }] } });
    expect(() => p.protect({ hint: 'x' }, 'display')).toThrow(/C3 data may not be kept/);
    expect(p.protect({ hint: 'x' }, 'log')).toEqual({ hint: '[REDACTED:password]' });
  });
});

describe('combination rules over classified fields', () => {
  const IP = '36.227.26.51';
  const trail = { customer_no: '534598796410', open_date: '2001-02-16', last_login_ip: IP };

  it('an IP address next to a time and the customer identity is C2 in that record, and only there', async () => {
    const events: RevealAuditEvent[] = [];
    const p = createProtector({ keyring, pseudonymKey: PSEUDONYM_KEY, onAudit: (e) => events.push(e) });
    expect(p.protect(trail, 'display')).toEqual({ ...trail, last_login_ip: '******' });
    expect(p.protect(trail, 'log').last_login_ip).not.toContain('26.51');
    const dev = p.protect(trail, 'devtest').last_login_ip as string;
    expect(dev).not.toBe(IP);
    expect(getKind('ip-address').detect(dev).valid).toBe(true);
    expect(p.protect(trail, 'devtest').last_login_ip).toBe(dev); // consistent
    const stored = p.protect(trail, 'storage');
    expect(isEnvelope(stored.last_login_ip)).toBe(true);
    expect(p.reveal(stored, { actor: 'u1', purpose: 'ticket 1' })).toEqual(trail);
    expect(events.map((e) => [e.path, e.outcome])).toEqual([['last_login_ip', 'revealed']]);
    // Without the other two keys the IP is C1 again: kept.
    expect(p.protect({ last_login_ip: IP, note: 'x' }, 'display')).toEqual({ last_login_ip: IP, note: 'x' });
    expect(p.protect({ customer_no: '534598796410', last_login_ip: IP }, 'storage')).toEqual({ customer_no: '534598796410', last_login_ip: IP });
    // And the same record shape again still gets the raised class (per shape, not per first record).
    expect(p.protect(trail, 'display').last_login_ip).toBe('******');
  });

  it('explain shows the raised class among siblings; combinationRules: [] and path rules opt out', () => {
    const p = createProtector({ keyring });
    expect(p.explain('last_login_ip').level).toBe('C1');
    const e = p.explain('last_login_ip', { siblings: Object.keys(trail) });
    expect(e.level).toBe('C2');
    expect(e.raisedBy).toBe('activity-trail');
    expect(e.scenes.storage.action.action).toBe('encrypt');
    expect(p.explain('last_login_ip').raisedBy).toBeUndefined();
    expect(() => p.explain('last_login_ip', { siblings: [1 as unknown as string] })).toThrow(InvalidArgumentError);
    const off = createProtector({ keyring, combinationRules: [] });
    expect(off.protect(trail, 'display')).toEqual(trail);
    expect(off.explain('last_login_ip', { siblings: Object.keys(trail) }).level).toBe('C1');
    // A path rule that declares the kind is the policy's word: the field is not raised.
    const declared = createProtector({ keyring, policy: { rules: [{ path: 'last_login_ip', kind: 'ip-address' }] } });
    expect(declared.protect(trail, 'display')).toEqual(trail);
    expect(() => createProtector({ keyring, combinationRules: {} as never })).toThrow(InvalidArgumentError);
  });

  it('the CLI plans CSV columns with the header as siblings', async () => {
    const { planColumns } = await import('../../src/cli/operations.js');
    const p = createProtector({ keyring });
    const { plan } = planColumns(p, Object.keys(trail), 'display');
    expect(plan.find((c) => c.column === 'last_login_ip')).toMatchObject({ level: 'C2', action: 'mask', raisedBy: 'activity-trail' });
    expect(plan.find((c) => c.column === 'customer_no')?.raisedBy).toBeUndefined();
  });
});

describe('fail closed', () => {
  it('without a keyring or pseudonym key, encryption and pseudonyms redact, or throw naming the path', () => {
    const events: FieldErrorEvent[] = [];
    // The default stops a storage write that cannot be encrypted (rather than storing a redaction).
    expect(() => createProtector({ classifier: tinyClassifier }).protect({ id_no: ID }, 'storage')).toThrow(FieldActionError);
    const p = createProtector({ classifier: tinyClassifier, policy: { onError: 'redact' }, onFieldError: (e) => events.push(e) });
    expect(p.protect({ id_no: ID, x: { mobile: MOBILE } }, 'storage')).toEqual({ id_no: '[REDACTED:cn-id-card]', x: { mobile: '[REDACTED:cn-mobile]' } });
    expect(p.protect({ id_no: ID }, 'devtest')).toEqual({ id_no: '[REDACTED:cn-id-card]' });
    expect(events.map((e) => `${e.path}:${e.reason}`)).toEqual(['id_no:NO_KEYRING', 'x.mobile:NO_KEYRING', 'id_no:NO_KEY']);
    // Masks need no key.
    expect(p.protect({ id_no: ID }, 'display')).toEqual({ id_no: '110105********002X' });

    const t = createProtector({ classifier: tinyClassifier, policy: { onError: 'throw' } });
    let err: unknown;
    try {
      t.protect({ list: [{ id_no: ID }] }, 'storage');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FieldActionError);
    expect(err).toMatchObject({ path: 'list[0].id_no', scene: 'storage', action: 'encrypt', reason: 'NO_KEYRING', code: 'FIELD_ACTION' });
  });

  it('a destroyed primary key fails closed per field', async () => {
    const { keyring: ring } = await testKeyring();
    const p = createProtector({ keyring: ring, classifier: tinyClassifier, policy: { onError: { default: 'redact', storage: 'throw' } } });
    ring.destroy(ring.primaryKeyId, { force: true });
    expect(() => p.protect({ id_no: ID }, 'storage')).toThrow(FieldActionError);
    expect(p.protect({ id_no: ID }, 'display').id_no).toBe('110105********002X');
  });

  it('a value malformed for its kind gets no pseudonym', () => {
    const p = createProtector({ keyring, pseudonymKey: PSEUDONYM_KEY, classifier: tinyClassifier });
    expect(p.protect({ id_no: '110105194912310021', mobile: '12345', name: 42 }, 'devtest')).toEqual({
      id_no: '[REDACTED:cn-id-card]',
      mobile: '[REDACTED:cn-mobile]',
      name: '[REDACTED:person-name]',
    });
    // Types a mask cannot handle are redacted too.
    expect(p.protect({ mobile: true, id_no: new Uint8Array(18) }, 'display')).toEqual({ mobile: '[REDACTED:cn-mobile]', id_no: '[REDACTED:cn-id-card]' });
  });
});

describe('reveal', () => {
  const CTX = { actor: 'u1024', purpose: 'ticket 8812', source: '10.1.2.3' };

  it('decrypts what the policy encrypted, one audit event per field, never the value', () => {
    const events: RevealAuditEvent[] = [];
    const p = createProtector({ keyring, classifier: tinyClassifier, policy: NESTED_POLICY, onAudit: (e) => events.push(e), now: () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) });
    const input = { id_no: ID, customer: { contacts: [{ mobile: MOBILE }, { mobile: '13987654321' }] }, plain: 'kept' };
    const stored = p.protect(input, 'storage');
    expect(p.reveal(stored, CTX)).toEqual(input);
    expect(events).toEqual([
      { type: 'reveal', outcome: 'revealed', actor: 'u1024', purpose: 'ticket 8812', source: '10.1.2.3', path: 'id_no', kind: 'cn-id-card', keyId: keyring.primaryKeyId, algorithm: 'SM4-GCM', time: '2025-01-02T03:04:05.000Z', reason: undefined },
      expect.objectContaining({ path: 'customer.contacts[0].mobile', kind: 'cn-mobile', keyId: keyring.primaryKeyId }),
      expect.objectContaining({ path: 'customer.contacts[1].mobile' }),
    ]);
    expect(JSON.stringify(events)).not.toContain(MOBILE);
    // Plaintext fields and fields the policy does not encrypt are returned as they are, unrecorded.
    events.length = 0;
    expect(p.reveal({ plain: 'kept', id_no: ID }, CTX)).toEqual({ plain: 'kept', id_no: ID });
    expect(events).toEqual([]);
  });

  it('needs an audit sink, an actor and a purpose', () => {
    const stored = createProtector({ keyring, classifier: tinyClassifier }).protect({ id_no: ID }, 'storage');
    expect(() => createProtector({ keyring, classifier: tinyClassifier }).reveal(stored, CTX)).toThrow(/onAudit/);
    const p = createProtector({ keyring, classifier: tinyClassifier, onAudit: () => {} });
    expect(() => p.reveal(stored, { actor: '', purpose: 'x' })).toThrow(InvalidArgumentError);
    expect(() => p.reveal(stored, { actor: 'a' } as { actor: string; purpose: string })).toThrow(InvalidArgumentError);
  });

  it('stops when the audit sink refuses an event: no trace, no plaintext', () => {
    const p = createProtector({
      keyring,
      classifier: tinyClassifier,
      onAudit: () => {
        throw new Error('audit store down');
      },
    });
    const stored = p.protect({ id_no: ID }, 'storage');
    expect(() => p.reveal(stored, CTX)).toThrow('audit store down');
  });

  it('records failed decryptions and redacts (or throws for) the field', () => {
    const events: RevealAuditEvent[] = [];
    const p = createProtector({ keyring, classifier: tinyClassifier, onAudit: (e) => events.push(e) });
    const stored = p.protect({ id_no: ID, mobile: MOBILE }, 'storage');
    const env = stored.id_no as string;
    const tampered = env.slice(0, -2) + (env.endsWith('A') ? 'BA' : 'AA');
    expect(p.reveal({ ...stored, id_no: tampered }, CTX)).toEqual({ id_no: '[REDACTED:cn-id-card]', mobile: MOBILE });
    expect(events.map((e) => [e.path, e.outcome, e.reason])).toEqual([
      ['id_no', 'failed', 'INTEGRITY'],
      ['mobile', 'revealed', undefined],
    ]);
    const t = createProtector({ keyring, classifier: tinyClassifier, onAudit: () => {}, policy: { onError: { reveal: 'throw' } } });
    expect(() => t.reveal({ id_no: tampered }, CTX)).toThrow(FieldActionError);
  });

  it('shows keys that are personal values as <kind> in errors and audit events (records used as maps)', () => {
    // Customers keyed by ID number, each with a mobile: the key is a value too.
    const policy: PolicyDocument = { context: 'crm', rules: [{ path: '*.mobile', kind: 'cn-mobile' }, { path: '*.idn', kind: 'cn-id-card' }] };
    const events: RevealAuditEvent[] = [];
    const p = createProtector({ keyring, policy, onAudit: (e) => events.push(e) });
    const input = { [ID]: { mobile: MOBILE }, plain: { mobile: '13987654321' } };
    const stored = p.protect(input, 'storage');
    expect(p.reveal(stored, CTX)).toEqual(input);
    expect(events.map((e) => e.path)).toEqual(['<cn-id-card>.mobile', 'plain.mobile']);
    // A failed field, reported and thrown: the path is shown the same way.
    const fieldErrors: FieldErrorEvent[] = [];
    const t = createProtector({ keyring, pseudonymKey: PSEUDONYM_KEY, policy: { ...policy, onError: { devtest: 'throw' } }, onFieldError: (e) => fieldErrors.push(e) });
    let thrown: unknown;
    try {
      // An ID number whose check character is wrong gets no pseudonym.
      t.protect({ [ID]: { idn: '110105194912310021' } }, 'devtest');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FieldActionError);
    expect((thrown as FieldActionError).path).toBe('<cn-id-card>.idn');
    expect(fieldErrors.map((e) => e.path)).toEqual(['<cn-id-card>.idn']);
    // unknownFields: reject names the field without its key's value.
    const r = createProtector({ keyring, policy: { unknownFields: 'reject', rules: [{ path: 'mobile', kind: 'cn-mobile' }] } });
    let rejected: unknown;
    try {
      r.protect({ mobile: MOBILE, [ID]: 'x' }, 'display');
    } catch (e) {
      rejected = e;
    }
    expect(rejected).toBeInstanceOf(PolicyError);
    expect((rejected as PolicyError).path).toBe('<cn-id-card>');
    for (const surface of [JSON.stringify(events), JSON.stringify(fieldErrors), String(thrown), String(rejected), JSON.stringify(thrown), JSON.stringify(rejected)]) {
      expect(surface).not.toContain(ID);
    }
  });

  it('reads key IDs from envelope headers as parseEnvelope does', () => {
    const cipher = new FieldCipher(keyring);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.boolean(), (v, det) => {
        const env = cipher.encrypt(v, { context: 'c', deterministic: det });
        const h = parseEnvelope(env);
        expect(envelopeKey(env)).toEqual({ keyId: h.keyId, algorithm: h.algorithm });
        expect(envelopeKey(cipher.encryptBytes(v, { context: 'c', deterministic: det }))).toEqual({ keyId: h.keyId, algorithm: h.algorithm });
      }),
      { numRuns: 200 },
    );
    expect(envelopeKey('fs1.')).toBeUndefined();
    expect(envelopeKey('fs1.!!!!')).toBeUndefined();
  });

  it('gives back every encrypted field after protect(storage), for any values', () => {
    const p = createProtector({ keyring, policy: CUSTOMER_POLICY_YAML, onAudit: () => {} });
    const anyValue = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.dictionary(fc.constantFrom(...SENSITIVE_COLUMNS), anyValue), (seed, overrides) => {
        const row = { ...customerRow(seededRng(seed)), ...overrides };
        const stored = p.protect(row, 'storage');
        for (const c of SENSITIVE_COLUMNS) {
          const v = row[c];
          // Even an empty string is encrypted: emptiness is not revealed either.
          if (v === null) expect(stored[c]).toBeNull();
          else expect(isEnvelope(stored[c]), c).toBe(true);
        }
        const { id_no_bidx, mobile_bidx, ...back } = p.reveal(stored, { actor: 'a', purpose: 'p' });
        expect(back).toEqual(row);
        expect(Object.keys(back)).toEqual(Object.keys(row));
      }),
      { numRuns: 150 },
    );
  });
});

describe('pseudonym key', () => {
  it('defaults to the keyring primary key pseudonym subkey, so it changes with rotation; a given key does not', async () => {
    const { keyring: ring } = await testKeyring();
    const before = createProtector({ keyring: ring, classifier: tinyClassifier });
    const pinned = createProtector({ keyring: ring, classifier: tinyClassifier, pseudonymKey: PSEUDONYM_KEY });
    const a = before.protect({ mobile: MOBILE }, 'devtest').mobile;
    const pa = pinned.protect({ mobile: MOBILE }, 'devtest').mobile;
    expect(createProtector({ keyring: ring, classifier: tinyClassifier }).protect({ mobile: MOBILE }, 'devtest').mobile).toBe(a);
    await ring.rotate();
    const after = createProtector({ keyring: ring, classifier: tinyClassifier });
    expect(after.protect({ mobile: MOBILE }, 'devtest').mobile).not.toBe(a);
    expect(createProtector({ keyring: ring, classifier: tinyClassifier, pseudonymKey: PSEUDONYM_KEY }).protect({ mobile: MOBILE }, 'devtest').mobile).toBe(pa);
    // A protector keeps the key it was created with.
    expect(before.protect({ mobile: MOBILE }, 'devtest').mobile).toBe(a);
    expect(getKind('cn-mobile').detect(a as string).valid).toBe(true);
  });
});

describe('explain', () => {
  it('names the kind, class and the rule behind each scene', () => {
    const p = createProtector({ keyring, policy: CUSTOMER_POLICY_YAML });
    const id = p.explain('id_no');
    expect([id.kind, id.level]).toEqual(['cn-id-card', 'C2']);
    expect(id.scenes.storage).toEqual({ action: { action: 'encrypt', blindIndex: { into: '{key}_bidx', bits: 32 } }, at: 'rules[1].storage' });
    expect(id.scenes.display).toEqual({ action: { action: 'mask' }, at: '(built-in defaults).C2.display' });
    const pwd = p.explain('trade_pwd');
    expect([pwd.level, pwd.scenes.share.action.action, pwd.scenes.log.action]).toEqual(['C3', 'drop', { action: 'redact', style: 'label' }]);
    expect(() => p.explain('**.x')).toThrow(InvalidArgumentError);
    expect(() => p.explain('new_column')).toThrow(PolicyError);
  });
});
