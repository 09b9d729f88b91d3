/**
 * Rules are plain JSON objects (so policies can hold them); masking with one must not re-read
 * the object on every value. `compileMask` checks a rule once and turns it into a closure over
 * its already-validated numbers, cached by the rule's identity: the hot path is one WeakMap
 * lookup and the primitive itself. Rules are treated as immutable once used (freeze them if
 * they are shared).
 */
import { InvalidArgumentError } from '../errors.js';
import type { Kind } from '../kinds/types.js';
import type { MaskRule } from './types.js';
import { assertCount, assertPosition, checkDelimiter, checkKeepSeparators, checkMaskChar, checkMinMasked, describeType } from './checks.js';
import {
  checkFixedWidth,
  checkLabel,
  keepEndsUnchecked,
  labelText,
  maskAllUnchecked,
  maskAroundUnchecked,
  maskRangeUnchecked,
  truncateUnchecked,
} from './primitives.js';
import { maskRun } from './text.js';
import {
  checkEdges,
  DEFAULT_AGE_EDGES,
  DEFAULT_AMOUNT_EDGES,
  generalizeDateUnchecked,
  generalizeNumberUnchecked,
  parseAge,
  parseAmount,
} from './generalize.js';
import { checkHashBits, checkHashKey, keyedHashUnchecked } from './hash.js';

/** What a compiled mask may need besides the value. */
export interface MaskContext {
  /** The kind the value belongs to: default label, normalization before hashing, structured masks. */
  readonly kind?: Kind;
  /** Key for `hash` rules. */
  readonly hashKey?: Uint8Array;
}

/** A checked rule, ready to apply. `null` means the value is dropped. */
export type CompiledMask = (value: string, context: MaskContext) => string | null;

const compiled = new WeakMap<object, CompiledMask>();
const compiledWithChar = new WeakMap<object, Map<string, CompiledMask>>();

/**
 * The compiled form of `rule`, from the cache when the same rule object was compiled before.
 * `maskChar` overrides the rule's own mask character.
 */
export function compileMask(rule: MaskRule, maskChar?: string): CompiledMask {
  if (typeof rule !== 'object' || rule === null) {
    throw new InvalidArgumentError(`a mask rule must be an object, got ${describeType(rule)}`);
  }
  if (maskChar === undefined) {
    let fn = compiled.get(rule);
    if (fn === undefined) {
      fn = build(rule, undefined);
      compiled.set(rule, fn);
    }
    return fn;
  }
  let byChar = compiledWithChar.get(rule);
  if (byChar === undefined) {
    byChar = new Map();
    compiledWithChar.set(rule, byChar);
  }
  let fn = byChar.get(maskChar);
  if (fn === undefined) {
    fn = build(rule, maskChar);
    byChar.set(maskChar, fn);
  }
  return fn;
}

function build(rule: MaskRule, maskCharOverride: string | undefined): CompiledMask {
  const anyRule = rule as MaskRule & { maskChar?: unknown; keepSeparators?: unknown };
  const mc = checkMaskChar(maskCharOverride ?? anyRule.maskChar);
  const ks = checkKeepSeparators(anyRule.keepSeparators);
  switch (rule.type) {
    case 'keep': {
      const first = rule.first ?? 0;
      const last = rule.last ?? 0;
      assertCount(first, 'first');
      assertCount(last, 'last');
      const minMasked = checkMinMasked(rule.minMasked);
      return (v) => keepEndsUnchecked(v, first, last, minMasked, mc, ks);
    }
    case 'range': {
      assertPosition(rule.start, 'start');
      if (rule.end !== undefined) assertPosition(rule.end, 'end');
      const minLength = rule.minLength ?? 0;
      assertCount(minLength, 'minLength');
      const { start, end } = rule;
      return (v) => maskRangeUnchecked(v, start, end, minLength, mc, ks);
    }
    case 'before':
    case 'after': {
      const char = checkDelimiter(rule.char);
      const keep = rule.keep ?? 0;
      assertCount(keep, 'keep');
      const after = rule.type === 'after';
      return (v) => maskAroundUnchecked(v, after, char, keep, mc, ks);
    }
    case 'fixed': {
      const run = maskRun(mc, checkFixedWidth(rule.width));
      return (v) => (v === '' ? '' : run);
    }
    case 'label': {
      const label = checkLabel(rule.label);
      const fixedText = label === undefined ? undefined : labelText(label);
      return (v, ctx) => (v === '' ? '' : (fixedText ?? labelText(ctx.kind?.id)));
    }
    case 'generalize':
      return buildGeneralize(rule.to, rule.edges, mc, ks);
    case 'truncate': {
      const length = rule.length;
      assertCount(length, 'length');
      return (v) => truncateUnchecked(v, length, mc, ks);
    }
    case 'hash': {
      const bits = checkHashBits(rule.bits);
      return (v, ctx) => {
        const key = checkHashKey(ctx.hashKey);
        return keyedHashUnchecked(ctx.kind === undefined ? v : ctx.kind.normalize(v), key, bits);
      };
    }
    case 'drop':
      return () => null;
    case 'kind': {
      const name = rule.name;
      if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('a kind rule needs a mask name');
      return (v, ctx) => {
        const kind = ctx.kind;
        if (kind === undefined) throw new InvalidArgumentError(`the kind rule '${name}' needs a kind to apply it`);
        if (v === '') return '';
        const out = kind.structuredMask === undefined ? null : kind.structuredMask(name, v, mc);
        // Fail closed: a value the kind cannot structure, or a structured mask that hid nothing —
        // unless the value was masked before (it holds the mask character and the kind's mask,
        // which checked its layout, leaves it as it is: masking again changes nothing).
        return out === null || (out === v && !v.includes(mc)) ? maskAllUnchecked(v, mc, ks) : out;
      };
    }
    default:
      throw new InvalidArgumentError('unknown mask rule type');
  }
}

function buildGeneralize(to: unknown, edges: readonly number[] | undefined, mc: string, ks: boolean): CompiledMask {
  switch (to) {
    case 'year':
    case 'year-month':
      return (v) => generalizeDateUnchecked(v, to, mc, ks);
    case 'amount-bucket': {
      const e = edges === undefined ? DEFAULT_AMOUNT_EDGES : checkEdges(edges);
      return (v) => generalizeNumberUnchecked(v, parseAmount, e, mc, ks);
    }
    case 'age-range': {
      const e = edges === undefined ? DEFAULT_AGE_EDGES : checkEdges(edges);
      return (v) => generalizeNumberUnchecked(v, parseAge, e, mc, ks);
    }
    default:
      throw new InvalidArgumentError("generalize.to must be 'year', 'year-month', 'amount-bucket' or 'age-range'");
  }
}
