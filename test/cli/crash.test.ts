/**
 * Crash safety: a `protect` run killed mid-way (SIGKILL: no handler runs) or interrupted
 * (SIGINT) never leaves a file under the output's name that could pass for a finished one.
 * After SIGKILL only the hidden `.<name>.<pid>-<random>.fieldshield-partial` file remains; after
 * SIGINT nothing remains; an output file that existed before the run is left untouched.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliReady, customersCsv, spawnCli, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  await cliReady();
  ({ dir, cleanup } = tempDir());
  // ~30 MB: far more than the run gets through before it is killed.
  const { text } = customersCsv(2000, 'crash');
  const newline = text.indexOf('\n') + 1;
  const header = text.slice(0, newline);
  const body = text.slice(newline);
  writeFileSync(join(dir, 'big.csv'), header + body.repeat(40));
});
afterAll(async () => {
  cleanup();
});

function partials(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.fieldshield-partial'));
}

/** Starts protect, waits until its partial output holds `bytes`, sends `signal`, returns the exit. */
async function interrupt(output: string, signal: NodeJS.Signals, bytes: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawPartial: string }> {
  const child = spawnCli(['protect', '--scene', 'display', '--threads', '1', '--chunk-bytes', '65536', 'big.csv', '-o', output], { cwd: dir });
  child.stdin?.end();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  let sawPartial = '';
  for (let i = 0; i < 600 && sawPartial === ''; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const p = partials().find((f) => f.startsWith(`.${output}.`));
    if (p !== undefined && statSync(join(dir, p)).size >= bytes) sawPartial = p;
  }
  expect(sawPartial, 'the run wrote its partial output').not.toBe('');
  child.kill(signal);
  return { ...(await exited), sawPartial };
}

describe('an interrupted protect run', () => {
  it('SIGKILL mid-run: no file under the output name, only the hidden partial file', async () => {
    const r = await interrupt('out.csv', 'SIGKILL', 256 * 1024);
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(partials()).toEqual([r.sawPartial]);
    expect(r.sawPartial).toMatch(/^\.out\.csv\.\d+-[0-9a-f]{8}\.fieldshield-partial$/);
    // It really was cut short: less output than input.
    expect(statSync(join(dir, r.sawPartial)).size).toBeLessThan(statSync(join(dir, 'big.csv')).size);
  });

  it('SIGKILL mid-run over an existing output: the old file is left exactly as it was', async () => {
    writeFileSync(join(dir, 'kept.csv'), 'previous,complete\nfile,here\n');
    const r = await interrupt('kept.csv', 'SIGKILL', 128 * 1024);
    expect(r.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'kept.csv'), 'utf8')).toBe('previous,complete\nfile,here\n');
  });

  it('SIGINT (Ctrl-C): exit 130, the partial file is removed, no output', async () => {
    const r = await interrupt('int.csv', 'SIGINT', 128 * 1024);
    expect(r.code).toBe(130);
    expect(existsSync(join(dir, 'int.csv'))).toBe(false);
    expect(partials().filter((f) => f.startsWith('.int.csv.'))).toEqual([]);
  });
});
