/**
 * `fieldshield redact`: streaming line by line keeps every line (count, endings, the text
 * around values), whatever the chunk boundaries; `--json` keeps JSON lines valid JSON.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactLine, redactLines, registerRedact } from '../../src/cli/commands/redact.js';
import { CliError } from '../../src/cli/exit-codes.js';
import { LogProtector, redactText } from '../../src/scan/index.js';

const protector = new LogProtector();
const encoder = new TextEncoder();

async function* chunks(bytes: Uint8Array, cuts: number[]): AsyncIterable<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function run(text: string, cuts: number[] = [], json = false): Promise<string> {
  let out = '';
  await redactLines(chunks(encoder.encode(text), cuts), async (t) => void (out += t), protector, json);
  return out;
}

const LINES = [
  '2024-05-01 12:00:00.123 INFO 客户身份证11010519491231002X 开户',
  '手机 138-1234-5678，卡号 6222 0212 3456 7890 128\r',
  '',
  'nothing here 12345 2.5 ms',
  '{"level":30,"mobile":"13812345678","uid":13912345678,"msg":"ok"}',
  'email zhangsan@qq.com 结束',
];

describe('redactLines', () => {
  it('every line is redactText of that line, whatever the chunk boundaries (multi-byte characters split)', async () => {
    const text = LINES.join('\n');
    const expected = LINES.map((l) => redactText(l)).join('\n');
    const bytes = encoder.encode(text).length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes - 1 }), { maxLength: 12 }), async (cuts) => {
        expect(await run(text, cuts)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the line count, a missing final newline, CRLF endings and a BOM', async () => {
    expect(await run('a\nb\n')).toBe('a\nb\n');
    expect(await run('a\n13812345678')).toBe('a\n138****5678');
    expect(await run('13812345678\r\n\r\n')).toBe('138****5678\r\n\r\n');
    expect(await run('\ufeff13812345678\n')).toBe('\ufeff138****5678\n');
    const summary = await redactLines(chunks(encoder.encode('x\n13812345678\ny'), []), async () => {}, protector);
    expect(summary).toEqual({ lines: 3, changed: 1, bytesIn: 15 });
  });

  it('--json: JSON lines masked by field name too and still valid JSON; other lines by content', async () => {
    const out = (await run(LINES.join('\n'), [], true)).split('\n');
    expect(JSON.parse(out[4])).toEqual({ level: 30, mobile: '138****5678', uid: '139****5678', msg: 'ok' });
    expect(out[1]).toBe('手机 138-****-5678，卡号 6222 02** **** ***0 128\r');
    expect(redactLine('{"password":"hunter2"}', protector, true)).toBe('{"password":"[REDACTED:password]"}');
    expect(redactLine('{not json 13812345678', protector, true)).toBe('{not json 138****5678');
  });

  it('invalid UTF-8 is an input error that quotes nothing', async () => {
    const bad = Uint8Array.of(0x31, 0x33, 0x38, 0xff, 0x0a);
    await expect(redactLines(chunks(bad, []), async () => {}, protector)).rejects.toBeInstanceOf(CliError);
  });
});

describe('the redact command', () => {
  it('reads a file and writes the output file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-redact-'));
    const input = join(dir, 'app.log');
    const output = join(dir, 'app.redacted.log');
    writeFileSync(input, LINES.join('\n') + '\n');
    let code = -1;
    const program = new Command().exitOverride();
    registerRedact(program, (c) => {
      code = c;
    });
    await program.parseAsync(['node', 'fieldshield', 'redact', input, '-o', output, '--json', '-q']);
    expect(code).toBe(0);
    const written = readFileSync(output, 'utf8');
    expect(written.split('\n')).toHaveLength(LINES.length + 1);
    expect(written).not.toContain('13812345678');
    expect(written).not.toContain('11010519491231002X');
  });

  it('a bad option is a usage error', async () => {
    const program = new Command().exitOverride();
    registerRedact(program, () => {});
    await expect(program.parseAsync(['node', 'fieldshield', 'redact', 'x.log', '--kinds', 'nope'])).rejects.toBeInstanceOf(CliError);
  });
});
