/**
 * Database-side helpers (entry `fieldshield/migrate`), independent of any ORM: protected-column
 * declarations, batch migrations (encrypt, rewrap, count per key ID) and the PostgreSQL
 * adapters for them (node-postgres `pg` and PGlite).
 */
export { ProtectedColumn } from './column.js';
export type { BlindIndexDeclaration, CipherSource, ProtectedColumnOptions, RowKey, StoredValueType } from './column.js';
export { countByKeyId, deserializeKey, encryptColumn, memoryStateStore, rewrapColumn, serializeKey } from './migrate.js';
export type {
  ColumnStore,
  KeyIdCounts,
  MigrationCheckpoint,
  MigrationCounts,
  MigrationOptions,
  MigrationProgress,
  MigrationRowError,
  MigrationStateStore,
  RowUpdate,
  SerializedKey,
  StoredRow,
} from './migrate.js';
export { pgColumnStore, pgColumnStoreFor, pgFindProtectedEquals, pgStateStore, quoteIdent } from './pg.js';
export type { PgColumnStoreOptions, PgLookupOptions, SqlQueryable } from './pg.js';
