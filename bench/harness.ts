/**
 * A small benchmark harness over mitata's `measure`: every suite runs fieldshield and its
 * peers side by side in one process, interleaved in rounds (median of rounds), prints a markdown table (ops/s, MB/s, ratio of
 * fieldshield to each peer, targets met or missed) and collects JSON for bench/results/.
 * Benchmarks only: nothing here fails a build on speed.
 */
import { measure } from 'mitata';

export interface BenchCase {
  /** Row label, e.g. `sm-crypto sm4 cbc`. */
  readonly name: string;
  /** True for fieldshield's own row(s); peers are compared against the first `ours` row. */
  readonly ours?: boolean;
  /** How the peer is called (so the table says it is used at its fastest). */
  readonly how?: string;
  /** One operation. Its result is kept alive so the JIT cannot drop the work. */
  readonly fn: () => unknown;
  /** Target: fieldshield's ops/s must be at least `min` × this row's. */
  readonly target?: number;
}

export interface BenchSuite {
  readonly id: string;
  readonly title: string;
  /** Bytes processed per operation, for MB/s (omit for non-byte workloads). */
  readonly bytes?: number;
  /** Records/rows per operation, for rows/s (omit when 1 op = 1 item). */
  readonly items?: number;
  /** An absolute target for fieldshield's row: at least `min` items (ops × items) per second. */
  readonly minPerSec?: { readonly min: number; readonly unit: string };
  readonly cases: readonly BenchCase[];
}

export interface CaseResult {
  readonly name: string;
  readonly ours: boolean;
  readonly how?: string;
  readonly nsPerOp: number;
  readonly opsPerSec: number;
  readonly mbPerSec?: number;
  /** fieldshield ops/s ÷ this row's ops/s (peers only). */
  readonly ratio?: number;
  readonly target?: number;
  readonly targetMet?: boolean;
  /** Slowest round ÷ fastest round − 1: how noisy this row's measurement was. */
  readonly spread: number;
}

export interface SuiteResult {
  readonly id: string;
  readonly title: string;
  readonly bytes?: number;
  readonly items?: number;
  /** The absolute target, fieldshield's measured rate in its unit, and whether it was met. */
  readonly absolute?: { readonly min: number; readonly unit: string; readonly measured: number; readonly met: boolean };
  readonly results: CaseResult[];
}

let sink: unknown;
/** Keeps a value observable so benchmarked work is not optimised away. */
export function keep(v: unknown): void {
  sink = v;
}

export interface RunOptions {
  /** Minimum CPU time per case in ms (mitata's min_cpu_time), summed over the rounds. */
  readonly minMs: number;
  /** Rounds (default 5): every case is measured once per round, in rotating order. */
  readonly rounds?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Measures every case in `rounds` interleaved rounds (case order rotates each round) and takes
 * each case's median round: a burst of load from another process then hits one round of every
 * case rather than all of one case, so ratios between peers stay fair on a shared machine.
 */
export async function runSuite(suite: BenchSuite, opts: RunOptions): Promise<SuiteResult> {
  const rounds = Math.max(1, opts.rounds ?? 5);
  const perRoundNs = (opts.minMs * 1e6) / rounds;
  const samples: number[][] = suite.cases.map(() => []);
  // Check each case works before timing it: a benchmark of a throwing function is a lie.
  for (const c of suite.cases) keep(c.fn());
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < suite.cases.length; k++) {
      const i = (k + round) % suite.cases.length;
      const c = suite.cases[i];
      const stats = await measure(() => keep(c.fn()), { min_cpu_time: perRoundNs });
      samples[i].push(stats.avg);
    }
  }
  const raw = suite.cases.map((c, i) => ({ c, ns: median(samples[i]), spread: Math.max(...samples[i]) / Math.min(...samples[i]) - 1 }));
  const oursRow = raw.find((r) => r.c.ours);
  const results = raw.map(({ c, ns, spread }): CaseResult => {
    const opsPerSec = 1e9 / ns;
    const ratio = oursRow && !c.ours ? ns / oursRow.ns : undefined;
    return {
      name: c.name,
      ours: c.ours === true,
      how: c.how,
      nsPerOp: ns,
      opsPerSec,
      mbPerSec: suite.bytes ? (opsPerSec * suite.bytes) / 1e6 : undefined,
      ratio,
      target: c.target,
      targetMet: c.target !== undefined && ratio !== undefined ? ratio >= c.target : undefined,
      spread,
    };
  });
  void sink;
  const oursResult = results.find((r) => r.ours);
  const absolute =
    suite.minPerSec === undefined || oursResult === undefined
      ? undefined
      : (() => {
          const measured = oursResult.opsPerSec * (suite.items ?? 1);
          return { ...suite.minPerSec, measured, met: measured >= suite.minPerSec.min };
        })();
  return { id: suite.id, title: suite.title, bytes: suite.bytes, items: suite.items, absolute, results };
}

function fmtOps(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(1);
}

/** Markdown table of one suite. */
export function formatSuite(r: SuiteResult): string {
  const lines = [
    `### ${r.title}`,
    '',
    '| implementation | ops/s | MB/s | fieldshield ÷ it | target | spread | how it is called |',
    '|---|---:|---:|---:|---|---:|---|',
  ];
  for (const c of r.results) {
    const name = c.ours ? `**${c.name}**` : c.name;
    const mb = c.mbPerSec === undefined ? '' : c.mbPerSec >= 100 ? c.mbPerSec.toFixed(0) : c.mbPerSec.toFixed(2);
    const ratio = c.ratio === undefined ? '' : `${c.ratio.toFixed(2)}x`;
    const target = c.target === undefined ? '' : `>= ${c.target}x ${c.targetMet ? 'met' : 'MISSED'}`;
    lines.push(`| ${name} | ${fmtOps(c.opsPerSec)} | ${mb} | ${ratio} | ${target} | ${(c.spread * 100).toFixed(0)}% | ${c.how ?? ''} |`);
  }
  if (r.absolute !== undefined) {
    const a = r.absolute;
    lines.push('', `Target: >= ${a.min.toLocaleString('en-US')} ${a.unit}; measured ${Math.round(a.measured).toLocaleString('en-US')} ${a.unit}: ${a.met ? 'met' : 'MISSED'}.`);
  }
  return lines.join('\n');
}
