// encryptColumn over 100,000 plaintext rows in PGlite, stopped halfway and resumed.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCipher } from '../../src/envelope/index.js';
import { ProtectedColumn } from '../../src/orm/column.js';
import { countByKeyId, encryptColumn } from '../../src/orm/migrate.js';
import { pgColumnStoreFor, pgStateStore } from '../../src/orm/pg.js';
import { newCipher, newDb } from './helpers.js';
import { Killed, createPlainTable, expectFullyEncrypted, isNull, preEncrypted } from './migrate-fixture.js';

const ROWS = 100_000;

describe('encryptColumn on 100,000 plaintext rows (PGlite)', () => {
  let db: PGlite;
  let cipher: FieldCipher;
  let column: ProtectedColumn;
  let shape: { nulls: number; pre: number };

  beforeAll(async () => {
    db = await newDb();
    ({ cipher } = await newCipher());
    column = new ProtectedColumn({ cipher, table: 'customer', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    shape = await createPlainTable(db, 'customer', ROWS, column);
  }, 90_000);
  afterAll(async () => {
    await db.close();
  });

  it('is killed at 50 % and resumes with no row lost or encrypted twice', async () => {
    const store = pgColumnStoreFor(db, column);
    const state = pgStateStore(db);
    const seen: number[] = [];
    const first = encryptColumn({
      column,
      store,
      state,
      batchSize: 2500,
      onProgress: (p) => {
        seen.push(p.scanned);
        if (p.scanned >= ROWS / 2) throw new Killed('killed at 50 %');
      },
    });
    await expect(first).rejects.toBeInstanceOf(Killed);
    expect(seen.at(-1)).toBe(ROWS / 2);
    const half = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM customer WHERE id_no LIKE 'fs1.%'");
    // Everything below the cursor is encrypted, nothing above it except the pre-encrypted rows.
    const upper = Array.from({ length: ROWS / 2 }, (_, k) => k + ROWS / 2);
    const lower = Array.from({ length: ROWS / 2 }, (_, k) => k);
    expect(half.rows[0].n).toBe(lower.filter((i) => !isNull(i)).length + upper.filter((i) => preEncrypted(i) && !isNull(i)).length);

    const resumed: number[] = [];
    const done = await encryptColumn({ column, store, state, batchSize: 2500, onProgress: (p) => void resumed.push(p.scanned) });
    expect(resumed[0]).toBe(ROWS / 2 + 2500); // continued after the checkpoint, not from the start
    expect(done).toMatchObject({
      done: true,
      scanned: ROWS,
      nulls: shape.nulls,
      skipped: shape.pre,
      written: ROWS - shape.nulls - shape.pre,
      conflicts: 0,
      unrecognised: 0,
      batches: ROWS / 2500,
    });
    await expectFullyEncrypted(db, 'customer', column, ROWS);
    expect(await countByKeyId(pgColumnStoreFor(db, column), { batchSize: 10_000 })).toMatchObject({ rows: ROWS, nulls: shape.nulls, unrecognised: 0 });

    // A third run finds the finished checkpoint and touches nothing.
    const again = await encryptColumn({ column, store, state });
    expect(again).toEqual(done);
    // Started over, it scans everything and writes nothing: idempotent.
    const restarted = await encryptColumn({ column, store, state, restart: true, batchSize: 10_000 });
    expect(restarted).toMatchObject({ scanned: ROWS, written: 0, skipped: ROWS - shape.nulls, nulls: shape.nulls });
  });
});
