// ProtectedColumn on its own (no database): declaration checks, contexts, null handling.
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, parseEnvelope } from '../../src/envelope/index.js';
import { IntegrityError, InvalidArgumentError } from '../../src/errors.js';
import { ProtectedColumn } from '../../src/orm/column.js';
import { newCipher } from './helpers.js';

describe('ProtectedColumn', () => {
  let cipher: FieldCipher;
  beforeAll(async () => {
    ({ cipher } = await newCipher());
  });

  it('refuses declarations that cannot work', () => {
    const base = { cipher, table: 't', column: 'c' };
    expect(() => new ProtectedColumn({ ...base, table: '' })).toThrow(InvalidArgumentError);
    expect(() => new ProtectedColumn({ ...base, cipher: {} as FieldCipher })).toThrow(/FieldCipher/);
    expect(() => new ProtectedColumn({ ...base, blindIndex: 'c' })).toThrow(/own column/);
    expect(() => new ProtectedColumn({ ...base, blindIndex: { column: 'b', bits: 7 } })).toThrow(/bits/);
    expect(() => new ProtectedColumn({ ...base, rowBound: true, deterministic: true })).toThrow(/row-bound/);
    expect(() => new ProtectedColumn({ ...base, kind: 'no-such-kind' })).toThrow(InvalidArgumentError);
    expect(() => new ProtectedColumn(base).blindIndex('x')).toThrow(/no blind index/);
  });

  it('uses table.column (or the override) as context and table.column as the index key name', () => {
    const col = new ProtectedColumn({ cipher, table: 'customer', column: 'id_no', context: 'crm.customer.id_no', blindIndex: 'b' });
    expect(col.context).toBe('crm.customer.id_no');
    const env = col.encrypt('x') as string;
    expect(cipher.decrypt(env, { context: 'crm.customer.id_no' })).toBe('x');
    expect(() => cipher.decrypt(env, { context: 'customer.id_no' })).toThrow(IntegrityError);
    expect(col.blindIndex('x')).toBe(cipher.blindIndex('x', { column: 'customer.id_no' }));
  });

  it('binds row-bound envelopes to the row key and requires it', () => {
    const col = new ProtectedColumn({ cipher, table: 'acct', column: 'card', rowBound: true });
    expect(() => col.encrypt('x')).toThrow(/row key is required/);
    const env = col.encrypt('6222', 10n) as string;
    expect(col.decrypt(env, '10')).toBe('6222'); // the key's text form is the context
    expect(() => col.decrypt(env, 11)).toThrow(IntegrityError);
  });

  it('passes NULL and undefined through, and deterministic columns repeat', () => {
    const col = new ProtectedColumn({ cipher, table: 't', column: 'email', deterministic: true, blindIndex: 'b' });
    expect(col.encrypt(null)).toBeNull();
    expect(col.encrypt(undefined)).toBeUndefined();
    expect(col.decrypt(null)).toBeNull();
    expect(col.blindIndex(null)).toBeNull();
    expect(col.encrypt('a@b.cn')).toBe(col.encrypt('a@b.cn'));
    expect(parseEnvelope(col.encrypt('a@b.cn') as string).algorithm).toBe('SM4-SIV');
  });

  it('reads plaintext only when told to (online migration)', () => {
    const strict = new ProtectedColumn({ cipher, table: 't', column: 'c' });
    const lenient = new ProtectedColumn({ cipher, table: 't', column: 'c', readPlaintext: true });
    expect(() => strict.decrypt('13912345678')).toThrow();
    const before = cipher.stats.plaintextPassedThrough;
    expect(lenient.decrypt('13912345678')).toBe('13912345678');
    expect(cipher.stats.plaintextPassedThrough).toBe(before + 1);
    expect(lenient.decrypt(strict.encrypt('x') as string)).toBe('x');
  });

  it('compares lookups after the kind normalization and only as strings', () => {
    const col = new ProtectedColumn({ cipher, table: 't', column: 'id_no', kind: 'cn-id-card', blindIndex: 'b' });
    expect(col.matches('11010519491231002X', '110105-19491231-002x')).toBe(true);
    expect(col.matches('11010519491231002X', '110105194912310037')).toBe(false);
    expect(col.matches(null, 'x')).toBe(false);
    expect(col.matches(42, '42')).toBe(false);
    expect(() => col.blindIndexes(42 as unknown as string)).toThrow(/string/);
  });
});
