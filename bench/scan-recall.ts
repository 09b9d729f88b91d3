/**
 * `npx tsx bench/scan-recall.ts`: how much of the planted personal data fieldshield and
 * redact-pii hide in the generated application log (issue 9), what each changes on lines that
 * hold none, the false-positive rate of scanText on random digit strings, and the time ratio
 * of 10x inputs (linear scaling). Prints markdown tables.
 */
import { SyncRedactor } from 'redact-pii';
import { getKind, seededRng } from '../src/kinds/index.js';
import { uniformInt } from '../src/kinds/rng.js';
import { redactText, scanText, type ScanKind } from '../src/scan/index.js';
import { ADVERSARIAL } from './suites/scan.js';
import { generateLogCorpus } from './scan-corpus.js';

const LINES = Number(process.argv[2] ?? 20_000);
const corpus = generateLogCorpus(LINES, 7);
const redactor = new SyncRedactor();

// --- Recall on planted values ------------------------------------------------------------------

interface Tally {
  planted: number;
  oursFound: number;
  oursHidden: number;
  peerHidden: number;
}
const byKind = new Map<ScanKind, Tally>();
const findings = scanText(corpus.text);
let oursOut = '';
let peerOut = '';
const oursLines: string[] = [];
const peerLines: string[] = [];
for (const line of corpus.lines) {
  const a = redactText(line);
  const b = redactor.redact(line);
  oursLines.push(a);
  peerLines.push(b);
}
oursOut = oursLines.join('\n');
peerOut = peerLines.join('\n');
void oursOut;
void peerOut;

corpus.planted.forEach((p, i) => {
  const line = corpus.plantedLines[i];
  const t = byKind.get(p.kind) ?? { planted: 0, oursFound: 0, oursHidden: 0, peerHidden: 0 };
  t.planted++;
  if (findings.some((f) => f.kind === p.kind && f.start === p.start && f.end === p.end)) t.oursFound++;
  if (!oursLines[line].includes(p.written)) t.oursHidden++;
  if (!peerLines[line].includes(p.written)) t.peerHidden++;
  byKind.set(p.kind, t);
});

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const total = { planted: 0, oursFound: 0, oursHidden: 0, peerHidden: 0 };
console.log(`## Recall on ${corpus.planted.length} planted values in ${corpus.lines.length} log lines\n`);
console.log('"hidden" = the value as written no longer appears in the output (lenient to redact-pii: a partial replacement counts).\n');
console.log('| kind | planted | fieldshield found (exact span and kind) | fieldshield hidden | redact-pii hidden |');
console.log('|---|---:|---:|---:|---:|');
for (const [kind, t] of [...byKind].sort((a, b) => b[1].planted - a[1].planted)) {
  console.log(`| ${kind} | ${t.planted} | ${pct(t.oursFound, t.planted)} | ${pct(t.oursHidden, t.planted)} | ${pct(t.peerHidden, t.planted)} |`);
  total.planted += t.planted;
  total.oursFound += t.oursFound;
  total.oursHidden += t.oursHidden;
  total.peerHidden += t.peerHidden;
}
console.log(`| **all** | ${total.planted} | ${pct(total.oursFound, total.planted)} | ${pct(total.oursHidden, total.planted)} | ${pct(total.peerHidden, total.planted)} |`);

const sensitive = new Set(corpus.plantedLines);
let clean = 0;
let oursChanged = 0;
let peerChanged = 0;
corpus.lines.forEach((line, i) => {
  if (sensitive.has(i)) return;
  clean++;
  if (oursLines[i] !== line) oursChanged++;
  if (peerLines[i] !== line) peerChanged++;
});
console.log(`\nLines without personal data changed (false positives): fieldshield ${oursChanged} of ${clean} (${pct(oursChanged, clean)}), redact-pii ${peerChanged} of ${clean} (${pct(peerChanged, clean)}).\n`);

// --- False positives on random digit strings ---------------------------------------------------

const rng = seededRng(Uint8Array.of(9, 9));
const SAMPLES = 20_000;
const VALIDATED = ['cn-id-card', 'bank-card', 'cn-mobile', 'cn-landline', 'uscc'];
console.log(`## scanText on random digit strings (${SAMPLES} per length, between Chinese words, no context word)\n`);
console.log('"reported" = at least one finding; "not valid" = no validator accepts the string, so any report is a false positive.\n');
console.log('| length | reported | of which kinds | not valid but reported |');
console.log('|---:|---:|---|---:|');
for (const length of [8, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 24]) {
  let reported = 0;
  let invalidReported = 0;
  const kinds = new Map<string, number>();
  for (let s = 0; s < SAMPLES; s++) {
    let digits = '';
    for (let k = 0; k < length; k++) digits += String(uniformInt(rng, 10));
    const f = scanText(`客户备注 ${digits} 已处理`);
    if (f.length > 0) {
      reported++;
      for (const x of f) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
      if (!VALIDATED.some((id) => getKind(id).detect(digits).valid)) invalidReported++;
    }
  }
  const ks = [...kinds].map(([k, n]) => `${k} ${pct(n, SAMPLES)}`).join(', ');
  console.log(`| ${length} | ${pct(reported, SAMPLES)} | ${ks} | ${invalidReported} |`);
}

// --- Linear scaling -----------------------------------------------------------------------------

/** Best of five rounds of about 100 ms: the least disturbed measurement on a busy machine. */
function time(fn: () => unknown): number {
  fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let runs = 0;
    const start = performance.now();
    let now = start;
    do {
      fn();
      runs++;
      now = performance.now();
    } while (now - start < 100);
    best = Math.min(best, (now - start) / runs);
  }
  return best;
}

console.log('\n## Linear scaling: time of scanText on 1 M characters ÷ on 100 K (10 is linear, the limit is 15)\n');
console.log('| input | 100 K chars (ms) | 1 M chars (ms) | ratio |');
console.log('|---|---:|---:|---:|');
const inputs: [string, (n: number) => string][] = [
  ['application log', (n) => corpus.text.repeat(Math.ceil(n / corpus.text.length)).slice(0, n)],
  ...Object.entries(ADVERSARIAL),
];
for (const [name, make] of inputs) {
  const small = make(100_000);
  const large = make(1_000_000);
  const a = time(() => scanText(small));
  const b = time(() => scanText(large));
  console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(1)} |`);
}
