/**
 * The examples in README.md and docs/*.md say what a call returns, in a comment after it:
 *
 *   mask.mobile('13812345678');   // '138****5678'
 *   scanText('手机13812345678');
 *   // [{ kind: 'cn-mobile', start: 2, ... }]
 *
 * This test finds every such line in the ```ts blocks — a call to one of the pure functions
 * below, followed on the same or the next line by a comment that is a JavaScript literal
 * (string, array or object) — runs the call against the library and compares. A doc example
 * that drifts from the code fails here. Comments that are prose or elide parts (`[...]`,
 * `'fs1.…'`) are not claims and are left alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';

const ROOT = new URL('../', import.meta.url);
const FILES = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

// Only calls without side effects or secrets: masking, scanning and redaction.
const CALL = /^\s*((?:mask|maskForScene|redactText|scanText|protectLogRecord)(?:\.\w+)?\(.*\)|hutool\.\w+\(.*\));\s*(?:\/\/\s*(.*))?$/;
const COMMENT = /^\s*\/\/\s*(.*)$/;
const LITERAL = /^('(?:[^'\\]|\\.)*'|\[.*\]|\{.*\})(?:\s|$)/;

interface Claim {
  readonly where: string;
  readonly call: string;
  readonly expected: string;
}

function claimsOf(file: string): Claim[] {
  const text = readFileSync(new URL(file, ROOT), 'utf8');
  const claims: Claim[] = [];
  for (const block of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const lines = block[1].split('\n');
    lines.forEach((line, i) => {
      const m = CALL.exec(line);
      if (m === null) return;
      const comment = m[2] || COMMENT.exec(lines[i + 1] ?? '')?.[1];
      const literal = comment === undefined ? undefined : LITERAL.exec(comment)?.[1];
      if (literal !== undefined) claims.push({ where: `${file}: ${m[1]}`, call: m[1], expected: literal });
    });
  }
  return claims;
}

const names = Object.keys(lib);
const values = names.map((n) => (lib as Record<string, unknown>)[n]);
/** Evaluates an expression with the library's exports in scope (the doc's `import { ... }`). */
function evaluate(expression: string): unknown {
  return new Function(...names, `return (${expression});`)(...values);
}

const claims = FILES.flatMap(claimsOf);

describe('examples in the docs', () => {
  it('are found (the extraction itself works)', () => {
    // README (9), MASKING.md (12), LOGS.md (3) at the time of writing; more may be added.
    expect(claims.length).toBeGreaterThanOrEqual(24);
    expect(claims.some((c) => c.where.startsWith('README.md'))).toBe(true);
    expect(claims.some((c) => c.where.startsWith('docs/LOGS.md') && c.call.startsWith('scanText'))).toBe(true);
  });

  it.each(claims.map((c) => [c.where, c] as const))('%s', (_where, claim) => {
    expect(evaluate(claim.call)).toEqual(evaluate(claim.expected));
  });
});

describe('docs/API.md', () => {
  it('names every runtime export of every entry point', async () => {
    const api = readFileSync(new URL('docs/API.md', ROOT), 'utf8');
    const modules: Record<string, Record<string, unknown>> = {
      fieldshield: lib as Record<string, unknown>,
      'fieldshield/gm': await import('../src/gm/index.js'),
      'fieldshield/pkcs11': await import('../src/pkcs11/index.js'),
      'fieldshield/pino': await import('../src/pino/index.js'),
      'fieldshield/typeorm': await import('../src/orm/typeorm.js'),
      'fieldshield/drizzle': await import('../src/orm/drizzle.js'),
      'fieldshield/migrate': await import('../src/orm/index.js'),
    };
    const missing = Object.entries(modules).flatMap(([entry, m]) =>
      Object.keys(m)
        .filter((name) => !new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(api))
        .map((name) => `${entry}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
