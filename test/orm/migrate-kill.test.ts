// The hard stop: a child process migrating an on-disk PGlite database is killed with SIGKILL
// (no handler, no cleanup, no final checkpoint), then the migration resumes in this process
// after PostgreSQL's crash recovery.
import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtectedColumn } from '../../src/orm/column.js';
import { encryptColumn, type MigrationCheckpoint } from '../../src/orm/migrate.js';
import { pgColumnStoreFor, pgStateStore } from '../../src/orm/pg.js';
import { newCipher, pgliteOptions } from './helpers.js';
import { createPlainTable, expectFullyEncrypted } from './migrate-fixture.js';

const ROWS = 20_000;
const KILL_AT = ROWS / 2;

describe('encryptColumn killed with SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldshield-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from the last checkpoint with no row lost or encrypted twice', async () => {
    const dataDir = join(dir, 'pgdata');
    const { keyring, cipher } = await newCipher();
    const column = new ProtectedColumn({ cipher, table: 'customer', column: 'id_no', kind: 'cn-id-card', blindIndex: 'id_no_bidx' });
    const setup = await PGlite.create({ dataDir, ...(await pgliteOptions()) });
    const shape = await createPlainTable(setup, 'customer', ROWS, column);
    await setup.close();
    writeFileSync(join(dir, 'keyring.json'), JSON.stringify(keyring.toJSON()));

    const script = fileURLToPath(new URL('./fixtures/migrate-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, join(dir, 'keyring.json')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killedAfter = -1;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const last = [...out.matchAll(/progress (\d+)/g)].at(-1);
      if (last !== undefined && killedAfter < 0 && Number(last[1]) >= KILL_AT) {
        killedAfter = Number(last[1]);
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(err).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(code).toBeNull();
    expect(out).not.toContain('finished');

    const db = await PGlite.create({ dataDir });
    try {
      const state = pgStateStore(db);
      const saved = (await state.load('customer.id_no:encrypt')) as MigrationCheckpoint;
      expect(saved.done).toBe(false);
      expect(saved.counts.scanned).toBeGreaterThanOrEqual(killedAfter);
      expect(saved.counts.scanned).toBeLessThan(ROWS);

      const done = await encryptColumn({ column, store: pgColumnStoreFor(db, column), state, batchSize: 1000 });
      expect(done).toMatchObject({ done: true, scanned: ROWS, nulls: shape.nulls, conflicts: 0, unrecognised: 0 });
      // Rows written after the last checkpoint and before the kill are skipped on the rerun.
      expect(done.written + done.skipped).toBe(ROWS - shape.nulls);
      await expectFullyEncrypted(db, 'customer', column, ROWS);
    } finally {
      await db.close();
    }
  }, 120_000);
});
