// Blind-index lookups at table scale, and context binding against copied ciphertext, on a
// real PostgreSQL (PGlite) with the SQL adapter; the ORM suites cover the same through Drizzle
// and TypeORM on small tables.
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, parseEnvelope } from '../../src/envelope/index.js';
import { IntegrityError } from '../../src/errors.js';
import { ProtectedColumn } from '../../src/orm/column.js';
import { drizzleProtection } from '../../src/orm/drizzle.js';
import { pgFindProtectedEquals } from '../../src/orm/pg.js';
import { bulkInsert, explain, idNumber, mobile, newCipher, newDb } from './helpers.js';

const ROWS = 100_000;

describe('blind-index lookups on 100,000 rows', () => {
  let db: PGlite;
  let cipher: FieldCipher;
  let idNo: ProtectedColumn;
  let phone: ProtectedColumn;

  beforeAll(async () => {
    db = await newDb();
    ({ cipher } = await newCipher());
    idNo = new ProtectedColumn({ cipher, table: 'customer', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    // 16 bits on 100,000 rows: about 1.5 rows share each index value, so lookups must filter.
    phone = new ProtectedColumn({ cipher, table: 'customer', column: 'mobile', kind: 'cn-mobile', blindIndex: { column: 'mobile_bidx', bits: 16 } });
    await db.exec(`CREATE TABLE customer (id integer PRIMARY KEY, id_no text, id_no_bidx text, mobile text, mobile_bidx text)`);
    const ids: number[] = [];
    const envs: string[] = [];
    const idx: (string | null)[] = [];
    const mobiles: string[] = [];
    const mobileIdx: (string | null)[] = [];
    for (let i = 0; i < ROWS; i++) {
      ids.push(i);
      envs.push(idNo.encrypt(idNumber(i)) as string);
      idx.push(idNo.blindIndex(idNumber(i)));
      mobiles.push(phone.encrypt(mobile(i)) as string);
      mobileIdx.push(phone.blindIndex(mobile(i)));
    }
    await bulkInsert(db, 'customer', [
      { name: 'id', type: 'integer', values: ids },
      { name: 'id_no', type: 'text', values: envs },
      { name: 'id_no_bidx', type: 'text', values: idx },
      { name: 'mobile', type: 'text', values: mobiles },
      { name: 'mobile_bidx', type: 'text', values: mobileIdx },
    ]);
    await db.exec('CREATE INDEX customer_id_no_bidx ON customer (id_no_bidx); CREATE INDEX customer_mobile_bidx ON customer (mobile_bidx); ANALYZE customer;');
  }, 90_000);
  afterAll(async () => {
    await db.close();
  });

  it('finds exactly the matching row for sampled values, by index scan', async () => {
    for (const i of [0, 1, 999, 1000, 54_321, ROWS - 1]) {
      const rows = await pgFindProtectedEquals(db, idNo, idNumber(i), { select: ['id', 'id_no'] });
      expect(rows).toEqual([{ id: i, id_no: idNumber(i) }]);
    }
    // Lower-case check character and full-width digits normalize to the stored value.
    const fullWidth = idNumber(7).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).toLowerCase();
    expect((await pgFindProtectedEquals(db, idNo, fullWidth, { select: ['id'] })).map((r) => r.id)).toEqual([7]);
    expect(await pgFindProtectedEquals(db, idNo, idNumber(ROWS + 5))).toEqual([]);

    // The planner picks the index by itself (statistics from ANALYZE; sequential scans allowed).
    const plan = await explain(db, 'SELECT * FROM customer WHERE id_no_bidx = ANY($1::text[])', [idNo.blindIndexes(idNumber(42))]);
    expect(plan).toMatch(/Index Scan using customer_id_no_bidx|Bitmap Index Scan on customer_id_no_bidx/);
    expect(plan).not.toContain('Seq Scan');
  });

  it('uses the index through Drizzle too', async () => {
    const pii = drizzleProtection({ cipher, table: 'customer' });
    const customer = pgTable('customer', {
      id: serial('id').primaryKey(),
      idNo: pii.column('id_no', { kind: 'cn-id-card', blindIndex: 'id_no_bidx' }),
      idNoBidx: text('id_no_bidx'),
    });
    const orm = drizzle(db);
    const q = orm.select().from(customer).where(pii.whereProtectedEquals(customer.idNo, idNumber(77_777))).toSQL();
    expect(await explain(db, q.sql, q.params)).toMatch(/Index Scan using customer_id_no_bidx|Bitmap Index Scan on customer_id_no_bidx/);
    const rows = await pii.findProtectedEquals(orm, customer, 'idNo', idNumber(77_777));
    expect(rows.map((r) => r.id)).toEqual([77_777]);
  });

  it('drops blind-index collisions on a narrow index after decryption', async () => {
    let candidates = 0;
    let found = 0;
    for (let i = 0; i < 200; i++) {
      const m = mobile(i * 401);
      const raw = await db.query('SELECT id FROM customer WHERE mobile_bidx = ANY($1::text[])', [phone.blindIndexes(m)]);
      candidates += raw.rows.length;
      const rows = await pgFindProtectedEquals(db, phone, m, { select: ['id'] });
      expect(rows.map((r) => r.id)).toEqual([i * 401]);
      found += rows.length;
    }
    // ≈ 1 + 100,000 / 65,536 candidates per lookup: collisions did occur and were removed.
    expect(found).toBe(200);
    expect(candidates).toBeGreaterThan(250);
  });
});

describe('envelopes bound to their row and column', () => {
  let db: PGlite;
  let cipher: FieldCipher;

  beforeAll(async () => {
    db = await newDb();
    ({ cipher } = await newCipher());
    await db.exec('CREATE TABLE account (id integer PRIMARY KEY, card_no text, card_bidx text, id_no text)');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('fails to decrypt ciphertext copied to another row or another column', async () => {
    const card = new ProtectedColumn({ cipher, table: 'account', column: 'card_no', kind: 'bank-card', rowBound: true, blindIndex: 'card_bidx' });
    const idNo = new ProtectedColumn({ cipher, table: 'account', column: 'id_no', rowBound: true });
    const cards = ['6222021234567890123', '6222029876543210987'];
    for (const [i, c] of cards.entries()) {
      await db.query('INSERT INTO account VALUES ($1, $2, $3, $4)', [i + 1, card.encrypt(c, i + 1), card.blindIndex(c), idNo.encrypt(idNumber(i), i + 1)]);
    }
    const read = async (id: number) => (await db.query<{ card_no: string; id_no: string }>('SELECT card_no, id_no FROM account WHERE id = $1', [id])).rows[0];
    expect(card.decrypt((await read(1)).card_no, 1)).toBe(cards[0]);
    expect(cipher.decrypt((await read(2)).card_no, { context: 'account.card_no#2' })).toBe(cards[1]);

    // Row 1's card number pasted into row 2: same column, wrong row.
    await db.query('UPDATE account SET card_no = (SELECT card_no FROM account WHERE id = 1) WHERE id = 2');
    const moved = (await read(2)).card_no;
    expect(parseEnvelope(moved).keyId).toBe(parseEnvelope((await read(1)).card_no).keyId);
    expect(() => card.decrypt(moved, 2)).toThrow(IntegrityError);
    // A lookup that lands on the tampered row fails loudly instead of returning row 1's card.
    await expect(pgFindProtectedEquals(db, card, cards[1])).rejects.toThrow(IntegrityError);
    expect((await pgFindProtectedEquals(db, card, cards[0], { select: ['id'] })).map((r) => r.id)).toEqual([1]);

    // Row 1's ID number pasted into its own card column: same row, wrong column.
    await db.query('UPDATE account SET card_no = id_no WHERE id = 1');
    const row1 = await read(1);
    expect(() => card.decrypt(row1.card_no, 1)).toThrow(IntegrityError);
    // And the envelope still opens in its own column and row.
    expect(idNo.decrypt(row1.id_no, 1)).toBe(idNumber(0));
    expect(() => idNo.decrypt(row1.id_no, 2)).toThrow(IntegrityError);
  });
});
