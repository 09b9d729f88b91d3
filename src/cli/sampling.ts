/**
 * One uniform random sample of all rows, built from chunks processed in parallel.
 *
 * Bottom-k sampling: every row gets a random key, and the sample is the `size` rows with the
 * smallest keys — a uniform sample without replacement of the whole input, whatever order the
 * chunks arrive in. The keys come from a generator seeded by the seed and the row's line number,
 * so the sample depends on the input and the seed only, never on the number of threads.
 *
 * Workers send only the rows that can still make it: each task carries the current k-th
 * smallest key (the threshold), and a chunk returns its rows below it (at most `size`). The
 * threshold only falls, so nothing that belongs in the final sample is ever dropped, and after
 * the first `size` rows a chunk sends about `size × chunk rows / rows so far` rows: the cost of
 * sampling a 2 GB file is a pass over it, not a copy of it.
 */
import { seededRng } from '../kinds/rng.js';
import type { Row } from './io/records.js';

export interface KeyedRow {
  /** Random key in [0, 2^53). */
  readonly key: number;
  readonly line: number;
  readonly row: Row;
}

/** The sampling key of the row at `line` (53 random bits from seed ‖ line). */
export function sampleKey(seed: Uint8Array, line: number): number {
  const bytes = new Uint8Array(seed.length + 8);
  bytes.set(seed);
  const view = new DataView(bytes.buffer);
  view.setUint32(seed.length, Math.floor(line / 0x1_0000_0000));
  view.setUint32(seed.length + 4, line >>> 0);
  const rng = seededRng(bytes);
  return rng.nextUint32() * 0x20_0000 + (rng.nextUint32() >>> 11);
}

function before(a: KeyedRow, b: KeyedRow): boolean {
  return a.key < b.key || (a.key === b.key && a.line < b.line);
}

/** Keeps the `size` smallest keyed rows seen. */
export class RowSample {
  private sample: KeyedRow[] = [];

  constructor(readonly size: number) {}

  /** The sample, smallest keys first (a uniformly random order of the sampled rows). */
  get rows(): Row[] {
    return this.sample.map((s) => s.row);
  }

  /** Rows with a key at or above this cannot enter the sample any more. */
  get threshold(): number {
    return this.sample.length < this.size ? Number.POSITIVE_INFINITY : this.sample[this.sample.length - 1].key + 1;
  }

  /** Merges a chunk's candidates (any order). */
  merge(candidates: readonly KeyedRow[]): void {
    if (candidates.length === 0) return;
    const incoming = [...candidates].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    const out: KeyedRow[] = [];
    let i = 0;
    let j = 0;
    while (out.length < this.size && (i < this.sample.length || j < incoming.length)) {
      if (j >= incoming.length || (i < this.sample.length && before(this.sample[i], incoming[j]))) out.push(this.sample[i++]);
      else out.push(incoming[j++]);
    }
    this.sample = out;
  }
}

/** A chunk's candidates: its rows below `threshold`, at most `size` of them (the smallest). */
export function chunkCandidates(rows: readonly KeyedRow[], size: number, threshold: number): KeyedRow[] {
  const below = rows.filter((r) => r.key < threshold);
  if (below.length <= size) return below;
  return below.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, size);
}
