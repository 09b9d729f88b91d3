/**
 * fieldshield/pino: a real pino logger writing to a stream; the written JSON lines are parsed
 * and checked, and must not contain the logged values anywhere.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { protectedPino, protectPinoOptions } from '../../src/pino/index.js';

const ID = '11010519491231002X';
const CARD = '6222021234567890128';
const SECRETS = ['13812345678', '13912345678', '13712345678', '13612345678', ID, CARD, 'hunter2', '65123456'];

function capture(): { lines: string[]; stream: { write(s: string): void } } {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => void lines.push(s) } };
}

function parsed(lines: string[]): Record<string, unknown>[] {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectNoSecret(lines: string[]): void {
  const all = lines.join('');
  for (const s of SECRETS) expect(all).not.toContain(s);
}

describe('fieldshield/pino', () => {
  it('protects nested objects by content and name, and the formatted message', () => {
    const { lines, stream } = capture();
    const logger = pino(protectPinoOptions({ base: undefined, timestamp: false }), stream);
    logger.info(
      { user: { mobile: '13812345678', note: `身份证${ID}` }, password: 'hunter2', tags: ['13912345678'], uid: 13712345678 },
      '客户 %s 绑卡 %s',
      '张三',
      CARD,
    );
    const [line] = parsed(lines);
    expect(line).toEqual({
      level: 30,
      user: { mobile: '138****5678', note: '身份证110105********002X' },
      password: '[REDACTED:password]',
      tags: ['139****5678'],
      uid: '137****5678',
      msg: '客户 张三 绑卡 622202*********0128',
    });
    expectNoSecret(lines);
  });

  it('errors keep pino\'s err shape with message and stack redacted', () => {
    const { lines, stream } = capture();
    const logger = pino(protectPinoOptions({ base: undefined, timestamp: false }), stream);
    logger.error(Object.assign(new Error('转账失败 手机13812345678'), { idNo: ID }));
    logger.warn({ err: new TypeError(`card ${CARD}`) }, 'with err');
    const [a, b] = parsed(lines);
    expect((a.err as Record<string, unknown>).type).toBe('Error');
    expect((a.err as Record<string, unknown>).message).toBe('转账失败 手机138****5678');
    expect((a.err as Record<string, unknown>).idNo).toBe('110105********002X');
    expect(a.msg).toBe('转账失败 手机138****5678');
    expect((b.err as Record<string, unknown>).type).toBe('TypeError');
    expect((b.err as Record<string, unknown>).stack).toContain('card 622202*********0128');
    expectNoSecret(lines);
  });

  it('child bindings and child serializers are protected', () => {
    const { lines, stream } = capture();
    const logger = pino(protectPinoOptions({ base: undefined, timestamp: false }), stream);
    const child = logger.child({ phone: '13812345678', uid: 13912345678, trace: 'abc' });
    child.info('电话 010-65123456');
    const grandchild = child.child({ n: 1 }, { serializers: { req: (r: { note: string }) => ({ note: r.note }) } });
    grandchild.info({ req: { note: '手机13712345678', other: 'dropped by the serializer' } }, 'req');
    const [a, b] = parsed(lines);
    expect(a).toEqual({ level: 30, phone: '138****5678', uid: '139****5678', trace: 'abc', msg: '电话 010-6*****56' });
    expect(b).toEqual({ level: 30, phone: '138****5678', uid: '139****5678', trace: 'abc', n: 1, req: { note: '手机137****5678' }, msg: 'req' });
    expectNoSecret(lines);
  });

  it('setBindings, keys of the logged object, printf arguments and objects under a named field are protected too', () => {
    const { lines, stream } = capture();
    const logger = pino(protectPinoOptions({ base: undefined, timestamp: false }), stream);
    const child = logger.child({ n: 1 });
    child.setBindings({ idNo: ID, note: '手机13812345678' });
    child.info('x');
    logger.info({ '13912345678': 'x', [`user ${ID}`]: {} });
    logger.info('login %j', { password: 'hunter2' });
    logger.info({ a: 1 }, 'contact %o', { mobile: '13712345678' });
    logger.info({ password: { old: 'hunter2', new: '65123456' } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => logger.info({ p: proxy })).not.toThrow();
    const out = parsed(lines);
    expect(out[0]).toEqual({ level: 30, n: 1, idNo: '110105********002X', note: '手机138****5678', msg: 'x' });
    expect(Object.keys(out[1])).toEqual(['level', '139****5678', 'user 110105********002X']);
    expect(out[2].msg).toBe('login {"password":"[REDACTED:password]"}');
    expect(out[3].msg).toBe('contact {"mobile":"137****5678"}');
    expect(out[4].password).toEqual({ old: '[REDACTED:password]', new: '[REDACTED:password]' });
    expect(out[5].p).toBe('[Unreadable]');
    expectNoSecret(lines);
  });

  it('your formatters and serializers still run; their output is protected', () => {
    const { lines, stream } = capture();
    const options = protectPinoOptions(
      {
        base: undefined,
        timestamp: false,
        formatters: { log: (o: Record<string, unknown>) => ({ ...o, added: '手机13612345678' }) },
        serializers: { user: (u: { id: string; mobile: string }) => ({ id: u.id, contact: u.mobile }) },
        mixin: () => ({ mixed: '13912345678' }),
      },
      { fieldKinds: { contact: 'cn-mobile' } },
    );
    pino(options, stream).info({ user: { id: 'u1', mobile: '13812345678' } });
    expect(parsed(lines)[0]).toEqual({ level: 30, mixed: '139****5678', user: { id: 'u1', contact: '138****5678' }, added: '手机136****5678' });
    expectNoSecret(lines);
  });

  it('protectedPino builds the logger; clean records are written unchanged', () => {
    const { lines, stream } = capture();
    const logger = protectedPino({ base: undefined, timestamp: false }, undefined, stream);
    logger.info({ orders: 3, ok: true, path: '/api/v1/accounts' }, 'done in 12 ms');
    expect(parsed(lines)[0]).toEqual({ level: 30, orders: 3, ok: true, path: '/api/v1/accounts', msg: 'done in 12 ms' });
  });
});
