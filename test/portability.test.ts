import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// These folders must run in browsers, Deno and Bun: no Node built-ins, no Buffer, no process.
const PORTABLE = ['src/gm', 'src/mask', 'src/kinds', 'src/classify', 'src/scan'];
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]node:/, 'a node: import'],
  [/import\(\s*['"]node:/, 'a dynamic node: import'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bprocess\./, 'process'],
  [/\brequire\(/, 'require()'],
  [/Math\.random/, 'Math.random'],
  [/console\./, 'console output'],
];

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('portable modules', () => {
  for (const dir of PORTABLE) {
    it(`${dir} uses no Node-only APIs`, () => {
      const problems: string[] = [];
      for (const f of files(dir)) {
        // Strip comments so documentation may mention Buffer or node:crypto.
        const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
        for (const [re, what] of FORBIDDEN) if (re.test(code)) problems.push(`${f}: ${what}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('the library never writes to the console outside the CLI', () => {
    const hits = files('src')
      .filter((f) => !f.includes('/cli/'))
      .filter((f) => /console\.(log|info|debug|warn|error)/.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
