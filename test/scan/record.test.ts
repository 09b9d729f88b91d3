/**
 * protectLogRecord: content and field-name protection of whole log records, copy-on-write,
 * cycles, depth, Errors, bigints, Maps and Sets; redactJsonText keeps JSON valid.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { LogProtector, protectLogRecord, redactJsonText } from '../../src/scan/index.js';

const ID = '11010519491231002X';

describe('protectLogRecord', () => {
  it('masks nested values by content and by field name', () => {
    const record = {
      msg: '开户成功',
      level: 30,
      user: { mobile: '13812345678', idNo: ID, note: `客户身份证${ID}，备用手机 139-1234-5678`, password: 'hunter2', cvv: '123' },
      contacts: [{ phone: '13712345678' }, '邮箱 zhangsan@qq.com'],
    };
    expect(protectLogRecord(record)).toEqual({
      msg: '开户成功',
      level: 30,
      user: {
        mobile: '138****5678',
        idNo: '110105********002X',
        note: '客户身份证110105********002X，备用手机 139-****-5678',
        password: '[REDACTED:password]',
        cvv: '[REDACTED:cvn]',
      },
      contacts: [{ phone: '137****5678' }, '邮箱 z*******@qq.com'],
    });
  });

  it('never modifies the caller\'s objects and returns a clean record itself', () => {
    const inner = { mobile: '13812345678' };
    const record = { a: 1, inner };
    const out = protectLogRecord(record) as { inner: { mobile: string } };
    expect(inner.mobile).toBe('13812345678');
    expect(out.inner.mobile).toBe('138****5678');
    const clean = { a: 1, b: 'hello world', c: { d: [1, 2, 'x'] }, when: new Date(0) };
    expect(protectLogRecord(clean)).toBe(clean);
  });

  it('a field named for a kind is masked whatever it holds; fail closed on short values', () => {
    expect(protectLogRecord({ mobile: 'unknown' })).toEqual({ mobile: '*******' });
    expect(protectLogRecord({ idNo: 'abc' })).toEqual({ idNo: '***' });
  });

  it('numbers and bigints that hold values become masked strings, other numbers stay numbers', () => {
    expect(protectLogRecord({ uid: 13812345678, big: 13812345678n, count: 12345678, ms: 1.5 })).toEqual({
      uid: '138****5678',
      big: '138****5678',
      count: 12345678,
      ms: 1.5,
    });
    expect(protectLogRecord({ mobile: 13812345678 })).toEqual({ mobile: '138****5678' });
  });

  it('cycles become [Circular], depth past maxDepth [MaxDepth]', () => {
    const a: Record<string, unknown> = { phone: '13812345678' };
    a.self = a;
    a.list = [a];
    expect(protectLogRecord(a)).toEqual({ phone: '138****5678', self: '[Circular]', list: ['[Circular]'] });
    // A cycle in a record with nothing else to protect is still cut: the copy must not reach
    // back into the caller's object.
    const b: Record<string, unknown> = { x: 1 };
    b.self = b;
    expect(protectLogRecord(b)).toEqual({ x: 1, self: '[Circular]' });
    const deep = { l1: { l2: { l3: { l4: 'x' } } } };
    expect(protectLogRecord(deep, { maxDepth: 3 })).toEqual({ l1: { l2: { l3: '[MaxDepth]' } } });
  });

  it('a shared (not circular) object is protected wherever it appears', () => {
    const shared = { mobile: '13812345678' };
    expect(protectLogRecord({ a: shared, b: shared })).toEqual({ a: { mobile: '138****5678' }, b: { mobile: '138****5678' } });
  });

  it('Errors: type, redacted message and stack, own properties, cause', () => {
    const cause = new TypeError(`bad card 6222021234567890128`);
    const err = Object.assign(new RangeError(`转账失败 手机13812345678`, { cause }), { idNo: ID, code: 'E1' });
    const out = protectLogRecord({ err }) as { err: Record<string, unknown> };
    expect(out.err.type).toBe('RangeError');
    expect(out.err.message).toBe('转账失败 手机138****5678');
    expect(out.err.stack).toContain('转账失败 手机138****5678');
    expect(out.err.stack).not.toContain('13812345678');
    expect(out.err.idNo).toBe('110105********002X');
    expect(out.err.code).toBe('E1');
    expect((out.err.cause as Record<string, unknown>).message).toBe('bad card 622202*********0128');
  });

  it('Maps become objects and Sets arrays, protected; keys are scanned too', () => {
    const out = protectLogRecord({ m: new Map<unknown, unknown>([['phone', '13812345678'], [13912345678, 'x']]), s: new Set(['13712345678']) });
    expect(out).toEqual({ m: { phone: '138****5678', '139****5678': 'x' }, s: ['137****5678'] });
  });

  it('toJSON output is what gets protected; a throwing getter is [Unreadable]', () => {
    const withJson = { toJSON: () => ({ mobile: '13812345678' }) };
    expect(protectLogRecord({ v: withJson })).toEqual({ v: { mobile: '138****5678' } });
    const throwing = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('13812345678'); } });
    expect(protectLogRecord({ t: throwing })).toEqual({ t: '[Unreadable]' });
  });

  it('a __proto__ key is copied as a field, never as a prototype', () => {
    const record = JSON.parse('{"__proto__": {"mobile": "13812345678"}, "a": "13912345678"}') as Record<string, unknown>;
    const out = protectLogRecord(record) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"mobile":"138****5678"},"a":"139****5678"}');
  });

  it('options: byName false, fieldKinds, scene, replacement', () => {
    expect(protectLogRecord({ mobile: 'unknown', note: '13812345678' }, { byName: false })).toEqual({ mobile: 'unknown', note: '138****5678' });
    expect(protectLogRecord({ orderNo: 'SO-1', ref: 'abc' }, { fieldKinds: { orderNo: null, ref: 'cn-mobile' } })).toEqual({ orderNo: 'SO-1', ref: '***' });
    expect(protectLogRecord({ note: `身份证${ID}` }, { scene: 'analytics' })).toEqual({ note: '身份证110105******31002X' });
    expect(protectLogRecord({ note: '手机13812345678' }, { replacement: '[{kind}]' })).toEqual({ note: '手机[cn-mobile]' });
    expect(() => protectLogRecord({}, { fieldKinds: { a: '13812345678' } })).toThrow(InvalidArgumentError);
    expect(() => protectLogRecord({}, { maxDepth: 0 })).toThrow(InvalidArgumentError);
  });

  it('strings and primitives at the top level', () => {
    expect(protectLogRecord('手机13812345678')).toBe('手机138****5678');
    expect(protectLogRecord(null)).toBe(null);
    expect(protectLogRecord(true)).toBe(true);
  });

  it('a compiled LogProtector gives the same results', () => {
    const p = new LogProtector({ scene: 'log' });
    expect(p.protect({ mobile: '13812345678' })).toEqual({ mobile: '138****5678' });
    expect(p.field('idNo', ID)).toBe('110105********002X');
  });
});

describe('redactJsonText', () => {
  it('keeps JSON valid: bare numbers become strings, strings stay strings', () => {
    const text = '{"uid":13812345678,"note":"手机13912345678","arr":[6222021234567890128, 1],"n": 13712345678 }';
    const out = redactJsonText(text);
    expect(JSON.parse(out)).toEqual({ uid: '138****5678', note: '手机139****5678', arr: ['622202*********0128', 1], n: '137****5678' });
  });

  it('a replacement with quotes is escaped inside strings', () => {
    const out = redactJsonText('{"note":"手机13812345678"}', { replacement: '"x"\\' });
    expect(JSON.parse(out)).toEqual({ note: '手机"x"\\' });
  });
});
