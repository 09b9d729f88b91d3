/**
 * Database benchmarks on PGlite (PostgreSQL compiled to WASM, in process):
 * - insert and select rows/s through Drizzle, plain table vs the same table with 4 protected
 *   columns (2 of them with blind indexes), and the ratio;
 * - blind-index lookup latency on 1,000,000 rows (p50/p95/p99), next to a plaintext B-tree
 *   lookup on the same table for scale;
 * - migration rows/s: encryptColumn over plaintext rows, and rewrapColumn after a rotation.
 *
 *   npx tsx bench/db.ts            # writes bench/results/db.json
 *   BENCH_DB_LOOKUP_ROWS=100000 npx tsx bench/db.ts   # smaller lookup table
 *
 * PGlite runs the server in this same thread, so its numbers are end-to-end single-core
 * figures (driver, SQL, storage and crypto all on one core), not a networked server's.
 */
import { PGlite } from '@electric-sql/pglite';
import { gte, lt, and } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { FieldCipher } from '../src/envelope/index.js';
import { idCardCheckChar } from '../src/kinds/checksums.js';
import { Keyring, LocalKeyProvider } from '../src/keys/index.js';
import { ProtectedColumn } from '../src/orm/column.js';
import { drizzleProtection } from '../src/orm/drizzle.js';
import { encryptColumn, rewrapColumn } from '../src/orm/migrate.js';
import { pgColumnStoreFor, pgFindProtectedEquals, pgStateStore } from '../src/orm/pg.js';

const CRUD_ROWS = 50_000;
const CRUD_BATCH = 1000;
const LOOKUP_ROWS = Number(process.env.BENCH_DB_LOOKUP_ROWS ?? 1_000_000);
const LOOKUPS = 2000;
const MIGRATION_ROWS = 200_000;

function idNumber(i: number): string {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const first17 = `110105${ymd}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}
const mobile = (i: number): string => `139${String(i).padStart(8, '0')}`;
const card = (i: number): string => `622202${String(i).padStart(13, '0')}`;
const NAMES = ['张三', '李四', '王小明', '欧阳娜娜', '赵六'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function main(): Promise<void> {
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
  const cipher = new FieldCipher(keyring);
  const client = await PGlite.create();
  const db = drizzle(client);
  const out: Record<string, unknown> = {
    env: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      // Other work on the machine skews every figure: recorded so a reader can tell.
      loadAverageAtStart: loadavg()[0],
      database: 'PGlite (PostgreSQL 18, WASM, in process)',
    },
  };

  // --- insert / select: plain vs 4 protected columns --------------------------------------
  const pii = drizzleProtection({ cipher, table: 'customer_protected' });
  const plain = pgTable('customer_plain', {
    id: serial('id').primaryKey(),
    name: text('name'),
    idNo: text('id_no'),
    mobile: text('mobile'),
    cardNo: text('card_no'),
    branch: text('branch'),
  });
  const protectedTable = pgTable('customer_protected', {
    id: serial('id').primaryKey(),
    name: pii.column('name', { kind: 'person-name' }),
    idNo: pii.column('id_no', { kind: 'cn-id-card', blindIndex: 'id_no_bidx' }),
    idNoBidx: text('id_no_bidx'),
    mobile: pii.column('mobile', { kind: 'cn-mobile', blindIndex: 'mobile_bidx' }),
    mobileBidx: text('mobile_bidx'),
    cardNo: pii.column('card_no', { kind: 'bank-card' }),
    branch: text('branch'),
  });
  await client.exec(`
    CREATE TABLE customer_plain (id serial PRIMARY KEY, name text, id_no text, mobile text, card_no text, branch text);
    CREATE INDEX ON customer_plain (id_no); CREATE INDEX ON customer_plain (mobile);
    CREATE TABLE customer_protected (id serial PRIMARY KEY, name text, id_no text, id_no_bidx text, mobile text, mobile_bidx text, card_no text, branch text);
    CREATE INDEX ON customer_protected (id_no_bidx); CREATE INDEX ON customer_protected (mobile_bidx);`);
  const row = (i: number) => ({ name: NAMES[i % NAMES.length], idNo: idNumber(i), mobile: mobile(i), cardNo: card(i), branch: `B${i % 50}` });

  const [, plainInsertMs] = await timed(async () => {
    for (let s = 0; s < CRUD_ROWS; s += CRUD_BATCH) {
      await db.insert(plain).values(Array.from({ length: CRUD_BATCH }, (_, k) => row(s + k)));
    }
  });
  const [, protInsertMs] = await timed(async () => {
    for (let s = 0; s < CRUD_ROWS; s += CRUD_BATCH) {
      await db.insert(protectedTable).values(pii.withBlindIndexes(protectedTable, Array.from({ length: CRUD_BATCH }, (_, k) => row(s + k))));
    }
  });
  const selectAll = async (t: typeof plain | typeof protectedTable): Promise<number> => {
    let n = 0;
    for (let s = 1; s <= CRUD_ROWS; s += 5000) n += (await db.select().from(t).where(and(gte(t.id, s), lt(t.id, s + 5000)))).length;
    return n;
  };
  await selectAll(plain); // warm-up: plan caches, JIT
  await selectAll(protectedTable);
  const [plainSelected, plainSelectMs] = await timed(() => selectAll(plain));
  const [protSelected, protSelectMs] = await timed(() => selectAll(protectedTable));
  if (plainSelected !== CRUD_ROWS || protSelected !== CRUD_ROWS) throw new Error('select returned the wrong row count');
  const rate = (rows: number, ms: number): number => Math.round((rows / ms) * 1000);
  out.crud = {
    rows: CRUD_ROWS,
    protectedColumns: 4,
    blindIndexes: 2,
    insert: { plainRowsPerSec: rate(CRUD_ROWS, plainInsertMs), protectedRowsPerSec: rate(CRUD_ROWS, protInsertMs), ratio: protInsertMs / plainInsertMs },
    select: { plainRowsPerSec: rate(CRUD_ROWS, plainSelectMs), protectedRowsPerSec: rate(CRUD_ROWS, protSelectMs), ratio: protSelectMs / plainSelectMs },
  };

  // --- blind-index lookups on LOOKUP_ROWS rows --------------------------------------------
  const idNo = new ProtectedColumn({ cipher, table: 'people', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
  await client.exec('CREATE TABLE people (id integer PRIMARY KEY, id_no text, id_no_bidx text, id_no_plain text)');
  const [, loadMs] = await timed(async () => {
    const B = 20_000;
    for (let s = 0; s < LOOKUP_ROWS; s += B) {
      const ids: number[] = [];
      const envs: string[] = [];
      const idx: string[] = [];
      const plains: string[] = [];
      for (let i = s; i < Math.min(LOOKUP_ROWS, s + B); i++) {
        const v = idNumber(i);
        ids.push(i);
        envs.push(idNo.encrypt(v) as string);
        idx.push(idNo.blindIndex(v) as string);
        plains.push(v);
      }
      await client.query('INSERT INTO people SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[])', [ids, envs, idx, plains]);
    }
    await client.exec('CREATE INDEX people_bidx ON people (id_no_bidx); CREATE INDEX people_plain ON people (id_no_plain); ANALYZE people;');
  });
  // Deterministic spread of probe rows (no Math.random needed for a benchmark either).
  const probes = Array.from({ length: LOOKUPS }, (_, k) => (k * 7919 + 13) % LOOKUP_ROWS);
  for (const i of probes.slice(0, 100)) await pgFindProtectedEquals(client, idNo, idNumber(i), { select: ['id'] }); // warm-up
  const lookupMs: number[] = [];
  for (const i of probes) {
    const t0 = performance.now();
    const rows = await pgFindProtectedEquals(client, idNo, idNumber(i), { select: ['id'] });
    lookupMs.push(performance.now() - t0);
    if (rows.length !== 1 || rows[0].id !== i) throw new Error('lookup returned the wrong row');
  }
  const plainMs: number[] = [];
  for (const i of probes) {
    const t0 = performance.now();
    const r = await client.query('SELECT id, id_no_plain FROM people WHERE id_no_plain = $1', [idNumber(i)]);
    plainMs.push(performance.now() - t0);
    if (r.rows.length !== 1) throw new Error('plain lookup returned the wrong row');
  }
  lookupMs.sort((a, b) => a - b);
  plainMs.sort((a, b) => a - b);
  const stats = (xs: number[]) => ({
    meanMs: xs.reduce((a, b) => a + b, 0) / xs.length,
    p50Ms: percentile(xs, 50),
    p95Ms: percentile(xs, 95),
    p99Ms: percentile(xs, 99),
  });
  out.lookup = { rows: LOOKUP_ROWS, lookups: LOOKUPS, loadSeconds: loadMs / 1000, blindIndex: stats(lookupMs), plaintextBtree: stats(plainMs) };
  await client.exec('DROP TABLE people');

  // --- migration: encrypt in place, then rewrap after a rotation ---------------------------
  const col = new ProtectedColumn({ cipher, table: 'legacy', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
  await client.exec('CREATE TABLE legacy (id integer PRIMARY KEY, id_no text, id_no_bidx text)');
  for (let s = 0; s < MIGRATION_ROWS; s += 20_000) {
    const ids = Array.from({ length: 20_000 }, (_, k) => s + k);
    await client.query('INSERT INTO legacy (id, id_no) SELECT * FROM unnest($1::integer[], $2::text[])', [ids, ids.map(idNumber)]);
  }
  const store = pgColumnStoreFor(client, col);
  const state = pgStateStore(client);
  const [enc, encMs] = await timed(() => encryptColumn({ column: col, store, state, batchSize: 2000 }));
  await keyring.rotate();
  const [rew, rewMs] = await timed(() => rewrapColumn({ column: col, store, state, batchSize: 2000 }));
  if (enc.written !== MIGRATION_ROWS || rew.written !== MIGRATION_ROWS) throw new Error('migration wrote the wrong row count');
  out.migration = {
    rows: MIGRATION_ROWS,
    batchSize: 2000,
    encryptRowsPerSec: rate(MIGRATION_ROWS, encMs),
    rewrapRowsPerSec: rate(MIGRATION_ROWS, rewMs),
  };
  await client.close();
  (out.env as Record<string, unknown>).loadAverageAtEnd = loadavg()[0];

  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/db.json', `${JSON.stringify(out, null, 2)}\n`);
  printTable(out);
}

function printTable(out: Record<string, unknown>): void {
  const crud = out.crud as { insert: Record<string, number>; select: Record<string, number> };
  const lookup = out.lookup as { rows: number; blindIndex: Record<string, number>; plaintextBtree: Record<string, number> };
  const mig = out.migration as Record<string, number>;
  const f = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const ms = (n: number): string => n.toFixed(3);
  const lines = [
    '| Drizzle over PGlite, 50,000 rows | plain | 4 protected columns (2 blind indexes) | protected ÷ plain time |',
    '|---|---:|---:|---:|',
    `| insert (batches of 1,000), rows/s | ${f(crud.insert.plainRowsPerSec)} | ${f(crud.insert.protectedRowsPerSec)} | ${crud.insert.ratio.toFixed(2)}× |`,
    `| select (5,000 per query), rows/s | ${f(crud.select.plainRowsPerSec)} | ${f(crud.select.protectedRowsPerSec)} | ${crud.select.ratio.toFixed(2)}× |`,
    '',
    `| lookup on ${f(lookup.rows)} rows, ms | mean | p50 | p95 | p99 |`,
    '|---|---:|---:|---:|---:|',
    `| blind index (IN over active keys, decrypt, filter) | ${ms(lookup.blindIndex.meanMs)} | ${ms(lookup.blindIndex.p50Ms)} | ${ms(lookup.blindIndex.p95Ms)} | ${ms(lookup.blindIndex.p99Ms)} |`,
    `| plaintext B-tree equality (for scale) | ${ms(lookup.plaintextBtree.meanMs)} | ${ms(lookup.plaintextBtree.p50Ms)} | ${ms(lookup.plaintextBtree.p95Ms)} | ${ms(lookup.plaintextBtree.p99Ms)} |`,
    '',
    `| migration of ${f(mig.rows)} rows (batches of ${f(mig.batchSize)}, checkpointed) | rows/s |`,
    '|---|---:|',
    `| encryptColumn (SM4-GCM + blind index) | ${f(mig.encryptRowsPerSec)} |`,
    `| rewrapColumn after a rotation (+ index recomputed) | ${f(mig.rewrapRowsPerSec)} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
