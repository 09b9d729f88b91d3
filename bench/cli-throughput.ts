/**
 * CLI throughput: MB/s and rows/s of `classify`, `protect --scene devtest` and
 * `protect --scene storage` with 1 and 2 worker threads, against the pass-through ceiling
 * (the same pipeline doing only parse + serialize), on a synthetic 30-column customer CSV.
 *
 *   npx tsx bench/cli-throughput.ts [--size 100MB] [--rounds 3] [--memory 2GB] [--keep]
 *
 * Each configuration runs `--rounds` times (an odd number), interleaved (every configuration of
 * a thread count once per round), and its median run is reported, as the other benchmarks do:
 * on a shared 2-vCPU machine one run of a configuration can be 30% off, and a ratio of two
 * single runs more. The devtest target is judged on the median of the per-round ratios (devtest
 * over the pass-through run of the same round, minutes apart); the ratio of the two medians is
 * recorded beside it.
 *
 * Throughput runs call the CLI's pipeline in this process (the code `fieldshield` runs, minus
 * argument parsing), so every configuration, pass-through included, is timed the same way;
 * worker threads are real piscina workers running the built CLI's worker entry. `--memory` additionally runs the built CLI as a child
 * process on an input of that size and records its peak resident memory (VmHWM, worker threads
 * included). Results go to bench/results/cli.json and a Markdown table to stdout.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring, LocalKeyProvider } from '../src/keys/index.js';
import { classifyFile } from '../src/cli/commands/classify.js';
import { AtomicFile } from '../src/cli/io/atomic-file.js';
import { RejectLog } from '../src/cli/io/rejects.js';
import type { OperationConfig } from '../src/cli/operations.js';
import { runPipeline } from '../src/cli/pipeline.js';
import { setWorkerEntry } from '../src/cli/pool.js';
import { buildCli } from '../test/cli/helpers.js';
import { generateCustomersCsv, parseSize } from './gen-customers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  readonly name: string;
  readonly threads: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly rowsPerSecond: number;
  /** CPU time of the process (all threads): MB per CPU-second does not depend on other load. */
  readonly cpuSeconds: number;
  readonly mbPerCpuSecond: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const size = parseSize(arg('--size') ?? '100MB');
const roundsArg = process.argv.includes('--rounds') ? arg('--rounds') : '3';
const rounds = Number(roundsArg);
// Odd, so that the median is one of the runs.
if (!(Number.isInteger(rounds) && rounds >= 1 && rounds % 2 === 1)) throw new Error('--rounds must be an odd positive integer');
const memorySize = arg('--memory') === undefined ? undefined : parseSize(arg('--memory') as string);
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'fieldshield-bench-cli-'));
const input = join(work, 'customers.csv');
const out = (s = ''): void => void process.stdout.write(s + '\n');
const loadAtStart = loadavg();

// Workers run the built CLI's worker entry (dist/cli.cjs as `npm run build` makes it, built
// fresh here from the sources), as `fieldshield` itself starts them.
const cliBundle = await buildCli();
setWorkerEntry(cliBundle.replace(/\.js$/, '.cjs'));

const masterKey = LocalKeyProvider.generateMasterKey();
const keyring = await Keyring.create({ provider: new LocalKeyProvider(masterKey) });
const keyringText = JSON.stringify(keyring.toJSON());

out(`generating ${(size / 1e6).toFixed(0)} MB of customer CSV in ${work} ...`);
const gen = await generateCustomersCsv(input, size, 'bench-cli');
const mb = gen.bytes / 1e6;
out(`${gen.rows} rows, ${mb.toFixed(1)} MB; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0].toFixed(1)}`);

async function pipe(name: string, threads: number, operation: OperationConfig): Promise<Run> {
  const cpu = process.cpuUsage();
  const sink = await AtomicFile.create(join(work, 'out.csv'));
  const s = await runPipeline({
    inputPath: input,
    format: 'csv',
    encoding: 'utf-8',
    threads,
    operation,
    output: sink,
    rejects: new RejectLog(undefined),
    maxRejects: 0,
    progress: { enabled: false, label: name },
  });
  await sink.commit();
  return record(name, threads, s.seconds, s.rowsIn, cpu);
}

function record(name: string, threads: number, seconds: number, rows: number, cpuStart: NodeJS.CpuUsage): Run {
  const used = process.cpuUsage(cpuStart);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const r = { name, threads, seconds, mbPerSecond: mb / seconds, rowsPerSecond: rows / seconds, cpuSeconds, mbPerCpuSecond: mb / cpuSeconds };
  out(
    `  ${name.padEnd(20)} ${threads} thread(s): ${r.mbPerSecond.toFixed(1).padStart(6)} MB/s ${Math.round(r.rowsPerSecond).toString().padStart(8)} rows/s ` +
      `(${seconds.toFixed(1)} s; ${r.mbPerCpuSecond.toFixed(1)} MB per CPU-second)`,
  );
  return r;
}

/** The run with the median time among the (odd number of) rounds of one configuration. */
function median(samples: readonly Run[]): Run {
  const sorted = [...samples].sort((a, b) => a.seconds - b.seconds);
  return sorted[sorted.length >> 1];
}

/** Every round's runs, kept in the JSON beside the medians. */
const samples: Run[] = [];
const runs: Run[] = [];
const protect = (scene: 'devtest' | 'storage'): OperationConfig => ({
  kind: 'protect',
  scene,
  onFieldError: 'reject',
  emptyIsNull: true,
  keyringText,
  keyringName: 'bench',
  masterKey,
});
const NAMES = ['pass-through', 'classify', 'protect devtest', 'protect storage'];
for (const threads of [1, 2]) {
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) out(`round ${round} of ${rounds}, ${threads} thread(s):`);
    samples.push(await pipe('pass-through', threads, { kind: 'passthrough' }));
    const t = performance.now();
    const cpu = process.cpuUsage();
    const c = await classifyFile(input, { threads: String(threads), quiet: true, rejects: join(work, 'classify.rejects.jsonl') });
    samples.push(record('classify', threads, (performance.now() - t) / 1000, c.report.rows, cpu));
    samples.push(await pipe('protect devtest', threads, protect('devtest')));
    samples.push(await pipe('protect storage', threads, protect('storage')));
  }
  for (const name of NAMES) runs.push(median(samples.filter((r) => r.name === name && r.threads === threads)));
}

const find = (name: string, threads: number): Run => runs.find((r) => r.name === name && r.threads === threads) as Run;
/** Devtest over pass-through of the same round, per round, for `threads` threads. */
function perRoundRatios(threads: number): number[] {
  const of = (name: string) => samples.filter((r) => r.name === name && r.threads === threads);
  const pass = of('pass-through');
  return of('protect devtest').map((d, i) => d.mbPerSecond / pass[i].mbPerSecond);
}
const roundRatios2 = perRoundRatios(2);
const ratio2 = [...roundRatios2].sort((a, b) => a - b)[roundRatios2.length >> 1];
const ratioOfMedians2 = find('protect devtest', 2).mbPerSecond / find('pass-through', 2).mbPerSecond;
const ratio1 = find('protect devtest', 2).mbPerSecond / find('pass-through', 1).mbPerSecond;

/** Peak RSS of the built CLI protecting an input of `bytes` (devtest, 2 threads). */
async function memoryCheck(bytes: number): Promise<{ inputMB: number; peakRssMB: number; seconds: number; date: string }> {
  const big = join(work, 'big.csv');
  // Repeating the generated rows is enough to measure memory, and much faster than generating.
  const text = readFileSync(input, 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  const w = createWriteStream(big);
  let written = 0;
  if (!w.write(text.slice(0, text.indexOf('\n') + 1))) await once(w, 'drain');
  while (written < bytes) {
    written += Buffer.byteLength(body);
    if (!w.write(body)) await once(w, 'drain');
  }
  w.end();
  await once(w, 'finish');
  const inputMB = statSync(big).size / 1e6;
  writeFileSync(join(work, 'keyring.json'), keyringText);
  const t = performance.now();
  const child = spawn(process.execPath, [cliBundle, 'protect', '--scene', 'devtest', '--keyring', 'keyring.json', '--threads', '2', '-q', 'big.csv', '-o', 'big.out.csv'], {
    cwd: work,
    env: { ...process.env, FIELDSHIELD_MASTER_KEY: Buffer.from(masterKey).toString('hex') },
    stdio: 'inherit',
  });
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m !== null) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // The process has just exited.
    }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(poll);
  if (code !== 0) throw new Error(`the CLI exited with ${code}`);
  rmSync(big);
  rmSync(join(work, 'big.out.csv'));
  return { inputMB, peakRssMB: peak, seconds: (performance.now() - t) / 1000, date: new Date().toISOString() };
}

let memory: Awaited<ReturnType<typeof memoryCheck>> | undefined;
if (memorySize !== undefined) {
  out(`\nmemory: protect --scene devtest --threads 2 on ${(memorySize / 1e9).toFixed(1)} GB (built CLI, child process) ...`);
  memory = await memoryCheck(memorySize);
  out(`  peak RSS ${memory.peakRssMB.toFixed(0)} MB for ${memory.inputMB.toFixed(0)} MB of input in ${memory.seconds.toFixed(0)} s`);
}

out(`\nmedian of ${rounds} interleaved round(s):`);
out('\n| run | threads | MB/s | rows/s | vs pass-through (same threads) | MB per CPU-second |');
out('|---|---:|---:|---:|---:|---:|');
for (const r of runs) {
  const base = find('pass-through', r.threads).mbPerSecond;
  out(
    `| ${r.name} | ${r.threads} | ${r.mbPerSecond.toFixed(1)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ` +
      `${((100 * r.mbPerSecond) / base).toFixed(0)}% | ${r.mbPerCpuSecond.toFixed(1)} |`,
  );
}
out(
  `\nprotect devtest, 2 threads: ${(ratio2 * 100).toFixed(1)}% of pass-through with 2 threads (median of the rounds: ` +
    `${roundRatios2.map((r) => (r * 100).toFixed(1) + '%').join(', ')}; ratio of the medians ${(ratioOfMedians2 * 100).toFixed(1)}%), ` +
    `${(ratio1 * 100).toFixed(0)}% of pass-through with 1 thread (target: 50%)`,
);

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const resultFile = join(ROOT, 'bench', 'results', 'cli.json');
// The memory check takes many minutes: a run without --memory keeps the last one on record.
if (memory === undefined) {
  try {
    memory = (JSON.parse(readFileSync(resultFile, 'utf8')) as { memory?: typeof memory }).memory;
  } catch {
    // no earlier results
  }
}
writeFileSync(
  resultFile,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      availableParallelism: availableParallelism(),
      loadAverageAtStart: loadAtStart,
      input: { rows: gen.rows, mb, columns: 30 },
      rounds,
      runs,
      samples,
      devtestVsPassThrough: { sameThreads: ratio2, rounds: roundRatios2, ratioOfMedians: ratioOfMedians2, passThroughOneThread: ratio1, target: 0.5 },
      ...(memory === undefined ? {} : { memory }),
    },
    null,
    2,
  ) + '\n',
);
out('\nwrote bench/results/cli.json');
if (!keep) rmSync(work, { recursive: true, force: true });
