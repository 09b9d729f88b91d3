// TypeORM over PGlite through typeorm-pglite (TypeORM's own postgres driver, with PGlite in
// place of node-postgres' Pool): real PostgreSQL SQL and types, no server. Entities are
// EntitySchema objects, so the tests need no decorator compilation.
import type { PGlite } from '@electric-sql/pglite';
import { DataSource, EntitySchema, In, type Repository } from 'typeorm';
import { PGliteDriver, getPGliteInstance } from 'typeorm-pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, isEnvelope, parseEnvelope } from '../../src/envelope/index.js';
import { IntegrityError, InvalidArgumentError } from '../../src/errors.js';
import { getKind } from '../../src/kinds/index.js';
import type { Keyring } from '../../src/keys/index.js';
import { findProtectedEquals, installFieldShield, protectedColumn, whereProtectedEquals } from '../../src/orm/typeorm.js';
import { explain, idNumber, newCipher, pgliteOptions } from './helpers.js';

interface Customer {
  id: number;
  name: string | null;
  idNo: string | null;
  idNoBidx: string | null;
  email: string | null;
  balance: number | null;
  branch: string | null;
}

function customerSchema(cipher: FieldCipher) {
  return new EntitySchema<Customer>({
    name: 'Customer',
    tableName: 'customer',
    columns: {
      id: { type: Number, primary: true, generated: true },
      name: { type: 'text', nullable: true, transformer: protectedColumn({ cipher, kind: 'person-name' }) },
      idNo: { type: 'text', name: 'id_no', nullable: true, transformer: protectedColumn({ cipher, kind: 'cn-id-card', blindIndex: 'idNoBidx' }) },
      idNoBidx: { type: 'text', name: 'id_no_bidx', nullable: true },
      email: { type: 'text', nullable: true, transformer: protectedColumn({ cipher, kind: 'email', deterministic: true }) },
      balance: { type: 'text', nullable: true, transformer: protectedColumn({ cipher }) },
      branch: { type: 'text', nullable: true },
    },
    indices: [{ name: 'customer_id_no_bidx', columns: ['idNoBidx'] }],
  });
}

describe('TypeORM protected columns over PGlite', () => {
  let ds: DataSource;
  let pg: PGlite;
  let repo: Repository<Customer>;
  let keyring: Keyring;
  let cipher: FieldCipher;

  beforeAll(async () => {
    ({ keyring, cipher } = await newCipher());
    ds = new DataSource({ type: 'postgres', driver: new PGliteDriver(await pgliteOptions()).driver, synchronize: true, entities: [customerSchema(cipher)] });
    await ds.initialize();
    pg = await getPGliteInstance();
    repo = ds.getRepository<Customer>('Customer');
  }, 60_000);
  afterAll(async () => {
    await ds.destroy();
  });

  it('refuses to encrypt before the columns are bound to their table', async () => {
    await expect(repo.save({ name: '张三' })).rejects.toThrow(/installFieldShield/);
    expect(installFieldShield(ds)).toBe(4);
    expect(installFieldShield(ds)).toBe(4); // idempotent: no second subscriber
    expect(ds.subscribers).toHaveLength(1);
  });

  it('saves envelopes bound to table.column with the blind index, and loads plaintext', async () => {
    const saved = await repo.save({ name: '张三', idNo: '11010519491231002X', email: 'zs@example.cn', balance: 99.5, branch: 'BJ01' });
    const raw = (await pg.query<Record<string, string>>('SELECT * FROM customer WHERE id = $1', [saved.id])).rows[0];
    for (const col of ['name', 'id_no', 'email', 'balance']) expect(isEnvelope(raw[col])).toBe(true);
    expect(cipher.decrypt(raw.id_no, { context: 'customer.id_no' })).toBe('11010519491231002X');
    expect(cipher.decrypt(raw.balance, { context: 'customer.balance' })).toBe(99.5);
    expect(parseEnvelope(raw.email).algorithm).toBe('SM4-SIV');
    const normalize = getKind('cn-id-card').normalize;
    expect(raw.id_no_bidx).toBe(cipher.blindIndex('11010519491231002X', { column: 'customer.id_no', normalize }));
    expect(await repo.findOneByOrFail({ id: saved.id })).toEqual({
      id: saved.id,
      name: '张三',
      idNo: '11010519491231002X',
      idNoBidx: raw.id_no_bidx,
      email: 'zs@example.cn',
      balance: 99.5,
      branch: 'BJ01',
    });
  });

  it('keeps NULL as NULL', async () => {
    const saved = await repo.save({ name: null, idNo: null, branch: 'NULLS' });
    const raw = (await pg.query<Record<string, unknown>>('SELECT name, id_no, id_no_bidx FROM customer WHERE id = $1', [saved.id])).rows[0];
    expect(raw).toEqual({ name: null, id_no: null, id_no_bidx: null });
    expect(await repo.findOneByOrFail({ id: saved.id })).toMatchObject({ name: null, idNo: null });
  });

  it('looks up by blind index with the kind normalization, through the index', async () => {
    await repo.insert([
      { name: '王五', idNo: idNumber(1), branch: 'LK' },
      { name: '赵六', idNo: idNumber(2), branch: 'LK' },
    ]);
    const hits = await findProtectedEquals(repo, 'idNo', '11010519491231002x');
    expect(hits.map((c) => c.branch)).toEqual(['BJ01']);
    expect((await findProtectedEquals(repo, 'idNo', idNumber(2), { branch: 'LK' })).map((c) => c.name)).toEqual(['赵六']);
    expect(await findProtectedEquals(repo, 'idNo', idNumber(3))).toEqual([]);

    const [sql, params] = repo.createQueryBuilder('c').where(whereProtectedEquals(repo, 'idNo', idNumber(1))).getQueryAndParameters();
    await pg.exec('SET enable_seqscan = off');
    const plan = await explain(pg, sql, params);
    await pg.exec('SET enable_seqscan = on');
    expect(plan).toContain('customer_id_no_bidx');
  });

  it('matches deterministic columns with a plain where', async () => {
    expect((await repo.findBy({ email: 'zs@example.cn' })).map((c) => c.branch)).toEqual(['BJ01']);
  });

  it('rewrites the blind index on save() and on update()', async () => {
    const c = await repo.save({ idNo: idNumber(10), branch: 'UPD' });
    c.idNo = idNumber(11);
    await repo.save(c);
    expect(await findProtectedEquals(repo, 'idNo', idNumber(10))).toEqual([]);
    expect((await findProtectedEquals(repo, 'idNo', idNumber(11))).map((x) => x.id)).toEqual([c.id]);
    await repo.update({ id: c.id }, { idNo: idNumber(12) });
    expect(await findProtectedEquals(repo, 'idNo', idNumber(11))).toEqual([]);
    expect((await findProtectedEquals(repo, 'idNo', idNumber(12))).map((x) => x.id)).toEqual([c.id]);
  });

  it('never encrypts a query operator as if it were a value', async () => {
    // TypeORM passes operator arguments through the transformer one by one; a random-IV
    // column then matches nothing (lookups go through the blind index), but no operator
    // object is ever serialized into an envelope.
    expect(await repo.findBy({ idNo: In([idNumber(1)]) })).toEqual([]);
    const t = protectedColumn({ cipher });
    expect(() => t.to(In(['x']))).toThrow(InvalidArgumentError);
  });

  it('refuses an envelope copied to another column', async () => {
    await pg.query("UPDATE customer SET name = id_no WHERE branch = 'BJ01'");
    const err = await repo.findBy({ branch: 'BJ01' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).path).toBe('customer.name');
    await pg.query("DELETE FROM customer WHERE branch = 'BJ01'");
  });

  it('keeps finding rows indexed under the previous key after a rotation', async () => {
    await repo.save({ idNo: idNumber(20), branch: 'ROT' });
    await keyring.rotate();
    await repo.save({ idNo: idNumber(21), branch: 'ROT' });
    const where = whereProtectedEquals(repo, 'idNo', idNumber(20)) as unknown as { idNoBidx: { value: string[] } };
    expect(where.idNoBidx.value).toHaveLength(2);
    expect((await findProtectedEquals(repo, 'idNo', idNumber(20))).map((c) => c.idNo)).toEqual([idNumber(20)]);
    expect((await findProtectedEquals(repo, 'idNo', idNumber(21))).map((c) => c.idNo)).toEqual([idNumber(21)]);
  });

  it('rejects a transformer shared by two columns and lookups on columns without an index', async () => {
    expect(() => whereProtectedEquals(repo, 'email', 'x')).toThrow(/no blind index/);
    expect(() => whereProtectedEquals(repo, 'branch', 'x')).toThrow(/not a protected column/);
    const shared = protectedColumn({ cipher });
    const bad = new DataSource({
      type: 'postgres',
      driver: new PGliteDriver().driver,
      entities: [
        new EntitySchema<{ id: number; a: string; b: string }>({
          name: 'Shared',
          tableName: 'shared',
          columns: { id: { type: Number, primary: true, generated: true }, a: { type: 'text', transformer: shared }, b: { type: 'text', transformer: shared } },
        }),
      ],
    });
    await bad.initialize();
    expect(() => installFieldShield(bad)).toThrow(/two columns/);
    expect(() => installFieldShield(new DataSource({ type: 'postgres', driver: new PGliteDriver().driver }))).toThrow(/initialized/);
  });
});
