import type { PGlite } from '@electric-sql/pglite';
import { expect } from 'vitest';
import type { ProtectedColumn } from '../../src/orm/column.js';
import { bulkInsert, idNumber } from './helpers.js';

/** Rows left NULL, and rows an earlier (partial) rollout already wrote as envelopes. */
export const isNull = (i: number): boolean => i % 997 === 0;
export const preEncrypted = (i: number): boolean => i % 1013 === 5;

export class Killed extends Error {}

export async function createPlainTable(db: PGlite, table: string, rows: number, column: ProtectedColumn): Promise<{ nulls: number; pre: number }> {
  await db.exec(`CREATE TABLE ${table} (id integer PRIMARY KEY, id_no text, id_no_bidx text, note text)`);
  const ids: number[] = [];
  const values: (string | null)[] = [];
  const idx: (string | null)[] = [];
  let nulls = 0;
  let pre = 0;
  for (let i = 0; i < rows; i++) {
    ids.push(i);
    if (isNull(i)) {
      values.push(null);
      idx.push(null);
      nulls++;
    } else if (preEncrypted(i)) {
      values.push(column.encrypt(idNumber(i)) as string);
      idx.push(column.blindIndex(idNumber(i)));
      pre++;
    } else {
      values.push(idNumber(i));
      idx.push(null);
    }
  }
  await bulkInsert(db, table, [
    { name: 'id', type: 'integer', values: ids },
    { name: 'id_no', type: 'text', values },
    { name: 'id_no_bidx', type: 'text', values: idx },
  ]);
  return { nulls, pre };
}

/**
 * Every row of a table made by createPlainTable (`rows`), plus `added` rows with values:
 * NULL stays NULL, everything else is one envelope of the original value with its index.
 */
export async function expectFullyEncrypted(db: PGlite, table: string, column: ProtectedColumn, rows: number, added = 0): Promise<void> {
  const res = await db.query<{ id: number; id_no: string | null; id_no_bidx: string | null }>(`SELECT id, id_no, id_no_bidx FROM ${table} ORDER BY id`);
  expect(res.rows).toHaveLength(rows + added);
  const bad: number[] = [];
  for (const r of res.rows) {
    if (isNull(r.id) && r.id < rows) {
      if (r.id_no !== null) bad.push(r.id);
      continue;
    }
    // Decrypting once gives the original plaintext: an envelope of an envelope would give a
    // string starting with "fs1." instead (and FieldCipher refuses to make one anyway).
    const plain = column.decrypt(r.id_no);
    if (plain !== idNumber(r.id) || r.id_no_bidx !== column.blindIndex(idNumber(r.id))) bad.push(r.id);
  }
  expect(bad).toEqual([]);
}

