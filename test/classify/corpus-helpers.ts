/**
 * Shared by the evaluation test and the benchmark: the labelled corpus, synthetic samples for
 * its entries, and precision / recall arithmetic.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getKind, seededRng } from '../../src/kinds/index.js';
import type { Rng } from '../../src/kinds/types.js';

export interface CorpusEntry {
  readonly name: string;
  readonly comment?: string;
  readonly table?: string;
  readonly level: 'C3' | 'C2' | 'C1' | null;
  readonly kind: string | null;
  readonly altKinds?: readonly (string | null)[];
  readonly lang: 'en' | 'zh' | 'pinyin';
  readonly split: 'dev' | 'heldout';
}

const DIR = fileURLToPath(new URL('../fixtures/columns/', import.meta.url));

export function loadCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(DIR + 'corpus.json', 'utf8')) as CorpusEntry[];
}

export function fixture(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

/** FNV-1a 32-bit over UTF-8 (a stable per-entry seed). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.nextUint32() % 10);
  return s;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.nextUint32() % xs.length];
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.nextUint32() % 16];
  return s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Values of columns that hold no kind: the operational metadata every table has. The pool for
 * not-personal columns includes UUIDs; columns that are personal but of no kind (a loan
 * contract number, a KYC photo path, a credit score) hold business codes, numbers, labels,
 * dates and paths — never values that look like another kind.
 */
const NEUTRAL: readonly ((rng: Rng, i: number) => string)[] = [
  (rng) => 'LN' + digits(rng, 14), // business reference codes
  (rng) => String(1 + (rng.nextUint32() % 999)), // small integers (days, scores, counts)
  (rng) => `${1 + (rng.nextUint32() % 9000)}.${digits(rng, 2)}`, // decimals (limits, rates)
  (rng) => pick(rng, ['正常', '关注', '次级', '可疑', '损失', '01', '02', '03']), // labels and codes
  (rng) => `20${pad(10 + (rng.nextUint32() % 14))}-${pad(1 + (rng.nextUint32() % 12))}-${pad(1 + (rng.nextUint32() % 28))}`, // dates
  (rng) => `/data/kyc/${hex(rng, 8)}/${digits(rng, 6)}.jpg`, // file paths
];
const TECHNICAL: readonly ((rng: Rng, i: number) => string)[] = [
  (_rng, i) => String(100000 + i), // surrogate keys
  (rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${pick(rng, ['8', '9', 'a', 'b'])}${hex(rng, 3)}-${hex(rng, 12)}`, // UUIDs
  (rng) => pick(rng, ['0', '1', 'Y', 'N']), // flags
  (rng) => `2024-${pad(1 + (rng.nextUint32() % 12))}-${pad(1 + (rng.nextUint32() % 28))} ${pad(rng.nextUint32() % 24)}:${pad(rng.nextUint32() % 60)}:${pad(rng.nextUint32() % 60)}`, // timestamps
  (rng) => pick(rng, ['CNY', 'USD', 'HKD', '01', '02', 'A1', 'B2']), // codes
  (rng) => `0.0${digits(rng, 3)}`, // rates
];

/** Synthetic samples for an entry: the expected kind's generator, or neutral values. */
export function samplesFor(e: CorpusEntry, count: number): string[] {
  const key = `${e.name}|${e.table ?? ''}|${e.comment ?? ''}`;
  const rng = seededRng(new TextEncoder().encode(key));
  const out: string[] = [];
  if (e.kind !== null) {
    const kind = getKind(e.kind);
    for (let i = 0; i < count; i++) out.push(kind.generate(rng));
    return out;
  }
  const pool = e.level === null ? TECHNICAL : NEUTRAL;
  const gen = pool[fnv1a(key) % pool.length];
  for (let i = 0; i < count; i++) out.push(gen(rng, i));
  return out;
}

export type Cls = 'C3' | 'C2' | 'C1' | 'none';
export const CLASSES: readonly Cls[] = ['C3', 'C2', 'C1', 'none'];

export interface Scores {
  readonly n: number;
  readonly confusion: Record<Cls, Record<Cls, number>>;
  readonly precision: Record<Cls, number>;
  readonly recall: Record<Cls, number>;
  readonly levelAccuracy: number;
  readonly kindAccuracy: number;
}

export interface Outcome {
  readonly expected: CorpusEntry;
  readonly level: 'C3' | 'C2' | 'C1' | null;
  readonly kind: string | null;
}

export function score(outcomes: readonly Outcome[]): Scores {
  const confusion = Object.fromEntries(CLASSES.map((a) => [a, Object.fromEntries(CLASSES.map((b) => [b, 0]))])) as Record<Cls, Record<Cls, number>>;
  let levelOk = 0;
  let kindOk = 0;
  for (const o of outcomes) {
    const want: Cls = o.expected.level ?? 'none';
    const got: Cls = o.level ?? 'none';
    confusion[want][got]++;
    if (want === got) levelOk++;
    if (o.kind === o.expected.kind || (o.expected.altKinds ?? []).includes(o.kind)) kindOk++;
  }
  const precision = {} as Record<Cls, number>;
  const recall = {} as Record<Cls, number>;
  for (const c of CLASSES) {
    const predicted = CLASSES.reduce((s, w) => s + confusion[w][c], 0);
    const actual = CLASSES.reduce((s, g) => s + confusion[c][g], 0);
    precision[c] = predicted === 0 ? 1 : confusion[c][c] / predicted;
    recall[c] = actual === 0 ? 1 : confusion[c][c] / actual;
  }
  const n = outcomes.length;
  return { n, confusion, precision, recall, levelAccuracy: levelOk / n, kindAccuracy: kindOk / n };
}

/** Markdown: the confusion table and precision / recall per class. */
export function formatScores(title: string, s: Scores): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `#### ${title} (${s.n} columns)`,
    '',
    '| expected \\ predicted | C3 | C2 | C1 | none | recall |',
    '|---|---:|---:|---:|---:|---:|',
    ...CLASSES.map((w) => `| ${w} | ${CLASSES.map((g) => s.confusion[w][g]).join(' | ')} | ${pct(s.recall[w])} |`),
    `| precision | ${CLASSES.map((c) => pct(s.precision[c])).join(' | ')} | |`,
    '',
    `Class accuracy ${pct(s.levelAccuracy)}, kind accuracy ${pct(s.kindAccuracy)}.`,
  ];
  return lines.join('\n');
}
