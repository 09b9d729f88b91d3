// Rotation and rewrap with counts per key ID, and migrations stopped at awkward moments.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEnvelope, parseEnvelope, type FieldCipher } from '../../src/envelope/index.js';
import { InvalidArgumentError, KeyStateError } from '../../src/errors.js';
import type { Keyring } from '../../src/keys/index.js';
import { ProtectedColumn } from '../../src/orm/column.js';
import { countByKeyId, encryptColumn, memoryStateStore, rewrapColumn, type ColumnStore, type MigrationStateStore } from '../../src/orm/migrate.js';
import { pgColumnStoreFor, pgFindProtectedEquals, pgStateStore } from '../../src/orm/pg.js';
import { bulkInsert, idNumber, newCipher, newDb } from './helpers.js';
import { Killed, createPlainTable, expectFullyEncrypted, isNull, preEncrypted } from './migrate-fixture.js';

const ROWS = 20_000;
const ADDED = 2000;

describe('rotation and rewrap (PGlite)', () => {
  let db: PGlite;
  let keyring: Keyring;
  let cipher: FieldCipher;
  let column: ProtectedColumn;
  let shape: { nulls: number; pre: number };

  beforeAll(async () => {
    db = await newDb();
    ({ keyring, cipher } = await newCipher());
    column = new ProtectedColumn({ cipher, table: 'customer', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    shape = await createPlainTable(db, 'customer', ROWS, column);
  }, 90_000);
  afterAll(async () => {
    await db.close();
  });

  it('counts rows per key ID, rewraps after a rotation (killed and resumed), then the old key can go', async () => {
    const store = pgColumnStoreFor(db, column);
    const state = pgStateStore(db);
    const oldKey = keyring.primaryKeyId;
    expect(await encryptColumn({ column, store, batchSize: 5000 })).toMatchObject({ written: ROWS - shape.nulls - shape.pre });
    const encrypted = ROWS - shape.nulls;
    expect(await countByKeyId(store, { batchSize: 5000 })).toEqual({ keys: { [oldKey]: encrypted }, rows: ROWS, nulls: shape.nulls, unrecognised: 0 });

    const newKey = await keyring.rotate();
    // The application keeps writing during the rotation: 2,000 rows under the new key.
    const newIds = Array.from({ length: ADDED }, (_, i) => ROWS + i);
    await bulkInsert(db, 'customer', [
      { name: 'id', type: 'integer', values: newIds },
      { name: 'id_no', type: 'text', values: newIds.map((id) => column.encrypt(idNumber(id))) },
      { name: 'id_no_bidx', type: 'text', values: newIds.map((id) => column.blindIndex(idNumber(id))) },
    ]);
    expect((await countByKeyId(store)).keys).toEqual({ [oldKey]: encrypted, [newKey]: ADDED });
    expect(() => keyring.retire(oldKey, { inUse: true })).toThrow(KeyStateError);

    const abort = new AbortController();
    const partial = rewrapColumn({ column, store, state, batchSize: 4000, onProgress: (p) => (p.scanned >= ROWS / 2 ? abort.abort() : undefined), signal: abort.signal });
    await expect(partial).rejects.toMatchObject({ name: 'AbortError' });
    const mid = (await countByKeyId(store)).keys;
    expect(mid[oldKey] + mid[newKey]).toBe(encrypted + ADDED);
    expect(mid[oldKey]).toBeGreaterThan(0);

    const done = await rewrapColumn({ column, store, state, batchSize: 4000 });
    expect(done).toMatchObject({ done: true, scanned: ROWS + ADDED, written: encrypted, skipped: ADDED, nulls: shape.nulls, conflicts: 0 });
    const after = await countByKeyId(store);
    expect(after.keys).toEqual({ [newKey]: encrypted + ADDED });

    // Nothing under the old key: it can be retired, and lookups still find old rows because
    // their blind indexes were recomputed under the new key.
    keyring.retire(oldKey, { inUse: (after.keys[oldKey] ?? 0) > 0 });
    expect(column.blindIndexes(idNumber(12_345))).toHaveLength(1);
    expect((await pgFindProtectedEquals(db, column, idNumber(12_345), { select: ['id'] })).map((r) => r.id)).toEqual([12_345]);
    keyring.destroy(oldKey);
    await expectFullyEncrypted(db, 'customer', column, ROWS, ADDED);
    const sample = await db.query<{ id_no: string }>('SELECT id_no FROM customer WHERE id = 1');
    expect(parseEnvelope(sample.rows[0].id_no).keyId).toBe(newKey);
  });
});

describe('rewrap of a column with a bad row', () => {
  it('leaves an envelope that will not open, counts and reports it, and moves every other row', async () => {
    const { keyring, cipher } = await newCipher();
    const column = new ProtectedColumn({ cipher, table: 'cust', column: 'mobile', kind: 'cn-mobile' });
    const other = new ProtectedColumn({ cipher, table: 'cust', column: 'id_no', kind: 'cn-id-card' });
    const rows = new Map<number, string | null>();
    for (let id = 1; id <= 50; id++) rows.set(id, column.encrypt(`138${String(id).padStart(8, '0')}`));
    rows.set(17, other.encrypt(idNumber(17))); // copied from another column: bound to its context
    const store: ColumnStore = {
      selectBatch: async (after, limit) =>
        [...rows.entries()].filter(([id]) => after === undefined || id > (after as number)).slice(0, limit).map(([id, value]) => ({ id, value })),
      updateRows: async (updates) => {
        let n = 0;
        for (const u of updates) if (rows.get(u.id as number) === u.expected) (rows.set(u.id as number, u.value), n++);
        return n;
      },
    };
    const oldKey = keyring.primaryKeyId;
    const newKey = await keyring.rotate();
    const errors: unknown[] = [];
    const done = await rewrapColumn({ column, store, batchSize: 20, onRowError: (e) => void errors.push(e) });
    expect(done).toMatchObject({ done: true, scanned: 50, written: 49, failed: 1, skipped: 0 });
    expect(errors).toEqual([{ id: 17, reason: 'INTEGRITY' }]);
    expect((await countByKeyId(store)).keys).toEqual({ [newKey]: 49, [oldKey]: 1 });
    // Without a callback the row is still left and counted; a throwing callback stops the run.
    await keyring.rotate();
    expect(await rewrapColumn({ column, store })).toMatchObject({ written: 49, failed: 1 });
    await keyring.rotate();
    await expect(rewrapColumn({ column, store, onRowError: () => { throw new Error('stop'); } })).rejects.toThrow('stop');
  });
});

describe('encryptColumn of a column that is not text (valueType)', () => {
  it('reads stored text as the declared type, so migrated rows decrypt like rows the application wrote', async () => {
    const { cipher } = await newCipher();
    const balance = new ProtectedColumn({ cipher, table: 'acct', column: 'balance', valueType: 'number' });
    const rows = new Map<number, string | null>([
      [1, '1234.5'],
      [2, ' 0.10 '],
      [3, '12345678901234567891'], // more digits than a double holds: refused, not changed
      [4, 'n/a'],
      [5, null],
      [6, balance.encrypt(99.25)],
    ]);
    const store: ColumnStore = {
      selectBatch: async (after, limit) =>
        [...rows.entries()].filter(([id]) => after === undefined || id > (after as number)).slice(0, limit).map(([id, value]) => ({ id, value })),
      updateRows: async (updates) => {
        for (const u of updates) rows.set(u.id as number, u.value);
        return updates.length;
      },
    };
    const errors: unknown[] = [];
    const done = await encryptColumn({ column: balance, store, onRowError: (e) => void errors.push(e) });
    expect(done).toMatchObject({ scanned: 6, written: 2, skipped: 1, nulls: 1, failed: 2 });
    expect(errors).toEqual([
      { id: 3, reason: 'INVALID_ARGUMENT' },
      { id: 4, reason: 'INVALID_ARGUMENT' },
    ]);
    expect([1, 2, 6].map((id) => balance.decrypt<number>(rows.get(id)))).toEqual([1234.5, 0.1, 99.25]);
    expect(rows.get(3)).toBe('12345678901234567891');
    // While a table is converted, readPlaintext reads what is not yet encrypted as the type too.
    const reading = new ProtectedColumn({ cipher, table: 'acct', column: 'balance', valueType: 'number', readPlaintext: true });
    expect(reading.decrypt('42')).toBe(42);
    expect(() => reading.decrypt('4x2')).toThrow(/^acct\.balance holds text that is not a number value$/);
    const typed = (valueType: 'bigint' | 'boolean' | 'date' | 'json', text: string) =>
      new ProtectedColumn({ cipher, table: 't', column: 'c', valueType }).fromStoredText(text);
    expect(typed('bigint', '12345678901234567891')).toBe(12345678901234567891n);
    expect([typed('boolean', 't'), typed('boolean', 'false')]).toEqual([true, false]);
    expect(typed('date', '2024-01-02T03:04:05Z')).toEqual(new Date('2024-01-02T03:04:05Z'));
    expect(typed('json', '{"a":[1]}')).toEqual({ a: [1] });
    expect(() => typed('boolean', 'yes')).toThrow(InvalidArgumentError);
    expect(() => new ProtectedColumn({ cipher, table: 't', column: 'c', valueType: 'money' as never })).toThrow(/valueType must be one of/);
  });
});

describe('encryptColumn stopped at awkward moments', () => {
  let db: PGlite;
  let cipher: FieldCipher;

  beforeAll(async () => {
    db = await newDb();
    ({ cipher } = await newCipher());
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('resumes after dying between a batch write and its checkpoint', async () => {
    const column = new ProtectedColumn({ cipher, table: 'crash', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    const rows = 20_000;
    const shape = await createPlainTable(db, 'crash', rows, column);
    const store = pgColumnStoreFor(db, column);
    const real = pgStateStore(db);
    let saves = 0;
    // The 5th batch is written, then the process "dies" before its checkpoint is saved.
    const dying: MigrationStateStore = {
      load: (n) => real.load(n),
      save: async (n, c) => {
        if (++saves === 5) throw new Killed('died before the checkpoint');
        await real.save(n, c);
      },
    };
    await expect(encryptColumn({ column, store, state: dying, batchSize: 2000 })).rejects.toBeInstanceOf(Killed);
    const done = await encryptColumn({ column, store, state: real, batchSize: 2000 });
    // The re-read batch holds envelopes now: skipped, not encrypted again.
    const batch5 = Array.from({ length: 2000 }, (_, k) => 8000 + k).filter((i) => !isNull(i) && !preEncrypted(i)).length;
    // Batch 5's writes never reached a checkpoint, so its rows count as skipped on the rerun.
    expect(done).toMatchObject({ scanned: rows, written: rows - shape.nulls - shape.pre - batch5, skipped: shape.pre + batch5, nulls: shape.nulls });
    await expectFullyEncrypted(db, 'crash', column, rows);
  });

  it('leaves rows the application changed mid-batch to the application (compare-and-set)', async () => {
    const column = new ProtectedColumn({ cipher, table: 'race', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    await db.exec('CREATE TABLE race (id integer PRIMARY KEY, id_no text, id_no_bidx text)');
    await db.query('INSERT INTO race SELECT g, $1 || g, NULL FROM generate_series(1, 10) g', ['plain-']);
    const inner = pgColumnStoreFor(db, column);
    const racing: ColumnStore = {
      selectBatch: (a, l) => inner.selectBatch(a, l),
      updateRows: async (u) => {
        // The application writes row 3 between our read and our write.
        await db.query('UPDATE race SET id_no = $1, id_no_bidx = $2 WHERE id = 3', [column.encrypt('app-value'), column.blindIndex('app-value')]);
        return inner.updateRows(u);
      },
    };
    const done = await encryptColumn({ column, store: racing, state: memoryStateStore() });
    expect(done).toMatchObject({ scanned: 10, written: 9, conflicts: 1 });
    const r3 = await db.query<{ id_no: string }>('SELECT id_no FROM race WHERE id = 3');
    expect(column.decrypt(r3.rows[0].id_no)).toBe('app-value');
  });

  it('binds envelopes to their rows when the column is row-bound, with a text primary key', async () => {
    const column = new ProtectedColumn({ cipher, table: 'acct', column: 'card', rowBound: true });
    await db.exec('CREATE TABLE acct (acct_no text PRIMARY KEY, card text)');
    await db.query("INSERT INTO acct SELECT 'A' || lpad(g::text, 4, '0'), '62220' || g FROM generate_series(1, 300) g");
    const store = pgColumnStoreFor(db, column, { id: 'acct_no' });
    const done = await encryptColumn({ column, store, batchSize: 64 });
    expect(done).toMatchObject({ scanned: 300, written: 300, batches: 5 });
    const rows = (await db.query<{ acct_no: string; card: string }>('SELECT acct_no, card FROM acct ORDER BY acct_no')).rows;
    expect(column.decrypt(rows[0].card, 'A0001')).toBe('622201');
    expect(cipher.decrypt(rows[1].card, { context: 'acct.card#A0002' })).toBe('622202');
    expect(() => column.decrypt(rows[0].card, 'A0002')).toThrow();
  });

  it('reports values that look like envelopes but are not, and refuses bad options', async () => {
    const column = new ProtectedColumn({ cipher, table: 'odd', column: 'v' });
    await db.exec("CREATE TABLE odd (id bigint PRIMARY KEY, v text); INSERT INTO odd VALUES (1, 'fs1.not-an-envelope'), (2, 'plain'), (9007199254740993, 'big')");
    const store = pgColumnStoreFor(db, column);
    const done = await encryptColumn({ column, store });
    expect(done).toMatchObject({ scanned: 3, written: 2, unrecognised: 1 });
    expect(await countByKeyId(store)).toMatchObject({ rows: 3, unrecognised: 1 });
    const big = await db.query<{ v: string }>('SELECT v FROM odd WHERE id = 9007199254740993');
    expect(isEnvelope(big.rows[0].v)).toBe(true);
    await expect(encryptColumn({ column, store, batchSize: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(encryptColumn({ column, store: {} as ColumnStore })).rejects.toThrow(InvalidArgumentError);
  });
});
