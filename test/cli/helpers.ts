/**
 * Running the real `fieldshield` command as a child process on real files in a temporary
 * directory.
 *
 * The command is bundled from src/cli/main.ts as `npm run build` bundles dist/cli.js and
 * dist/cli.cjs (tsup, same entry: ESM for the command, CommonJS for its worker threads), into
 * node_modules/.cache, so the bundle resolves the package's dependencies as dist does. Running
 * the bundle rather than the sources through tsx makes each run start in a fraction of the time,
 * and it is what users run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { build } from 'tsup';
import { CUSTOMER_COLUMNS, CustomerGenerator } from '../../src/cli/sample-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let bundle: Promise<string> | undefined;

/** A hash of everything the bundle is built from, so test files share one build per source state. */
function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        h.update(p);
        h.update(readFileSync(p));
      }
    }
  };
  walk(join(ROOT, 'src'));
  h.update(readFileSync(join(ROOT, 'package.json')));
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds the CLI bundle (once per source state: test files running in parallel share it; each
 * builds into its own directory and renames it into place, so none sees a half-written one).
 */
export function buildCli(): Promise<string> {
  bundle ??= (async () => {
    const cache = join(ROOT, 'node_modules', '.cache', 'fieldshield-cli-test');
    mkdirSync(cache, { recursive: true });
    const final = join(cache, sourceHash());
    const entryFile = join(final, 'cli.js');
    if (existsSync(entryFile)) return entryFile;
    pruneOldBuilds(cache);
    const work = mkdtempSync(join(cache, 'build-'));
    await build({
      entry: { cli: join(ROOT, 'src/cli/main.ts') },
      outDir: work,
      format: ['esm', 'cjs'],
      platform: 'node',
      target: 'node20',
      splitting: false,
      dts: false,
      sourcemap: false,
      silent: true,
      config: false,
      external: ['pkcs11js'],
    });
    try {
      renameSync(work, final);
    } catch {
      // Another test file finished the same build first: use its copy.
      rmSync(work, { recursive: true, force: true });
    }
    return entryFile;
  })();
  return bundle;
}

/** Builds of earlier source states, left by earlier runs: removed after an hour. */
function pruneOldBuilds(cache: string): void {
  for (const name of readdirSync(cache)) {
    const p = join(cache, name);
    if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
}

let entry: string | undefined;

/** Call in beforeAll: builds the bundle the run helpers use. */
export async function cliReady(): Promise<void> {
  entry = await buildCli();
}

export const TEST_MASTER_HEX = '0f0e0d0c0b0a09080706050403020100';

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  readonly stdin?: string | Uint8Array;
}

/** Environment without the caller's FIELDSHIELD_* secrets, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('FIELDSHIELD_')) env[k] = v;
  return { ...env, ...extra };
}

export function spawnCli(args: readonly string[], options: CliOptions): ChildProcess {
  if (entry === undefined) throw new Error('call cliReady() in beforeAll first');
  return spawn(process.execPath, [entry, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  else child.stdin?.end();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldshield-cli-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The synthetic customer table as CSV text (header + `rows` rows). */
export function customersCsv(rows: number, seed = 'cli-test'): { text: string; table: string[][] } {
  const gen = new CustomerGenerator(seed);
  const table = [CUSTOMER_COLUMNS as string[]];
  for (let i = 0; i < rows; i++) table.push(gen.next());
  return { text: stringify(table, { record_delimiter: 'unix' }), table };
}
