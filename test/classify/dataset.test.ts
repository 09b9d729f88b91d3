/**
 * classifyDataset: the sampler (uniform, bounded, copying), sync and async sources, bad rows,
 * and agreement with classifyField when every value is sampled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reservoir } from '../../src/classify/dataset.js';
import { classifyDataset, classifyField } from '../../src/classify/index.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import { customerRows } from '../../bench/suites/classify.js';

const seed = (s: string) => new TextEncoder().encode(s);

describe('the reservoir (Algorithm L)', () => {
  it('keeps every value while the stream is shorter than k', () => {
    const r = new Reservoir(10, seededRng(seed('a')), 64);
    for (let i = 0; i < 7; i++) r.offer(String(i));
    expect(r.items).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('draws uniformly: every decile of the stream is sampled about equally', () => {
    // 200 seeded runs of k = 50 over n = 1000: 10,000 draws, 1,000 expected per decile.
    const counts = new Array<number>(10).fill(0);
    for (let run = 0; run < 200; run++) {
      const r = new Reservoir(50, seededRng(seed(`run ${run}`)), 64);
      for (let i = 0; i < 1000; i++) r.offer(String(i));
      expect(r.items).toHaveLength(50);
      expect(new Set(r.items).size).toBe(50);
      for (const v of r.items) counts[Math.floor(Number(v) / 100)]++;
    }
    // A binomial(10000, 0.1) has sd 30: 5 sd either side.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('copies values cut to the cap, so a huge cell is not kept alive', () => {
    const r = new Reservoir(2, seededRng(seed('b')), 32);
    r.offer('x'.repeat(1_000_000));
    r.offer(new Uint8Array(100));
    expect((r.items[0] as string).length).toBe(32);
    expect((r.items[1] as Uint8Array).length).toBe(32);
  });
});

describe('classifyDataset', () => {
  const rows = customerRows(600, 'dataset test');

  it('classifies the 30 columns of a customer table', () => {
    const d = classifyDataset(rows, { seed: seed('x') });
    expect(d.rows).toBe(600);
    expect(d.columns).toHaveLength(30);
    const level = (name: string) => d.columns.find((c) => c.field === name)?.level;
    expect(level('id_no')).toBe('C2');
    expect(level('login_pwd_hash')).toBe('C3');
    expect(level('card_no')).toBe('C2');
    expect(level('last_login_ip')).toBe('C2'); // raised by the activity-trail rule
    expect(level('status')).toBeNull();
    expect(d.summary.C3 + d.summary.C2 + d.summary.C1 + d.summary.none).toBe(30);
    expect(d.level).toBe('C3');
    // 四要素 are present too, but the password hash already makes the table C3: only escalations
    // that change something are listed.
    expect(d.escalations.map((e) => e.rule)).toEqual(['activity-trail']);
    const withoutPassword = classifyDataset(rows.map(({ login_pwd_hash: _, ...rest }) => rest), { seed: seed('x') });
    expect(withoutPassword.level).toBe('C3');
    expect(withoutPassword.escalations.map((e) => e.rule)).toEqual(['four-elements', 'activity-trail']);
    const remark = d.columns.find((c) => c.field === 'remark');
    expect(remark?.stats.present).toBeLessThan(600);
    expect((remark?.stats.present ?? 0) + (remark?.stats.missing ?? 0)).toBe(600);
  });

  it('agrees with classifyField over all values when the sample holds every value', () => {
    fc.assert(
      fc.property(fc.constantFrom('cn-id-card', 'bank-card', 'email', 'cn-mobile', 'amount', 'address'), fc.constantFrom('col', 'remark', 'acct_no', '手机号'), fc.integer({ min: 1, max: 120 }), (kind, name, n) => {
        const rng = seededRng(seed(`${kind}${n}`));
        const values = Array.from({ length: n }, () => getKind(kind).generate(rng));
        const d = classifyDataset(values.map((v) => ({ [name]: v })), { sampleSize: 200, seed: seed('y'), rules: [] });
        const f = classifyField(name, values);
        return d.columns[0].level === f.level && d.columns[0].kind === f.kind && d.columns[0].encrypted === f.encrypted;
      }),
      { numRuns: 60 },
    );
  });

  it('reads async iterables (streams) to the same result', async () => {
    async function* stream() {
      for (const r of rows) yield r;
    }
    const sync = classifyDataset(rows, { seed: seed('z') });
    const viaAsync = await classifyDataset(stream(), { seed: seed('z') });
    expect(viaAsync).toEqual(sync);
    const generator = classifyDataset((function* () {
      yield* rows;
    })(), { seed: seed('z') });
    expect(generator).toEqual(sync);
  });

  it('counts bad rows and survives bad values', () => {
    const bad: unknown[] = [null, 42, 'row', [1, 2], undefined, new Date(), { a: { b: { c: { d: 'deep' } } } }, { id_no: 10n, x: Symbol('s'), y: () => 1, z: '\ud800', big: 'y'.repeat(2_000_000) }];
    const d = classifyDataset(bad);
    expect(d.rows).toBe(8);
    expect(d.badRows).toBe(6);
    expect(d.columns.map((c) => c.field)).toEqual(['a.b.c', 'id_no', 'x', 'y', 'z', 'big']);
  });

  it('reads rows of changing shapes: reordered, missing, nested in some rows only', () => {
    const d = classifyDataset(
      [
        { a: '1', mobile: '13812345678', x: { y: 'v' } },
        { mobile: '13912345678', a: '2', x: 'flat' },
        { x: { y: 'w' }, a: '3' },
        { a: '4', mobile: '13712345678', x: 'flat again' },
      ],
      { rules: [] },
    );
    const col = (n: string) => d.columns.find((c) => c.field === n);
    expect(d.columns.map((c) => c.field).sort()).toEqual(['a', 'mobile', 'x', 'x.y']);
    expect(col('a')?.stats).toEqual({ present: 4, missing: 0 });
    expect(col('mobile')?.stats).toEqual({ present: 3, missing: 1 });
    expect(col('x')?.stats).toEqual({ present: 2, missing: 2 });
    expect(col('x.y')?.stats).toEqual({ present: 2, missing: 2 });
    expect(col('mobile')?.content?.inspected).toBe(3);
  });

  it('tracks at most maxColumns columns and counts the others', () => {
    const wide = Array.from({ length: 3 }, (_, r) => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i + r}`, 'v'])));
    const d = classifyDataset(wide, { maxColumns: 10 });
    expect(d.columns).toHaveLength(10);
    expect(d.columnsOmitted).toBe(12);
  });

  it('inspects at most sampleSize values per column', () => {
    const d = classifyDataset(rows, { sampleSize: 25, seed: seed('w') });
    for (const c of d.columns) expect(c.content?.inspected ?? 0).toBeLessThanOrEqual(25);
  });
});
