import type { PGlite } from '@electric-sql/pglite';
import { eq, isNull } from 'drizzle-orm';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { FieldCipher, isEnvelope, parseEnvelope } from '../../src/envelope/index.js';
import { IntegrityError, InvalidArgumentError } from '../../src/errors.js';
import { getKind } from '../../src/kinds/index.js';
import type { Keyring } from '../../src/keys/index.js';
import { drizzleProtection } from '../../src/orm/drizzle.js';
import { errorSurface } from '../helpers/keyring.js';
import { explain, idNumber, newCipher, newDb } from './helpers.js';

function schema(cipher: FieldCipher) {
  const pii = drizzleProtection({ cipher, table: 'customer' });
  const customer = pgTable('customer', {
    id: serial('id').primaryKey(),
    name: pii.column('name', { kind: 'person-name' }),
    idNo: pii.column('id_no', { kind: 'cn-id-card', blindIndex: 'id_no_bidx' }),
    idNoBidx: text('id_no_bidx'),
    mobile: pii.column('mobile', { kind: 'cn-mobile', blindIndex: { column: 'mobile_bidx', bits: 16 } }),
    mobileBidx: text('mobile_bidx'),
    email: pii.column('email', { kind: 'email', deterministic: true }),
    balance: pii.column<number>('balance'),
    opened: pii.column<Date>('opened'),
    branch: text('branch'),
  });
  return { pii, customer };
}

const DDL = `CREATE TABLE customer (
  id serial PRIMARY KEY, name text, id_no text, id_no_bidx text, mobile text, mobile_bidx text,
  email text, balance text, opened text, branch text);
  CREATE INDEX customer_id_no_bidx ON customer (id_no_bidx);`;

describe('Drizzle protected columns over PGlite', () => {
  let client: PGlite;
  let db: PgliteDatabase;
  let keyring: Keyring;
  let cipher: FieldCipher;
  let s: ReturnType<typeof schema>;

  beforeAll(async () => {
    client = await newDb();
    await client.exec(DDL);
    db = drizzle(client);
    ({ keyring, cipher } = await newCipher());
    s = schema(cipher);
  }, 60_000);
  afterAll(async () => {
    await client.close();
  });

  it('writes envelopes bound to table.column with their blind indexes, and reads plaintext', async () => {
    const { pii, customer } = s;
    const opened = new Date('2021-03-04T05:06:07.089Z');
    const [inserted] = await db
      .insert(customer)
      .values(pii.withBlindIndexes(customer, { name: '张三', idNo: '11010519491231002X', mobile: '13912345678', email: 'zs@example.cn', balance: 1234.5, opened, branch: 'BJ01' }))
      .returning();
    expect(inserted).toMatchObject({ name: '张三', idNo: '11010519491231002X', balance: 1234.5, opened, branch: 'BJ01' });

    const raw = (await client.query<Record<string, string>>('SELECT * FROM customer WHERE id = $1', [inserted.id])).rows[0];
    for (const col of ['name', 'id_no', 'mobile', 'email', 'balance', 'opened']) expect(isEnvelope(raw[col])).toBe(true);
    expect(raw.branch).toBe('BJ01');
    expect(parseEnvelope(raw.email).algorithm).toBe('SM4-SIV');
    expect(parseEnvelope(raw.id_no).algorithm).toBe('SM4-GCM');
    // The context is table.column: the plain FieldCipher opens it with exactly that context.
    expect(cipher.decrypt(raw.id_no, { context: 'customer.id_no' })).toBe('11010519491231002X');
    expect(() => cipher.decrypt(raw.id_no, { context: 'customer.mobile' })).toThrow(IntegrityError);
    // The index is HMAC-SM3 over the kind-normalized value under the index key named table.column.
    const normalize = getKind('cn-id-card').normalize;
    expect(raw.id_no_bidx).toBe(cipher.blindIndex('11010519491231002X', { column: 'customer.id_no', normalize }));
    expect(raw.mobile_bidx).toMatch(/^[0-9a-f]{4}$/);

    const [read] = await db.select().from(customer).where(eq(customer.id, inserted.id));
    expect(read).toEqual({ ...inserted });
    // Checked by tsc: the declared value types reach Drizzle's row types.
    expectTypeOf(read.idNo).toEqualTypeOf<string | null>();
    expectTypeOf(read.balance).toEqualTypeOf<number | null>();
    expectTypeOf(read.opened).toEqualTypeOf<Date | null>();
  });

  it('keeps NULL as NULL and finds it with IS NULL', async () => {
    const { pii, customer } = s;
    const [row] = await db.insert(customer).values(pii.withBlindIndexes(customer, { name: '李四', idNo: null, branch: 'NULLS' })).returning();
    expect(row.idNo).toBeNull();
    expect(row.idNoBidx).toBeNull();
    const found = await db.select().from(customer).where(isNull(customer.idNo));
    expect(found.map((r) => r.id)).toContain(row.id);
  });

  it('looks up by blind index with the kind normalization and drops other values', async () => {
    const { pii, customer } = s;
    await db.insert(customer).values(
      pii.withBlindIndexes(customer, [
        { name: '王五', idNo: idNumber(1), branch: 'LK' },
        { name: '赵六', idNo: idNumber(2), branch: 'LK' },
        { name: '钱七', idNo: '11010519491231002X', branch: 'LK2' },
      ]),
    );
    const hits = await pii.findProtectedEquals(db, customer, 'idNo', ' 110105 19491231 002x ');
    expect(hits.map((r) => r.branch).sort()).toEqual(['BJ01', 'LK2']);
    expect(hits.every((r) => r.idNo === '11010519491231002X')).toBe(true);
    const inBranch = await pii.findProtectedEquals(db, customer, 'idNo', idNumber(2), eq(customer.branch, 'LK'));
    expect(inBranch.map((r) => r.name)).toEqual(['赵六']);
    expect(await pii.findProtectedEquals(db, customer, 'idNo', idNumber(3))).toEqual([]);
  });

  it('uses the blind-index B-tree for the lookup', async () => {
    const { pii, customer } = s;
    await client.exec('SET enable_seqscan = off');
    const q = db.select().from(customer).where(pii.whereProtectedEquals(customer.idNo, idNumber(1))).toSQL();
    const plan = await explain(client, q.sql, q.params);
    await client.exec('SET enable_seqscan = on');
    expect(plan).toContain('customer_id_no_bidx');
  });

  it('filters blind-index collisions after decryption', async () => {
    const { pii, customer } = s;
    // Two rows that share a 16-bit mobile index but hold different numbers: found by search
    // over a few thousand candidates (16 bits → a collision within ~300 tries on average).
    const target = '13800000000';
    const targetIdx = pii.spec('mobile').blindIndex(target);
    let other: string | undefined;
    for (let i = 1; i < 1_000_000 && other === undefined; i++) {
      const m = `138${String(i).padStart(8, '0')}`;
      if (pii.spec('mobile').blindIndex(m) === targetIdx) other = m;
    }
    expect(other).toBeDefined();
    await db.insert(customer).values(pii.withBlindIndexes(customer, [{ mobile: target, branch: 'COL' }, { mobile: other!, branch: 'COL' }]));
    const candidates = await db.select().from(customer).where(pii.whereProtectedEquals(customer.mobile, target));
    expect(candidates).toHaveLength(2);
    const hits = await pii.findProtectedEquals(db, customer, 'mobile', target);
    expect(hits.map((r) => r.mobile)).toEqual([target]);
  });

  it('matches deterministic columns with plain eq()', async () => {
    const { customer } = s;
    const rows = await db.select().from(customer).where(eq(customer.email, 'zs@example.cn'));
    expect(rows.map((r) => r.branch)).toEqual(['BJ01']);
  });

  it('updates the blind index when an update sets the protected value', async () => {
    const { pii, customer } = s;
    const [row] = await db.insert(customer).values(pii.withBlindIndexes(customer, { idNo: idNumber(10), branch: 'UPD' })).returning();
    await db.update(customer).set(pii.withBlindIndexes(customer, { idNo: idNumber(11) })).where(eq(customer.id, row.id));
    expect(await pii.findProtectedEquals(db, customer, 'idNo', idNumber(10))).toEqual([]);
    expect((await pii.findProtectedEquals(db, customer, 'idNo', idNumber(11))).map((r) => r.id)).toEqual([row.id]);
  });

  it('refuses an envelope copied to another column', async () => {
    const { customer } = s;
    await client.query("UPDATE customer SET mobile = id_no WHERE branch = 'BJ01'");
    const moved = (await client.query<{ mobile: string }>("SELECT mobile FROM customer WHERE branch = 'BJ01'")).rows[0].mobile;
    const err = await db.select().from(customer).where(eq(customer.branch, 'BJ01')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).path).toBe('customer.mobile');
    // Neither the envelope nor any plaintext of the row leaks through the error.
    const surface = errorSurface(err);
    for (const secret of [moved, moved.slice(4, 30), '11010519491231002X', '13912345678']) expect(surface).not.toContain(secret);
    await client.query("DELETE FROM customer WHERE branch = 'BJ01'");
  });

  it('keeps finding rows indexed under the previous key after a rotation', async () => {
    const { pii, customer } = s;
    const before = idNumber(20);
    await db.insert(customer).values(pii.withBlindIndexes(customer, { idNo: before, branch: 'ROT' }));
    await keyring.rotate();
    const after = idNumber(21);
    await db.insert(customer).values(pii.withBlindIndexes(customer, { idNo: after, branch: 'ROT' }));
    const q = db.select().from(customer).where(pii.whereProtectedEquals(customer.idNo, before)).toSQL();
    expect(q.params).toHaveLength(2); // one index per active key
    expect((await pii.findProtectedEquals(db, customer, 'idNo', before)).map((r) => r.idNo)).toEqual([before]);
    expect((await pii.findProtectedEquals(db, customer, 'idNo', after)).map((r) => r.idNo)).toEqual([after]);
    const raw = await client.query<{ id_no: string }>("SELECT id_no FROM customer WHERE branch = 'ROT' ORDER BY id");
    expect(raw.rows.map((r) => parseEnvelope(r.id_no).keyId)).toEqual([keyring.keys()[0].id, keyring.primaryKeyId]);
  });

  it('takes the cipher from a getter, for schemas declared before the keyring loads', async () => {
    let ready: FieldCipher | undefined;
    const pii = drizzleProtection({ cipher: () => ready as FieldCipher, table: 'customer' });
    const lazy = pgTable('customer', { id: serial('id').primaryKey(), idNo: pii.column('id_no', { blindIndex: 'id_no_bidx' }), idNoBidx: text('id_no_bidx'), branch: text('branch') });
    expect(() => pii.withBlindIndexes(lazy, { idNo: idNumber(30) })).toThrow(/FieldCipher/);
    ready = cipher;
    await db.insert(lazy).values(pii.withBlindIndexes(lazy, { idNo: idNumber(30), branch: 'LAZY' }));
    expect((await s.pii.findProtectedEquals(db, s.customer, 'idNo', idNumber(30))).map((r) => r.branch)).toEqual(['LAZY']);
  });

  it('rejects declarations and tables that do not match', async () => {
    const { pii, customer } = s;
    expect(() => pii.column('name')).toThrow(InvalidArgumentError);
    const other = pgTable('client', { id: serial('id').primaryKey(), idNo: text('id_no') });
    expect(() => pii.withBlindIndexes(other, { idNo: 'x' })).toThrow(/client is not customer/);
    const impostor = pgTable('customer', { id: serial('id').primaryKey(), idNo: text('id_no'), idNoBidx: text('id_no_bidx') });
    expect(() => pii.whereProtectedEquals(impostor.idNo, 'x')).toThrow(/not declared/);
    expect(() => pii.whereProtectedEquals(customer.email, 'x')).toThrow(/no blind index/);
    const bad = drizzleProtection({ cipher, table: 'broken' });
    const broken = pgTable('broken', { id: serial('id').primaryKey(), v: bad.column('v', { blindIndex: 'v_bidx' }) });
    expect(() => bad.withBlindIndexes(broken, { v: 'x' })).toThrow(/no column v_bidx/);
  });
});
