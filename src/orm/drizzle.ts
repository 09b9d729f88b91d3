/**
 * Drizzle ORM integration (entry `fieldshield/drizzle`): protected columns as a `customType`.
 *
 *   const pii = drizzleProtection({ cipher, table: 'customer' });
 *   export const customer = pgTable('customer', {
 *     id: serial('id').primaryKey(),
 *     idNo: pii.column('id_no', { kind: 'cn-id-card', blindIndex: 'id_no_bidx' }),
 *     idNoBidx: text('id_no_bidx'),
 *   });
 *   await db.insert(customer).values(pii.withBlindIndexes(customer, { idNo: '11010519491231002X' }));
 *   const rows = await pii.findProtectedEquals(db, customer, 'idNo', '11010519491231002x');
 *
 * A Drizzle custom type maps one value at a time and never sees the table or the row, so the
 * table name is given once to `drizzleProtection` (the context is `table.column`) and blind
 * indexes are filled by `withBlindIndexes` on the write path. Every helper that takes a table
 * checks its name against the declared one, so a column cannot be used under a context it was
 * not declared with.
 */
import { and, getTableColumns, getTableName, inArray, type SQL } from 'drizzle-orm';
import { customType, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { FieldValue } from '../envelope/value-codec.js';
import { InvalidArgumentError } from '../errors.js';
import { ProtectedColumn, type BlindIndexDeclaration, type CipherSource, type StoredValueType } from './column.js';

export interface DrizzleProtectionOptions {
  /** The FieldCipher, or a function returning it (when the schema module loads before the keyring). */
  readonly cipher: CipherSource;
  /** The table's SQL name, exactly as given to `pgTable`. */
  readonly table: string;
}

export interface DrizzleColumnOptions {
  /** Kind id whose `normalize` canonicalizes values for the blind index and lookups. */
  readonly kind?: string;
  /** Overrides the context (default `table.column`). */
  readonly context?: string;
  /** SM4-SIV: equal values → equal envelopes, so `eq(col, value)` works. Leaks equality. */
  readonly deterministic?: boolean;
  /** Blind-index column (SQL name) filled by `withBlindIndexes`; or `{ column, bits }`. */
  readonly blindIndex?: string | BlindIndexDeclaration;
  /** Migration only: read values that are not envelopes yet as they are. */
  readonly readPlaintext?: boolean;
  /** What the values are (default `string`): how plaintext not yet encrypted is read (see ProtectedColumnOptions). */
  readonly valueType?: StoredValueType;
}

/** Minimal shape of a Drizzle database used by {@link DrizzleProtection.findProtectedEquals}. */
export interface DrizzleSelectable {
  select(): { from(table: never): { where(condition: SQL | undefined): PromiseLike<unknown[]> } };
}

/** Creates the protected-column factory and helpers for one table. */
export function drizzleProtection(options: DrizzleProtectionOptions): DrizzleProtection {
  return new DrizzleProtection(options);
}

export class DrizzleProtection {
  readonly table: string;
  private readonly cipher: CipherSource;
  /** Protected columns by SQL column name. */
  private readonly byName = new Map<string, ProtectedColumn>();
  /** Our toDriver functions: identify a built column as one of ours (not a same-named plain column). */
  private readonly byMapper = new WeakMap<object, ProtectedColumn>();
  private readonly plans = new WeakMap<PgTable, IndexPlanEntry[]>();

  constructor(options: DrizzleProtectionOptions) {
    if (typeof options?.table !== 'string' || options.table === '') {
      throw new InvalidArgumentError('drizzleProtection needs the table name');
    }
    this.table = options.table;
    this.cipher = options.cipher;
  }

  /**
   * A protected column (SQL type `text`, holding text envelopes). The TypeScript type of the
   * value is `T` (string by default; numbers, bigints, dates, booleans, bytes and JSON also
   * round-trip with their type).
   */
  column<T extends FieldValue = string>(name: string, options: DrizzleColumnOptions = {}) {
    if (this.byName.has(name)) throw new InvalidArgumentError(`column ${this.table}.${name} is declared twice`);
    const spec = new ProtectedColumn({ ...options, cipher: this.cipher, table: this.table, column: name });
    const toDriver = (value: T): string => spec.encrypt(value) as string;
    this.byName.set(name, spec);
    this.byMapper.set(toDriver, spec);
    // NoInfer: without it TypeScript infers T from pgTable's contextual type (FieldValue)
    // instead of taking the default, and every column would be typed FieldValue.
    return customType<{ data: NoInfer<T>; driverData: string }>({
      dataType: () => 'text',
      toDriver,
      fromDriver: (stored: string): T => spec.decrypt<T>(stored) as T,
    })(name);
  }

  /** The compiled declaration of a protected column (by SQL name), e.g. for the migration helper. */
  spec(column: string | PgColumn): ProtectedColumn {
    if (typeof column !== 'string') return this.specOf(column);
    const s = this.byName.get(column);
    if (s === undefined) throw new InvalidArgumentError(`${this.table}.${column} is not a protected column`);
    return s;
  }

  /**
   * A copy of `row` (or of each row) with the blind index of every protected value it sets.
   * Call it on every insert and on updates that set a protected column:
   * `db.insert(t).values(pii.withBlindIndexes(t, rows))`, `db.update(t).set(pii.withBlindIndexes(t, patch))`.
   */
  withBlindIndexes<R extends Record<string, unknown>>(table: PgTable, row: R): R;
  withBlindIndexes<R extends Record<string, unknown>>(table: PgTable, rows: readonly R[]): R[];
  withBlindIndexes<R extends Record<string, unknown>>(table: PgTable, rows: R | readonly R[]): R | R[] {
    const plan = this.indexPlan(table);
    const fill = (row: R): R => {
      const out: Record<string, unknown> = { ...row };
      for (const { key, indexKey, spec } of plan) {
        if (!(key in row)) continue;
        const v = row[key];
        out[indexKey] = v === undefined ? undefined : spec.blindIndex(v as FieldValue | null);
      }
      return out as R;
    };
    return Array.isArray(rows) ? rows.map(fill) : fill(rows as R);
  }

  /**
   * `WHERE index IN (...)`: the blind indexes of `value` under every active key. Candidates
   * may include index collisions; filter them with {@link filterProtectedEquals} (or use
   * {@link findProtectedEquals}, which does both).
   */
  whereProtectedEquals(column: PgColumn, value: string): SQL {
    const spec = this.specOf(column);
    const indexColumn = spec.requireIndexColumn();
    const cols = getTableColumns(column.table) as Record<string, PgColumn>;
    const idx = Object.values(cols).find((c) => c.name === indexColumn);
    if (idx === undefined) throw new InvalidArgumentError(`${this.table} has no column ${indexColumn} for the blind index`);
    return inArray(idx, spec.blindIndexes(value));
  }

  /** Keeps the rows whose decrypted `column` equals `value` (after the kind's normalization). */
  filterProtectedEquals<R extends Record<string, unknown>>(rows: readonly R[], column: PgColumn, value: string): R[] {
    const spec = this.specOf(column);
    const key = keyOf(column);
    return rows.filter((r) => spec.matches(r[key], value));
  }

  /** Select by a protected column's value through its blind index, false positives removed. */
  async findProtectedEquals<T extends PgTable, K extends keyof T['$inferSelect'] & string>(
    db: DrizzleSelectable,
    table: T,
    key: K,
    value: string,
    where?: SQL,
  ): Promise<T['$inferSelect'][]> {
    const column = (getTableColumns(table) as Record<string, PgColumn>)[key];
    if (column === undefined) throw new InvalidArgumentError(`${this.table} has no column ${key}`);
    const condition = this.whereProtectedEquals(column, value);
    const rows = (await db.select().from(table as never).where(where === undefined ? condition : and(condition, where))) as T['$inferSelect'][];
    return this.filterProtectedEquals(rows as Record<string, unknown>[], column, value) as T['$inferSelect'][];
  }

  private specOf(column: PgColumn): ProtectedColumn {
    this.checkTable(column.table);
    // A built custom column keeps the type's toDriver as `mapTo`: matching it by identity tells
    // our column from a plain `text('id_no')` of the same name, which would store plaintext.
    const mapper = (column as unknown as { mapTo?: unknown }).mapTo;
    const spec = typeof mapper === 'function' ? this.byMapper.get(mapper) : undefined;
    if (spec === undefined) {
      throw new InvalidArgumentError(`${this.table}.${column.name} is not declared with this protection's column()`);
    }
    return spec;
  }

  private checkTable(table: PgTable): void {
    const name = getTableName(table);
    if (name !== this.table) {
      throw new InvalidArgumentError(`table ${name} is not ${this.table}, the table these protected columns were declared for`);
    }
  }

  /** For each protected column with a blind index: its property key and its index column's key. */
  private indexPlan(table: PgTable): IndexPlanEntry[] {
    const cached = this.plans.get(table);
    if (cached !== undefined) return cached;
    this.checkTable(table);
    const cols = getTableColumns(table) as Record<string, PgColumn>;
    const keyBySqlName = new Map<string, string>();
    for (const [k, c] of Object.entries(cols)) keyBySqlName.set(c.name, k);
    const plan: IndexPlanEntry[] = [];
    for (const [key, c] of Object.entries(cols)) {
      const spec = this.byName.get(c.name);
      if (spec === undefined || spec.indexColumn === undefined) continue;
      const indexKey = keyBySqlName.get(spec.indexColumn);
      if (indexKey === undefined) throw new InvalidArgumentError(`${this.table} has no column ${spec.indexColumn} for the blind index`);
      plan.push({ key, indexKey, spec: this.specOf(c) });
    }
    this.plans.set(table, plan);
    return plan;
  }
}

interface IndexPlanEntry {
  readonly key: string;
  readonly indexKey: string;
  readonly spec: ProtectedColumn;
}

/** The property key under which a column appears in selected rows. */
function keyOf(column: PgColumn): string {
  for (const [k, c] of Object.entries(getTableColumns(column.table) as Record<string, PgColumn>)) if (c === column) return k;
  throw new InvalidArgumentError(`column ${column.name} is not in its table`);
}
