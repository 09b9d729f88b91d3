/**
 * The streaming pipeline every data command runs:
 *
 *   read (one chunk's worth per read) → decode to UTF-8 → cut into chunks of whole records (main thread)
 *     → parse, apply the operation, serialize (worker threads, in parallel)
 *     → write in input order (main thread) → atomic rename by the caller
 *
 * Memory is bounded whatever the input size: at most `2 × threads` chunks are in flight, the
 * reader is not asked for more bytes until a slot frees up (the `for await` loop is the
 * backpressure), and the writer awaits every write. Results are written strictly in the order
 * the chunks were cut, however the workers finish.
 */
import { parse } from 'csv-parse/sync';
import { CliError, ExitCode } from './exit-codes.js';
import type { ByteSink } from './io/atomic-file.js';
import { createChunker, DEFAULT_CHUNK_BYTES, DEFAULT_MAX_RECORD_BYTES, DelimitedChunker, type Chunk } from './io/chunker.js';
import { delimiterOf, type DataFormat } from './io/formats.js';
import { headerLine, RECORD_DELIMITERS } from './io/records.js';
import type { RejectLog } from './io/rejects.js';
import { openInput } from './io/source.js';
import type { TaskResult } from './job.js';
import type { OperationConfig } from './operations.js';
import { createRunner, type TaskRunner } from './pool.js';
import { createProgress } from './progress.js';

export interface PipelineOptions {
  readonly inputPath: string;
  readonly format: DataFormat;
  readonly encoding: string;
  readonly threads: number;
  readonly operation: OperationConfig;
  /** Where output rows go; absent for commands that only read (classify). */
  readonly output?: ByteSink;
  readonly rejects: RejectLog;
  /** More rejects than this stops the run. */
  readonly maxRejects: number;
  readonly progress: { readonly enabled: boolean; readonly label: string };
  readonly chunkBytes?: number;
  readonly maxRecordBytes?: number;
  /** Called with the CSV/TSV header before any row is processed (may throw to stop the run). */
  readonly onHeader?: (columns: readonly string[]) => void | Promise<void>;
  /** classify: the current sampling threshold, sent with each task (see sampling.ts). */
  readonly sampleBelow?: () => number;
  /** Called, in input order, with each chunk's operation-specific data, before its rows are written. */
  readonly onChunk?: (extra: unknown) => void | Promise<void>;
}

export interface PipelineSummary {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rejected: number;
  readonly bytesIn: number;
  readonly seconds: number;
  readonly columns: readonly string[] | undefined;
  readonly outputColumns: readonly string[] | undefined;
}

const encoder = new TextEncoder();

export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const started = performance.now();
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  // Reads of one chunk's size: each read then gives about one chunk.
  const source = await openInput(options.inputPath, options.encoding, Math.min(chunkBytes, 1 << 20));
  const chunker = createChunker(options.format, {
    targetBytes: chunkBytes,
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  });
  // Started once the header is handled, so notes printed then (the protect plan) come first.
  let progress = createProgress({ enabled: false, label: '', total: undefined });
  const threads = effectiveThreads(options.threads, source.size, chunkBytes);
  const window = Math.max(2, threads * 2);
  const inflight: Promise<TaskResult>[] = [];
  // Input bytes read when each in-flight chunk was cut: the progress once its result is written.
  const readAtCut: number[] = [];
  const sink = options.output;
  const isJsonArray = options.format === 'json';
  let runner: TaskRunner | undefined;
  let columns: readonly string[] | undefined;
  let outputColumns: readonly string[] | undefined;
  let next = 0;
  let rowsIn = 0;
  let rowsOut = 0;
  let headWritten = false;
  let bodyWritten = false;

  const start = async (): Promise<TaskRunner> => {
    if (runner !== undefined) return runner;
    if (chunker instanceof DelimitedChunker) {
      columns = parseHeader(chunker.header, options.format, source.name);
      await options.onHeader?.(columns);
    }
    runner = await createRunner({ format: options.format, ...(columns === undefined ? {} : { columns }), operation: options.operation }, threads);
    progress = createProgress({ ...options.progress, total: source.size });
    return runner;
  };

  const handle = async (r: TaskResult): Promise<void> => {
    if (r.fatal !== undefined) {
      if (r.extra !== undefined) await options.onChunk?.(r.extra);
      throw new CliError(r.fatal.exitCode, r.fatal.message);
    }
    await options.rejects.add(r.rejects);
    rowsIn += r.rowsIn;
    rowsOut += r.rowsOut;
    if (options.rejects.count > options.maxRejects) {
      throw new CliError(
        ExitCode.TOO_MANY_REJECTS,
        `stopped: ${options.rejects.count} rows rejected, more than --max-rejects ${options.maxRejects}` +
          (options.rejects.path === undefined ? '' : `; see ${options.rejects.path}`),
      );
    }
    if (r.extra !== undefined) await options.onChunk?.(r.extra);
    if (sink !== undefined) {
      if (!headWritten) {
        outputColumns = r.outputColumns;
        if (isJsonArray) await sink.write(encoder.encode('[\n'));
        else if (options.format === 'csv' || options.format === 'tsv') await sink.write(encoder.encode(headerLine(options.format, r.outputColumns ?? [])));
        headWritten = true;
      }
      if (r.out.byteLength > 0) {
        if (isJsonArray && bodyWritten) await sink.write(encoder.encode(',\n'));
        await sink.write(r.out);
        bodyWritten = true;
      }
    }
    progress.update(readAtCut.shift() ?? source.bytesRead(), rowsIn);
  };

  const submit = async (chunk: Chunk): Promise<void> => {
    const pool = await start();
    if (inflight.length >= window) await handle(await (inflight.shift() as Promise<TaskResult>));
    // A copy with its own buffer, so it can be moved to the worker without detaching the
    // chunker's buffer.
    const task = {
      index: next++,
      bytes: new Uint8Array(chunk.bytes),
      firstLine: chunk.firstLine,
      ...(chunk.elements === undefined ? {} : { elements: new Uint32Array(chunk.elements) }),
      ...(options.sampleBelow === undefined ? {} : { sampleBelow: options.sampleBelow() }),
    };
    readAtCut.push(source.bytesRead());
    const p = pool.run(task);
    // Awaited in order later; marking it handled now keeps a failure from being reported as
    // unhandled while an earlier chunk is still being awaited.
    p.catch(() => undefined);
    inflight.push(p);
  };

  try {
    for await (const data of source.chunks()) {
      for (const chunk of chunker.push(data)) await submit(chunk);
    }
    for (const chunk of chunker.end()) await submit(chunk);
    // At least one task runs, even for an input without rows: it checks the operation can be
    // set up and gives the output its header.
    if (next === 0) await submit({ bytes: Buffer.alloc(0), firstLine: 1 });
    while (inflight.length > 0) await handle(await (inflight.shift() as Promise<TaskResult>));
    if (sink !== undefined && isJsonArray) await sink.write(encoder.encode(bodyWritten ? '\n]\n' : ']\n'));
  } catch (e) {
    if (e instanceof CliError) throw e;
    // A worker that died (out of memory, a bug) rejects its task with an error that may come
    // from anywhere: report its kind only.
    throw new CliError(ExitCode.INTERNAL, `processing failed (${(e as Error)?.name ?? 'unknown error'})`);
  } finally {
    progress.stop();
    source.close();
    await runner?.close();
  }
  return {
    rowsIn,
    rowsOut,
    rejected: options.rejects.count,
    bytesIn: source.bytesRead(),
    seconds: (performance.now() - started) / 1000,
    columns,
    outputColumns,
  };
}

/**
 * No more threads than the input has chunks, and none for an input of one chunk (smaller than
 * 64 KiB by default): starting worker threads takes longer than such an input takes to process.
 */
function effectiveThreads(requested: number, size: number | undefined, chunkBytes: number): number {
  if (requested === 0 || size === undefined) return requested;
  const chunks = Math.ceil(size / chunkBytes);
  return chunks <= 1 ? 0 : Math.min(requested, chunks);
}

/** The header row's column names: present, non-empty and unique (records become objects by name). */
function parseHeader(header: Buffer | undefined, format: DataFormat, name: string): string[] {
  if (header === undefined || header.length === 0) throw new CliError(ExitCode.INPUT, `${name} is empty: a ${format.toUpperCase()} input needs a header row`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(header);
  } catch {
    throw new CliError(ExitCode.INPUT, `the header of ${name} is not valid UTF-8; pass --encoding (e.g. gbk, gb18030)`);
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(format), relax_column_count: true, record_delimiter: RECORD_DELIMITERS }) as string[][];
  } catch {
    throw new CliError(ExitCode.INPUT, `the header row of ${name} is not valid ${format.toUpperCase()}`);
  }
  const columns = records[0] ?? [];
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.trim() === '') throw new CliError(ExitCode.INPUT, `column ${i + 1} of ${name} has no name in the header row`);
    if (seen.has(c)) throw new CliError(ExitCode.INPUT, `column name '${c}' appears twice in the header row of ${name}`);
    seen.add(c);
  });
  if (columns.length === 0) throw new CliError(ExitCode.INPUT, `the header row of ${name} has no columns`);
  return columns;
}
