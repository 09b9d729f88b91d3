/**
 * loadPolicy: JSON or YAML text, or an object, to a validated, frozen policy. Schema errors and
 * the semantic checks the schema cannot express (kinds exist, path syntax, mask rule numbers,
 * blind-index templates, the C3 guard for what is known statically) all become a PolicyError
 * whose `path` points into the document.
 */
import { parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { FieldShieldError, PolicyError } from '../errors.js';
import { findKind } from '../kinds/registry.js';
import type { Level } from '../kinds/types.js';
import { compileMask } from '../mask/compile.js';
import { checkEdges } from '../mask/generalize.js';
import { checkLabel } from '../mask/primitives.js';
import type { MaskRule } from '../mask/types.js';
import { forbiddenReason } from './guard.js';
import { parsePattern, PathSyntaxError } from './paths.js';
import { SCENES, policySchema, type ActionObject, type ActionSpec, type Policy, type PolicyDocument, type PolicyRule } from './schema.js';

const loaded = new WeakSet<object>();
/** Documents longer than this are refused before parsing (a policy is a few KiB). */
const MAX_TEXT = 1 << 20;

/** `rules[2].display.rule.first` from a zod / document path. */
export function documentPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The object form of an action (`'mask'` → `{ action: 'mask' }`). */
export function actionObject(spec: ActionSpec): ActionObject {
  return typeof spec === 'string' ? ({ action: spec } as ActionObject) : spec;
}

interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly IssueLike[])[];
}

/**
 * The most telling issue. A union (string shorthand | object) that failed reports one issue list
 * per branch; the branch that got furthest into the value (its first issue has the longest
 * path) says what is actually wrong, so descend into it. On a tie the first branch wins.
 */
function bestIssue(issue: IssueLike, base: readonly PropertyKey[]): { path: readonly PropertyKey[]; message: string } {
  const here = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors !== undefined) {
    let best: IssueLike | undefined;
    for (const branch of issue.errors) {
      if (branch.length > 0 && (best === undefined || branch[0].path.length > best.path.length)) best = branch[0];
    }
    if (best !== undefined) return bestIssue(best, here);
  }
  return { path: here, message: issue.message };
}

function fromZod(error: ZodError): PolicyError {
  const { path, message } = bestIssue(error.issues[0] as unknown as IssueLike, []);
  const where = documentPath(path);
  return new PolicyError(`policy is invalid at ${where}: ${message}`, { path: where, documentPath: where });
}

function parseText(text: string): unknown {
  if (text.length > MAX_TEXT) throw new PolicyError(`policy text is longer than ${MAX_TEXT} characters`);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      // From the first brace: a byte-order mark (a file saved by Windows Notepad) is not JSON.
      return JSON.parse(trimmed);
    } catch {
      throw new PolicyError('policy is not valid JSON');
    }
  }
  // YAML 1.2 core schema: no custom tags; aliases bounded (below).
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    // The library's message quotes the offending line; only its position and code are kept.
    throw new PolicyError(`policy is not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''} (${e.code})`);
  }
  try {
    // The library weighs each alias by what it expands to: a policy may reuse an anchor a few
    // hundred times, an alias bomb (nested aliases doubling at each level) soon passes this.
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw new PolicyError(`policy expands YAML aliases more than ${MAX_ALIAS_COUNT} times: write the repeated parts out, or use fewer aliases`);
  }
}

const MAX_ALIAS_COUNT = 1000;

function fail(path: string, message: string): never {
  throw new PolicyError(`policy is invalid at ${path}: ${message}`, { path, documentPath: path });
}

function asList<T>(v: T | readonly T[] | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v as T];
}

/** The checks a mask rule's compiler makes (numbers, mask characters, edges), at load time. */
function checkMaskRule(rule: MaskRule, maskChar: string | undefined, at: string): void {
  try {
    compileMask(rule, maskChar);
  } catch (e) {
    fail(at, e instanceof FieldShieldError ? e.message : 'invalid mask rule');
  }
}

const TEMPLATE = /\{([^}]*)\}/g;

function checkAction(action: ActionObject, at: string): void {
  switch (action.action) {
    case 'mask':
      if (action.rule !== undefined) checkMaskRule(action.rule as MaskRule, action.maskChar, `${at}.rule`);
      else if (action.maskChar !== undefined) checkMaskRule({ type: 'fixed' }, action.maskChar, `${at}.maskChar`);
      return;
    case 'generalize':
      if (action.edges !== undefined) {
        if (action.to !== 'amount-bucket' && action.to !== 'age-range') fail(`${at}.edges`, "edges need to: 'amount-bucket' or 'age-range'");
        try {
          checkEdges(action.edges);
        } catch (e) {
          fail(`${at}.edges`, (e as Error).message);
        }
      }
      return;
    case 'redact':
      try {
        checkLabel(action.label);
      } catch (e) {
        fail(`${at}.label`, (e as Error).message);
      }
      if (action.label !== undefined && action.style === 'fixed') fail(`${at}.label`, "a label does not apply to style 'fixed'");
      if (action.width !== undefined && action.style !== 'fixed') fail(`${at}.width`, "width applies to style 'fixed' only");
      return;
    case 'encrypt': {
      const into = action.blindIndex?.into;
      if (into !== undefined) {
        for (const m of into.matchAll(TEMPLATE)) {
          if (m[1] !== 'key') fail(`${at}.blindIndex.into`, `unknown placeholder {${m[1]}} (only {key})`);
        }
        if (/[{}]/.test(into.replace(TEMPLATE, ''))) fail(`${at}.blindIndex.into`, 'unbalanced braces');
      }
      return;
    }
    default:
      return;
  }
}

function checkGuard(level: Level, authHelper: boolean, action: ActionObject, scene: (typeof SCENES)[number], at: string): void {
  const reason = forbiddenReason(level, authHelper, scene, action);
  if (reason !== undefined) fail(at, reason);
}

function checkRule(rule: PolicyRule, at: string): void {
  const paths = asList(rule.path);
  const kindIds = asList(rule.kind);
  const classes = asList(rule.class);
  paths.forEach((p, j) => {
    try {
      parsePattern(p);
    } catch (e) {
      if (e instanceof PathSyntaxError) fail(Array.isArray(rule.path) ? `${at}.path[${j}]` : `${at}.path`, `bad path: ${e.message}`);
      throw e;
    }
  });
  const kinds = kindIds.map((id, j) => {
    const k = findKind(id);
    if (k === undefined) fail(Array.isArray(rule.kind) ? `${at}.kind[${j}]` : `${at}.kind`, `unknown kind '${id}'`);
    return k;
  });
  const hasAction = SCENES.some((s) => rule[s] !== undefined);
  if (paths.length > 0) {
    if (kindIds.length > 1) fail(`${at}.kind`, 'a rule with a path declares one kind');
    if (classes.length > 1) fail(`${at}.class`, 'a rule with a path declares one class');
  } else {
    if (kinds.length === 0 && classes.length === 0) fail(at, 'a rule needs a path, a kind or a class');
    if (!hasAction) fail(at, 'a rule without a path must set an action for at least one scene');
  }
  for (const scene of SCENES) {
    const spec = rule[scene];
    if (spec === undefined) continue;
    const action = actionObject(spec);
    checkAction(action, `${at}.${scene}`);
    // The guard, for every class the rule can apply to that is known now.
    if (paths.length > 0) {
      const level = classes[0] ?? kinds[0]?.level;
      if (level !== undefined) checkGuard(level, kinds[0]?.authHelper === true, action, scene, `${at}.${scene}`);
    } else {
      // Every (kind, class) the rule can meet; a class-only rule is checked for the class itself
      // (helpers within C2 are skipped by such a rule at run time, see CompiledPolicy.actionFor).
      for (const k of kinds) {
        for (const c of classes.length === 0 ? [k.level] : classes) checkGuard(c, k.authHelper === true, action, scene, `${at}.${scene}`);
      }
      if (kinds.length === 0) for (const c of classes) checkGuard(c, false, action, scene, `${at}.${scene}`);
    }
  }
}

function checkSemantics(policy: Policy): void {
  const d = policy.defaults;
  if (d !== undefined) {
    for (const cls of ['C3', 'C2', 'C1', 'authHelper'] as const) {
      const table = d[cls];
      if (table === undefined) continue;
      for (const scene of SCENES) {
        const spec = table[scene];
        if (spec === undefined) continue;
        const action = actionObject(spec);
        const at = `defaults.${cls}.${scene}`;
        checkAction(action, at);
        if (cls === 'authHelper') checkGuard('C2', true, action, scene, at);
        else checkGuard(cls, false, action, scene, at);
      }
    }
  }
  policy.rules?.forEach((r, i) => checkRule(r, `rules[${i}]`));
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Validates a policy document (JSON or YAML text, or an object) and returns it frozen. Throws
 * PolicyError with `path` pointing into the document. A policy returned by this function is
 * recognised by createProtector and not checked twice.
 */
export function loadPolicy(textOrObject: string | PolicyDocument | Policy): Policy {
  if (typeof textOrObject === 'object' && textOrObject !== null && loaded.has(textOrObject)) return textOrObject as Policy;
  const raw = typeof textOrObject === 'string' ? parseText(textOrObject) : textOrObject;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PolicyError('a policy must be an object (a JSON object or a YAML mapping)', { path: '(root)', documentPath: '(root)' });
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  // zod returns a copy: later changes to the caller's object do not reach the policy.
  const policy = deepFreeze(parsed.data) as Policy;
  checkSemantics(policy);
  loaded.add(policy);
  return policy;
}
