/**
 * Classifying a dataset: one pass over rows (an array, any iterable, or an async iterable such
 * as a stream of parsed CSV / JSON lines), a bounded uniform sample per column, then the field
 * classifier per column and the combination rules over the columns.
 *
 * What the sampler inspects: for every column, a uniform random sample (reservoir sampling,
 * Li's Algorithm L) of at most `sampleSize` (default 200) of the column's non-empty values,
 * each cut to `maxValueLength` (default 256) UTF-16 units and copied, so memory is
 * O(columns × sampleSize × maxValueLength) whatever the number of rows or the size of a cell.
 * Algorithm L draws O(k·log(n/k)) random numbers per column, so a row costs a counter update
 * per field. Nested objects are flattened to `a.b` columns (depth 3 by default).
 */
import { cryptoRng, seededRng, uniformInt } from '../kinds/rng.js';
import type { Rng } from '../kinds/types.js';
import { copyPrefix, DEFAULT_MAX_VALUE_LENGTH, inspectSamples, sampleText } from './content.js';
import { decide, type FieldContextOptions, sanitizeOptions } from './field.js';
import { clampInt, commentFor, DEFAULT_MAX_DEPTH, finishRecord, isNested } from './record.js';
import type { ColumnStats, DatasetClassification, DatasetOptions, FieldClassification, LevelCounts } from './types.js';

export const DEFAULT_SAMPLE_SIZE = 200;
export const DEFAULT_MAX_COLUMNS = 1024;
const MAX_KEY_LENGTH = 256;

/** A uniform double in (0, 1). */
function unit(rng: Rng): number {
  return ((rng.nextUint32() >>> 0) + 0.5) / 4294967296;
}

/**
 * Reservoir sampling, Algorithm L (K.-H. Li, "Reservoir-sampling algorithms of time complexity
 * O(n(1 + log(N/n)))", ACM TOMS 20(4), 1994): k uniform samples of a stream of unknown length.
 * Values are copied and cut to `maxLen` as they enter, so the reservoir never pins a big string.
 */
export class Reservoir {
  readonly items: (string | Uint8Array)[] = [];
  private seen = 0;
  private next = 0;
  private w = 1;

  constructor(
    private readonly k: number,
    private readonly rng: Rng,
    private readonly maxLen: number,
  ) {}

  private prepare(v: string | Uint8Array): string | Uint8Array {
    if (typeof v === 'string') return copyPrefix(v, this.maxLen);
    // A byte value is kept whole up to the cap (its length tells ciphertext), then cut.
    return v.length > this.maxLen ? v.slice(0, this.maxLen - (this.maxLen % 16)) : v.slice();
  }

  private skip(): void {
    this.next += Math.floor(Math.log(unit(this.rng)) / Math.log(1 - this.w)) + 1;
  }

  offer(v: string | Uint8Array): void {
    this.seen++;
    if (this.items.length < this.k) {
      this.items.push(this.prepare(v));
      if (this.items.length === this.k) {
        this.w = Math.exp(Math.log(unit(this.rng)) / this.k);
        this.next = this.seen;
        this.skip();
      }
      return;
    }
    if (this.seen === this.next) {
      this.items[uniformInt(this.rng, this.k)] = this.prepare(v);
      this.w *= Math.exp(Math.log(unit(this.rng)) / this.k);
      this.skip();
    }
  }
}

interface Column {
  readonly name: string;
  readonly parent?: string;
  readonly reservoir: Reservoir;
  /** Rows with a value in the column (not null / undefined / ''). */
  present: number;
}

interface State {
  readonly columns: Map<string, Column>;
  readonly omittedNames: Set<string>;
  rows: number;
  badRows: number;
  readonly opts: DatasetOptions;
  readonly sampleSize: number;
  readonly maxColumns: number;
  readonly maxDepth: number;
  readonly maxLen: number;
  readonly rng: Rng;
  readonly shape: Shape;
}

const MAX_OMITTED_NAMES = 4096;

function column(state: State, name: string, parent: string | undefined): Column | undefined {
  let col = state.columns.get(name);
  if (col === undefined) {
    if (state.columns.size >= state.maxColumns) {
      if (state.omittedNames.size < MAX_OMITTED_NAMES) state.omittedNames.add(name);
      return undefined;
    }
    col = {
      name,
      ...(parent === undefined ? {} : { parent }),
      reservoir: new Reservoir(state.sampleSize, state.rng, state.maxLen),
      present: 0,
    };
    state.columns.set(name, col);
  }
  return col;
}

/** Fields of a row in the order of the previous row: most datasets repeat one shape. */
interface Shape {
  /** Null where the field is not cacheable (a nested object, an omitted column). */
  readonly keys: (string | null)[];
  readonly cols: (Column | undefined)[];
}

function offerValue(col: Column, value: unknown): void {
  if (typeof value === 'string') {
    col.present++;
    col.reservoir.offer(value);
    return;
  }
  if (Array.isArray(value)) {
    // A list of values: its elements are samples of the column.
    col.present++;
    for (let j = 0; j < value.length && j < 8; j++) {
      const t = sampleText(value[j]);
      if (t !== null) col.reservoir.offer(t);
    }
    return;
  }
  col.present++;
  const t = sampleText(value);
  if (t !== null) col.reservoir.offer(t);
}

function visitField(state: State, name: string, parent: string | undefined, value: unknown, depth: number): Column | undefined {
  if (isNested(value) && depth < state.maxDepth) {
    visitObject(state, value, name, depth + 1);
    return undefined;
  }
  const col = column(state, name, parent);
  if (col !== undefined && value !== null && value !== undefined && value !== '') offerValue(col, value);
  return col;
}

function visitObject(state: State, obj: Record<string, unknown>, prefix: string | undefined, depth: number): void {
  let keys: string[];
  try {
    keys = Object.keys(obj);
  } catch {
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    const rawKey = keys[i];
    let value: unknown;
    try {
      value = obj[rawKey];
    } catch {
      continue;
    }
    const key = rawKey.length > MAX_KEY_LENGTH ? rawKey.slice(0, MAX_KEY_LENGTH) : rawKey;
    visitField(state, prefix === undefined ? key : `${prefix}.${key}`, prefix, value, depth);
  }
}

/**
 * A top-level plain row: fields read with for-in (no key array per row) and matched to columns
 * by position while the row has the previous row's shape; a different key falls back to the
 * column map. A throwing getter skips its field.
 */
function visitPlainRow(state: State, row: Record<string, unknown>): void {
  const shape = state.shape;
  let i = 0;
  for (const rawKey in row) {
    let value: unknown;
    try {
      value = row[rawKey];
    } catch {
      i++;
      continue;
    }
    if (i < shape.keys.length && shape.keys[i] === rawKey && !isNested(value)) {
      const col = shape.cols[i] as Column;
      if (value !== null && value !== undefined && value !== '') offerValue(col, value);
    } else {
      const key = rawKey.length > MAX_KEY_LENGTH ? rawKey.slice(0, MAX_KEY_LENGTH) : rawKey;
      const col = visitField(state, key, undefined, value, 1);
      shape.keys[i] = col === undefined ? null : rawKey;
      shape.cols[i] = col;
    }
    i++;
  }
}

function visitRow(state: State, row: unknown): void {
  state.rows++;
  if (isNested(row)) {
    visitPlainRow(state, row);
    return;
  }
  // Rows of other shapes (class instances) are read too, as long as they are objects.
  if (typeof row !== 'object' || row === null || Array.isArray(row) || row instanceof Date || ArrayBuffer.isView(row)) {
    state.badRows++;
    return;
  }
  visitObject(state, row as Record<string, unknown>, undefined, 1);
}

function initState(options: DatasetOptions | undefined): State {
  const opts = sanitizeOptions(options);
  const seed = opts.seed instanceof Uint8Array ? opts.seed : undefined;
  return {
    columns: new Map(),
    omittedNames: new Set(),
    rows: 0,
    badRows: 0,
    opts,
    sampleSize: clampInt(opts.sampleSize, 1, 100_000, DEFAULT_SAMPLE_SIZE),
    maxColumns: clampInt(opts.maxColumns, 1, 100_000, DEFAULT_MAX_COLUMNS),
    maxDepth: clampInt(opts.maxDepth, 1, 16, DEFAULT_MAX_DEPTH),
    maxLen: clampInt(opts.maxValueLength, 16, 65_536, DEFAULT_MAX_VALUE_LENGTH),
    rng: seed === undefined ? cryptoRng() : seededRng(seed),
    shape: { keys: [], cols: [] },
  };
}

function finishDataset(state: State): DatasetClassification {
  const { opts } = state;
  const comments = typeof opts.comments === 'object' && opts.comments !== null ? opts.comments : {};
  const classified: FieldClassification[] = [];
  const stats: ColumnStats[] = [];
  for (const col of state.columns.values()) {
    const leaf = col.name.slice(col.name.lastIndexOf('.') + 1);
    const comment = commentFor(comments, col.name, leaf);
    const fieldOpts: FieldContextOptions = {
      ...opts,
      ...(comment === undefined ? {} : { comment }),
      ...(col.parent === undefined ? {} : { parentPath: col.parent }),
    };
    const content = col.reservoir.items.length === 0 ? undefined : inspectSamples(col.reservoir.items, { ...opts, maxSamples: state.sampleSize, maxValueLength: state.maxLen });
    classified.push(decide(col.name, fieldOpts, content));
    stats.push({ present: col.present, missing: Math.max(0, state.rows - state.badRows - col.present) });
  }
  const record = finishRecord(classified, 0, opts);
  const summary: { C3: number; C2: number; C1: number; none: number } = { C3: 0, C2: 0, C1: 0, none: 0 };
  const columns = record.fields.map((f, i) => {
    if (f.level === null) summary.none++;
    else summary[f.level]++;
    return { ...f, stats: stats[i] };
  });
  return {
    rows: state.rows,
    badRows: state.badRows,
    columns,
    columnsOmitted: state.omittedNames.size,
    summary: summary as LevelCounts,
    level: record.level,
    jrt0197Level: record.jrt0197Level,
    escalations: record.escalations,
  };
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/**
 * Classifies every column of a dataset. Arrays and iterables are read synchronously; async
 * iterables (streams) give a promise. Bad rows (not objects) are counted and skipped; bad
 * values (nulls, numbers, nested objects, huge strings, lone surrogates) never throw.
 */
export function classifyDataset(rows: Iterable<unknown>, options?: DatasetOptions): DatasetClassification;
export function classifyDataset(rows: AsyncIterable<unknown>, options?: DatasetOptions): Promise<DatasetClassification>;
export function classifyDataset(rows: Iterable<unknown> | AsyncIterable<unknown>, options?: DatasetOptions): DatasetClassification | Promise<DatasetClassification>;
export function classifyDataset(rows: Iterable<unknown> | AsyncIterable<unknown>, options?: DatasetOptions): DatasetClassification | Promise<DatasetClassification> {
  const state = initState(options);
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i++) visitRow(state, rows[i]);
    return finishDataset(state);
  }
  if (isAsyncIterable(rows)) {
    return (async () => {
      for await (const row of rows) visitRow(state, row);
      return finishDataset(state);
    })();
  }
  if (isIterable(rows)) for (const row of rows) visitRow(state, row);
  return finishDataset(state);
}
