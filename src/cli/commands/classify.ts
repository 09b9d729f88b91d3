/**
 * `fieldshield classify`: streams a file, classifies every column into JR/T 0171 C3 / C2 / C1
 * from a uniform sample of its rows, prints a table and writes JSON and HTML reports.
 */
import type { Command } from 'commander';
import { classifyDataset, classifyField, type DatasetClassification } from '../../classify/index.js';
import { utf8Encode } from '../../encoding.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import type { Row } from '../io/records.js';
import type { ClassifyChunkExtra } from '../operations.js';
import { runPipeline } from '../pipeline.js';
import { renderHtmlReport } from '../report/html.js';
import { renderTextReport, type ClassificationReport } from '../report/report.js';
import { RowSample } from '../sampling.js';
import { VERSION } from '../version.js';
import { addDataOptions, createConsole, formatSummary, integerOption, rejectLogFor, resolveDataOptions, type DataOptions } from './common.js';

interface ClassifyOptions extends DataOptions {
  readonly json?: string;
  readonly html?: string;
  readonly table?: string;
  readonly sampleRows?: string;
  readonly seed?: string;
}

export const DEFAULT_SAMPLE_ROWS = 1000;

export function registerClassify(program: Command, done: (code: number) => void): void {
  const cmd = program
    .command('classify')
    .description('classify every column into JR/T 0171-2020 classes C3 / C2 / C1 and print a table; optional JSON and HTML reports')
    .argument('<input>', 'input file (CSV, TSV, JSONL or JSON array), or - for standard input')
    .option('--json <path>', 'write the report as JSON')
    .option('--html <path>', 'write the report as a self-contained HTML page')
    .option('--table <name>', 'table the columns belong to (helps tell customer from staff or company columns)')
    .option('--sample-rows <n>', 'rows the classifier inspects: a uniform random sample of the whole input', String(DEFAULT_SAMPLE_ROWS))
    .option('--seed <text>', 'seed of the sampling (the same input and seed give the same report)', 'fieldshield');
  addDataOptions(cmd);
  cmd.action(async (input: string, options: ClassifyOptions) => done(await classify(input, options)));
}

export interface ClassifyRun {
  readonly report: ClassificationReport;
  readonly exitCode: number;
}

export async function classifyFile(input: string, options: ClassifyOptions): Promise<ClassifyRun> {
  const data = resolveDataOptions(input, options);
  const sampleRows = integerOption(options.sampleRows, '--sample-rows', 1, 100_000, DEFAULT_SAMPLE_ROWS);
  const seed = utf8Encode(options.seed ?? 'fieldshield');
  const sample = new RowSample(sampleRows);
  const rejects = rejectLogFor(options, input, undefined);
  const summary = await runPipeline({
    inputPath: input,
    format: data.format,
    encoding: data.encoding,
    threads: data.threads,
    operation: { kind: 'classify', sampleRows, seed },
    rejects,
    maxRejects: data.maxRejects,
    progress: { enabled: data.progress, label: 'classify' },
    ...(data.chunkBytes === undefined ? {} : { chunkBytes: data.chunkBytes }),
    sampleBelow: () => sample.threshold,
    onChunk: (extra) => sample.merge((extra as ClassifyChunkExtra).candidates),
  }).catch(async (e: unknown) => {
    await rejects.finish();
    throw e;
  });
  await rejects.finish();
  // A CSV with a header and no rows is still classified, by its column names alone.
  const sampled = sample.rows;
  const rows: readonly Row[] = sampled.length === 0 && summary.columns !== undefined ? [Object.fromEntries(summary.columns.map((c) => [c, null]))] : sampled;
  const classification = classifyDataset(rows, {
    sampleSize: sampleRows,
    seed,
    ...(options.table === undefined ? {} : { table: options.table }),
  });
  const report: ClassificationReport = {
    input: input === '-' ? 'stdin' : input,
    format: data.format,
    rows: summary.rowsIn - summary.rejected,
    sampledRows: sampled.length,
    rejected: summary.rejected,
    generatedAt: new Date().toISOString(),
    generatedBy: VERSION,
    classification,
  };
  if (options.json !== undefined) await writeFileAtomic(options.json, JSON.stringify(report, null, 2) + '\n');
  if (options.html !== undefined) await writeFileAtomic(options.html, renderHtmlReport(report));
  const con = createConsole(options.quiet === true);
  con.note(formatSummary('classify', summary));
  if (summary.rejected > 0) con.note(`classify: ${summary.rejected} rows rejected; see ${rejects.path}\n`);
  const byValues = recognisedByValues(classification, options.table);
  if (byValues.length > 0) {
    const report = options.json === undefined ? 'write this report with --json and pass it' : `pass --classification ${options.json}`;
    con.note(
      `classify: ${byValues.length} column(s) recognised by their values, not their names: ${byValues.join(', ')}. ` +
        `protect and reveal read names only: ${report} to protect them as reported\n`,
    );
  }
  return { report, exitCode: summary.rejected > 0 ? ExitCode.REJECTS : ExitCode.OK };
}

/** Columns the report calls personal where the name alone (what protect reads) says less. */
function recognisedByValues(classification: DatasetClassification, table: string | undefined): string[] {
  const out: string[] = [];
  for (const c of classification.columns) {
    if (c.kind === null && (c.level === null || c.level === 'C1')) continue;
    const byName = classifyField(c.field, undefined, table === undefined ? undefined : { table });
    if (byName.kind !== c.kind || rank(byName.level) < rank(c.level)) out.push(c.field);
  }
  return out;
}

function rank(level: string | null): number {
  return level === 'C3' ? 3 : level === 'C2' ? 2 : level === 'C1' ? 1 : 0;
}

async function classify(input: string, options: ClassifyOptions): Promise<number> {
  const { report, exitCode } = await classifyFile(input, options);
  if (report.classification.columns.length === 0) throw new CliError(ExitCode.INPUT, `${report.input} has no rows to classify`);
  const width = process.stdout.isTTY ? Math.max(30, (process.stdout.columns ?? 120) - 70) : undefined;
  process.stdout.write(renderTextReport(report, width));
  return exitCode;
}
