/**
 * One protected database column, independent of any ORM: how its values are encrypted, under
 * which context, and how its optional blind-index column is computed and searched.
 *
 * The ORM adapters (typeorm.ts, drizzle.ts) and the migration helper (migrate.ts) all go
 * through this class, so a value written by one of them reads back through any other: same
 * context (`table.column` by default), same index key (named after `table.column`, never after
 * the row), same normalization.
 *
 * SQL NULL stays NULL: absence of a value is not hidden (an ORM needs `IS NULL` to keep
 * working), and an encrypted null would be indistinguishable in size from a short value anyway.
 */
import type { FieldCipher } from '../envelope/field-cipher.js';
import { isEnvelope } from '../envelope/format.js';
import type { FieldValue } from '../envelope/value-codec.js';
import { EnvelopeFormatError, FieldShieldError, IntegrityError, InvalidArgumentError } from '../errors.js';
import { getKind } from '../kinds/registry.js';
import { readsBackExactly } from '../decimal.js';

/** Where the blind index of a protected column is stored and how wide it is. */
export interface BlindIndexDeclaration {
  /** Database column holding the index (hex text), e.g. `id_no_bidx`. */
  readonly column: string;
  /** Index width in bits, 8..256 (default 32); see docs/ENVELOPE.md on choosing it. */
  readonly bits?: number;
}

/**
 * The cipher, or a function returning it. Schemas are declared when their module loads, and
 * keyrings load asynchronously (a KMS call), so a schema may name a getter that returns the
 * cipher the application sets up at startup; it is called on every use.
 */
export type CipherSource = FieldCipher | (() => FieldCipher);

export interface ProtectedColumnOptions {
  readonly cipher: CipherSource;
  /** Table name: the default context and index key are named `table.column`. */
  readonly table: string;
  /** Database column name of the protected value. */
  readonly column: string;
  /**
   * A kind id (`cn-id-card`, `cn-mobile`, ...): its `normalize` canonicalizes values before
   * blind indexing and lookup comparison, so `1101...2x` finds `1101...2X`.
   */
  readonly kind?: string;
  /** Overrides the context (default `table.column`). */
  readonly context?: string;
  /**
   * Binds every envelope to its row as well: the context becomes `context#rowKey`. A value
   * copied to another row then fails to decrypt. Needs the row key on every read and write,
   * so ORM column types (which see one value at a time) refuse it; the migration helper and
   * {@link ProtectedColumn.encrypt} with a row key support it.
   */
  readonly rowBound?: boolean;
  /** SM4-SIV: equal values give equal envelopes, so `WHERE col = encrypt(x)` works. Leaks equality. */
  readonly deterministic?: boolean;
  /** Declares a blind-index column filled on every write; a string is the column name. */
  readonly blindIndex?: string | BlindIndexDeclaration;
  /**
   * Migration only: values that are not envelopes are returned as they are on read (counted
   * in `cipher.stats.plaintextPassedThrough`), so the application keeps working while
   * `encryptColumn` converts the table.
   */
  readonly readPlaintext?: boolean;
  /**
   * What the column's values are (default `string`). Envelopes carry their value's type, but a
   * value not yet encrypted is text in the database (a NUMERIC column altered to text holds
   * `'1234.5'`): `encryptColumn` and `readPlaintext` read it as this type, so a migrated row
   * decrypts to a number just as a row the application wrote does. Text that is not a value of
   * the type (or a number a double cannot hold exactly) is refused, never changed.
   */
  readonly valueType?: StoredValueType;
}

/** How {@link ProtectedColumnOptions.valueType} reads plaintext stored as text. */
export type StoredValueType = 'string' | 'number' | 'bigint' | 'boolean' | 'date' | 'json';
const STORED_VALUE_TYPES: readonly StoredValueType[] = ['string', 'number', 'bigint', 'boolean', 'date', 'json'];

/** A compiled protected-column declaration. */
export class ProtectedColumn {
  private readonly cipherSource: CipherSource;
  readonly table: string;
  readonly column: string;
  /** Context of every envelope in this column (without the row suffix). */
  readonly context: string;
  readonly rowBound: boolean;
  readonly deterministic: boolean;
  readonly readPlaintext: boolean;
  readonly valueType: StoredValueType;
  /** Blind-index column name, or undefined when the column has none. */
  readonly indexColumn: string | undefined;
  readonly indexBits: number;
  /** The index key's name: `table.column`, the same for every row and across context overrides. */
  readonly indexName: string;
  readonly normalize: ((value: string) => string) | undefined;

  constructor(options: ProtectedColumnOptions) {
    const o = options ?? ({} as ProtectedColumnOptions);
    if (typeof o.cipher !== 'function') checkCipher(o.cipher);
    requireName(o.table, 'table');
    requireName(o.column, 'column');
    this.cipherSource = o.cipher;
    this.table = o.table;
    this.column = o.column;
    if (o.context !== undefined) requireName(o.context, 'context');
    this.context = o.context ?? `${o.table}.${o.column}`;
    this.rowBound = o.rowBound === true;
    this.deterministic = o.deterministic === true;
    this.readPlaintext = o.readPlaintext === true;
    if (o.valueType !== undefined && !STORED_VALUE_TYPES.includes(o.valueType)) {
      throw new InvalidArgumentError(`valueType must be one of ${STORED_VALUE_TYPES.join(', ')}`);
    }
    this.valueType = o.valueType ?? 'string';
    this.normalize = o.kind === undefined ? undefined : getKind(o.kind).normalize;
    this.indexName = `${o.table}.${o.column}`;
    const bi = typeof o.blindIndex === 'string' ? { column: o.blindIndex } : o.blindIndex;
    if (bi !== undefined) {
      requireName(bi.column, 'blindIndex.column');
      if (bi.column === o.column) throw new InvalidArgumentError('the blind index needs its own column');
    }
    this.indexColumn = bi?.column;
    this.indexBits = bi?.bits ?? 32;
    if (!Number.isInteger(this.indexBits) || this.indexBits < 8 || this.indexBits > 256) {
      throw new InvalidArgumentError('blind index bits must be an integer from 8 to 256');
    }
    if (this.rowBound && this.deterministic) {
      // Row binding makes equal values differ per row: deterministic encryption would only
      // add the equality leak without enabling any lookup. Use a blind index instead.
      throw new InvalidArgumentError('a row-bound column cannot be deterministic; declare a blind index for lookups');
    }
  }

  /** The column's FieldCipher (resolving a getter given as `cipher`). */
  get cipher(): FieldCipher {
    const source = this.cipherSource;
    return typeof source === 'function' ? checkCipher(source()) : source;
  }

  /** The context for one row (`table.column#rowKey` when row-bound). */
  contextFor(rowKey?: RowKey): string {
    if (!this.rowBound) return this.context;
    if (rowKey === undefined || rowKey === null || rowKey === '') {
      throw new InvalidArgumentError(`${this.context} is row-bound: the row key is required`, { path: this.context });
    }
    return `${this.context}#${String(rowKey)}`;
  }

  /** Envelope for the database; null and undefined pass through as they are. */
  encrypt<V extends FieldValue | null | undefined>(value: V, rowKey?: RowKey): string | Extract<V, null | undefined> {
    if (value === null || value === undefined) return value as Extract<V, null | undefined>;
    return this.cipher.encrypt(value as FieldValue, { context: this.contextFor(rowKey), deterministic: this.deterministic });
  }

  /** The plaintext of a stored envelope; null and undefined pass through. */
  decrypt<T extends FieldValue = string>(stored: string | null | undefined, rowKey?: RowKey): T | null | undefined {
    if (stored === null || stored === undefined) return stored;
    if (this.readPlaintext && typeof stored === 'string' && this.valueType !== 'string' && !isEnvelope(stored)) {
      // Not yet encrypted: counted as decrypt() would, and read as the column's type.
      this.cipher.stats.plaintextPassedThrough++;
      return this.fromStoredText(stored) as T;
    }
    try {
      return this.cipher.decrypt<T>(stored, { context: this.contextFor(rowKey), allowPlaintext: this.readPlaintext });
    } catch (e) {
      throw withPath(e, this.context);
    }
  }

  /**
   * A plaintext value as the database holds it (text) read as the column's `valueType`. Throws
   * InvalidArgumentError (naming the column and type, never the value) for text that is not one.
   */
  fromStoredText(text: string): FieldValue {
    const bad = (): never => {
      throw new InvalidArgumentError(`${this.context} holds text that is not a ${this.valueType} value`, { path: this.context });
    };
    const t = text.trim();
    switch (this.valueType) {
      case 'string':
        return text;
      case 'number':
        return t !== '' && readsBackExactly(t) ? Number(t) : bad();
      case 'bigint':
        return /^-?\d+$/.test(t) ? BigInt(t) : bad();
      case 'boolean':
        if (t === 'true' || t === 't' || t === '1') return true;
        return t === 'false' || t === 'f' || t === '0' ? false : bad();
      case 'date': {
        const d = t === '' ? Number.NaN : Date.parse(t);
        return Number.isNaN(d) ? bad() : new Date(d);
      }
      case 'json':
        try {
          return JSON.parse(t) as FieldValue;
        } catch {
          return bad();
        }
    }
  }

  /** The blind index under the primary key (what writes store), or null for a null value. */
  blindIndex(value: FieldValue | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    return this.cipher.blindIndex(this.indexInput(value), this.indexOptions());
  }

  /**
   * The blind indexes of `value` under every active key (primary first): a lookup matches
   * rows written before a rotation as long as their key is still active.
   */
  blindIndexes(value: FieldValue): string[] {
    return this.cipher.blindIndexes(this.indexInput(value), this.indexOptions());
  }

  /** Whether a decrypted value equals the searched one after normalization (drops index collisions). */
  matches(decrypted: unknown, searched: FieldValue): boolean {
    if (decrypted === null || decrypted === undefined) return false;
    if (typeof decrypted !== 'string') return false;
    const s = this.indexInput(searched);
    return (this.normalize ? this.normalize(decrypted) : decrypted) === (this.normalize ? this.normalize(s) : s);
  }

  /** Requires a blind-index column (for lookups) and returns its name. */
  requireIndexColumn(): string {
    if (this.indexColumn === undefined) {
      throw new InvalidArgumentError(`${this.context} has no blind index: declare blindIndex to look it up`, { path: this.context });
    }
    return this.indexColumn;
  }

  /** Whether a stored value is already an envelope (migration skips those). */
  static isProtected(stored: unknown): boolean {
    return isEnvelope(stored);
  }

  private indexInput(value: FieldValue): string {
    if (typeof value !== 'string') {
      throw new InvalidArgumentError('blind indexes and lookups take string values', { path: this.context });
    }
    return value;
  }

  private indexOptions(): { column: string; bits: number; normalize?: (v: string) => string } {
    this.requireIndexColumn();
    return this.normalize === undefined
      ? { column: this.indexName, bits: this.indexBits }
      : { column: this.indexName, bits: this.indexBits, normalize: this.normalize };
  }
}

/** A primary-key value as databases return it. */
export type RowKey = string | number | bigint;

function checkCipher(c: unknown): FieldCipher {
  if (c === null || typeof c !== 'object' || typeof (c as FieldCipher).encrypt !== 'function') {
    throw new InvalidArgumentError('a protected column needs a FieldCipher, or a function that returns one (cipher)');
  }
  return c as FieldCipher;
}

function requireName(v: unknown, what: string): asserts v is string {
  if (typeof v !== 'string' || v === '') throw new InvalidArgumentError(`a protected column needs a non-empty ${what}`);
}

/**
 * Adds the column name to the two errors a wrong value produces, so an operator knows which
 * column holds a moved, tampered or malformed envelope. The replaced error is kept as `cause`:
 * it carries nothing but fixed text either.
 */
function withPath(e: unknown, path: string): unknown {
  if (!(e instanceof FieldShieldError) || e.path !== undefined) return e;
  if (e instanceof IntegrityError) return new IntegrityError(undefined, { path, cause: e });
  if (e instanceof EnvelopeFormatError) return new EnvelopeFormatError(e.message, { path, cause: e });
  return e;
}
