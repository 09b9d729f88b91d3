/**
 * `npm run bench:readme`: rewrites the README's benchmark section from the recorded results —
 * bench/results/latest.json (`npm run bench`), cli.json (bench/cli-throughput.ts), db.json
 * (bench/db.ts) and hsm.json (bench/hsm.ts) — between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->`, so the README shows what was measured and
 * nothing else. Missing result files leave their table out.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult, SuiteResult } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const README = join(ROOT, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function read<T>(name: string): T | undefined {
  const file = join(RESULTS, name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ops = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(1));
const day = (iso: string): string => iso.slice(0, 10);

interface Latest {
  env: { date: string; node: string; cpu: string; cores: number; rounds?: number; merged?: { date: string; suites: string[] }[] };
  suites: SuiteResult[];
}

function targetsTable(latest: Latest): string[] {
  const lines = ['| benchmark | fieldshield | compared with | measured | target | |', '|---|---:|---|---:|---:|---|'];
  for (const s of latest.suites) {
    const ours = s.results.find((r) => r.ours) as CaseResult;
    const rate = `${ops(ours.opsPerSec * (s.items ?? 1))}/s`;
    for (const c of s.results) {
      if (c.target === undefined || c.ratio === undefined) continue;
      lines.push(`| ${s.title} | ${rate} | ${c.name} (${ops(c.opsPerSec * (s.items ?? 1))}/s) | ${c.ratio.toFixed(2)}x | ≥ ${c.target}x | ${c.targetMet ? 'met' : '**missed**'} |`);
    }
    if (s.absolute !== undefined) {
      const a = s.absolute;
      lines.push(`| ${s.title} | ${int(a.measured)} ${a.unit} | — | ${int(a.measured)} | ≥ ${int(a.min)} | ${a.met ? 'met' : '**missed**'} |`);
    }
  }
  return lines;
}

/** Suites shown in full (every row), in this order. */
const FULL = ['gcm-enc-ID number', 'envelope-enc-ID number', 'envelope-dec-ID number', 'mask-mobile', 'mask-card', 'scan-redact-log', 'policy-storage', 'policy-display', 'policy-devtest', 'policy-reveal'];

function suiteTable(s: SuiteResult): string[] {
  const lines = [`**${s.title}**`, '', '| implementation | ops/s | fieldshield ÷ it | how it is called |', '|---|---:|---:|---|'];
  for (const c of s.results) {
    lines.push(`| ${c.ours ? `**${c.name}**` : c.name} | ${ops(c.opsPerSec)} | ${c.ratio === undefined ? '' : `${c.ratio.toFixed(2)}x`} | ${c.how ?? ''} |`);
  }
  return lines;
}

function otherSuites(latest: Latest): string[] {
  const lines = ['| benchmark | fieldshield | peers (fieldshield ÷ peer) |', '|---|---:|---|'];
  for (const s of latest.suites) {
    if (FULL.includes(s.id) || s.id.startsWith('scan-linear')) continue;
    const ours = s.results.find((r) => r.ours) as CaseResult;
    const mb = ours.mbPerSec !== undefined && ours.mbPerSec >= 50 ? ` (${ours.mbPerSec.toFixed(0)} MB/s)` : '';
    const peers = s.results
      .filter((r) => !r.ours && r.ratio !== undefined)
      .map((r) => `${r.name} ${r.ratio?.toFixed(2)}x`)
      .join('; ');
    lines.push(`| ${s.title} | ${ops(ours.opsPerSec * (s.items ?? 1))}/s${mb} | ${peers} |`);
  }
  return lines;
}

function linearity(latest: Latest): string[] {
  const rows = latest.suites.filter((s) => s.id.startsWith('scan-linear'));
  if (rows.length === 0) return [];
  const cells = rows.map((s) => `${s.title.split(':')[0].replace('Linear scaling, ', '')} ${(s.results[1].ratio ?? 0).toFixed(1)}x`);
  return [`scanText time for 1 M characters ÷ 100 K characters (10 = linear, limit 15): ${cells.join('; ')}.`];
}

interface CliRun {
  name: string;
  threads: number;
  mbPerSecond: number;
  rowsPerSecond: number;
  mbPerCpuSecond: number;
}
interface CliResults {
  date: string;
  loadAverageAtStart: number[];
  input: { rows: number; mb: number; columns: number };
  runs: CliRun[];
  /** sameThreads: the median of the per-round ratios (`rounds`) when recorded, else the ratio of the medians. */
  devtestVsPassThrough: { sameThreads: number; rounds?: number[]; ratioOfMedians?: number; passThroughOneThread: number; target: number };
  /** Interleaved rounds per configuration (the median is reported); absent in older results: 1. */
  rounds?: number;
  memory?: { inputMB: number; peakRssMB: number; date?: string };
}

function cliTable(c: CliResults): string[] {
  const lines = [
    `**The CLI on files** (\`npx tsx bench/cli-throughput.ts --size 100MB\`, ${day(c.date)}; ${c.input.mb.toFixed(0)} MB, ${int(c.input.rows)} rows × ${c.input.columns} columns; ${(c.rounds ?? 1) > 1 ? `median of ${c.rounds} interleaved rounds` : 'one run'} per configuration):`,
    '',
    '| run | threads | MB/s | rows/s | vs pass-through (same threads) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of c.runs) {
    const base = c.runs.find((x) => x.name === 'pass-through' && x.threads === r.threads) as CliRun;
    lines.push(`| ${r.name} | ${r.threads} | ${r.mbPerSecond.toFixed(1)} | ${int(r.rowsPerSecond)} | ${((100 * r.mbPerSecond) / base.mbPerSecond).toFixed(0)}% |`);
  }
  const d = c.devtestVsPassThrough;
  lines.push(
    '',
    `Target: devtest with 2 threads ≥ ${(d.target * 100).toFixed(0)}% of pass-through with 2 threads; measured ${(d.sameThreads * 100).toFixed(d.rounds === undefined ? 0 : 1)}%` +
      (d.rounds === undefined
        ? ''
        : ` (median of the rounds' ratios ${d.rounds.map((r) => (r * 100).toFixed(1) + '%').join(', ')}; the medians in the table give ${((d.ratioOfMedians ?? 0) * 100).toFixed(1)}%)`) +
      `: ${d.sameThreads >= d.target ? 'met' : '**missed**'}.`,
  );
  if (c.memory !== undefined) {
    lines.push(
      `Memory: \`protect --scene devtest --threads 2\` on a ${(c.memory.inputMB / 1000).toFixed(1)} GB input peaks at ${c.memory.peakRssMB.toFixed(0)} MB RSS (target < 300 MB${c.memory.date === undefined ? '' : `, ${day(c.memory.date)}`}).`,
    );
  }
  return lines;
}

interface DbResults {
  env: { date: string; database: string };
  crud: { rows: number; protectedColumns: number; insert: { plainRowsPerSec: number; protectedRowsPerSec: number; ratio: number }; select: { plainRowsPerSec: number; protectedRowsPerSec: number; ratio: number } };
  lookup: { rows: number; blindIndex: { p50Ms: number; p95Ms: number }; plaintextBtree: { p50Ms: number; p95Ms: number } };
  migration: { rows: number; encryptRowsPerSec: number; rewrapRowsPerSec: number };
}

function dbTable(d: DbResults): string[] {
  return [
    `**Databases** (\`npx tsx bench/db.ts\`, ${d.env.database}, ${day(d.env.date)}):`,
    '',
    '| measure | plain | protected | |',
    '|---|---:|---:|---|',
    `| insert, rows/s (${d.crud.protectedColumns} protected columns) | ${int(d.crud.insert.plainRowsPerSec)} | ${int(d.crud.insert.protectedRowsPerSec)} | ${d.crud.insert.ratio.toFixed(2)}x slower |`,
    `| select, rows/s | ${int(d.crud.select.plainRowsPerSec)} | ${int(d.crud.select.protectedRowsPerSec)} | ${d.crud.select.ratio.toFixed(2)}x slower |`,
    `| equality lookup on ${int(d.lookup.rows)} rows, p50 / p95 ms | ${d.lookup.plaintextBtree.p50Ms.toFixed(2)} / ${d.lookup.plaintextBtree.p95Ms.toFixed(2)} (B-tree on plaintext) | ${d.lookup.blindIndex.p50Ms.toFixed(2)} / ${d.lookup.blindIndex.p95Ms.toFixed(2)} (blind index) | |`,
    `| migration of ${int(d.migration.rows)} rows, rows/s | | ${int(d.migration.encryptRowsPerSec)} encrypt, ${int(d.migration.rewrapRowsPerSec)} rewrap | |`,
  ];
}

interface HsmResults {
  env: { date: string };
  keyringLoad: { provider: string; keys: number; medianMs: number }[];
  fieldOps: { operation: string; hsmOpsPerSec: number; localOpsPerSec: number }[];
}

function hsmTable(h: HsmResults): string[] {
  const providers = [...new Set(h.keyringLoad.map((r) => r.provider))];
  const counts = [...new Set(h.keyringLoad.map((r) => r.keys))];
  const lines = [
    `**HSM** (\`npx tsx bench/hsm.ts\`, SoftHSM2, ${day(h.env.date)}): keyring load, median ms`,
    '',
    `| provider | ${counts.map((n) => `${n} DEK${n === 1 ? '' : 's'}`).join(' | ')} |`,
    `|---|${counts.map(() => '---:').join('|')}|`,
  ];
  for (const p of providers) {
    lines.push(`| ${p} | ${counts.map((n) => h.keyringLoad.find((r) => r.provider === p && r.keys === n)?.medianMs.toFixed(2) ?? '').join(' | ')} |`);
  }
  lines.push('', 'After loading, field operations do not touch the HSM: ' + h.fieldOps.map((f) => `${f.operation}: ${ops(f.hsmOpsPerSec)}/s with the HSM keyring, ${ops(f.localOpsPerSec)}/s with the local one`).join('; ') + '.');
  return lines;
}

const latest = read<Latest>('latest.json');
if (latest === undefined) throw new Error('bench/results/latest.json is missing: run `npm run bench` first');
const e = latest.env;
const section: string[] = [
  START,
  `<!-- generated by \`npm run bench:readme\` from bench/results/*.json: edit bench/readme.ts, not this text -->`,
  '',
  `\`npm run bench\` on ${day(e.date)}: ${e.cpu} (${e.cores} cores), Node ${e.node}; every row is the median of ${e.rounds ?? 1} interleaved rounds, ratios are fieldshield ÷ peer in the same run (above 1: fieldshield is faster). Full tables: \`bench/results/latest.json\`.` +
    (e.merged === undefined ? '' : ` Re-measured later with \`--merge\` (a burst of load from outside spoiled the first run of these): ${e.merged.map((m) => `${m.suites.join(', ')} on ${day(m.date)}`).join('; ')}.`),
  '',
  '#### Targets',
  '',
  ...targetsTable(latest),
  '',
  '#### Main tables',
  '',
];
for (const id of FULL) {
  const s = latest.suites.find((x) => x.id === id);
  if (s !== undefined) section.push(...suiteTable(s), '');
}
section.push('#### Everything else', '', ...otherSuites(latest), '', ...linearity(latest), '');
const cli = read<CliResults>('cli.json');
if (cli !== undefined) section.push(...cliTable(cli), '');
const db = read<DbResults>('db.json');
if (db !== undefined) section.push(...dbTable(db), '');
const hsm = read<HsmResults>('hsm.json');
if (hsm !== undefined) section.push(...hsmTable(hsm), '');
section.push(END);

const readme = readFileSync(README, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md needs the markers ${START} and ${END}`);
writeFileSync(README, readme.slice(0, from) + section.join('\n') + readme.slice(to + END.length));
console.log(`README.md: benchmark section rewritten (${section.length} lines)`);
