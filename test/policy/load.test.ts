import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { loadPolicy } from '../../src/policy/load.js';
import { policyJsonSchema } from '../../src/policy/schema.js';
import { CUSTOMER_POLICY_YAML } from './customer-table.js';

function errorOf(doc: unknown): PolicyError {
  try {
    loadPolicy(doc as string);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error('the policy was accepted');
}

describe('loadPolicy', () => {
  it('reads YAML and JSON into the same frozen policy', () => {
    const yaml = `
version: 1
context: t_customer
rules:
  - path: id_no
    kind: cn-id-card
    storage: { action: encrypt, deterministic: true }
    display: mask
`;
    const json = JSON.stringify({
      version: 1,
      context: 't_customer',
      rules: [{ path: 'id_no', kind: 'cn-id-card', storage: { action: 'encrypt', deterministic: true }, display: 'mask' }],
    });
    const a = loadPolicy(yaml);
    const b = loadPolicy(json);
    expect(a).toEqual(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.rules![0])).toBe(true);
    // A loaded policy is recognised and returned as is.
    expect(loadPolicy(a)).toBe(a);
  });

  it('copies the caller object: later changes do not reach the policy', () => {
    const doc = { rules: [{ path: 'a', kind: 'cn-mobile' }] };
    const p = loadPolicy(doc);
    doc.rules[0].kind = 'password';
    expect(p.rules![0].kind).toBe('cn-mobile');
  });

  it('points schema errors at the offending path', () => {
    expect(errorOf({ rules: [{ path: 'a', dispaly: 'mask' }] }).path).toBe('rules[0]');
    expect(errorOf({ rules: [{ path: 'a', dispaly: 'mask' }] }).message).toMatch(/dispaly/);
    expect(errorOf({ rules: [{ path: 'a', display: 'mask2' }] }).path).toBe('rules[0].display');
    expect(errorOf({ rules: [{ path: 'a', display: { action: 'nope' } }] }).path).toBe('rules[0].display.action');
    expect(errorOf({ rules: [{ path: 'a', display: { action: 'mask', rule: { type: 'keep', first: -1 } } }] }).path).toBe(
      'rules[0].display.rule.first',
    );
    expect(errorOf({ rules: [{}, { path: 'a', display: { action: 'mask', rule: { type: 'keep', frist: 1 } } }] }).path).toBe(
      'rules[1].display.rule',
    );
    expect(errorOf({ unknownFields: 'ignore' }).path).toBe('unknownFields');
    expect(errorOf({ defaults: { C4: {} } }).path).toBe('defaults');
    expect(errorOf({ version: 2 }).path).toBe('version');
  });

  it('makes the semantic checks the schema cannot', () => {
    expect(errorOf({ rules: [{ path: 'a', kind: 'no-such-kind' }] }).path).toBe('rules[0].kind');
    expect(errorOf({ rules: [{ path: ['a', 'b..c'] }] }).path).toBe('rules[0].path[1]');
    expect(errorOf({ rules: [{ path: 'a[0]' }] }).message).toMatch(/bad path/);
    expect(errorOf({ rules: [{ display: 'mask' }] }).message).toMatch(/needs a path, a kind or a class/);
    expect(errorOf({ rules: [{ kind: 'cn-mobile' }] }).message).toMatch(/at least one scene/);
    expect(errorOf({ rules: [{ path: 'a', kind: ['cn-mobile', 'email'] }] }).path).toBe('rules[0].kind');
    // Mask rule numbers are checked by the mask compiler at load time.
    expect(errorOf({ rules: [{ path: 'a', display: { action: 'mask', rule: { type: 'fixed', maskChar: '--' } } }] }).path).toBe(
      'rules[0].display.rule',
    );
    expect(errorOf({ rules: [{ path: 'a', display: { action: 'mask', rule: { type: 'generalize', to: 'amount-bucket', edges: [3, 2] } } }] }).path).toBe(
      'rules[0].display.rule',
    );
    expect(errorOf({ rules: [{ path: 'a', storage: { action: 'encrypt', blindIndex: { into: '{name}_idx' } } }] }).path).toBe(
      'rules[0].storage.blindIndex.into',
    );
    expect(errorOf({ rules: [{ path: 'a', log: { action: 'redact', label: 'has space' } }] }).path).toBe('rules[0].log.label');
  });

  it('enforces the C3 and third-party rules wherever the class is known', () => {
    expect(errorOf({ defaults: { C3: { display: 'keep' } } }).path).toBe('defaults.C3.display');
    expect(errorOf({ defaults: { C3: { storage: 'keep' } } }).message).toMatch(/stored only encrypted/);
    expect(errorOf({ defaults: { C3: { share: 'mask' } } }).message).toMatch(/never entrusted/);
    expect(errorOf({ defaults: { authHelper: { share: { action: 'redact' } } } }).path).toBe('defaults.authHelper.share');
    expect(errorOf({ rules: [{ path: 'pin', kind: 'password', display: { action: 'mask', rule: { type: 'keep', last: 2 } } }] }).path).toBe(
      'rules[0].display',
    );
    expect(errorOf({ rules: [{ path: 'code', class: 'C3', devtest: 'pseudonymize' }] }).path).toBe('rules[0].devtest');
    expect(errorOf({ rules: [{ kind: 'cvn', storage: { action: 'encrypt', blindIndex: { into: 'x' } } }] }).path).toBe('rules[0].storage');
    expect(errorOf({ rules: [{ class: ['C2', 'C3'], analytics: 'keep' }] }).path).toBe('rules[0].analytics');
    expect(errorOf({ rules: [{ kind: 'sms-code', share: 'mask' }] }).path).toBe('rules[0].share');
    expect(errorOf({ rules: [{ kind: 'sms-code', class: 'C3', display: 'keep' }] }).path).toBe('rules[0].display');
    // What the guard allows for C3: encrypt, redact, drop, and fixed/label masks.
    expect(() =>
      loadPolicy({
        rules: [{ path: 'pin', kind: 'password', display: { action: 'mask', rule: { type: 'fixed', width: 8 } }, log: 'redact', devtest: 'drop', analytics: 'encrypt' }],
      }),
    ).not.toThrow();
  });

  it('reports broken text without quoting it', () => {
    const yaml = errorOf('rules:\n  - path: a\n    display: [mask\n');
    expect(yaml.message).toMatch(/not valid YAML at line \d+, column \d+/);
    expect(errorOf('{"rules": [').message).toBe('policy is not valid JSON');
    expect(errorOf('- a\n- b\n').message).toMatch(/must be an object/);
    expect(errorOf('rules: []\nrules: []\n').message).toMatch(/YAML/);
  });

  it('accepts the customer policy and the built-in one', () => {
    const p = loadPolicy(CUSTOMER_POLICY_YAML);
    expect(p.unknownFields).toBe('reject');
    expect(p.rules).toHaveLength(12);
    expect(defaultPolicy.unknownFields).toBe('classify');
    expect(Object.isFrozen(defaultPolicy)).toBe(true);
  });
});

describe('policyJsonSchema', () => {
  it('is what docs/policy.schema.json holds (run `npx tsx scripts/policy-schema.ts` after changing the schema)', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'policy.schema.json'), 'utf8')) as unknown;
    expect(file).toEqual(policyJsonSchema());
  });

  it('describes the document for editors', () => {
    const s = policyJsonSchema() as {
      $schema: string;
      properties: Record<string, unknown>;
      additionalProperties: boolean;
      $defs: Record<string, { anyOf?: unknown[]; oneOf?: unknown[] }>;
    };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(s.properties)).toEqual(['$schema', 'version', 'description', 'context', 'unknownFields', 'onError', 'defaults', 'rules']);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.$defs).sort()).toEqual(['action', 'class', 'maskRule', 'onErrorMode', 'rule', 'sceneActions']);
    // An action is a bare name or one of eight objects.
    const action = s.$defs.action.anyOf as [{ enum: string[] }, { oneOf: unknown[] }];
    expect(action[0].enum).toEqual(['keep', 'encrypt', 'blind-index', 'mask', 'pseudonymize', 'generalize', 'redact', 'drop']);
    expect(action[1].oneOf).toHaveLength(8);
  });
});

describe('hostile and odd policy text', () => {
  it('YAML aliases: a policy may reuse an anchor many times; an alias bomb is a PolicyError', () => {
    const reuse = ['rules:', '  - { path: f0, kind: cn-mobile, display: &m { action: mask } }', ...Array.from({ length: 150 }, (_, i) => `  - { path: f${i + 1}, kind: cn-mobile, display: *m }`)].join('\n');
    expect(loadPolicy(reuse).rules).toHaveLength(151);
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    expect(() => loadPolicy([...levels, 'rules: []'].join('\n'))).toThrow(new PolicyError('policy expands YAML aliases more than 1000 times: write the repeated parts out, or use fewer aliases'));
  });

  it('JSON with a byte-order mark loads', () => {
    expect(loadPolicy('\ufeff{"rules":[{"path":"a","kind":"cn-mobile"}]}').rules).toHaveLength(1);
  });
});
