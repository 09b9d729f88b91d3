/**
 * PostgreSQL adapters for the migration helper and blind-index lookups, over anything with
 * node-postgres' `query(text, params)` shape: `pg` Client and Pool, and PGlite.
 *
 * All values travel as parameters; identifiers (table and column names, which come from the
 * application's code, not from users) are quoted. Batches go through `unnest` of parameter
 * arrays, so one statement updates a whole batch.
 */
import { InvalidArgumentError } from '../errors.js';
import type { ProtectedColumn, RowKey } from './column.js';
import type { ColumnStore, MigrationCheckpoint, MigrationStateStore, RowUpdate, StoredRow } from './migrate.js';

/** `pg` Client / Pool, PGlite, or anything else with node-postgres' query shape. */
export interface SqlQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface PgColumnStoreOptions {
  /** Table name (unquoted); `schema` qualifies it. */
  readonly table: string;
  readonly schema?: string;
  /** Primary-key column (default `id`); must be unique and ordered. */
  readonly id?: string;
  /** The protected column. */
  readonly column: string;
  /** Its blind-index column, written with every update when given. */
  readonly indexColumn?: string;
}

/** Quotes an SQL identifier (doubling embedded quotes). */
export function quoteIdent(name: string): string {
  if (typeof name !== 'string' || name === '' || name.includes('\0')) {
    throw new InvalidArgumentError('an SQL identifier must be a non-empty string without NUL');
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The migration store for one table column. For a column declared with a blind index, pass
 * {@link pgColumnStoreFor} the declaration instead, so the names cannot drift apart.
 */
export function pgColumnStore(db: SqlQueryable, options: PgColumnStoreOptions): ColumnStore {
  return new PgColumnStore(db, options);
}

/** The migration store for a protected column's own table, column and blind-index column. */
export function pgColumnStoreFor(db: SqlQueryable, column: ProtectedColumn, options: { id?: string; schema?: string } = {}): ColumnStore {
  return new PgColumnStore(db, {
    table: column.table,
    column: column.column,
    ...(column.indexColumn === undefined ? {} : { indexColumn: column.indexColumn }),
    ...options,
  });
}

class PgColumnStore implements ColumnStore {
  private readonly db: SqlQueryable;
  private readonly table: string;
  private readonly id: string;
  private readonly col: string;
  private readonly idx: string | undefined;
  private idType: Promise<string> | undefined;

  constructor(db: SqlQueryable, o: PgColumnStoreOptions) {
    if (db === null || typeof db !== 'object' || typeof db.query !== 'function') {
      throw new InvalidArgumentError('a PostgreSQL client with query(text, params) is required');
    }
    this.db = db;
    this.table = (o.schema === undefined ? '' : `${quoteIdent(o.schema)}.`) + quoteIdent(o.table);
    this.id = quoteIdent(o.id ?? 'id');
    this.col = quoteIdent(o.column);
    this.idx = o.indexColumn === undefined ? undefined : quoteIdent(o.indexColumn);
  }

  async selectBatch(after: RowKey | undefined, limit: number): Promise<StoredRow[]> {
    // Keys come back as text: int8 keys beyond 2^53 would lose digits as JS numbers, and a
    // row-bound context is spelled from the key's text form whatever its SQL type.
    // (ORDER BY names t.id: a bare "id" would sort by the text alias.)
    const cols = `t.${this.id}::text AS id, t.${this.col} AS value`;
    const res =
      after === undefined
        ? await this.db.query(`SELECT ${cols} FROM ${this.table} AS t ORDER BY t.${this.id} LIMIT $1`, [limit])
        : await this.db.query(`SELECT ${cols} FROM ${this.table} AS t WHERE t.${this.id} > $1 ORDER BY t.${this.id} LIMIT $2`, [param(after), limit]);
    return res.rows as StoredRow[];
  }

  async updateRows(updates: readonly RowUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const idType = await this.primaryKeyType();
    const ids = updates.map((u) => param(u.id));
    const expected = updates.map((u) => u.expected);
    const values = updates.map((u) => u.value);
    const withIndex = this.idx !== undefined;
    const sql =
      `UPDATE ${this.table} AS t SET ${this.col} = u.v` +
      (withIndex ? `, ${this.idx} = u.i` : '') +
      ` FROM unnest($1::${idType}[], $2::text[], $3::text[]` +
      (withIndex ? ', $4::text[]) AS u(id, old, v, i)' : ') AS u(id, old, v)') +
      // `t.id = ANY($1)` lets the planner fetch the batch's rows by primary key; joined on
      // unnest alone it hashes the whole table for every batch (quadratic over a migration).
      ` WHERE t.${this.id} = ANY($1::${idType}[]) AND t.${this.id} = u.id AND t.${this.col} = u.old RETURNING t.${this.id}`;
    const params: unknown[] = [ids, expected, values];
    if (withIndex) params.push(updates.map((u) => u.index ?? null));
    const res = await this.db.query(sql, params);
    return res.rows.length;
  }

  /** The primary key's SQL type from the catalog, for typing the `unnest` arrays. */
  private primaryKeyType(): Promise<string> {
    this.idType ??= (async () => {
      const res = await this.db.query(
        'SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = $2 AND NOT a.attisdropped',
        [this.table, unquote(this.id)],
      );
      const type = (res.rows[0] as { type?: string } | undefined)?.type;
      // The type name comes from the catalog; the check keeps anything odd out of the SQL text.
      if (typeof type !== 'string' || !/^[a-z][a-z0-9 _(),]*$/i.test(type)) {
        throw new InvalidArgumentError('could not read the primary key column type');
      }
      return type;
    })();
    return this.idType;
  }
}

/**
 * Checkpoints in a table (created if missing): `name text primary key, checkpoint jsonb`.
 * Keep it in the same database as the data, so a restore brings back matching progress.
 */
export function pgStateStore(db: SqlQueryable, options: { table?: string; schema?: string } = {}): MigrationStateStore {
  const table = (options.schema === undefined ? '' : `${quoteIdent(options.schema)}.`) + quoteIdent(options.table ?? 'fieldshield_migrations');
  let ready: Promise<unknown> | undefined;
  const ensure = (): Promise<unknown> =>
    (ready ??= db
      .query(`CREATE TABLE IF NOT EXISTS ${table} (name text PRIMARY KEY, checkpoint jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`)
      .catch((e: unknown) => {
        ready = undefined; // a failed attempt (connection lost) is retried by the next call
        throw e;
      }));
  return {
    async load(name: string): Promise<MigrationCheckpoint | undefined> {
      await ensure();
      const res = await db.query(`SELECT checkpoint FROM ${table} WHERE name = $1`, [name]);
      const row = res.rows[0] as { checkpoint: MigrationCheckpoint | string } | undefined;
      if (row === undefined) return undefined;
      // node-postgres and PGlite parse jsonb; other drivers may hand back its text.
      return typeof row.checkpoint === 'string' ? (JSON.parse(row.checkpoint) as MigrationCheckpoint) : row.checkpoint;
    },
    async save(name: string, checkpoint: MigrationCheckpoint): Promise<void> {
      await ensure();
      await db.query(
        `INSERT INTO ${table} (name, checkpoint) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [name, JSON.stringify(checkpoint)],
      );
    },
  };
}

export interface PgLookupOptions {
  /** Columns to return (default `*`); the protected column is returned decrypted. */
  readonly select?: readonly string[];
  readonly schema?: string;
  /** Primary-key column, needed for row-bound columns (default `id`). */
  readonly id?: string;
}

/**
 * Rows whose protected column equals `value`: `WHERE index = ANY(blind indexes under every
 * active key)`, then decrypt and drop index collisions. The protected column comes back as
 * plaintext under its SQL name.
 */
export async function pgFindProtectedEquals(
  db: SqlQueryable,
  column: ProtectedColumn,
  value: string,
  options: PgLookupOptions = {},
): Promise<Record<string, unknown>[]> {
  const table = (options.schema === undefined ? '' : `${quoteIdent(options.schema)}.`) + quoteIdent(column.table);
  const idCol = options.id ?? 'id';
  const cols = options.select === undefined ? '*' : [...new Set([...options.select, column.column, ...(column.rowBound ? [idCol] : [])])].map(quoteIdent).join(', ');
  const res = await db.query(`SELECT ${cols} FROM ${table} WHERE ${quoteIdent(column.requireIndexColumn())} = ANY($1::text[])`, [
    column.blindIndexes(value),
  ]);
  const out: Record<string, unknown>[] = [];
  for (const row of res.rows as Record<string, unknown>[]) {
    const rowKey = column.rowBound ? (row[idCol] as RowKey) : undefined;
    const plain = column.decrypt(row[column.column] as string | null, rowKey);
    if (column.matches(plain, value)) out.push({ ...row, [column.column]: plain });
  }
  return out;
}

/** Query parameters: bigints as decimal text (not every driver serializes BigInt). */
function param(key: RowKey): string | number {
  return typeof key === 'bigint' ? key.toString() : key;
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/""/g, '"');
}
