/**
 * `npx tsx bench/pseudonym-collisions.ts [--n 1000000] [--kinds cn-id-card,bank-card]`
 *
 * Pseudonym collisions: for every kind the built-in policy pseudonymizes (C2, not an
 * authentication helper), draw up to N distinct normalized inputs from the kind's own generator
 * (seeded, so runs are reproducible), pseudonymize them under one key, and count inputs that
 * share a pseudonym with an earlier one. A collision merges two people in dev/test data (a join
 * then matches both), so the rate is what a tester can expect to see.
 *
 * Kinds whose value space is smaller than N (dates of birth), or whose generator draws from a
 * skewed distribution (names: common surnames are drawn far more often than rare ones), stop
 * after 4·N draws or when no new value came in a long while; the table says how many distinct
 * inputs there were.
 */
import { kinds, seededRng, type Kind } from '../src/kinds/index.js';
import { utf8Encode } from '../src/encoding.js';
import { Pseudonymizer } from '../src/pseudonym/index.js';

const args = process.argv.slice(2);
const at = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(at('--n') ?? 1_000_000);
const only = at('--kinds')?.split(',');
/** Give up looking for new inputs after this many draws in a row produced none, or this many in all. */
const STALE_DRAWS = 200_000;
const MAX_DRAWS = 4 * N;

const key = new Uint8Array(32).fill(0x5a);
const pseudonymizer = new Pseudonymizer(key);

interface Row {
  kind: string;
  inputs: number;
  exhausted: boolean;
  collisions: number;
  rate: number;
  largestGroup: number;
  usPerValue: number;
}

function distinctInputs(kind: Kind): { inputs: Set<string>; exhausted: boolean } {
  const rng = seededRng(utf8Encode(`collisions/${kind.id}`));
  const inputs = new Set<string>();
  let stale = 0;
  for (let draws = 0; inputs.size < N; draws++) {
    if (draws >= MAX_DRAWS) return { inputs, exhausted: true };
    const v = kind.normalize(kind.generate(rng));
    if (inputs.has(v)) {
      if (++stale >= STALE_DRAWS) return { inputs, exhausted: true };
    } else {
      inputs.add(v);
      stale = 0;
    }
  }
  return { inputs, exhausted: false };
}

function measure(kind: Kind): Row {
  const { inputs, exhausted } = distinctInputs(kind);
  const counts = new Map<string, number>();
  const t0 = performance.now();
  for (const v of inputs) {
    const p = pseudonymizer.pseudonymize(v, kind);
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const us = ((performance.now() - t0) * 1000) / inputs.size;
  let largest = 0;
  for (const c of counts.values()) if (c > largest) largest = c;
  const collisions = inputs.size - counts.size;
  return { kind: kind.id, inputs: inputs.size, exhausted, collisions, rate: collisions / inputs.size, largestGroup: largest, usPerValue: us };
}

const targets = kinds.filter((k) => k.level === 'C2' && k.authHelper !== true && (only === undefined || only.includes(k.id)));
console.log(`pseudonym collisions, up to ${N.toLocaleString('en')} distinct inputs per kind — ${process.version}\n`);
console.log('| kind | distinct inputs | inputs sharing a pseudonym | rate | largest group | µs / pseudonym |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const kind of targets) {
  const r = measure(kind);
  const inputs = r.inputs.toLocaleString('en') + (r.exhausted ? ' (generator exhausted)' : '');
  console.log(`| ${r.kind} | ${inputs} | ${r.collisions.toLocaleString('en')} | ${(r.rate * 100).toFixed(4)}% | ${r.largestGroup} | ${r.usPerValue.toFixed(1)} |`);
}
