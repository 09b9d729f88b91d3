/**
 * `fieldshield redact <file>`: masks the sensitive values found in a log file (or any text),
 * streaming, line by line. The output has exactly the input's lines — same count, same line
 * endings, same text around each value — so line numbers still point at the same events.
 * With `--json`, lines holding JSON are also protected by field name (pino, bunyan, logstash
 * lines) and stay valid JSON.
 */
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { InvalidArgumentError } from '../../errors.js';
import { LogProtector } from '../../scan/record.js';
import { SCAN_KINDS } from '../../scan/types.js';
import type { ProtectOptions } from '../../scan/record.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { createConsole, openOutput } from './common.js';

export interface RedactCommandOptions {
  readonly output?: string;
  readonly scene?: string;
  readonly minConfidence?: string;
  readonly kinds?: string;
  readonly exclude?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export interface RedactSummary {
  readonly lines: number;
  /** Lines in which something was masked. */
  readonly changed: number;
  readonly bytesIn: number;
}

/** Output is handed to the sink in blocks of about this many UTF-16 units. */
const FLUSH_AT = 1 << 16;

/**
 * One line: content redaction; with `json`, a line that parses as JSON is also protected by
 * field name and re-serialized (only when that changed something).
 */
export function redactLine(line: string, protector: LogProtector, json: boolean): string {
  if (!json) return protector.text(line);
  const cr = line.endsWith('\r') ? '\r' : '';
  const body = cr === '' ? line : line.slice(0, -1);
  const redacted = protector.json(body);
  const first = body.trimStart().charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return redacted + cr;
  let parsed: unknown;
  try {
    parsed = JSON.parse(redacted);
  } catch {
    return redacted + cr;
  }
  const out = protector.protect(parsed);
  return (out === parsed ? redacted : JSON.stringify(out)) + cr;
}

/**
 * Streams `source` (UTF-8 bytes) line by line into `write`. A final line without a line break
 * stays without one; a BOM is kept.
 */
export async function redactLines(
  source: AsyncIterable<Uint8Array | string>,
  write: (text: string) => Promise<void>,
  protector: LogProtector,
  json = false,
): Promise<RedactSummary> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending = '';
  let out = '';
  let lines = 0;
  let changed = 0;
  let bytesIn = 0;
  const emit = async (line: string, newline: boolean): Promise<void> => {
    const r = redactLine(line, protector, json);
    if (r !== line) changed++;
    lines++;
    out += newline ? r + '\n' : r;
    if (out.length >= FLUSH_AT) {
      const block = out;
      out = '';
      await write(block);
    }
  };
  for await (const chunk of source) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      bytesIn += chunk.length;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new CliError(ExitCode.INPUT, 'the input is not valid UTF-8');
      }
    }
    // Only the new text is searched for line breaks, so a very long line costs linear time.
    let from = 0;
    let searchFrom = pending.length;
    const buffer = pending + text;
    for (let nl = buffer.indexOf('\n', searchFrom); nl >= 0; nl = buffer.indexOf('\n', searchFrom)) {
      await emit(buffer.slice(from, nl), true);
      from = nl + 1;
      searchFrom = from;
    }
    pending = buffer.slice(from);
  }
  try {
    pending += decoder.decode();
  } catch {
    throw new CliError(ExitCode.INPUT, 'the input is not valid UTF-8');
  }
  if (pending !== '') await emit(pending, false);
  if (out !== '') await write(out);
  return { lines, changed, bytesIn };
}

function listOption(value: string | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const id of ids) {
    if (!(SCAN_KINDS as readonly string[]).includes(id)) {
      throw new CliError(ExitCode.USAGE, `${name} takes kind ids separated by commas: ${SCAN_KINDS.join(', ')}`);
    }
  }
  return ids;
}

function protectorFor(options: RedactCommandOptions): LogProtector {
  let minConfidence: number | undefined;
  if (options.minConfidence !== undefined) {
    minConfidence = Number(options.minConfidence);
    if (!/^\s*(0(\.\d+)?|1(\.0+)?)\s*$/.test(options.minConfidence)) throw new CliError(ExitCode.USAGE, '--min-confidence must be a number from 0 to 1');
  }
  const protect: ProtectOptions = {
    scene: (options.scene ?? 'log') as ProtectOptions['scene'],
    minConfidence,
    kinds: listOption(options.kinds, '--kinds'),
    exclude: listOption(options.exclude, '--exclude'),
  };
  try {
    return new LogProtector(protect);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(ExitCode.USAGE, e.message);
    throw e;
  }
}

async function* readInput(input: string): AsyncIterable<Uint8Array> {
  const stream = input === '-' ? process.stdin : createReadStream(input);
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code ?? 'read error';
    throw new CliError(ExitCode.INPUT, `cannot read ${input === '-' ? 'standard input' : input} (${code})`);
  }
}

/** Runs the command; returns its exit code. */
export async function redactFile(input: string, options: RedactCommandOptions): Promise<number> {
  const protector = protectorFor(options);
  const console = createConsole(options.quiet === true);
  const sink = await openOutput(options.output ?? '-');
  const encoder = new TextEncoder();
  const started = performance.now();
  try {
    const summary = await redactLines(readInput(input), (text) => sink.write(encoder.encode(text)), protector, options.json === true);
    await sink.commit();
    const seconds = (performance.now() - started) / 1000;
    const mb = summary.bytesIn / 1e6;
    console.note(`redact: ${summary.lines} lines, ${summary.changed} with masked values; ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (${(seconds > 0 ? mb / seconds : 0).toFixed(1)} MB/s)\n`);
    return ExitCode.OK;
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

export function registerRedact(program: Command, done: (code: number) => void = (code) => void (process.exitCode = code)): void {
  program
    .command('redact')
    .description('mask ID, card, mobile, email … numbers found in a log file (or any text), line by line; the output keeps every line')
    .argument('<input>', 'input file, or - for standard input (UTF-8)')
    .option('-o, --output <path>', 'output file (written atomically), or - for standard output', '-')
    .option('--scene <scene>', 'masks of this scene: log, display, analytics, share', 'log')
    .option('--min-confidence <n>', 'mask findings at least this confident (0 to 1)', '0.5')
    .option('--kinds <ids>', `only these kinds (comma-separated): ${SCAN_KINDS.join(', ')}`)
    .option('--exclude <ids>', 'never these kinds (comma-separated)')
    .option('--json', 'lines holding JSON are also masked by field name (mobile, idNo, password …) and stay valid JSON')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (input: string, options: RedactCommandOptions) => done(await redactFile(input, options)));
}
