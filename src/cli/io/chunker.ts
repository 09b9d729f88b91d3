/**
 * Cuts the input's UTF-8 byte stream into chunks of whole records, so worker threads can parse,
 * protect and serialize chunks independently and the main thread only moves bytes.
 *
 * Each chunk carries the line number of its first byte, so workers report rejects with the
 * line number in the file. Memory stays bounded: a chunk is cut as soon as `targetBytes` of
 * whole records are buffered, and a single record longer than `maxRecordBytes` (in practice
 * an unbalanced quote swallowing the rest of the file) stops the run instead of filling memory.
 */
import { CliError, ExitCode } from '../exit-codes.js';
import { countLines, firstRecordEnd, scanCsv, type ScanState } from './csv-scan.js';
import type { DataFormat } from './formats.js';

export interface Chunk {
  readonly bytes: Buffer;
  /** 1-based line number of the chunk's first byte in the input. */
  readonly firstLine: number;
  /** JSON arrays only: [start, end, line] of each element, relative to `bytes`. */
  readonly elements?: Uint32Array;
}

export interface ChunkerOptions {
  readonly targetBytes: number;
  readonly maxRecordBytes: number;
}

export interface Chunker {
  push(data: Buffer): Chunk[];
  end(): Chunk[];
}

/**
 * 64 KiB of records per task. Smaller chunks keep a worker's live data small, and V8's young-
 * generation collections copy live data: 512 KiB chunks spent ~28% of a worker's time in the
 * collector on pass-through, and protect devtest ran ~25% faster end to end with 64 KiB (2
 * threads, 16 MB input; 128 KiB was in between). Per-task messaging stays far below 1%.
 */
export const DEFAULT_CHUNK_BYTES = 64 << 10;
export const DEFAULT_MAX_RECORD_BYTES = 16 << 20;

export function createChunker(format: DataFormat, options: ChunkerOptions): Chunker {
  switch (format) {
    case 'csv':
      return new DelimitedChunker(0x2c, options);
    case 'tsv':
      return new DelimitedChunker(0x09, options);
    case 'jsonl':
      return new LineChunker(options);
    case 'json':
      return new JsonArrayChunker(options);
  }
}

/** Buffered bytes not yet emitted, and the line number they start at. */
abstract class Pending {
  protected pending: Buffer = Buffer.alloc(0);
  protected line = 1;

  constructor(protected readonly options: ChunkerOptions) {}

  /** Buffer that `pending` lives in, with room after it for the next reads. */
  private store: Buffer | undefined;

  /**
   * Appends a read. A record longer than one read stays in one buffer that doubles as needed
   * (concatenating on every read would copy a long record once per read: quadratic).
   */
  protected append(data: Buffer): void {
    const p = this.pending;
    if (p.length === 0) {
      this.pending = data;
      return;
    }
    const store = this.store;
    const end = p.byteOffset + p.length;
    if (store !== undefined && p.buffer === store.buffer && end + data.length <= store.byteOffset + store.length) {
      // Room after the pending bytes: nothing before them (already emitted chunks) is touched.
      data.copy(store, end - store.byteOffset);
      this.pending = store.subarray(p.byteOffset - store.byteOffset, end - store.byteOffset + data.length);
      return;
    }
    const next = Buffer.allocUnsafe(Math.max(2 * (p.length + data.length), 1 << 16));
    p.copy(next, 0);
    data.copy(next, p.length);
    this.store = next;
    this.pending = next.subarray(0, p.length + data.length);
  }

  /** Emits pending[0, end) as a chunk and keeps the rest. */
  protected cut(end: number, elements?: Uint32Array): Chunk {
    const bytes = this.pending.subarray(0, end);
    const chunk: Chunk = elements === undefined ? { bytes, firstLine: this.line } : { bytes, firstLine: this.line, elements };
    this.line += countLines(bytes);
    this.pending = this.pending.subarray(end);
    return chunk;
  }

  protected checkRecordSize(): void {
    if (this.pending.length > this.options.maxRecordBytes) {
      throw new CliError(
        ExitCode.INPUT,
        `a record starting at line ${this.line} is longer than ${this.options.maxRecordBytes} bytes: an unbalanced quote or the wrong --format?`,
      );
    }
  }
}

/** CSV / TSV: cuts after a line feed that is outside quotes (see csv-scan.ts). */
export class DelimitedChunker extends Pending implements Chunker {
  private readonly state: ScanState = { inQuote: false, pos: 0 };
  private lastBoundary = -1;
  /** The header record (first record), once it has been seen. */
  header: Buffer | undefined;
  /** Line number the header ends on, +1: where data starts. */
  private headerDone = false;

  constructor(
    private readonly delimiter: number,
    options: ChunkerOptions,
  ) {
    super(options);
  }

  push(data: Buffer): Chunk[] {
    this.append(data);
    if (!this.headerDone && !this.takeHeader()) {
      this.checkRecordSize();
      return [];
    }
    const end = scanCsv(this.pending, this.delimiter, this.state);
    if (end > 0) this.lastBoundary = end;
    if (this.lastBoundary >= this.options.targetBytes) {
      const chunk = this.cut(this.lastBoundary);
      this.state.pos -= this.lastBoundary;
      this.lastBoundary = -1;
      return [chunk];
    }
    if (this.lastBoundary < 0) this.checkRecordSize();
    return [];
  }

  end(): Chunk[] {
    if (!this.headerDone) {
      // A file of one line without a line feed: that line is the header.
      if (this.pending.length > 0) {
        this.header = this.pending;
        this.line += 1;
        this.pending = Buffer.alloc(0);
      }
      this.headerDone = true;
    }
    return this.pending.length === 0 ? [] : [this.cut(this.pending.length)];
  }

  private takeHeader(): boolean {
    const end = firstRecordEnd(this.pending, this.delimiter);
    if (end < 0) return false;
    this.header = this.pending.subarray(0, end);
    this.line += countLines(this.header);
    this.pending = this.pending.subarray(end);
    this.headerDone = true;
    return true;
  }
}

/** JSON Lines: cuts after the last line feed (JSON text never holds a raw line feed). */
export class LineChunker extends Pending implements Chunker {
  push(data: Buffer): Chunk[] {
    this.append(data);
    if (this.pending.length < this.options.targetBytes) return [];
    const lf = this.pending.lastIndexOf(0x0a);
    if (lf < 0) {
      this.checkRecordSize();
      return [];
    }
    return [this.cut(lf + 1)];
  }

  end(): Chunk[] {
    return this.pending.length === 0 ? [] : [this.cut(this.pending.length)];
  }
}

const enum J {
  BeforeArray,
  ValueOrEnd,
  Value,
  InValue,
  CommaOrEnd,
  Done,
}

/**
 * A JSON array of objects: a byte-level scanner tracks strings, escapes and nesting depth to
 * find where each top-level element starts and ends; workers then JSON.parse elements one by
 * one, so a bad element is one reject. A broken array structure (a missing comma, text after
 * the closing bracket) stops the run with the line number: there is no safe way to resync.
 */
export class JsonArrayChunker extends Pending implements Chunker {
  private state = J.BeforeArray;
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Current line at `pos`. */
  private scanLine = 1;
  private elementStart = -1;
  private elementLine = 0;
  private elements: number[] = [];
  /** Offset just after the last complete element. */
  private lastEnd = -1;

  push(data: Buffer): Chunk[] {
    this.append(data);
    this.scan();
    const out = this.lastEnd >= this.options.targetBytes ? [this.emit()] : [];
    if (this.elementStart >= 0 && this.pending.length - this.elementStart > this.options.maxRecordBytes) {
      throw new CliError(ExitCode.INPUT, `an element starting at line ${this.elementLine} is longer than ${this.options.maxRecordBytes} bytes`);
    }
    return out;
  }

  end(): Chunk[] {
    this.scan();
    if (this.state === J.BeforeArray) throw this.structureError('expected a JSON array');
    if (this.state !== J.Done) throw this.structureError('the JSON array is not closed');
    return this.elements.length === 0 ? [] : [this.emit()];
  }

  private structureError(what: string): CliError {
    return new CliError(ExitCode.INPUT, `not a JSON array of objects: ${what} (line ${this.scanLine})`);
  }

  private emit(): Chunk {
    // Elements are relative to the chunk: the chunk starts at the first element.
    const base = this.elements[0];
    const rel = new Uint32Array(this.elements.length);
    for (let i = 0; i < rel.length; i += 3) {
      rel[i] = this.elements[i] - base;
      rel[i + 1] = this.elements[i + 1] - base;
      rel[i + 2] = this.elements[i + 2];
    }
    const bytes = this.pending.subarray(base, this.lastEnd);
    const chunk: Chunk = { bytes, firstLine: this.elements[2], elements: rel };
    const shift = this.lastEnd;
    this.pending = this.pending.subarray(shift);
    this.pos -= shift;
    if (this.elementStart >= 0) this.elementStart -= shift;
    this.lastEnd = -1;
    this.elements = [];
    return chunk;
  }

  private scan(): void {
    const d = this.pending;
    const n = d.length;
    let i = this.pos;
    while (i < n) {
      const c = d[i];
      if (this.state === J.InValue) {
        // Fast path inside a value: strings and nesting.
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === 0x5c) this.escape = true;
          else if (c === 0x22) this.inString = false;
          else if (c === 0x0a) this.scanLine++;
          i++;
          continue;
        }
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (this.depth === 0) {
            // `]` closing the array right after a scalar element.
            this.finishElement(i);
            continue;
          }
          this.depth--;
          if (this.depth === 0) {
            this.finishElement(i + 1);
            i++;
            continue;
          }
        } else if (this.depth === 0 && (c === 0x2c || isSpace(c))) {
          this.finishElement(i);
          continue;
        }
        if (c === 0x0a) this.scanLine++;
        i++;
        continue;
      }
      if (isSpace(c)) {
        if (c === 0x0a) this.scanLine++;
        i++;
        continue;
      }
      switch (this.state) {
        case J.BeforeArray:
          if (c !== 0x5b) throw this.structureError('expected [');
          this.state = J.ValueOrEnd;
          break;
        case J.ValueOrEnd:
          if (c === 0x5d) {
            this.state = J.Done;
            break;
          }
          this.startElement(i);
          continue;
        case J.Value:
          if (c === 0x5d || c === 0x2c) throw this.structureError('expected a value');
          this.startElement(i);
          continue;
        case J.CommaOrEnd:
          if (c === 0x2c) this.state = J.Value;
          else if (c === 0x5d) this.state = J.Done;
          else throw this.structureError('expected , or ]');
          break;
        case J.Done:
          throw this.structureError('unexpected text after the closing ]');
      }
      i++;
    }
    this.pos = i;
  }

  private startElement(i: number): void {
    this.state = J.InValue;
    this.elementStart = i;
    this.elementLine = this.scanLine;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.pos = i;
  }

  private finishElement(end: number): void {
    this.elements.push(this.elementStart, end, this.elementLine);
    this.lastEnd = end;
    this.elementStart = -1;
    this.state = J.CommaOrEnd;
    this.pos = end;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
