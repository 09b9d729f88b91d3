/**
 * `fieldshield demo`: the whole product on a synthetic 30-column customer table in a few
 * seconds — generate the table, classify it (with HTML and JSON reports), protect it for every
 * scene, reveal the storage copy with an audit trail, and show what each scene did to one row.
 *
 * Everything goes to a fresh temporary directory (or `--dir`): the table, a throw-away master
 * key and keyring, one output file per scene, the reports and the audit log. The rows are
 * synthetic (kinds' generators, seeded), so nothing real is ever shown.
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../encoding.js';
import { Keyring, LocalKeyProvider } from '../../keys/index.js';
import type { Scene } from '../../mask/types.js';
import { SCENES } from '../../policy/index.js';
import { ExitCode } from '../exit-codes.js';
import { AtomicFile } from '../io/atomic-file.js';
import { RejectLog } from '../io/rejects.js';
import type { KeyedChunkExtra, OperationConfig } from '../operations.js';
import { runPipeline, type PipelineSummary } from '../pipeline.js';
import { renderTable, truncateCells } from '../report/text-table.js';
import { CUSTOMER_COLUMNS, CustomerGenerator } from '../sample-data.js';
import { saveKeyring } from '../keyring-file.js';
import { classifyFile } from './classify.js';
import { addUsage, recordUsage } from './keys-options.js';
import { integerOption } from './common.js';

interface DemoOptions {
  readonly rows?: string;
  readonly dir?: string;
  readonly threads?: string;
  readonly seed?: string;
}

/** Columns shown side by side for one row in every scene. */
const SHOWN = ['cust_name', 'id_no', 'mobile', 'card_no', 'cvv2', 'balance', 'birth_date'];

export function registerDemo(program: Command, done: (code: number) => void): void {
  program
    .command('demo')
    .description('generate a synthetic 30-column customer table, then classify, protect for every scene and reveal it, showing what each step did')
    .option('--rows <n>', 'rows to generate', '200')
    .option('--dir <path>', 'working directory (default: a new temporary directory)')
    .option('--threads <n>', 'worker threads (0 = the main thread; the demo table is small)', '0')
    .option('--seed <text>', 'seed of the synthetic data', 'fieldshield-demo')
    .action(async (options: DemoOptions) => done(await demo(options)));
}

async function demo(options: DemoOptions): Promise<number> {
  const out = (s = ''): void => void process.stdout.write(s + '\n');
  const rows = integerOption(options.rows, '--rows', 1, 1_000_000, 200);
  const threads = integerOption(options.threads, '--threads', 0, 256, 0);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'fieldshield-demo-')));
  await mkdir(dir, { recursive: true });
  const started = performance.now();

  // 1. The table.
  const csvPath = join(dir, 'customers.csv');
  const gen = new CustomerGenerator(options.seed ?? 'fieldshield-demo');
  const table = [CUSTOMER_COLUMNS as string[]];
  for (let i = 0; i < rows; i++) table.push(gen.next());
  await writeFile(csvPath, stringify(table, { record_delimiter: 'unix' }));
  out(`fieldshield demo — 个人金融信息字段级保护 on a synthetic customer table`);
  out(`working directory: ${dir}`);
  out(`\n1. generated customers.csv: ${rows} customers × ${CUSTOMER_COLUMNS.length} columns (synthetic, valid check digits)`);

  // 2. Keys: a throw-away master key, kept in the directory so the commands below can be rerun.
  const masterKey = LocalKeyProvider.generateMasterKey();
  await writeFile(join(dir, 'master.key'), toHex(masterKey) + '\n', { mode: 0o600 });
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(masterKey) });
  const keyringPath = join(dir, 'keyring.json');
  await saveKeyring(keyringPath, keyring);
  const keyringText = JSON.stringify(keyring.toJSON());
  out(`2. keyring.json: primary data key ${keyring.primaryKeyId}, wrapped by the master key in master.key (development only)`);

  // 3. Classify.
  const { report } = await classifyFile(csvPath, {
    json: join(dir, 'classification.json'),
    html: join(dir, 'classification.html'),
    threads: String(threads),
    quiet: true,
    rejects: join(dir, 'classify.rejects.jsonl'),
  });
  const c = report.classification;
  out(`\n3. classify (JR/T 0171-2020): C3 ${c.summary.C3}, C2 ${c.summary.C2}, C1 ${c.summary.C1}, not personal financial information ${c.summary.none}`);
  for (const level of ['C3', 'C2', 'C1', null] as const) {
    const cols = c.columns.filter((col) => col.level === level).map((col) => (col.kind === null ? col.field : `${col.field} (${col.kind})`));
    if (cols.length > 0) out(`   ${(level ?? 'none').padEnd(4)} ${cols.join(', ')}`);
  }
  out(`   reports: classification.html, classification.json`);

  // 4. Protect for every scene.
  out(`\n4. protect, one output file per scene (${SCENES.join(', ')})`);
  const firstRows = new Map<string, Record<string, string>>();
  firstRows.set('original', firstRow(table));
  const timings: string[][] = [];
  for (const scene of SCENES) {
    const path = join(dir, `customers.${scene}.csv`);
    const { seconds, rejected, columns, usage } = await protectFile(csvPath, path, scene, keyringText, masterKey, threads, join(dir, `${scene}.rejects.jsonl`));
    await recordUsage(keyringPath, usage);
    const protectedRows = parse(await readFile(path, 'utf8')) as string[][];
    firstRows.set(scene, firstRow(protectedRows));
    timings.push([scene, `customers.${scene}.csv`, `${columns} columns`, `${rejected} rejected`, `${(seconds * 1000).toFixed(0)} ms`]);
  }
  out(indent(renderTable(['SCENE', 'FILE', 'COLUMNS', 'REJECTS', 'TIME'], timings)));

  out(`\n   the first customer, as each scene leaves it (— = column dropped):`);
  const shown = SHOWN.filter((col) => CUSTOMER_COLUMNS.includes(col));
  const grid = [...firstRows.entries()].map(([scene, row]) => [
    scene,
    ...shown.map((col) => (row[col] === undefined ? '—' : truncateCells(row[col], scene === 'storage' ? 12 : 22))),
  ]);
  out(indent(renderTable(['', ...shown], grid)));

  // 5. Reveal the storage copy.
  const revealedPath = join(dir, 'customers.revealed.csv');
  const auditPath = join(dir, 'audit.jsonl');
  const revealed = await revealFile(join(dir, 'customers.storage.csv'), revealedPath, auditPath, keyringText, masterKey, threads);
  const identical = (await readFile(revealedPath, 'utf8')) === (await readFile(csvPath, 'utf8'));
  out(`\n5. reveal customers.storage.csv as actor demo-analyst (purpose "demo"): ${revealed.rows} rows, ${revealed.events} audit events in audit.jsonl`);
  out(`   decrypted file identical to customers.csv: ${identical ? 'yes' : 'NO'}`);

  // In this checkout the command is `npm run -s fieldshield --` (no build, nothing on the PATH);
  // installed as a package it is `npx fieldshield`.
  out(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s. Try the same with the CLI (installed as a package: npx fieldshield …):`);
  out(`   export FIELDSHIELD_MASTER_KEY=$(cat ${join(dir, 'master.key')})`);
  out(`   npm run -s fieldshield -- classify ${csvPath} --html report.html`);
  out(`   npm run -s fieldshield -- protect --scene devtest --keyring ${keyringPath} ${csvPath} -o devtest.csv`);
  out(`   npm run -s fieldshield -- keys list --keyring ${keyringPath}`);
  return identical ? ExitCode.OK : ExitCode.INTERNAL;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => '   ' + l)
    .join('\n');
}

function firstRow(table: readonly (readonly string[])[]): Record<string, string> {
  const [header, first] = table;
  return Object.fromEntries(header.map((h, i) => [h, first?.[i] ?? '']));
}

/**
 * One demo step: the CSV `input` through `operation` into `output` (atomically), with the
 * extras of every chunk handed to `onChunk`.
 */
async function runToFile(
  input: string,
  output: string,
  operation: OperationConfig,
  threads: number,
  rejects: RejectLog,
  maxRejects: number,
  onChunk: (extra: KeyedChunkExtra) => void,
): Promise<PipelineSummary> {
  const sink = await AtomicFile.create(output);
  try {
    const summary = await runPipeline({
      inputPath: input,
      format: 'csv',
      encoding: 'utf-8',
      threads,
      operation,
      output: sink,
      rejects,
      maxRejects,
      progress: { enabled: false, label: operation.kind },
      onChunk: (extra) => onChunk(extra as KeyedChunkExtra),
    });
    await sink.commit();
    await rejects.finish();
    return summary;
  } catch (e) {
    await sink.abort();
    await rejects.abort();
    throw e;
  }
}

async function protectFile(
  input: string,
  output: string,
  scene: Scene,
  keyringText: string,
  masterKey: Uint8Array,
  threads: number,
  rejectsPath: string,
): Promise<{ seconds: number; rejected: number; columns: number; usage: Map<string, number> }> {
  const usage = new Map<string, number>();
  const operation: OperationConfig = { kind: 'protect', scene, onFieldError: 'reject', emptyIsNull: true, keyringText, keyringName: 'keyring.json', masterKey };
  const s = await runToFile(input, output, operation, threads, new RejectLog(rejectsPath), Number.MAX_SAFE_INTEGER, (x) => addUsage(usage, x.usage));
  return { seconds: s.seconds, rejected: s.rejected, columns: s.outputColumns?.length ?? 0, usage };
}

async function revealFile(
  input: string,
  output: string,
  auditPath: string,
  keyringText: string,
  masterKey: Uint8Array,
  threads: number,
): Promise<{ rows: number; events: number }> {
  const operation: OperationConfig = {
    kind: 'reveal',
    actor: 'demo-analyst',
    purpose: 'demo',
    source: 'fieldshield demo',
    inputName: input,
    onFieldError: 'reject',
    emptyIsNull: true,
    keyringText,
    keyringName: 'keyring.json',
    masterKey,
  };
  let audit = '';
  const s = await runToFile(input, output, operation, threads, new RejectLog(undefined), 0, (x) => {
    audit += x.audit ?? '';
  });
  await writeFile(auditPath, audit, { mode: 0o600 });
  return { rows: s.rowsOut, events: audit === '' ? 0 : audit.trimEnd().split('\n').length };
}
