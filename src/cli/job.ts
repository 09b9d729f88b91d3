/**
 * What a worker thread does with one chunk: parse it into records, apply the command's
 * operation to each record, serialize the results. Everything a job needs (columns, scene,
 * keyring text and key bytes, policy) arrives once as the pool's workerData; tasks carry only
 * bytes.
 *
 * A record that cannot be parsed or processed becomes a reject (line number + reason) and is
 * not written: a record whose protection failed never reaches the output, so no plaintext of
 * a protected field can pass through.
 *
 * Errors that concern the whole run (invalid UTF-8, a policy that cannot apply) come back as
 * `fatal` data rather than thrown errors: errors thrown in a worker lose their class on the way
 * to the main thread, and the CLI needs the exit code.
 */
import { ExitCode } from './exit-codes.js';
import type { DataFormat } from './io/formats.js';
import {
  InputFormatError,
  parseDelimited,
  parseJsonElements,
  parseJsonLines,
  serializeRows,
  type ParsedChunk,
  type Reject,
  type Row,
} from './io/records.js';
import { createOperation, type OperationConfig, type RowOperation } from './operations.js';

export interface JobConfig {
  readonly format: DataFormat;
  /** CSV/TSV: the header's column names. */
  readonly columns?: readonly string[];
  readonly operation: OperationConfig;
}

export interface TaskInput {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly firstLine: number;
  readonly elements?: Uint32Array;
  /** classify: only rows with a sampling key below this can still enter the sample. */
  readonly sampleBelow?: number;
}

export interface TaskResult {
  readonly index: number;
  /** Serialized output rows (UTF-8), without header or array brackets. */
  readonly out: Uint8Array;
  /** Output header (CSV/TSV column names), sent with every result; the main thread writes it once. */
  readonly outputColumns?: readonly string[];
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rejects: readonly Reject[];
  /** Operation-specific data for the main thread (audit lines, classification statistics, key usage). */
  readonly extra?: unknown;
  readonly fatal?: { readonly exitCode: number; readonly message: string };
}

export interface Job {
  run(task: TaskInput): TaskResult;
}

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

export async function createJob(config: JobConfig): Promise<Job> {
  let operation: RowOperation | undefined;
  let setupError: TaskResult['fatal'];
  try {
    operation = await createOperation(config.operation, config.columns ?? []);
  } catch (e) {
    setupError = fatalOf(e);
  }
  const delimiter = config.format === 'tsv' ? '\t' : ',';
  const outputColumns = operation?.outputColumns?.(config.columns ?? []);

  function parseChunk(task: TaskInput): ParsedChunk {
    switch (config.format) {
      case 'csv':
      case 'tsv':
        return parseDelimited(task.bytes, task.firstLine, delimiter, config.columns ?? []);
      case 'jsonl':
        return parseJsonLines(task.bytes, task.firstLine);
      case 'json':
        return parseJsonElements(task.bytes, task.elements ?? new Uint32Array(0));
    }
  }

  return {
    run(task: TaskInput): TaskResult {
      const base = { index: task.index, rowsIn: 0, rowsOut: 0, out: EMPTY, rejects: [] };
      if (operation === undefined) return { ...base, fatal: setupError };
      try {
        const parsed = parseChunk(task);
        const rejects: Reject[] = [...parsed.rejects];
        const out: Row[] = [];
        operation.beginChunk?.(task);
        for (let i = 0; i < parsed.rows.length; i++) {
          const result = operation.apply(parsed.rows[i], parsed.lines[i]);
          if ('reject' in result) rejects.push({ line: parsed.lines[i], ...result.reject });
          else if (result.row !== undefined) out.push(result.row);
        }
        rejects.sort((a, b) => a.line - b.line);
        const text = operation.writesOutput === false ? '' : serializeRows(config.format, out, outputColumns);
        return {
          index: task.index,
          out: text === '' ? EMPTY : encoder.encode(text),
          ...(outputColumns === undefined ? {} : { outputColumns }),
          rowsIn: parsed.rows.length + parsed.rejects.length,
          rowsOut: out.length,
          rejects,
          extra: operation.endChunk?.(),
        };
      } catch (e) {
        // What the chunk did before it stopped still counts (key usage, audit events).
        let extra: unknown;
        try {
          extra = operation.endChunk?.();
        } catch {
          extra = undefined;
        }
        return { ...base, fatal: fatalOf(e), ...(extra === undefined ? {} : { extra }) };
      }
    },
  };
}

/** A whole-run failure as data. Only messages of our own error types are passed on. */
function fatalOf(e: unknown): NonNullable<TaskResult['fatal']> {
  if (e instanceof InputFormatError) return { exitCode: ExitCode.INPUT, message: e.message };
  const withExit = e as { exitCode?: unknown; message?: unknown } | null;
  if (withExit !== null && typeof withExit?.exitCode === 'number' && typeof withExit.message === 'string') {
    return { exitCode: withExit.exitCode, message: withExit.message };
  }
  return { exitCode: ExitCode.INTERNAL, message: `internal error in a worker (${(e as Error)?.name ?? typeof e})` };
}
