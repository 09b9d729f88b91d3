/**
 * Names that a plain JavaScript object already answers to — `constructor`, `toString`,
 * `__proto__`, ... — used as field names, name tokens, table names, kinds, scenes and file
 * extensions. A lookup table written as an object literal finds Object.prototype's functions
 * under them; a column named `constructor` once crashed classify and protect with a TypeError.
 * Every public entry point must treat them as the unknown names they are: a result, or one of
 * the library's own typed errors.
 */
import { describe, expect, it } from 'vitest';
import {
  FieldShieldError,
  classifyField,
  classifyRecord,
  classifySchema,
  createProtector,
  getKind,
  loadPolicy,
  mask,
  maskForScene,
  protectLogRecord,
  redactText,
} from '../src/index.js';
import { resolveFormat } from '../src/cli/io/formats.js';
import { testKeyring } from './helpers/keyring.js';

const INHERITED = Object.getOwnPropertyNames(Object.prototype);
// Each name alone and as a token among others (snake_case, camelCase, a suffix).
const NAMES = INHERITED.flatMap((n) => [n, `cust_${n}`, `${n}_no`, `${n}Id`]);

/** Runs `f`; anything thrown must be the library's own typed error. */
function settles(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldShieldError);
  }
}

describe('names Object.prototype answers to', () => {
  it('are the names this test means (constructor, toString, __proto__, ...)', () => {
    expect(INHERITED).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']));
  });

  it('classify as unknown fields, by name and in records and schemas', () => {
    for (const name of NAMES) {
      const r = classifyField(name);
      // `valueOf` reads as 价值 (value, an amount) and `x_no` as an identifier: real readings.
      if (INHERITED.includes(name) && name !== 'valueOf') expect(r.kind).toBeNull();
      // Content still decides for a column of mobiles, whatever its name.
      expect(classifyField(name, ['13812345678', '13912345678', '13712345678']).kind).toBe('cn-mobile');
      const rec = classifyRecord(JSON.parse(`{${JSON.stringify(name)}: "x", "mobile": "13812345678"}`));
      expect(rec.fields.find((f) => f.field === 'mobile')?.kind).toBe('cn-mobile');
      const column = classifySchema([{ table: name, name, comment: name }]).tables[0].columns[0];
      expect(column.field).toBe(name);
      if (INHERITED.includes(name) && name !== 'valueOf') expect(column.kind).toBeNull();
    }
  });

  it('pass through protect in every scene as unknown fields, the known ones still protected', async () => {
    const { keyring } = await testKeyring();
    const protector = createProtector({ keyring, pseudonymKey: new Uint8Array(32).fill(1), onAudit: () => {} });
    for (const name of NAMES) {
      // JSON.parse makes `__proto__` an own field, as a CSV or JSON reader does.
      const record = JSON.parse(`{${JSON.stringify(name)}: "x", "mobile": "13812345678"}`) as Record<string, unknown>;
      for (const scene of ['storage', 'display', 'analytics', 'log', 'devtest', 'share'] as const) {
        const out = protector.protect(record, scene);
        if (classifyField(name).level === null) expect(Object.getOwnPropertyDescriptor(out, name)?.value).toBe('x');
        expect(out.mobile).not.toBe('13812345678');
      }
    }
  });

  it('are refused as kinds, scenes and policy kinds with typed errors, and do not disturb text scanning', () => {
    for (const name of NAMES) {
      settles(() => getKind(name as never));
      settles(() => mask('13812345678', name as never));
      settles(() => maskForScene('13812345678', name as never, 'display'));
      settles(() => maskForScene('13812345678', 'cn-mobile', name as never));
      settles(() => loadPolicy({ version: 1, rules: [{ path: 'a', kind: name }] }));
      expect(redactText(`${name}: 13812345678`)).toBe(`${name}: 138****5678`);
      expect(protectLogRecord(JSON.parse(`{${JSON.stringify(name)}: "13812345678"}`))).toEqual(
        JSON.parse(`{${JSON.stringify(name)}: "138****5678"}`),
      );
    }
  });

  it('are no data format as file extensions', () => {
    for (const name of INHERITED) expect(() => resolveFormat(`input.${name}`, undefined)).toThrow(/cannot tell the format/);
    expect(() => resolveFormat('input.csv', 'constructor')).toThrow(/unknown format/);
  });
});
