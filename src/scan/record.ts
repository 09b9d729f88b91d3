/**
 * Log records protected before they are written: every string is scanned by content
 * (redactText), and every field whose *name* says what it holds (`mobile`, `idNo`, `password`,
 * `证件号码` …) is masked with its kind's mask whatever its content. For any logger: pino
 * (fieldshield/pino), winston formats, console wrappers.
 *
 * The walk is copy-on-write: a record with nothing to protect is returned as is (no
 * allocation beyond the key lists), a record with something to protect comes back as a new
 * object and the caller's objects are never modified. Cycles become `[Circular]`, anything
 * deeper than `maxDepth` becomes `[MaxDepth]` (fail closed: an unread subtree cannot be
 * written), Errors become `{ type, message, stack, …props, cause }` with message and stack
 * redacted, Maps become objects and Sets arrays (so their content is protected and visible to
 * JSON), and numbers and bigints that hold a value become masked strings.
 */
import { InvalidArgumentError } from '../errors.js';
import { maskForScene } from '../mask/index.js';
import { describeType } from '../mask/checks.js';
import { checkScene } from '../mask/scenes.js';
import type { MaskScene } from '../mask/types.js';
import type { Kind } from '../kinds/types.js';
import { compileFieldOverrides, kindOfFieldName } from './field-names.js';
import { runScan, type ScanConfig } from './scanner.js';
import { applyFindings, scanConfig, type RedactOptions, type Replacement } from './scan.js';

export interface ProtectOptions extends RedactOptions {
  /** Where the record is going (default `log`). */
  readonly scene?: MaskScene;
  /** Mask fields by their names too (default true). */
  readonly byName?: boolean;
  /** Field name → kind id, or null to never mask that field by its name (its content is still scanned). */
  readonly fieldKinds?: Readonly<Record<string, string | null>>;
  /** Nesting depth below which values are replaced by `[MaxDepth]` (default 8). */
  readonly maxDepth?: number;
}

/** The shortest text that can hold a scanned value (`a@b.cn`). */
const MIN_VALUE_LENGTH = 6;
const DEFAULT_MAX_DEPTH = 8;
/**
 * Every scanned kind has a digit, an `@` or (IPv6 written in hex letters) a colon: short strings
 * without any (most keys and values of a log record) skip the scanner.
 */
const MAY_HOLD_VALUE = /[0-9０-９@＠:]/;
export const CIRCULAR = '[Circular]';
export const MAX_DEPTH = '[MaxDepth]';
export const UNREADABLE = '[Unreadable]';

/** A compiled protector: options checked once, then applied to any number of records. */
export class LogProtector {
  private readonly scene: MaskScene;
  private readonly config: ScanConfig;
  private readonly replacement: Replacement | undefined;
  private readonly byName: boolean;
  private readonly overrides: ReadonlyMap<string, Kind | null>;
  private readonly maxDepth: number;
  /** Objects on the path from the root to the value being walked (cycle detection). */
  private readonly path: object[] = [];

  constructor(options: ProtectOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InvalidArgumentError(`options must be an object, got ${describeType(options)}`);
    this.scene = checkScene(options.scene ?? 'log');
    this.config = scanConfig(options);
    const r = options.replacement;
    if (r !== undefined && typeof r !== 'string' && typeof r !== 'function') {
      throw new InvalidArgumentError(`replacement must be a string or a function, got ${describeType(r)}`);
    }
    this.replacement = r;
    if (options.byName !== undefined && typeof options.byName !== 'boolean') throw new InvalidArgumentError('byName must be a boolean');
    this.byName = options.byName ?? true;
    this.overrides = compileFieldOverrides(options.fieldKinds);
    const depth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (!Number.isSafeInteger(depth) || depth < 1) throw new InvalidArgumentError('maxDepth must be a positive integer');
    this.maxDepth = depth;
  }

  /** The record with every sensitive value masked; the record itself when there was none. */
  protect(record: unknown): unknown {
    this.path.length = 0;
    return this.value(record, null, 0);
  }

  /**
   * One field of a record: `value` protected as it would be under `key` in a record (masked
   * by the name's kind, scanned by content, walked if it is an object).
   */
  field(key: string, value: unknown): unknown {
    this.path.length = 0;
    return this.value(value, this.kindOfName(key), 1);
  }

  /** Content redaction of one string, as the record walk applies it. */
  text(s: string): string {
    if (s.length < MIN_VALUE_LENGTH || (s.length < 256 && !MAY_HOLD_VALUE.test(s))) return s;
    return applyFindings(s, runScan(s, this.config), this.scene, this.replacement);
  }

  /**
   * Content redaction of JSON text that keeps it valid JSON: a finding that is a bare number
   * (`"uid":13812345678`) becomes a quoted string, a replacement inside a string is escaped.
   */
  json(text: string): string {
    return applyFindings(text, runScan(text, this.config), this.scene, this.replacement, (replaced, f) => {
      const quoted = JSON.stringify(replaced);
      return isBareJsonValue(text, f.start, f.end) ? quoted : quoted.slice(1, -1);
    });
  }

  /** The kind a field name announces, after the caller's overrides. */
  kindOfName(name: string): Kind | null {
    if (!this.byName) return null;
    const o = this.overrides.get(name);
    return o !== undefined ? o : kindOfFieldName(name);
  }

  /**
   * A value under a field that names its kind: the kind's mask for the scene. A kind the scene
   * keeps (an IP address in a log) is still scanned by content; a rule that drops the value
   * (C3 data shared with a third party) removes the field.
   */
  private byKind(s: string, kind: Kind): string | undefined {
    if (s === '') return s;
    const masked = maskForScene(s, kind, this.scene);
    if (masked === null) return undefined;
    return masked === s ? this.text(s) : masked;
  }

  private number(v: number | bigint, kind: Kind | null): unknown {
    if (typeof v === 'number' && !Number.isFinite(v)) return v;
    const s = String(v);
    if (kind !== null) return this.byKind(s, kind);
    // Only integers of 7 or more digits can be a value (a mobile stored as a number).
    if (s.length < 7) return v;
    const r = this.text(s);
    return r === s ? v : r;
  }

  private value(v: unknown, kind: Kind | null, depth: number): unknown {
    switch (typeof v) {
      case 'string':
        return kind === null ? this.text(v) : this.byKind(v, kind);
      case 'number':
      case 'bigint':
        return this.number(v, kind);
      case 'object':
        return v === null ? v : this.object(v, kind, depth);
      default:
        return v;
    }
  }

  private object(o: object, kind: Kind | null, depth: number): unknown {
    if (depth >= this.maxDepth) return MAX_DEPTH;
    if (this.path.includes(o)) return CIRCULAR;
    this.path.push(o);
    // Every test of the object is inside the try: even `instanceof` runs code of the object's
    // (a Proxy's traps, a revoked Proxy throws), and a logger must not throw.
    try {
      if (o instanceof Date || ArrayBuffer.isView(o) || o instanceof ArrayBuffer) return o;
      if (o instanceof Error) return this.error(o, depth);
      if (Array.isArray(o)) return this.array(o, kind, depth);
      if (o instanceof Map) return this.map(o, kind, depth);
      if (o instanceof Set) return this.array([...o], kind, depth, true);
      const toJSON = (o as { toJSON?: unknown }).toJSON;
      // What JSON.stringify would write is what must be protected.
      if (typeof toJSON === 'function') return this.value(toJSON.call(o), kind, depth + 1);
      return this.fields(o as Record<string, unknown>, kind, depth);
    } catch {
      // A throwing getter or toJSON: nothing of the object can be vouched for.
      return UNREADABLE;
    } finally {
      this.path.pop();
    }
  }

  private array(a: readonly unknown[], kind: Kind | null, depth: number, copied = false): unknown {
    let out: unknown[] | undefined = copied ? (a as unknown[]) : undefined;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      // Items of a named array (`mobiles: [...]` named `mobile`) share the field's kind.
      const p = this.value(v, kind, depth + 1);
      if (p !== v && out === undefined) out = a.slice(0, i);
      if (out !== undefined) out[i] = p;
    }
    return out ?? a;
  }

  private map(m: Map<unknown, unknown>, kind: Kind | null, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of m) {
      const key = this.text(String(k));
      setField(out, key, this.value(v, this.kindOfName(String(k)) ?? kind, depth + 1));
    }
    return out;
  }

  /**
   * The fields of an object. Under a name that announces a kind (`password: { old, new }`), a
   * field whose own name announces none holds that kind too, as the items of a named array do.
   */
  private fields(o: Record<string, unknown>, kind: Kind | null, depth: number): unknown {
    const keys = Object.keys(o);
    let values: unknown[] | undefined;
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const v = o[key];
      const p = this.value(v, this.kindOfName(key) ?? kind, depth + 1);
      const k = this.text(key);
      if (out === undefined) {
        if (p === v && k === key) {
          (values ??= [])[i] = v;
          continue;
        }
        // First change: copy what was read so far (values, not a second read of the getters).
        out = {};
        for (let j = 0; j < i; j++) setField(out, keys[j], (values as unknown[])[j]);
      }
      if (p !== undefined) setField(out, k, p);
    }
    return out ?? o;
  }

  private error(err: Error, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const ctor = (err as { constructor?: { name?: unknown } }).constructor;
    out.type = typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : String(err.name);
    out.message = this.text(String(err.message));
    if (err.stack !== undefined) out.stack = this.text(String(err.stack));
    for (const key of Object.keys(err)) {
      if (key === 'message' || key === 'stack') continue;
      const p = this.value((err as unknown as Record<string, unknown>)[key], this.kindOfName(key), depth + 1);
      if (p !== undefined) setField(out, this.text(key), p);
    }
    if ('cause' in err && err.cause !== undefined && !Object.prototype.propertyIsEnumerable.call(err, 'cause')) {
      out.cause = this.value(err.cause, null, depth + 1);
    }
    return out;
  }
}

/** Sets a field, `__proto__` included, without touching the prototype. */
function setField(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

let defaultProtector: LogProtector | undefined;

/**
 * Protects one log record (or any value) for `options.scene` (`log` by default): content
 * scanning of every string, masking by field name, cycles, depth, Errors, bigints.
 *
 * ```ts
 * protectLogRecord({ msg: '开户成功', user: { mobile: '13812345678', note: '身份证11010519491231002X' } })
 * // { msg: '开户成功', user: { mobile: '138****5678', note: '身份证110105********002X' } }
 * ```
 *
 * For many records, build a {@link LogProtector} once (`new LogProtector(options)`).
 */
export function protectLogRecord(record: string, options?: ProtectOptions): string;
export function protectLogRecord(record: Record<string, unknown>, options?: ProtectOptions): Record<string, unknown>;
export function protectLogRecord(record: unknown, options?: ProtectOptions): unknown;
export function protectLogRecord(record: unknown, options?: ProtectOptions): unknown {
  const p = options === undefined ? (defaultProtector ??= new LogProtector()) : new LogProtector(options);
  return p.protect(record);
}

/**
 * JSON text (a JSON log line, pino's serialized bindings) with values found by content masked
 * and the text still valid JSON. Field names are not looked at: parse the line and use
 * {@link protectLogRecord} for that.
 */
export function redactJsonText(text: string, options?: ProtectOptions): string {
  if (typeof text !== 'string') throw new InvalidArgumentError(`redactJsonText: text must be a string, got ${describeType(text)}`);
  const p = options === undefined ? (defaultProtector ??= new LogProtector()) : new LogProtector(options);
  return p.json(text);
}

/** text[start, end) stands between JSON punctuation (`:`, `,`, `[` before; `,`, `}`, `]` after), not in a string. */
function isBareJsonValue(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && text.charCodeAt(i) === 0x20) i--;
  const before = i < 0 ? 0 : text.charCodeAt(i);
  let j = end;
  while (j < text.length && text.charCodeAt(j) === 0x20) j++;
  const after = j >= text.length ? 0 : text.charCodeAt(j);
  return (before === 0x3a || before === 0x2c || before === 0x5b) && (after === 0x2c || after === 0x7d || after === 0x5d || after === 0);
}
