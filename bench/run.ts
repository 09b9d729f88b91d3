/**
 * `npm run bench [-- --filter <regex>] [--quick] [--merge]`: runs every suite in bench/suites/,
 * prints markdown tables with ratios to the peers, and writes bench/results/latest.json. With a
 * filter the results go to partial.json, or with `--merge` replace those suites in latest.json
 * (to re-measure a few suites that a burst of load spoiled).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSuite, runSuite, type SuiteResult } from './harness.js';
import { allSuites } from './suites/index.js';

const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? new RegExp(args[filterAt + 1], 'i') : undefined;
const quick = args.includes('--quick');
const minMs = quick ? 150 : 1000;
const rounds = quick ? 3 : 5;

const results: SuiteResult[] = [];
const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  minMsPerCase: minMs,
  rounds,
};
console.log(`fieldshield benchmarks — ${env.node} on ${env.cpu} (${env.cores} cores), ${minMs} ms per case in ${rounds} interleaved rounds (median)\n`);

for (const suite of await allSuites()) {
  if (filter && !filter.test(suite.id) && !filter.test(suite.title)) continue;
  const r = await runSuite(suite, { minMs, rounds });
  results.push(r);
  console.log(formatSuite(r) + '\n');
}

if (filter !== undefined && results.length === 0) {
  // Nothing ran: say so, and leave the recorded results as they are.
  console.error(`no suite id or title matches ${filter}`);
  process.exit(2);
}

const missed = results.flatMap((s) => [
  ...s.results.filter((c) => c.targetMet === false).map((c) => `${s.title}: vs ${c.name}`),
  ...(s.absolute?.met === false ? [`${s.title}: ${Math.round(s.absolute.measured).toLocaleString('en-US')} ${s.absolute.unit}, target ${s.absolute.min.toLocaleString('en-US')}`] : []),
]);
console.log(missed.length ? `Targets missed:\n- ${missed.join('\n- ')}` : 'All targets met.');

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const merge = args.includes('--merge') && filter !== undefined;
const out = join(resultsDir, filter && !merge ? 'partial.json' : 'latest.json');
mkdirSync(resultsDir, { recursive: true });
let document: { env: typeof env & { merged?: { date: string; suites: string[] }[] }; suites: SuiteResult[] } = { env, suites: results };
if (merge) {
  if (!existsSync(out)) throw new Error('--merge needs an earlier full run (bench/results/latest.json)');
  const earlier = JSON.parse(readFileSync(out, 'utf8')) as typeof document;
  const fresh = new Map(results.map((r) => [r.id, r]));
  document = {
    env: { ...earlier.env, merged: [...(earlier.env.merged ?? []), { date: env.date, suites: results.map((r) => r.id) }] },
    suites: earlier.suites.map((s) => fresh.get(s.id) ?? s),
  };
}
writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
console.log(`\nwrote ${out}`);
