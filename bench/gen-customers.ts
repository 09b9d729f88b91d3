/**
 * Writes a synthetic 30-column customer CSV of (about) a given size, for the CLI benchmarks:
 *
 *   npx tsx bench/gen-customers.ts <out.csv> <size, e.g. 200MB or 2GB> [seed]
 *
 * Rows come from the kinds' generators (src/cli/sample-data.ts, seeded), so every value is
 * valid for its kind and the file is the same for the same seed. Generating is streamed in
 * batches with backpressure: memory stays flat whatever the size.
 */
import { stringify } from 'csv-stringify/sync';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { CUSTOMER_COLUMNS, CustomerGenerator } from '../src/cli/sample-data.js';

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[(m?.[2] || 'B').toUpperCase()];
  if (m === null || unit === undefined) throw new Error(`bad size '${text}': use e.g. 500KB, 200MB, 2GB`);
  return Math.round(Number(m[1]) * unit);
}

/** Writes the CSV and returns the number of data rows and bytes written. */
export async function generateCustomersCsv(path: string, bytes: number, seed = 'bench'): Promise<{ rows: number; bytes: number }> {
  const gen = new CustomerGenerator(seed);
  const out = createWriteStream(path);
  let written = 0;
  let rows = 0;
  const write = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(stringify([CUSTOMER_COLUMNS as string[]], { record_delimiter: 'unix' }));
  while (written < bytes) {
    const batch: string[][] = [];
    for (let i = 0; i < 1000; i++) batch.push(gen.next());
    const text = stringify(batch, { record_delimiter: 'unix' });
    // The last batch is cut to whole rows so the file ends near the requested size.
    if (written + Buffer.byteLength(text) > bytes) {
      const lines = text.split('\n');
      let part = '';
      for (const line of lines) {
        if (line === '' || written + Buffer.byteLength(part + line + '\n') > bytes) break;
        part += line + '\n';
        rows++;
      }
      if (part === '') break;
      await write(part);
      break;
    }
    rows += batch.length;
    await write(text);
  }
  out.end();
  await once(out, 'finish');
  return { rows, bytes: written };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, size, seed] = process.argv.slice(2);
  if (path === undefined || size === undefined) {
    process.stderr.write('usage: npx tsx bench/gen-customers.ts <out.csv> <size, e.g. 200MB> [seed]\n');
    process.exit(2);
  }
  const t = performance.now();
  const r = await generateCustomersCsv(path, parseSize(size), seed);
  process.stdout.write(`${path}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
