/**
 * Classifying a whole record: every field (nested objects flattened to `a.b.c` paths), then
 * the combination rules over the record, so a field's class can depend on its neighbours
 * (JR/T 0171: combined fields can form a higher class; an SMS code next to the account it
 * authenticates is C3).
 */
import { inspectSamples } from './content.js';
import { decide, type FieldContextOptions, sanitizeOptions } from './field.js';
import { applyRules, DEFAULT_RULES } from './rules.js';
import { jrt0197Level, tierOf } from './schemes.js';
import type { FieldClassification, RecordClassification, RecordOptions } from './types.js';

export const DEFAULT_MAX_DEPTH = 3;
export const DEFAULT_MAX_FIELDS = 512;
/** Elements of an array value inspected as samples of its field. */
const MAX_ARRAY_SAMPLES = 50;
/** Longest key looked at (longer keys are cut: a key is a name, not a document). */
const MAX_KEY_LENGTH = 256;

export function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : fallback;
}

/** True for objects whose fields are fields (not dates, byte arrays, arrays, maps ...). */
export function isNested(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || ArrayBuffer.isView(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export interface FlatField {
  readonly path: string;
  readonly parent?: string;
  readonly value: unknown;
}

/**
 * Own enumerable fields of a record, nested plain objects flattened to dotted paths down to
 * `maxDepth`, at most `maxFields` of them (the rest counted). A throwing getter is skipped.
 */
export function flatten(record: unknown, maxDepth: number, maxFields: number): { fields: FlatField[]; omitted: number } {
  const fields: FlatField[] = [];
  let omitted = 0;
  if (!isNested(record)) return { fields, omitted };
  const stack: { obj: Record<string, unknown>; prefix: string; depth: number }[] = [{ obj: record, prefix: '', depth: 1 }];
  while (stack.length > 0) {
    const { obj, prefix, depth } = stack.pop() as { obj: Record<string, unknown>; prefix: string; depth: number };
    let keys: string[];
    try {
      keys = Object.keys(obj);
    } catch {
      continue;
    }
    const nested: { obj: Record<string, unknown>; prefix: string; depth: number }[] = [];
    for (const rawKey of keys) {
      const key = rawKey.length > MAX_KEY_LENGTH ? rawKey.slice(0, MAX_KEY_LENGTH) : rawKey;
      let value: unknown;
      try {
        value = obj[rawKey];
      } catch {
        continue;
      }
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isNested(value) && depth < maxDepth) {
        nested.push({ obj: value, prefix: path, depth: depth + 1 });
        continue;
      }
      if (fields.length >= maxFields) {
        omitted++;
        continue;
      }
      fields.push(prefix === '' ? { path, value } : { path, parent: prefix, value });
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]);
  }
  return { fields, omitted };
}

/** The samples a value offers: itself, or the first elements of an array. */
function samplesOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ARRAY_SAMPLES) : [value];
}

/**
 * Classifies every field of a record with its value as the only sample, then applies the
 * combination rules. Never throws; a record that is not an object has no fields.
 */
export function classifyRecord(record: unknown, options: RecordOptions = {}): RecordClassification {
  const opts = sanitizeOptions(options);
  const maxDepth = clampInt(opts.maxDepth, 1, 16, DEFAULT_MAX_DEPTH);
  const maxFields = clampInt(opts.maxFields, 1, 1_000_000, DEFAULT_MAX_FIELDS);
  const { fields: flat, omitted } = flatten(record, maxDepth, maxFields);
  const comments = typeof opts.comments === 'object' && opts.comments !== null ? opts.comments : {};
  const classified: FieldClassification[] = flat.map((f) => {
    const leaf = f.path.slice(f.path.lastIndexOf('.') + 1);
    const comment = commentFor(comments, f.path, leaf);
    const fieldOpts: FieldContextOptions = {
      ...opts,
      ...(comment === undefined ? { comment: undefined } : { comment }),
      ...(f.parent === undefined ? {} : { parentPath: f.parent }),
    };
    return decide(f.path, fieldOpts, inspectSamples(samplesOf(f.value), opts));
  });
  return finishRecord(classified, omitted, opts);
}

export function commentFor(comments: Readonly<Record<string, string>>, path: string, leaf: string): string | undefined {
  for (const k of [path, leaf]) {
    if (Object.prototype.hasOwnProperty.call(comments, k) && typeof comments[k] === 'string') return comments[k];
  }
  return undefined;
}

/** Rules, record level and its mappings. */
export function finishRecord(fields: readonly FieldClassification[], omitted: number, opts: RecordOptions): RecordClassification {
  const rules = opts.rules ?? DEFAULT_RULES;
  const outcome = applyRules(fields, rules, opts);
  return {
    fields: outcome.fields,
    level: outcome.level,
    jrt0197Level: jrt0197Level(outcome.level, opts.jrt0197),
    ...(opts.scheme === undefined ? {} : { tier: tierOf(opts.scheme, outcome.level, null) }),
    escalations: outcome.escalations,
    fieldsOmitted: omitted,
  };
}
