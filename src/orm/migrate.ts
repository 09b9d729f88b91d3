/**
 * Batch migrations of a protected column, independent of the database through a two-method
 * store (`selectBatch` after a cursor, `updateRows`): encrypt an existing plaintext column,
 * rewrap after a key rotation, and count rows per key ID.
 *
 * Why it is safe to kill at any point and run again:
 * - Rows are visited in primary-key order from a cursor; the cursor and the counts are saved
 *   after every batch (checkpoint), so a rerun continues after the last saved batch.
 * - A batch written but not checkpointed (killed in between) is read again, and its values
 *   are then envelopes: `encryptColumn` recognises envelopes (`isEnvelope` plus a strict parse)
 *   and skips them, `rewrapColumn` skips envelopes already under the primary key. Nothing is
 *   encrypted twice and nothing is lost.
 * - Each update carries the value it replaces and is written only if the row still holds it
 *   (compare-and-set), so a row the application changed while the batch was in flight is not
 *   overwritten with a stale value; it is counted as a conflict and left to the application.
 */
import { parseEnvelope, isEnvelope } from '../envelope/format.js';
import { FieldShieldError, InvalidArgumentError } from '../errors.js';
import type { FieldValue } from '../envelope/value-codec.js';
import type { ProtectedColumn, RowKey } from './column.js';

/** One row as the store returns it: primary key and the column's stored text. */
export interface StoredRow {
  readonly id: RowKey;
  readonly value: string | null;
}

/** A compare-and-set write: set `value` (and `index`) where the column still equals `expected`. */
export interface RowUpdate {
  readonly id: RowKey;
  readonly expected: string;
  readonly value: string;
  /** The new blind index, when the column has one. */
  readonly index?: string | null;
}

/** What a migration needs from a database, for one table column. */
export interface ColumnStore {
  /** Up to `limit` rows with primary key greater than `after` (all rows when undefined), ascending. */
  selectBatch(after: RowKey | undefined, limit: number): Promise<StoredRow[]>;
  /** Applies the updates (compare-and-set); returns how many rows were written. */
  updateRows(updates: readonly RowUpdate[]): Promise<number>;
}

/** A saved position: the serialized cursor and the counts so far. */
export interface MigrationCheckpoint {
  readonly cursor: SerializedKey | null;
  readonly done: boolean;
  readonly counts: MigrationCounts;
}

/** A primary-key value in a form JSON keeps exactly (bigint and number differ). */
export interface SerializedKey {
  readonly type: 'number' | 'bigint' | 'string';
  readonly value: string;
}

/** Where checkpoints live (a database table, a file, memory). */
export interface MigrationStateStore {
  load(name: string): Promise<MigrationCheckpoint | undefined>;
  save(name: string, checkpoint: MigrationCheckpoint): Promise<void>;
}

export interface MigrationCounts {
  /** Rows visited. */
  scanned: number;
  /** Rows this migration wrote (encrypted, or rewrapped). */
  written: number;
  /** Rows left as they were: already envelopes (encrypt) or already under the primary key (rewrap). */
  skipped: number;
  /** NULL values (left NULL). */
  nulls: number;
  /** Rows the application changed while their batch was in flight (not written). */
  conflicts: number;
  /** Values that start like an envelope but do not parse (encrypt), or plaintext left (rewrap). */
  unrecognised: number;
  /**
   * Rows left as they were because their value could not be processed: envelopes that would not
   * open (rewrap: tampered with, copied from another column or row, under a destroyed or unknown
   * key), or plaintext that is not a value of the column's `valueType` (encrypt). See `onRowError`.
   */
  failed: number;
  /** Batches completed. */
  batches: number;
}

/** A row a migration left as it was: an envelope that would not open, or text not of the column's valueType. */
export interface MigrationRowError {
  readonly id: RowKey;
  /** The error code: `INTEGRITY`, `KEY_DESTROYED`, `UNKNOWN_KEY`, `ENVELOPE_FORMAT`, `INVALID_ARGUMENT`. */
  readonly reason: string;
}

export interface MigrationProgress extends MigrationCounts {
  readonly name: string;
  /** Primary key of the last row visited. */
  readonly cursor: RowKey | undefined;
  readonly done: boolean;
}

export interface MigrationOptions {
  /** The column's declaration: context, row binding, blind index, kind. */
  readonly column: ProtectedColumn;
  readonly store: ColumnStore;
  /** Rows per batch (default 1000). */
  readonly batchSize?: number;
  /** Checkpoints; without one the migration cannot resume after a stop. */
  readonly state?: MigrationStateStore;
  /** Checkpoint name; defaults to `<context>:encrypt` or `<context>:rewrap:<primary key ID>`. */
  readonly name?: string;
  /** Ignore a saved checkpoint and start from the first row. */
  readonly restart?: boolean;
  /**
   * Called for each row counted in `failed`: the row's primary key and the reason code
   * (`INTEGRITY`, `KEY_DESTROYED`, `UNKNOWN_KEY` for rewrap; `INVALID_ARGUMENT` for encrypt),
   * never a value. The row is left as it is and the migration goes on, so one bad row does not
   * hold up a rotation or a conversion; a throw from here stops it instead (resumable).
   */
  readonly onRowError?: (error: MigrationRowError) => void;
  /** Called after each checkpointed batch; a throw stops the migration (resumable). */
  readonly onProgress?: (progress: MigrationProgress) => void | Promise<void>;
  /** Stops before the next batch (resumable). */
  readonly signal?: AbortSignal;
}

/**
 * Encrypts every plaintext value of a column in place (and writes its blind index).
 * Envelopes are skipped, so the run is idempotent and safe to resume.
 */
export function encryptColumn(options: MigrationOptions): Promise<MigrationProgress> {
  const column = options.column;
  return run(options, options.name ?? `${column.context}:encrypt`, (row, counts) => {
    const v = row.value as string;
    if (isEnvelope(v)) {
      if (parses(v)) counts.skipped++;
      else counts.unrecognised++;
      return undefined;
    }
    let plain: FieldValue;
    try {
      plain = column.fromStoredText(v);
    } catch (e) {
      // Text that is not a value of the column's type: left as it is, counted and reported.
      if (!(e instanceof InvalidArgumentError)) throw e;
      counts.failed++;
      options.onRowError?.({ id: row.id, reason: e.code });
      return undefined;
    }
    const value = column.encrypt(plain, column.rowBound ? row.id : undefined) as string;
    return column.indexColumn === undefined ? { id: row.id, expected: v, value } : { id: row.id, expected: v, value, index: column.blindIndex(v) };
  });
}

/**
 * Moves every envelope not under the primary key to it (same algorithm and form) and
 * recomputes its blind index under the primary key, so the old key can then be retired.
 * Plaintext values are left and counted as `unrecognised`.
 */
export function rewrapColumn(options: MigrationOptions): Promise<MigrationProgress> {
  const column = options.column;
  const cipher = column.cipher;
  return run(options, options.name ?? `${column.context}:rewrap:${primaryKeyId(column)}`, (row, counts) => {
    const env = row.value as string;
    if (!isEnvelope(env) || !parses(env)) {
      counts.unrecognised++;
      return undefined;
    }
    if (!cipher.needsRewrap(env)) {
      counts.skipped++;
      return undefined;
    }
    const rowKey = column.rowBound ? row.id : undefined;
    let value: string;
    let plain: string | undefined;
    try {
      value = cipher.rewrap(env, { context: column.contextFor(rowKey) });
      if (column.indexColumn !== undefined) plain = column.decrypt<string>(env, rowKey) as string;
    } catch (e) {
      // A problem of this row's envelope: left, counted and reported. Anything else (no primary
      // key, its usage limit) would fail every row and stops the run.
      if (!(e instanceof FieldShieldError) || !ROW_ERRORS.has(e.code)) throw e;
      counts.failed++;
      options.onRowError?.({ id: row.id, reason: e.code });
      return undefined;
    }
    if (plain === undefined) return { id: row.id, expected: env, value };
    return { id: row.id, expected: env, value, index: column.blindIndex(plain) };
  });
}

/** Errors that belong to one row's envelope, not to the run. */
const ROW_ERRORS: ReadonlySet<string> = new Set(['INTEGRITY', 'KEY_DESTROYED', 'UNKNOWN_KEY', 'ENVELOPE_FORMAT']);

export interface KeyIdCounts {
  /** Rows per key ID (lower-case hex), in first-seen order. */
  readonly keys: Record<string, number>;
  readonly rows: number;
  readonly nulls: number;
  /** Values that are not envelopes (plaintext, or malformed). */
  readonly unrecognised: number;
}

/**
 * Counts a column's rows per key ID (read from the envelope headers, nothing decrypted):
 * the number to check before retiring or destroying a key.
 */
export async function countByKeyId(store: Pick<ColumnStore, 'selectBatch'>, options: { batchSize?: number } = {}): Promise<KeyIdCounts> {
  const batchSize = checkBatchSize(options.batchSize);
  const keys: Record<string, number> = {};
  let rows = 0;
  let nulls = 0;
  let unrecognised = 0;
  let cursor: RowKey | undefined;
  for (;;) {
    const batch = await store.selectBatch(cursor, batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      rows++;
      if (r.value === null || r.value === undefined) {
        nulls++;
        continue;
      }
      const keyId = isEnvelope(r.value) ? keyIdOf(r.value) : undefined;
      if (keyId === undefined) unrecognised++;
      else keys[keyId] = (keys[keyId] ?? 0) + 1;
    }
    cursor = batch[batch.length - 1].id;
  }
  return { keys, rows, nulls, unrecognised };
}

/** Checkpoints held in memory (one process; for tests and scripts that need no resume). */
export function memoryStateStore(): MigrationStateStore {
  const saved = new Map<string, string>();
  return {
    load: async (name) => {
      const s = saved.get(name);
      return s === undefined ? undefined : (JSON.parse(s) as MigrationCheckpoint);
    },
    save: async (name, checkpoint) => {
      saved.set(name, JSON.stringify(checkpoint));
    },
  };
}

export function serializeKey(key: RowKey): SerializedKey {
  if (typeof key === 'bigint') return { type: 'bigint', value: key.toString() };
  if (typeof key === 'number') return { type: 'number', value: String(key) };
  if (typeof key === 'string') return { type: 'string', value: key };
  throw new InvalidArgumentError('a primary key must be a string, number or bigint');
}

export function deserializeKey(key: SerializedKey): RowKey {
  if (key.type === 'bigint') return BigInt(key.value);
  if (key.type === 'number') return Number(key.value);
  return key.value;
}

// --- internals ------------------------------------------------------------------------------

type RowPlan = (row: StoredRow, counts: MigrationCounts) => RowUpdate | undefined;

async function run(options: MigrationOptions, name: string, plan: RowPlan): Promise<MigrationProgress> {
  const { store, state, signal, onProgress } = options;
  if (store === null || typeof store !== 'object' || typeof store.selectBatch !== 'function' || typeof store.updateRows !== 'function') {
    throw new InvalidArgumentError('a migration needs a store with selectBatch and updateRows');
  }
  const batchSize = checkBatchSize(options.batchSize);
  const saved = options.restart === true ? undefined : await state?.load(name);
  // Checkpoints saved before a count existed read it as 0.
  const counts: MigrationCounts = saved ? { ...emptyCounts(), ...saved.counts } : emptyCounts();
  let cursor = saved?.cursor ? deserializeKey(saved.cursor) : undefined;
  const progress = (done: boolean): MigrationProgress => ({ name, cursor, done, ...counts });
  if (saved?.done === true) return progress(true);
  for (;;) {
    signal?.throwIfAborted();
    const rows = await store.selectBatch(cursor, batchSize);
    if (rows.length === 0) break;
    const updates: RowUpdate[] = [];
    for (const row of rows) {
      counts.scanned++;
      if (row.value === null || row.value === undefined) {
        counts.nulls++;
        continue;
      }
      const u = plan(row, counts);
      if (u !== undefined) updates.push(u);
    }
    if (updates.length > 0) {
      const written = await store.updateRows(updates);
      counts.written += written;
      counts.conflicts += updates.length - written;
    }
    counts.batches++;
    cursor = rows[rows.length - 1].id;
    await state?.save(name, { cursor: serializeKey(cursor), done: false, counts: { ...counts } });
    await onProgress?.(progress(false));
  }
  await state?.save(name, { cursor: cursor === undefined ? null : serializeKey(cursor), done: true, counts: { ...counts } });
  const final = progress(true);
  await onProgress?.(final);
  return final;
}

function emptyCounts(): MigrationCounts {
  return { scanned: 0, written: 0, skipped: 0, nulls: 0, conflicts: 0, unrecognised: 0, failed: 0, batches: 0 };
}

function checkBatchSize(n: number | undefined): number {
  const size = n ?? 1000;
  if (!Number.isInteger(size) || size < 1 || size > 100_000) throw new InvalidArgumentError('batchSize must be an integer from 1 to 100000');
  return size;
}

function parses(v: string): boolean {
  return keyIdOf(v) !== undefined;
}

function keyIdOf(v: string): string | undefined {
  try {
    return parseEnvelope(v).keyId;
  } catch {
    return undefined;
  }
}

/**
 * The primary key's ID, for naming a rewrap checkpoint per rotation. FieldCipher does not
 * expose its keyring, but a deterministic envelope names the primary key in its header, and
 * SIV uses no nonce, so this costs nothing against the key's usage limit.
 */
function primaryKeyId(column: ProtectedColumn): string {
  return parseEnvelope(column.cipher.encryptDeterministic('', { context: 'fieldshield/primary-key-probe' })).keyId;
}
