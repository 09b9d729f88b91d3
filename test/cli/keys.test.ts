/**
 * The key lifecycle through the CLI: init with a new master key file, list, protect, rotate,
 * rewrap a data file to the new primary, retire and destroy the old key (crypto-shredding),
 * and the refusals (primary key, existing keyring, wrong master key).
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEnvelope, parseEnvelope } from '../../src/envelope/index.js';
import { cliReady, customersCsv, runCli, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
const key = ['--keyring', 'k.json', '--master-key-file', 'master.key'];

beforeAll(async () => {
  await cliReady();
  ({ dir, cleanup } = tempDir());
  writeFileSync(join(dir, 'c.csv'), customersCsv(40, 'keys').text);
});
afterAll(async () => {
  cleanup();
});

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const envelopes = (name: string): string[] => (parse(read(name)) as string[][]).flat().filter((v) => isEnvelope(v));
interface Listing {
  primary: string;
  keys: { id: string; state: string; primary: boolean; usage: number }[];
}
async function list(): Promise<Listing> {
  const r = await runCli(['keys', 'list', '--keyring', 'k.json', '--json'], { cwd: dir });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Listing;
}

describe('keys', () => {
  it('runs the whole lifecycle: init, protect, rotate, rewrap, retire, destroy', async () => {
    const init = await runCli(['keys', 'init', '--keyring', 'k.json', '--new-master-key-file', 'master.key'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const master = read('master.key').trim();
    expect(master).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(join(dir, 'master.key')).mode & 0o077).toBe(0);
    // The master key is in its file only: not printed, not in the keyring.
    expect(init.stdout + init.stderr).not.toContain(master);
    expect(read('k.json')).not.toContain(master);

    const again = await runCli(['keys', 'init', '--keyring', 'k.json', '--new-master-key-file', 'other.key'], { cwd: dir });
    expect(again.code).toBe(10);
    expect(again.stderr).toMatch(/already exists/);

    const first = await list();
    expect(first.keys).toHaveLength(1);
    const k1 = first.primary;

    const p = await runCli(['protect', '--scene', 'storage', ...key, '--threads', '0', '-q', 'c.csv', '-o', 'stored.csv'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    const stored = envelopes('stored.csv');
    expect(stored.length).toBeGreaterThan(400);
    expect(new Set(stored.map((e) => parseEnvelope(e).keyId))).toEqual(new Set([k1]));
    expect((await list()).keys[0].usage).toBe(stored.length);

    const rot = await runCli(['keys', 'rotate', ...key], { cwd: dir });
    expect(rot.code, rot.stderr).toBe(0);
    const second = await list();
    const k2 = second.primary;
    expect(k2).not.toBe(k1);
    expect(second.keys.map((k) => k.state)).toEqual(['active', 'active']);

    const rw = await runCli(['keys', 'rewrap', ...key, '--threads', '0', 'stored.csv', '-o', 'rewrapped.csv'], { cwd: dir });
    expect(rw.code, rw.stderr).toBe(0);
    expect(rw.stderr).toContain(`${stored.length} envelopes moved to the primary key`);
    const moved = envelopes('rewrapped.csv');
    expect(moved.length).toBe(stored.length);
    expect(new Set(moved.map((e) => parseEnvelope(e).keyId))).toEqual(new Set([k2]));
    // Columns without envelopes are untouched.
    const a = parse(read('stored.csv')) as string[][];
    const b = parse(read('rewrapped.csv')) as string[][];
    a.forEach((row, i) => row.forEach((v, j) => !isEnvelope(v) && expect(b[i][j]).toBe(v)));

    const destroyPrimary = await runCli(['keys', 'destroy', k2, ...key], { cwd: dir });
    expect(destroyPrimary.code).toBe(10);
    expect(destroyPrimary.stderr).toMatch(/primary/);

    expect((await runCli(['keys', 'retire', k1, ...key], { cwd: dir })).code).toBe(0);
    expect((await list()).keys.find((k) => k.id === k1)?.state).toBe('decrypt-only');
    const d = await runCli(['keys', 'destroy', k1, ...key], { cwd: dir });
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/unrecoverable/);
    const ring = JSON.parse(read('k.json')) as { keys: { id: string; state: string; wrapped?: string }[] };
    const shredded = ring.keys.find((k) => k.id === k1);
    expect(shredded?.state).toBe('destroyed');
    expect(shredded?.wrapped).toBeUndefined();

    // The rewrapped copy still opens; the copy left under the destroyed key never will.
    const ok = await runCli(['reveal', ...key, '--actor', 'dba', '--purpose', 'check', '--audit', 'audit.jsonl', '--threads', '0', '-q', 'rewrapped.csv', '-o', 'plain.csv'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(read('plain.csv')).toBe(read('c.csv'));
    const gone = await runCli(['reveal', ...key, '--actor', 'dba', '--purpose', 'check', '--audit', 'audit.jsonl', '--threads', '0', 'stored.csv', '-o', 'lost.csv'], { cwd: dir });
    expect(gone.code).toBe(7);
    const rejects = read('lost.csv.rejects.jsonl').trim().split('\n').map((l) => JSON.parse(l) as { reason: string });
    expect(rejects).toHaveLength(40);
    expect(rejects.every((r) => r.reason.includes('KEY_DESTROYED'))).toBe(true);
    expect(parse(read('lost.csv'))).toHaveLength(1); // the header only
  });

  it('destroys the primary with --force, leaving a keyring that loads, decrypts and rotates to a new primary', async () => {
    const { dir: d, cleanup: done } = tempDir();
    try {
      writeFileSync(join(d, 'a.csv'), customersCsv(5, 'force').text);
      const init = await runCli(['keys', 'init', '--keyring', 'k.json', '--new-master-key-file', 'm.key'], { cwd: d });
      expect(init.code, init.stderr).toBe(0);
      const keyOpts = ['--keyring', 'k.json', '--master-key-file', 'm.key'];
      const protect = (out: string) => runCli(['protect', '--scene', 'storage', ...keyOpts, '--threads', '0', '-q', 'a.csv', '-o', out], { cwd: d });
      expect((await protect('s1.csv')).code).toBe(0);
      expect((await runCli(['keys', 'rotate', ...keyOpts], { cwd: d })).code).toBe(0);
      const ring = JSON.parse(readFileSync(join(d, 'k.json'), 'utf8')) as { primary: string };
      expect((await protect('s2.csv')).code).toBe(0);

      const refused = await runCli(['keys', 'destroy', ring.primary, ...keyOpts], { cwd: d });
      expect(refused.code).toBe(10);
      expect(refused.stderr).toBe(`fieldshield: cannot destroy the primary key ${ring.primary}: run keys rotate first, or pass --force\n`);
      const forced = await runCli(['keys', 'destroy', ring.primary, '--force', ...keyOpts], { cwd: d });
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stderr).toMatch(/no primary key now: nothing can be encrypted until keys rotate makes one/);

      // The file still loads: what was under the first key opens, nothing new is encrypted.
      const reveal = (input: string, out: string) =>
        runCli(['reveal', ...keyOpts, '--actor', 'dba', '--purpose', 'check', '--audit', 'audit.jsonl', '--threads', '0', '-q', input, '-o', out], { cwd: d });
      expect((await reveal('s1.csv', 'p1.csv')).code).toBe(0);
      expect(readFileSync(join(d, 'p1.csv'), 'utf8')).toBe(readFileSync(join(d, 'a.csv'), 'utf8'));
      expect((await reveal('s2.csv', 'p2.csv')).code).toBe(7);
      const none = await protect('s3.csv');
      expect(none.code).toBe(10);
      expect(none.stderr).toMatch(/no active primary key: rotate it/);

      const rot = await runCli(['keys', 'rotate', ...keyOpts], { cwd: d });
      expect(rot.code, rot.stderr).toBe(0);
      expect(rot.stderr).toMatch(/^rotated: new primary key [0-9a-f]{8}\n$/);
      expect((await protect('s4.csv')).code).toBe(0);
      expect((await reveal('s4.csv', 'p4.csv')).code).toBe(0);
      expect(readFileSync(join(d, 'p4.csv'), 'utf8')).toBe(readFileSync(join(d, 'a.csv'), 'utf8'));
    } finally {
      done();
    }
  });

  it('refuses a wrong or missing master key and an unknown key ID', async () => {
    writeFileSync(join(dir, 'wrong.key'), 'aa'.repeat(16) + '\n');
    const wrong = await runCli(['keys', 'rotate', '--keyring', 'k.json', '--master-key-file', 'wrong.key'], { cwd: dir });
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/master key does not open keyring k\.json/);
    const missing = await runCli(['keys', 'rotate', '--keyring', 'k.json', '--master-key-file', 'none.key'], { cwd: dir });
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/cannot read master key file none\.key \(ENOENT\)/);
    const unknown = await runCli(['keys', 'destroy', 'deadbeef', ...key], { cwd: dir });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/no key with ID deadbeef/);
  });

  it('stops at a key\'s usage limit (the GCM nonce budget) and asks for a rotation', async () => {
    const small = ['--keyring', 'small.json', '--master-key-file', 'master.key'];
    expect((await runCli(['keys', 'init', ...small, '--usage-limit', '30'], { cwd: dir })).code).toBe(0);
    const p = await runCli(['protect', '--scene', 'storage', ...small, '--threads', '0', 'c.csv', '-o', 'small.csv'], { cwd: dir });
    expect(p.code).toBe(10);
    expect(p.stderr).toMatch(/usage limit: rotate the keyring/);
    expect(existsSync(join(dir, 'small.csv'))).toBe(false);
    // The encryptions made are still counted.
    const ring = JSON.parse(read('small.json')) as { keys: { usage: number; usageLimit: number }[] };
    expect(ring.keys[0]).toMatchObject({ usage: 30, usageLimit: 30 });
  });
});
