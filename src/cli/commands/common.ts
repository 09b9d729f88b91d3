/**
 * Options and helpers the data commands share.
 */
import { Option, type Command } from 'commander';
import { availableParallelism, hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import { CliError, ExitCode } from '../exit-codes.js';
import { AtomicFile, StdoutSink, type ByteSink } from '../io/atomic-file.js';
import { DATA_FORMATS, resolveEncoding, resolveFormat, type DataFormat } from '../io/formats.js';
import { RejectLog } from '../io/rejects.js';
import { DEFAULT_CHUNK_BYTES } from '../io/chunker.js';
import type { PipelineSummary } from '../pipeline.js';

/** Where the CLI talks: results on stdout, notes (summaries, warnings) on stderr unless quiet. */
export interface Console {
  out(text: string): void;
  note(text: string): void;
  readonly quiet: boolean;
}

export function createConsole(quiet: boolean): Console {
  return {
    out: (text) => void process.stdout.write(text),
    note: (text) => {
      if (!quiet) process.stderr.write(text);
    },
    quiet,
  };
}

export interface DataOptions {
  readonly format?: string;
  readonly encoding?: string;
  readonly threads?: string;
  readonly quiet?: boolean;
  readonly rejects?: string;
  readonly maxRejects?: string;
  readonly chunkBytes?: string;
}

export const DEFAULT_MAX_REJECTS = 1000;

/** The options every streaming command takes. */
export function addDataOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `input format: ${DATA_FORMATS.join(', ')} (default: from the file extension)`)
    .option('--encoding <encoding>', 'input text encoding: utf-8 (default; BOM optional), gbk, gb18030, ...')
    .option('--threads <n>', 'worker threads (0 = run on the main thread)', String(availableParallelism()))
    .option('--rejects <path>', 'reject file (JSON lines: line number and reason, never values) (default: <output or input>.rejects.jsonl)')
    .option('--max-rejects <n>', 'stop (exit 8, no output) when more rows than this are rejected', String(DEFAULT_MAX_REJECTS))
    .option('-q, --quiet', 'no progress bar and no summary on stderr')
    .addOption(new Option('--chunk-bytes <n>', 'bytes of input per task (tests and benchmarks)').hideHelp());
}

export function integerOption(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(ExitCode.USAGE, `${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

export interface ResolvedData {
  readonly format: DataFormat;
  readonly encoding: string;
  readonly threads: number;
  readonly maxRejects: number;
  readonly chunkBytes: number | undefined;
  readonly progress: boolean;
}

export function resolveDataOptions(input: string, options: DataOptions): ResolvedData {
  return {
    format: resolveFormat(input, options.format),
    encoding: resolveEncoding(options.encoding),
    threads: integerOption(options.threads, '--threads', 0, 256, availableParallelism()),
    maxRejects: integerOption(options.maxRejects, '--max-rejects', 0, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_REJECTS),
    chunkBytes: options.chunkBytes === undefined ? undefined : integerOption(options.chunkBytes, '--chunk-bytes', 1, 1 << 30, DEFAULT_CHUNK_BYTES),
    progress: process.stderr.isTTY === true && options.quiet !== true,
  };
}

/** The reject file's path: as given, else beside the output (or named after the input). */
export function rejectLogFor(options: DataOptions, input: string, output: string | undefined): RejectLog {
  if (options.rejects !== undefined) return new RejectLog(options.rejects);
  if (output !== undefined && output !== '-') return new RejectLog(`${output}.rejects.jsonl`);
  if (input !== '-') return new RejectLog(`${basename(input)}.rejects.jsonl`);
  return new RejectLog('fieldshield.rejects.jsonl');
}

export async function openOutput(path: string): Promise<ByteSink> {
  return path === '-' ? new StdoutSink() : AtomicFile.create(path);
}

/** `fieldshield-cli@host (user)`: where a reveal came from, when `--source` is not given. */
export function defaultSource(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (containers): the host still says where.
  }
  return `fieldshield-cli ${user}@${hostname()}`;
}

export function formatSummary(verb: string, s: PipelineSummary, extra = ''): string {
  const mb = s.bytesIn / 1e6;
  const rate = s.seconds > 0 ? mb / s.seconds : 0;
  return `${verb}: ${s.rowsIn - s.rejected} rows${extra}, ${s.rejected} rejected; ${mb.toFixed(1)} MB in ${s.seconds.toFixed(2)} s (${rate.toFixed(1)} MB/s)\n`;
}
