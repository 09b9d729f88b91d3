import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldCipher } from '../../src/envelope/index.js';
import { idCardCheckChar } from '../../src/kinds/checksums.js';
import type { Keyring } from '../../src/keys/index.js';
import { testKeyring } from '../helpers/keyring.js';

/**
 * An in-memory PostgreSQL (PGlite: the real server compiled to WASM). A fresh cluster runs
 * initdb, which takes 4-15 s on a busy 2-core machine; loading a snapshot of a freshly
 * initialized cluster takes about 2 s, so the first database made on this machine saves one
 * (per PGlite version) in the temporary directory for every later test file.
 */
export async function newDb(): Promise<PGlite> {
  return PGlite.create(await pgliteOptions());
}

/** PGlite options that start from the saved snapshot (made here on first use). */
export async function pgliteOptions(): Promise<PGliteOptions> {
  const snapshot = snapshotPath();
  if (!existsSync(snapshot)) {
    const db = await PGlite.create();
    const dump = await db.dumpDataDir('none');
    await db.close();
    const tmp = `${snapshot}.${process.pid}.tmp`;
    writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
    renameSync(tmp, snapshot); // atomic: concurrent workers never read a half-written file
  }
  return { loadDataDir: new Blob([readFileSync(snapshot)]) };
}

function snapshotPath(): string {
  const { version } = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string };
  return join(tmpdir(), `fieldshield-test-pglite-${version}.tar`);
}

export async function newCipher(): Promise<{ keyring: Keyring; cipher: FieldCipher }> {
  const { keyring } = await testKeyring();
  return { keyring, cipher: new FieldCipher(keyring) };
}

/**
 * The i-th synthetic mainland ID number: region 110105, a birth date counted from 1950-01-01
 * (one day per 1000 rows), a sequence number, and the ISO 7064 MOD 11-2 check character. Distinct for
 * every i below 10^7, valid, and independent of any randomness so failures reproduce.
 */
export function idNumber(i: number): string {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const date = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const first17 = `110105${date}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export function mobile(i: number): string {
  return `139${String(i).padStart(8, '0')}`;
}

/**
 * Inserts columnar data in batches through `unnest` of parameter arrays: one statement per
 * batch keeps 100,000-row fixtures to about a second in PGlite.
 */
export async function bulkInsert(
  db: PGlite,
  table: string,
  columns: readonly { name: string; type: string; values: readonly unknown[] }[],
  batch = 10_000,
): Promise<void> {
  const n = columns[0].values.length;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    await db.query(
      `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map((c) => c.values.slice(start, end)),
    );
  }
}

/** The lines of an EXPLAIN. */
export async function explain(db: PGlite, sql: string, params: unknown[]): Promise<string> {
  const res = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  return res.rows.map((r) => r['QUERY PLAN']).join('\n');
}
