/**
 * TypeORM integration (entry `fieldshield/typeorm`): a column `ValueTransformer` that writes
 * envelopes and reads plaintext, a subscriber that fills blind-index columns, and lookups.
 *
 *   const idNo = protectedColumn({ cipher, kind: 'cn-id-card', blindIndex: 'idNoBidx' });
 *   // entity:  idNo: { type: 'text', name: 'id_no', transformer: idNo }, idNoBidx: { type: 'text', nullable: true }
 *   await dataSource.initialize();
 *   installFieldShield(dataSource);          // binds contexts to table.column, fills blind indexes
 *   const found = await findProtectedEquals(repo, 'idNo', '11010519491231002x');
 *
 * A transformer sees one value at a time, without the entity or the table, so the context
 * (`table.column`) is bound from the DataSource's metadata by `installFieldShield`; until then
 * the transformer refuses to run, rather than encrypt under a guessed context. The blind index
 * is written by an entity subscriber (before insert and update), which sees the whole entity.
 */
import {
  In,
  type DataSource,
  type EntityMetadata,
  type EntitySubscriberInterface,
  type FindOptionsWhere,
  type InsertEvent,
  type ObjectLiteral,
  type Repository,
  type UpdateEvent,
  type ValueTransformer,
} from 'typeorm';
import type { FieldValue } from '../envelope/value-codec.js';
import { InvalidArgumentError } from '../errors.js';
import { ProtectedColumn, type CipherSource, type StoredValueType } from './column.js';

export interface TypeormBlindIndex {
  /** Entity property of the blind-index column. */
  readonly property: string;
  /** Index width in bits, 8..256 (default 32). */
  readonly bits?: number;
}

export interface TypeormProtectedColumnOptions {
  /** The FieldCipher, or a function returning it (decorators run before the keyring loads). */
  readonly cipher: CipherSource;
  /** Kind id whose `normalize` canonicalizes values for the blind index and lookups. */
  readonly kind?: string;
  /** Overrides the context (default `table.column`, bound by {@link installFieldShield}). */
  readonly context?: string;
  /** SM4-SIV: equal values → equal envelopes, so `where: { col: value }` works. Leaks equality. */
  readonly deterministic?: boolean;
  /** Entity property of the blind-index column (a string), or `{ property, bits }`. */
  readonly blindIndex?: string | TypeormBlindIndex;
  /** Migration only: read values that are not envelopes yet as they are. */
  readonly readPlaintext?: boolean;
  /** What the values are (default `string`): how plaintext not yet encrypted is read (see ProtectedColumnOptions). */
  readonly valueType?: StoredValueType;
}

/** The transformer of one protected column; bind it to exactly one column. */
export class ProtectedColumnTransformer implements ValueTransformer {
  readonly options: TypeormProtectedColumnOptions;
  private bound: ProtectedColumn | undefined;
  private indexProperty: string | undefined;

  constructor(options: TypeormProtectedColumnOptions) {
    const c = options?.cipher as unknown;
    if (typeof c !== 'function' && (c === null || typeof c !== 'object' || typeof (c as { encrypt?: unknown }).encrypt !== 'function')) {
      throw new InvalidArgumentError('protectedColumn needs a FieldCipher, or a function that returns one (cipher)');
    }
    this.options = options;
  }

  /** Entity value → database value (an envelope; null and undefined stay as they are). */
  to(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    return this.column().encrypt(checkValue(value));
  }

  /** Database value → entity value. */
  from(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string') throw new InvalidArgumentError('a protected column must be a text column', { path: this.bound?.context });
    return this.column().decrypt(value);
  }

  /** The compiled column declaration (after {@link installFieldShield}). */
  column(): ProtectedColumn {
    if (this.bound === undefined) {
      throw new InvalidArgumentError('protected column is not bound: call installFieldShield(dataSource) after initialize()');
    }
    return this.bound;
  }

  /** Entity property of the blind-index column, if any. */
  get blindIndexProperty(): string | undefined {
    return this.indexProperty;
  }

  /** @internal Binds to a table column; a transformer serves one column only. */
  bind(table: string, column: string, indexColumn: string | undefined, indexProperty: string | undefined): void {
    if (this.bound !== undefined) {
      if (this.bound.table === table && this.bound.column === column) return;
      throw new InvalidArgumentError(`one protectedColumn() transformer is used by two columns (${this.bound.context} and ${table}.${column})`);
    }
    const bi = this.options.blindIndex;
    const bits = typeof bi === 'object' ? bi.bits : undefined;
    this.bound = new ProtectedColumn({
      cipher: this.options.cipher,
      table,
      column,
      ...(this.options.kind === undefined ? {} : { kind: this.options.kind }),
      ...(this.options.context === undefined ? {} : { context: this.options.context }),
      deterministic: this.options.deterministic === true,
      readPlaintext: this.options.readPlaintext === true,
      ...(this.options.valueType === undefined ? {} : { valueType: this.options.valueType }),
      ...(indexColumn === undefined ? {} : { blindIndex: bits === undefined ? indexColumn : { column: indexColumn, bits } }),
    });
    this.indexProperty = indexProperty;
  }
}

/** A transformer for one protected column: `{ type: 'text', transformer: protectedColumn({...}) }`. */
export function protectedColumn(options: TypeormProtectedColumnOptions): ProtectedColumnTransformer {
  return new ProtectedColumnTransformer(options);
}

/**
 * Binds every protected column of an initialized DataSource to `table.column` and registers
 * the subscriber that writes blind indexes. Call once, right after `initialize()`.
 * Returns the number of protected columns found.
 */
export function installFieldShield(dataSource: DataSource): number {
  if (!dataSource?.isInitialized) throw new InvalidArgumentError('installFieldShield needs an initialized DataSource');
  let count = 0;
  for (const metadata of dataSource.entityMetadatas) {
    for (const col of metadata.columns) {
      const t = transformerOf(col.transformer);
      if (t === undefined) continue;
      const bi = t.options.blindIndex;
      const indexProperty = typeof bi === 'string' ? bi : bi?.property;
      let indexColumn: string | undefined;
      if (indexProperty !== undefined) {
        const ic = metadata.columns.find((c) => c.propertyPath === indexProperty);
        if (ic === undefined) {
          throw new InvalidArgumentError(`${metadata.tableName} has no property ${indexProperty} for the blind index of ${col.propertyPath}`);
        }
        indexColumn = ic.databaseName;
      }
      t.bind(metadata.tableName, col.databaseName, indexColumn, indexProperty);
      count++;
    }
  }
  if (!dataSource.subscribers.some((s) => s instanceof BlindIndexSubscriber)) {
    dataSource.subscribers.push(new BlindIndexSubscriber());
  }
  return count;
}

/** Fills the blind-index property of every protected value an insert or update writes. */
export class BlindIndexSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    fillBlindIndexes(event.metadata, event.entity);
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    if (event.entity !== undefined) fillBlindIndexes(event.metadata, event.entity);
  }
}

function fillBlindIndexes(metadata: EntityMetadata, entity: ObjectLiteral | undefined): void {
  if (entity === undefined || entity === null) return;
  for (const col of metadata.columns) {
    const t = transformerOf(col.transformer);
    const indexProperty = t?.blindIndexProperty;
    if (t === undefined || indexProperty === undefined) continue;
    const value = col.getEntityValue(entity) as FieldValue | null | undefined;
    if (value === undefined) continue;
    const indexCol = metadata.columns.find((c) => c.propertyPath === indexProperty);
    indexCol?.setEntityValue(entity, t.column().blindIndex(value));
  }
}

/**
 * `where` for a lookup by a protected property's value: its blind-index property `IN` the
 * indexes under every active key. Rows may include index collisions: filter them after
 * loading (or use {@link findProtectedEquals}).
 */
export function whereProtectedEquals<E extends ObjectLiteral>(repository: Repository<E>, property: keyof E & string, value: string): FindOptionsWhere<E> {
  const t = protectedTransformer(repository, property);
  const indexProperty = t.blindIndexProperty;
  if (indexProperty === undefined) {
    throw new InvalidArgumentError(`${t.column().context} has no blind index: declare blindIndex to look it up`);
  }
  return { [indexProperty]: In(t.column().blindIndexes(value)) } as FindOptionsWhere<E>;
}

/** Loads the entities whose protected `property` equals `value`, false positives removed. */
export async function findProtectedEquals<E extends ObjectLiteral>(
  repository: Repository<E>,
  property: keyof E & string,
  value: string,
  where: FindOptionsWhere<E> = {},
): Promise<E[]> {
  const t = protectedTransformer(repository, property);
  const rows = await repository.find({ where: { ...where, ...whereProtectedEquals(repository, property, value) } });
  return rows.filter((r) => t.column().matches(r[property], value));
}

function protectedTransformer(repository: Repository<ObjectLiteral>, property: string): ProtectedColumnTransformer {
  const col = repository.metadata.columns.find((c) => c.propertyPath === property);
  const t = transformerOf(col?.transformer);
  if (t === undefined) throw new InvalidArgumentError(`${repository.metadata.tableName}.${property} is not a protected column`);
  return t;
}

function transformerOf(t: ValueTransformer | ValueTransformer[] | undefined): ProtectedColumnTransformer | undefined {
  if (t instanceof ProtectedColumnTransformer) return t;
  if (Array.isArray(t)) {
    const ours = t.filter((x) => x instanceof ProtectedColumnTransformer);
    if (ours.length > 1) throw new InvalidArgumentError('a column has more than one protectedColumn() transformer');
    return ours[0] as ProtectedColumnTransformer | undefined;
  }
  return undefined;
}

/**
 * TypeORM hands transformers query operators (`In(...)`, `Like(...)`) as well as values: only
 * plain field values may be encrypted, never an operator object serialized as JSON.
 */
function checkValue(value: unknown): FieldValue {
  if (typeof value !== 'object' || value === null) return value as FieldValue;
  if (value instanceof Date || value instanceof Uint8Array || Array.isArray(value)) return value as FieldValue;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) return value as FieldValue;
  throw new InvalidArgumentError('a protected column takes field values, not query operators: look it up with findProtectedEquals');
}
