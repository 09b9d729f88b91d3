/**
 * `fieldshield protect` and `reveal`, run as child processes on real files: the storage round
 * trip, scenes that must not leak plaintext, row order across worker threads, rejects, GBK
 * input, JSON formats, stdin/stdout, and the exit code of each failure.
 */
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEnvelope } from '../../src/envelope/index.js';
import { cliReady, customersCsv, runCli, TEST_MASTER_HEX, tempDir } from './helpers.js';

const env = { FIELDSHIELD_MASTER_KEY: TEST_MASTER_HEX };
let dir: string;
let cleanup: () => void;
let original: string[][];

beforeAll(async () => {
  await cliReady();
  ({ dir, cleanup } = tempDir());
  const { text, table } = customersCsv(120);
  original = table;
  writeFileSync(join(dir, 'customers.csv'), text);
  const init = await runCli(['keys', 'init', '--keyring', 'keyring.json'], { cwd: dir, env });
  expect(init.code).toBe(0);
});
afterAll(async () => {
  cleanup();
});

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const csv = (name: string): string[][] => parse(read(name)) as string[][];
const column = (t: string[][], name: string): string[] => t.slice(1).map((r) => r[t[0].indexOf(name)]);

describe('protect and reveal', () => {
  it('storage encrypts every C2/C3 column, reveal restores the file byte for byte and audits each field', async () => {
    const p = await runCli(['protect', '--scene', 'storage', '--keyring', 'keyring.json', '--threads', '2', '--chunk-bytes', '4096', 'customers.csv', '-o', 'stored.csv'], { cwd: dir, env });
    expect(p.stderr).toContain('encrypt');
    // The combination rule that makes the login IP C2 next to the customer number and a time is named in the plan.
    expect(p.stderr).toContain('last_login_ip (C2: activity-trail)');
    expect(p.code).toBe(0);
    expect(column(csv('stored.csv'), 'last_login_ip').filter((v) => v !== '').every((v) => isEnvelope(v))).toBe(true);
    const stored = csv('stored.csv');
    for (const name of ['id_no', 'mobile', 'card_no', 'cvv2', 'login_pwd', 'cust_name']) {
      expect(column(stored, name).every((v) => isEnvelope(v))).toBe(true);
    }
    expect(column(stored, 'customer_no')).toEqual(column(original, 'customer_no'));
    // The keyring's usage counter now counts the encryptions (the GCM nonce budget).
    const ring = JSON.parse(read('keyring.json')) as { keys: { usage: number }[] };
    const encrypted = stored.slice(1).flat().filter((v) => isEnvelope(v)).length;
    expect(ring.keys[0].usage).toBe(encrypted);

    const r = await runCli(
      ['reveal', '--keyring', 'keyring.json', '--actor', 'u1024', '--purpose', 'ticket 8812', '--audit', 'audit.jsonl', '--threads', '2', '--chunk-bytes', '8192', 'stored.csv', '-o', 'revealed.csv'],
      { cwd: dir, env },
    );
    expect(r.code).toBe(0);
    expect(read('revealed.csv')).toBe(read('customers.csv'));
    const audit = read('audit.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit[0]).toMatchObject({ type: 'bulk-reveal', phase: 'start', actor: 'u1024', purpose: 'ticket 8812' });
    expect(audit.at(-1)).toMatchObject({ type: 'bulk-reveal', phase: 'end', outcome: 'completed', rows: 120 });
    const fields = audit.filter((e) => e.type === 'reveal');
    expect(fields.length).toBe(encrypted);
    expect(fields.every((e) => e.outcome === 'revealed' && e.actor === 'u1024' && typeof e.line === 'number')).toBe(true);
    // No value from the data appears in the audit trail.
    const auditText = read('audit.jsonl');
    for (const v of column(original, 'id_no').concat(column(original, 'mobile'))) expect(auditText).not.toContain(v);
  });

  it('no scene but storage passes a C2/C3 value through, and devtest output is the same with 0 or 2 threads, row for row', async () => {
    const c3 = ['cvv2', 'login_pwd', 'card_expiry'];
    const c2 = ['id_no', 'mobile', 'card_no', 'cust_name', 'email'];
    for (const scene of ['display', 'analytics', 'log', 'devtest', 'share']) {
      const res = await runCli(['protect', '--scene', scene, '--threads', '0', '--keyring', 'keyring.json', '-q', 'customers.csv', '-o', `${scene}.csv`], { cwd: dir, env });
      expect(res.code, `${scene}: ${res.stderr}`).toBe(0);
      const out = csv(`${scene}.csv`);
      expect(out.length).toBe(original.length);
      for (const name of [...c3, ...c2]) {
        if (!out[0].includes(name)) continue; // dropped
        const before = column(original, name);
        const after = column(out, name);
        after.forEach((v, i) => {
          if (before[i] !== '') expect(v, `${scene}.${name} row ${i}`).not.toBe(before[i]);
        });
      }
      if (scene === 'analytics' || scene === 'share') for (const name of ['cvv2', 'login_pwd']) expect(out[0]).not.toContain(name);
    }
    const par = await runCli(['protect', '--scene', 'devtest', '--threads', '2', '--chunk-bytes', '3000', '--keyring', 'keyring.json', '-q', 'customers.csv', '-o', 'devtest2.csv'], { cwd: dir, env });
    expect(par.code).toBe(0);
    expect(read('devtest2.csv')).toBe(read('devtest.csv'));
    // Pseudonyms are consistent: equal inputs give equal outputs, and the ID keeps its region.
    const ids = column(csv('devtest.csv'), 'id_no');
    column(original, 'id_no').forEach((v, i) => expect(ids[i].slice(0, 6)).toBe(v.slice(0, 6)));
  });

  it('bad rows go to the reject file with line and reason, never values; the rest is written; exit 7', async () => {
    const lines = read('customers.csv').split('\n');
    const bad = [...lines];
    bad[3] = bad[3].split(',').slice(0, 29).join(','); // 29 fields
    bad[6] = bad[6].replace(/^(\d+),/, '$1,"x"y,'); // closing quote followed by text
    bad[9] = '{not csv at all'; // one field
    writeFileSync(join(dir, 'bad.csv'), bad.join('\n'));
    const r = await runCli(['protect', '--scene', 'devtest', '--keyring', 'keyring.json', '--threads', '0', 'bad.csv', '-o', 'bad.out.csv'], { cwd: dir, env });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('3 rows rejected');
    const rejects = read('bad.out.csv.rejects.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; reason: string });
    expect(rejects.map((x) => x.line)).toEqual([4, 7, 10]);
    expect(rejects[0].reason).toBe('expected 30 fields, found 29');
    const rejectText = read('bad.out.csv.rejects.jsonl');
    for (const i of [3, 6, 9]) for (const cell of bad[i].split(',')) if (cell.length > 3) expect(rejectText).not.toContain(cell);
    expect(csv('bad.out.csv').length).toBe(original.length - 3);

    const strict = await runCli(['protect', '--scene', 'devtest', '--keyring', 'keyring.json', '--threads', '0', '--max-rejects', '2', 'bad.csv', '-o', 'strict.csv'], { cwd: dir, env });
    expect(strict.code).toBe(8);
    expect(existsSync(join(dir, 'strict.csv'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('strict.csv.') && f.endsWith('partial'))).toEqual([]);
    expect(existsSync(join(dir, 'strict.csv.rejects.jsonl'))).toBe(true);
  });

  it('reads GBK exports with --encoding gbk and says so when the encoding is wrong', async () => {
    const utf8 = ['客户姓名,证件号码,手机号码,备注', '张三,11010519491231002X,13812345678,优质客户', '欧阳娜娜,440524188001010014,13912345678,代发工资', ''].join('\r\n');
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(utf8, 'gbk'));
    writeFileSync(join(dir, 'utf8bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]));
    const a = await runCli(['protect', '--scene', 'display', '--encoding', 'gbk', '--threads', '0', '-q', 'gbk.csv', '-o', 'gbk.out.csv'], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['protect', '--scene', 'display', '--threads', '0', '-q', 'utf8bom.csv', '-o', 'bom.out.csv'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    expect(read('gbk.out.csv')).toBe(read('bom.out.csv'));
    const out = csv('gbk.out.csv');
    expect(out[0]).toEqual(['客户姓名', '证件号码', '手机号码', '备注']);
    expect(out[1][1]).toBe('110105********002X');
    expect(out[1][2]).toBe('138****5678');
    const wrong = await runCli(['protect', '--scene', 'display', '--threads', '0', 'gbk.csv', '-o', 'wrong.csv'], { cwd: dir });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/not valid UTF-8.*--encoding/);
    expect(existsSync(join(dir, 'wrong.csv'))).toBe(false);
  });

  it('JSONL through stdin and stdout, and a JSON array file, round trip through storage', async () => {
    const records = original.slice(1, 6).map((r) => ({ id_no: r[4], mobile: r[6], profile: { name: r[1], tags: ['a', 'b'] }, note: null }));
    const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const p = await runCli(['protect', '--scene', 'storage', '--keyring', 'keyring.json', '--format', 'jsonl', '--threads', '0', '-q', '-', '-o', '-'], { cwd: dir, env, stdin: jsonl });
    expect(p.code, p.stderr).toBe(0);
    const stored = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(stored.length).toBe(5);
    expect(stored.every((r) => isEnvelope(r.id_no as string) && isEnvelope(r.mobile as string))).toBe(true);
    writeFileSync(join(dir, 'stored.json'), JSON.stringify(stored, null, 2));
    const r = await runCli(['reveal', '--keyring', 'keyring.json', '--actor', 'etl', '--purpose', 'test', '--audit', 'a2.jsonl', '--threads', '0', '-q', 'stored.json', '-o', 'revealed.json'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(read('revealed.json'))).toEqual(records);
  });
  it('protects a column recognised only by its values when given the classify report (--classification)', async () => {
    const ids = ['11010519491231002X', '440524188001010014', '11010519491231002X', '440524188001010014'];
    writeFileSync(join(dir, 'bz.csv'), ['khxm,bz', ...ids.map((id, i) => `客户${i},${id}`), ''].join('\n'));
    const c = await runCli(['classify', '--json', 'bz.json', 'bz.csv'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toContain('1 column(s) recognised by their values, not their names: bz. protect and reveal read names only: pass --classification bz.json');
    // By name alone the note column is kept; with the report it is an ID number column.
    const byName = await runCli(['protect', '--scene', 'display', '--threads', '0', '-q', 'bz.csv', '-o', 'bz1.csv'], { cwd: dir });
    expect(byName.code, byName.stderr).toBe(0);
    expect(csv('bz1.csv').slice(1).map((r) => r[1])).toEqual(ids);
    const withReport = await runCli(['protect', '--scene', 'display', '--classification', 'bz.json', '--threads', '0', 'bz.csv', '-o', 'bz2.csv'], { cwd: dir });
    expect(withReport.code, withReport.stderr).toBe(0);
    expect(withReport.stderr).toMatch(/mask +2: khxm, bz/);
    expect(csv('bz2.csv').slice(1).map((r) => r[1])).toEqual(['110105********002X', '440524********0014', '110105********002X', '440524********0014']);
    // Storage and reveal with the same report round trip; reveal without it leaves the envelopes.
    const stored = await runCli(['protect', '--scene', 'storage', '--keyring', 'keyring.json', '--classification', 'bz.json', '--threads', '0', '-q', 'bz.csv', '-o', 'bz.stored.csv'], { cwd: dir, env });
    expect(stored.code, stored.stderr).toBe(0);
    expect(csv('bz.stored.csv').slice(1).every((r) => isEnvelope(r[1]))).toBe(true);
    const revealArgs = ['reveal', '--keyring', 'keyring.json', '--actor', 'a', '--purpose', 'p', '--audit', 'bz.audit.jsonl', '--threads', '0', '-q'];
    const back = await runCli([...revealArgs, '--classification', 'bz.json', 'bz.stored.csv', '-o', 'bz.back.csv'], { cwd: dir, env });
    expect(back.code, back.stderr).toBe(0);
    expect(read('bz.back.csv')).toBe(read('bz.csv'));
    // A file that is not a classify report stops the run before any row.
    for (const [file, message] of [['nope.json', /cannot read classification nope\.json \(ENOENT\)/], ['bz.csv', /not JSON/], ['keyring.json', /is not a fieldshield classify report/]] as const) {
      const bad = await runCli(['protect', '--scene', 'display', '--classification', file, '--threads', '0', 'bz.csv', '-o', 'bz3.csv'], { cwd: dir, env });
      expect(bad.code).toBe(6);
      expect(bad.stderr).toMatch(message);
      expect(existsSync(join(dir, 'bz3.csv'))).toBe(false);
    }
  });

  it('a CR in a field, and mixed CRLF/LF endings, survive storage → reveal whatever the chunking', async () => {
    writeFileSync(join(dir, 'cr.csv'), 'cust_name,note\n张三,"x\ry"\n李四,ok\n');
    const lines = ['cust_name,mobile'];
    for (let i = 0; i < 30; i++) lines.push(`客户${i},139${String(10000000 + i)}${i % 3 === 0 ? '\r' : ''}`);
    writeFileSync(join(dir, 'mixed.csv'), lines.join('\n') + '\n');
    for (const chunk of ['64', '100', '65536']) {
      for (const file of ['cr.csv', 'mixed.csv']) {
        const stored = `${file}.${chunk}.stored.csv`;
        const p = await runCli(['protect', '--scene', 'storage', '--keyring', 'keyring.json', '--chunk-bytes', chunk, '--threads', '2', '-q', file, '-o', stored], { cwd: dir, env });
        expect(p.code, p.stderr).toBe(0);
        const back = `${file}.${chunk}.back.csv`;
        const r = await runCli(['reveal', '--keyring', 'keyring.json', '--actor', 'a', '--purpose', 'p', '--audit', 'cr.audit.jsonl', '--chunk-bytes', chunk, '-q', stored, '-o', back], { cwd: dir, env });
        expect(r.code, r.stderr).toBe(0);
        // The CR inside quotes comes back; the CRs of CRLF endings are line endings, not data.
        expect(read(back)).toBe(file === 'cr.csv' ? read('cr.csv') : read('mixed.csv').replace(/\r/g, ''));
      }
    }
  });

  it('rejects a JSON row holding a number a double cannot keep, instead of writing other digits', async () => {
    const jsonl = [
      '{"customer_no":12345678901234567891,"mobile":"13812345678"}',
      '{"customer_no":"12345678901234567891","mobile":"13812345678","balance":1234.5}',
      '{"card_no":6222021234567890123}',
      '{"n":1e400}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'big.jsonl'), jsonl);
    const r = await runCli(['protect', '--scene', 'storage', '--keyring', 'keyring.json', '--threads', '0', '-q', 'big.jsonl', '-o', 'big.out.jsonl'], { cwd: dir, env });
    expect(r.code).toBe(7);
    const rejects = read('big.out.jsonl.rejects.jsonl').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
    expect(rejects.map((x) => x.line)).toEqual([1, 3, 4]);
    expect(rejects[0].reason).toMatch(/cannot hold exactly .*write it as a string/);
    expect(read('big.out.jsonl.rejects.jsonl')).not.toMatch(/1234567890|6222021234/);
    const out = read('big.out.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // The row with ordinary numbers (and the long one quoted) goes through.
    expect(out).toHaveLength(1);
    expect(isEnvelope(out[0].mobile as string)).toBe(true);
    expect(out[0]).toHaveProperty('balance');
  });
});

describe('exit codes and messages', () => {
  const cases: [string, string[], Record<string, string>, number, RegExp][] = [
    ['missing input', ['protect', '--scene', 'display', 'nope.csv', '-o', 'x.csv'], {}, 3, /nope\.csv does not exist/],
    ['unknown scene', ['protect', '--scene', 'marketing', 'customers.csv', '-o', 'x.csv'], {}, 2, /unknown scene 'marketing'/],
    ['unknown format', ['protect', '--scene', 'display', '--format', 'xlsx', 'customers.csv', '-o', 'x.csv'], {}, 2, /unknown format/],
    ['unknown option (no secrets as arguments)', ['protect', '--scene', 'display', '--master-key', TEST_MASTER_HEX, 'customers.csv', '-o', 'x.csv'], {}, 2, /unknown option/],
    ['storage without a keyring', ['protect', '--scene', 'storage', 'customers.csv', '-o', 'x.csv'], {}, 2, /pass --keyring/],
    ['missing keyring', ['protect', '--scene', 'storage', '--keyring', 'none.json', 'customers.csv', '-o', 'x.csv'], env, 4, /cannot read keyring none\.json/],
    ['keyring that is not one', ['protect', '--scene', 'storage', '--keyring', 'customers.csv', 'customers.csv', '-o', 'x.csv'], env, 4, /not valid JSON/],
    ['no master key', ['protect', '--scene', 'storage', '--keyring', 'keyring.json', 'customers.csv', '-o', 'x.csv'], {}, 5, /no master key: set FIELDSHIELD_MASTER_KEY/],
    ['wrong master key', ['protect', '--scene', 'storage', '--keyring', 'keyring.json', 'customers.csv', '-o', 'x.csv'], { FIELDSHIELD_MASTER_KEY: 'ff'.repeat(16) }, 5, /master key/],
    ['malformed master key', ['protect', '--scene', 'storage', '--keyring', 'keyring.json', 'customers.csv', '-o', 'x.csv'], { FIELDSHIELD_MASTER_KEY: 'xyz' }, 5, /32 hex characters/],
    ['missing policy', ['protect', '--scene', 'display', '--policy', 'p.yaml', 'customers.csv', '-o', 'x.csv'], {}, 6, /cannot read policy p\.yaml/],
    ['reveal without --audit', ['reveal', '--keyring', 'keyring.json', '--actor', 'a', '--purpose', 'p', 'customers.csv', '-o', 'x.csv'], env, 2, /--audit/],
  ];
  it.concurrent.each(cases)('%s', async (_name, args, extraEnv, code, message) => {
    const r = await runCli([...args, '--threads', '0'], { cwd: dir, env: extraEnv });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    // The wrong master key is never echoed.
    expect(r.stderr).not.toContain('ffffffff');
  });

  it('usage errors are one line starting with fieldshield:, like every other error', async () => {
    for (const args of [['protect', '--scene', 'display', '--master-key', 'x', 'customers.csv', '-o', 'x.csv'], ['frobnicate'], ['protect', 'customers.csv']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^fieldshield: [^\n]+ \(fieldshield --help shows the commands\)\n$/);
    }
  });

  it('a policy error names the document path and stops with exit 6', async () => {
    writeFileSync(join(dir, 'bad-policy.yaml'), 'version: 1\nrules:\n  - path: id_no\n    display: { action: mask, rule: { type: keep, first: -1 } }\n');
    const r = await runCli(['protect', '--scene', 'display', '--policy', 'bad-policy.yaml', '--threads', '0', 'customers.csv', '-o', 'x.csv'], { cwd: dir });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/rules\[0\]\.display/);
  });

  it('--help lists the exit codes', async () => {
    const r = await runCli(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*8 {2}stopped: more rejects than --max-rejects/);
  });
});
