/**
 * The streaming I/O under the CLI: cutting byte streams into chunks of whole records, parsing
 * chunks back into records with line numbers, and merging per-chunk row samples.
 *
 * The oracles are independent of the code under test: csv-stringify writes the records (so the
 * expected records and their starting lines are known before any scanning), and JSON.stringify
 * writes the JSON inputs.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { createChunker, DelimitedChunker, type Chunk } from '../../src/cli/io/chunker.js';
import { parseDelimited, parseJsonElements, parseJsonLines, serializeRows } from '../../src/cli/io/records.js';
import { createOperation, type ClassifyChunkExtra } from '../../src/cli/operations.js';
import { RowSample, sampleKey } from '../../src/cli/sampling.js';
import { CliError } from '../../src/cli/exit-codes.js';

const enc = new TextEncoder();

/** Feeds `bytes` to a chunker in pieces cut at `cuts` (fractions of the length). */
function chunkAll(format: 'csv' | 'tsv' | 'jsonl' | 'json', bytes: Uint8Array, cuts: number[], targetBytes: number) {
  const chunker = createChunker(format, { targetBytes, maxRecordBytes: 1 << 20 });
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const chunks: Chunk[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p <= prev && p !== bytes.length) continue;
    chunks.push(...chunker.push(Buffer.from(bytes.subarray(prev, p))));
    prev = p;
  }
  chunks.push(...chunker.end());
  return { chunker, chunks };
}

// Fields drawn to stress RFC 4180: delimiters, quotes, line breaks, CRLF, Han characters,
// surrogate pairs and empty strings.
const fieldArb = fc
  .array(fc.constantFrom('a', 'Z', '9', ',', '\t', '"', '\n', '\r\n', ' ', '张', '𠮷', '，', ''), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('CSV chunking and parsing', () => {
  it('cuts only between records, whatever the read boundaries, and keeps every record and its line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.tuple(
            fc.constant(cols),
            fc.array(fc.array(fieldArb, { minLength: cols, maxLength: cols }), { minLength: 0, maxLength: 25 }),
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
            fc.integer({ min: 1, max: 200 }),
            fc.constantFrom<'csv' | 'tsv'>('csv', 'tsv'),
          ),
        ),
        ([cols, records, cuts, target, format]) => {
          const delimiter = format === 'tsv' ? '\t' : ',';
          const header = Array.from({ length: cols }, (_, i) => `c${i}`);
          // A record that is one empty field would be a blank line: the parser skips those.
          const rows = records.filter((r) => !(r.length === 1 && r[0] === ''));
          const headerText = stringify([header], { delimiter, record_delimiter: 'unix' });
          const recordTexts = rows.map((r) => stringify([r], { delimiter, record_delimiter: 'unix', quoted_match: /[\r"]/ }));
          const text = headerText + recordTexts.join('');
          const expectedLines: number[] = [];
          let line = 1 + (headerText.match(/\n/g) ?? []).length;
          for (const t of recordTexts) {
            expectedLines.push(line);
            line += (t.match(/\n/g) ?? []).length;
          }
          const { chunker, chunks } = chunkAll(format, enc.encode(text), cuts, target);
          expect(Buffer.from((chunker as DelimitedChunker).header ?? []).toString()).toBe(headerText);
          const got: Record<string, unknown>[] = [];
          const lines: number[] = [];
          for (const c of chunks) {
            const parsed = parseDelimited(c.bytes, c.firstLine, delimiter, header);
            expect(parsed.rejects).toEqual([]);
            got.push(...parsed.rows);
            lines.push(...parsed.lines);
          }
          expect(got).toEqual(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))));
          expect(lines).toEqual(expectedLines);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends records at LF or CRLF only: a CR is data, whatever the chunk starts with', () => {
    const cols = ['name', 'note'];
    const cells = (text: string) => parseDelimited(enc.encode(text), 2, ',', cols).rows.map((r) => [r.name, r.note]);
    // A CR inside quotes is data, even as the chunk's first line break.
    expect(cells('a,"x\ry"\nb,ok\n')).toEqual([['a', 'x\ry'], ['b', 'ok']]);
    // Mixed endings: the CR of a CRLF row never stays in its last field, whichever ending comes first.
    expect(cells('a,1\nb,2\r\nc,3\n')).toEqual([['a', '1'], ['b', '2'], ['c', '3']]);
    expect(cells('a,1\r\nb,2\nc,3\r\n')).toEqual([['a', '1'], ['b', '2'], ['c', '3']]);
    // A bare CR in an unquoted field does not merge two rows.
    expect(cells('a,x\ry\nb,z\n')).toEqual([['a', 'x\ry'], ['b', 'z']]);
    // And a CR in a value is quoted on the way out, as LF is.
    expect(serializeRows('csv', [{ name: 'a', note: 'x\ry' }], cols)).toBe('a,"x\ry"\n');
  });

  it('keeps a column named __proto__ as a field of the row, not its prototype', () => {
    const header = ['id', '__proto__', 'constructor'];
    for (const text of ['1,x,y\n', '1,x,y\n2,"a\nb",z\n']) {
      // The second text holds a line break in a field: the record-by-record path.
      const parsed = parseDelimited(enc.encode(text), 2, ',', header);
      expect(parsed.rows.length).toBeGreaterThan(0);
      const row = parsed.rows[0];
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row)).toEqual(header);
      expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('x');
      expect(row.constructor).toBe('y');
    }
  });

  it('rejects each malformed record with its line and keeps the good records around it', () => {
    const text = ['a,b,c', '1,2,3', '4,"5"x,6', '7,8', '9,10,11', 'x"y,1,2', '18,19,20', '"12,13,14', '15,16,17', ''].join('\n');
    const bytes = Buffer.from(text);
    const chunker = createChunker('csv', { targetBytes: 1 << 20, maxRecordBytes: 1 << 20 });
    const chunks = [...chunker.push(bytes), ...chunker.end()];
    const parsed = chunks.map((c) => parseDelimited(c.bytes, c.firstLine, ',', ['a', 'b', 'c']));
    const rows = parsed.flatMap((p) => p.rows);
    const rejects = parsed.flatMap((p) => p.rejects);
    expect(rows.map((r) => r.a)).toEqual(['1', '9', '18']);
    // Line 8 opens a quote that never closes: everything to the end is that one record.
    expect(rejects).toEqual([
      { line: 3, reason: 'malformed CSV: a closing quote is followed by other characters' },
      { line: 4, reason: 'expected 3 fields, found 2' },
      { line: 6, reason: 'malformed CSV: a quote inside an unquoted field' },
      { line: 8, reason: 'malformed CSV: a quoted field is not closed' },
    ]);
    // Reasons are fixed texts: no field content leaks into them.
    for (const r of rejects) expect(r.reason).not.toMatch(/1[0-9]|"|5x|x"y/);
  });

  it('treats a quote inside an unquoted field as data for cutting, so one bad row does not swallow the file', () => {
    const text = 'a,b\nx"y,1\n2,3\n4,5\n';
    const { chunks } = chunkAll('csv', enc.encode(text), [0.3, 0.6], 1);
    const parsed = chunks.map((c) => parseDelimited(c.bytes, c.firstLine, ',', ['a', 'b']));
    expect(parsed.flatMap((p) => p.rows)).toEqual([
      { a: '2', b: '3' },
      { a: '4', b: '5' },
    ]);
    expect(parsed.flatMap((p) => p.rejects)).toEqual([{ line: 2, reason: 'malformed CSV: a quote inside an unquoted field' }]);
  });

  it('stops with an input error when a record outgrows the limit (an unbalanced quote)', () => {
    const chunker = createChunker('csv', { targetBytes: 64, maxRecordBytes: 1000 });
    chunker.push(Buffer.from('a,b\n1,"open\n'));
    expect(() => chunker.push(Buffer.alloc(2000, 0x61))).toThrow(CliError);
    expect(() => chunker.push(Buffer.alloc(2000, 0x61))).toThrow(/line 2 is longer than 1000 bytes/);
  });

  it('reports invalid UTF-8 as an encoding problem of the input', () => {
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a]); // 张三,1 in GBK
    expect(() => parseDelimited(gbk, 2, ',', ['a', 'b'])).toThrow(/not valid UTF-8.*--encoding/);
  });
});

describe('JSON Lines and JSON array chunking', () => {
  const objectArb = fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 5 }), { maxKeys: 2 })),
    { maxKeys: 5 },
  );

  it('JSONL: every object comes back with its line number', () => {
    fc.assert(
      fc.property(fc.array(objectArb, { maxLength: 30 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), fc.integer({ min: 1, max: 300 }), (objs, cuts, target) => {
        const text = objs.map((o) => JSON.stringify(o)).join('\n') + (objs.length > 0 ? '\n' : '');
        const { chunks } = chunkAll('jsonl', enc.encode(text), cuts, target);
        const parsed = chunks.map((c) => parseJsonLines(c.bytes, c.firstLine));
        expect(parsed.flatMap((p) => p.rows)).toEqual(objs.map((o) => JSON.parse(JSON.stringify(o))));
        expect(parsed.flatMap((p) => p.lines)).toEqual(objs.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('JSON array: pretty-printed arrays split anywhere give back every element', () => {
    fc.assert(
      fc.property(fc.array(objectArb, { maxLength: 20 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), fc.integer({ min: 1, max: 300 }), fc.boolean(), (objs, cuts, target, pretty) => {
        const text = pretty ? JSON.stringify(objs, null, 2) : JSON.stringify(objs);
        const { chunks } = chunkAll('json', enc.encode(text), cuts, target);
        const parsed = chunks.map((c) => parseJsonElements(c.bytes, c.elements ?? new Uint32Array(0)));
        expect(parsed.flatMap((p) => p.rows)).toEqual(JSON.parse(text));
        const lines = parsed.flatMap((p) => p.lines);
        const textLines = text.split('\n');
        // Each element's line number points at the line where the element starts.
        lines.forEach((l, i) => expect(textLines[l - 1]).toContain(pretty ? (Object.keys(objs[i]).length === 0 ? '{}' : '{') : '['));
      }),
      { numRuns: 200 },
    );
  });

  it('JSON: bad elements are rejects, a broken array stops the run', () => {
    const text = '[\n{"a":1},\n{"a":"x\\"}"},\n3,\n{"a":2}\n]\n';
    const chunker = createChunker('json', { targetBytes: 1 << 20, maxRecordBytes: 1 << 20 });
    const chunks = [...chunker.push(Buffer.from(text)), ...chunker.end()];
    const parsed = chunks.map((c) => parseJsonElements(c.bytes, c.elements ?? new Uint32Array(0)));
    expect(parsed.flatMap((p) => p.rows)).toEqual([{ a: 1 }, { a: 'x"}' }, { a: 2 }]);
    expect(parsed.flatMap((p) => p.rejects)).toEqual([{ line: 4, reason: 'not a JSON object' }]);
    const broken = createChunker('json', { targetBytes: 1 << 20, maxRecordBytes: 1 << 20 });
    expect(() => broken.push(Buffer.from('[{"a":1} {"a":2}]'))).toThrow(/expected , or \]/);
    const open = createChunker('json', { targetBytes: 1 << 20, maxRecordBytes: 1 << 20 });
    open.push(Buffer.from('[{"a":1},'));
    expect(() => open.end()).toThrow(/not closed/);
  });

  it('JSONL: invalid lines are rejects whose reason does not quote the line', () => {
    const parsed = parseJsonLines(enc.encode('{"a":1}\n{"secret":"13812345678"\n[1]\n'), 1);
    expect(parsed.rows).toEqual([{ a: 1 }]);
    expect(parsed.rejects).toEqual([
      { line: 2, reason: 'invalid JSON' },
      { line: 3, reason: 'not a JSON object' },
    ]);
  });
});

describe('row sampling for classify', () => {
  /**
   * Runs the classify operation over `population` rows cut into chunks of `chunkSize`, merging
   * results that arrive `lag` chunks late (the thresholds the chunks were sent with are stale,
   * as with several workers in flight).
   */
  async function sampleOf(population: number, chunkSize: number, size: number, seed: Uint8Array, lag = 0): Promise<number[]> {
    const sample = new RowSample(size);
    const op = await createOperation({ kind: 'classify', sampleRows: size, seed }, []);
    const pending: ClassifyChunkExtra[] = [];
    for (let start = 0; start < population; start += chunkSize) {
      op.beginChunk?.({ index: 0, bytes: new Uint8Array(0), firstLine: start + 2, sampleBelow: sample.threshold });
      for (let i = start; i < Math.min(population, start + chunkSize); i++) op.apply({ id: i }, i + 2);
      pending.push(op.endChunk?.() as ClassifyChunkExtra);
      if (pending.length > lag) sample.merge((pending.shift() as ClassifyChunkExtra).candidates);
    }
    for (const p of pending) sample.merge(p.candidates);
    return sample.rows.map((r) => r.id as number);
  }

  it('is exactly the rows with the smallest keys, however the input is chunked and however late results arrive', async () => {
    const seed = enc.encode('oracle');
    for (const [population, size] of [
      [0, 10],
      [7, 10],
      [500, 25],
      [2000, 100],
    ]) {
      // The oracle: every row's key, sorted.
      const expected = Array.from({ length: population }, (_, i) => ({ id: i, key: sampleKey(seed, i + 2) }))
        .sort((a, b) => a.key - b.key)
        .slice(0, size)
        .map((r) => r.id);
      for (const [chunk, lag] of [
        [1, 0],
        [13, 0],
        [13, 3],
        [300, 1],
        [5000, 0],
      ]) {
        expect(await sampleOf(population, chunk, size, seed, lag)).toEqual(expected);
      }
    }
  });

  it('gives every row about the same chance, wherever it sits in the input', async () => {
    // 60 rows, samples of 6: each row's expected count over 1500 seeds is 150. The seeds are
    // fixed, so this is deterministic; the bounds are loose on purpose and catch a sampler that
    // favours early or late rows (which would put whole regions near 0 or 300).
    const counts = new Array<number>(60).fill(0);
    for (let s = 0; s < 1500; s++) for (const id of await sampleOf(60, 13, 6, Uint8Array.of(s & 255, s >> 8))) counts[id]++;
    for (const c of counts) {
      expect(c).toBeGreaterThan(100);
      expect(c).toBeLessThan(200);
    }
    const first = counts.slice(0, 13).reduce((a, b) => a + b, 0) / 13;
    const last = counts.slice(52).reduce((a, b) => a + b, 0) / 8;
    expect(Math.abs(first - last)).toBeLessThan(25);
  });

  it('sends fewer rows per chunk as the sample fills', async () => {
    const size = 50;
    const sample = new RowSample(size);
    const op = await createOperation({ kind: 'classify', sampleRows: size, seed: enc.encode('cost') }, []);
    const sent: number[] = [];
    for (let start = 0; start < 20_000; start += 1000) {
      op.beginChunk?.({ index: 0, bytes: new Uint8Array(0), firstLine: start + 2, sampleBelow: sample.threshold });
      for (let i = start; i < start + 1000; i++) op.apply({ id: i }, i + 2);
      const extra = op.endChunk?.() as ClassifyChunkExtra;
      expect(extra.population).toBe(1000);
      sent.push(extra.candidates.length);
      sample.merge(extra.candidates);
    }
    expect(sent[0]).toBe(size);
    // Chunk n sends about size / n rows once the sample is full.
    expect(sent.slice(10).reduce((a, b) => a + b, 0)).toBeLessThan(60);
  });
});
