/**
 * `fieldshield/pino`: a pino logger that protects every record it writes, by content (ID,
 * card, mobile … numbers anywhere in a string, the message included) and by field name
 * (`mobile`, `idNo`, `password`, `证件号码` …), with the `log` scene's masks.
 *
 * ```ts
 * import pino from 'pino';
 * import { protectPinoOptions } from 'fieldshield/pino';
 *
 * const logger = pino(protectPinoOptions({ level: 'info' }));
 * logger.info({ user: { mobile: '13812345678' } }, '客户身份证 11010519491231002X 开户');
 * // {"level":30,…,"user":{"mobile":"138****5678"},"msg":"客户身份证 110105********002X 开户"}
 * ```
 *
 * How it hooks in (pino 8-10), and why each piece is needed:
 * - `formatters.log` protects the merging object and `mixin` output — every key except those
 *   with a serializer, which must see the raw value (an Error, an http request);
 * - every serializer (yours and pino's `err`) is wrapped so its *output* is protected; a
 *   serializer on the message key protects the final message, after printf-style arguments and
 *   `msgPrefix` were applied;
 * - `hooks.logMethod` protects objects interpolated into the message by their field names first
 *   (`%j` of `{ password }`: the message scan alone would see only content);
 * - `formatters.bindings` protects the base bindings, and `onChild` the bindings and the
 *   serializers of child loggers, which pino serializes once at `child()` time (and again in
 *   `setBindings`, which onChild wraps).
 *
 * pino's own `redact` (fast-redact) still works alongside: it removes paths you list; this
 * finds what nobody listed.
 */
import pino from 'pino';
import type { Bindings, Logger, LoggerOptions, SerializerFn } from 'pino';
import { LogProtector, type ProtectOptions } from '../scan/record.js';

export type { ProtectOptions } from '../scan/record.js';

type Serializers = Record<string, SerializerFn>;
type AnyLoggerOptions = LoggerOptions<string, boolean>;

/** Serializers already wrapped, so a child logger's copy is not wrapped twice. */
const wrapped = new WeakSet<SerializerFn>();
/** setBindings functions already wrapped (a grandchild inherits its parent's). */
const wrappedSetBindings = new WeakSet<object>();

function wrapSerializer(protector: LogProtector, key: string, serializer: SerializerFn): SerializerFn {
  if (wrapped.has(serializer)) return serializer;
  const fn: SerializerFn = (value) => protector.field(key, serializer(value));
  wrapped.add(fn);
  return fn;
}

function messageSerializer(protector: LogProtector, messageKey: string, user: SerializerFn | undefined): SerializerFn {
  const fn: SerializerFn = (value) => {
    const v: unknown = user === undefined ? value : user(value);
    return typeof v === 'string' ? protector.text(v) : protector.field(messageKey, v);
  };
  wrapped.add(fn);
  return fn;
}

/**
 * pino serializes child bindings to JSON text once, in `child()`; they are re-protected here
 * through the same JSON-preserving redaction the CLI uses, by content and by name.
 */
function protectChindings(protector: LogProtector, chindings: string): string {
  if (chindings.length < 2) return chindings;
  const json = '{' + chindings.slice(1) + '}';
  const redacted = protector.json(json);
  let parsed: unknown;
  try {
    parsed = JSON.parse(redacted);
  } catch {
    return ',' + redacted.slice(1, -1);
  }
  const out = protector.protect(parsed);
  return out === parsed ? ',' + redacted.slice(1, -1) : ',' + JSON.stringify(out).slice(1, -1);
}

/**
 * The pino options with fieldshield's protection added (your formatters, serializers and
 * `onChild` keep working: they run first, fieldshield protects their output). Pass the result
 * to `pino(options, destination)`.
 */
export function protectPinoOptions<O extends AnyLoggerOptions>(pinoOptions?: O, options?: ProtectOptions): O {
  const base = (pinoOptions ?? {}) as O;
  const protector = new LogProtector(options);
  const messageKey = base.messageKey ?? 'msg';
  const errorKey = base.errorKey ?? 'err';
  const userSerializers: Serializers = { err: pino.stdSerializers.err, ...(base.serializers ?? {}) };

  const serializers: Serializers = {};
  for (const [key, fn] of Object.entries(userSerializers)) {
    if (key !== messageKey && typeof fn === 'function') serializers[key] = wrapSerializer(protector, key, fn);
  }
  serializers[messageKey] = messageSerializer(protector, messageKey, userSerializers[messageKey]);
  // pino applies the `err` serializer to the error key as well.
  const serialized = new Set([...Object.keys(serializers), errorKey]);

  const userFormatters = base.formatters ?? {};
  const userLog = userFormatters.log;
  const userBindings = userFormatters.bindings;
  const userOnChild = base.onChild;

  const formatters = {
    ...userFormatters,
    log(object: Record<string, unknown>): Record<string, unknown> {
      const obj = userLog === undefined ? object : userLog(object);
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (serialized.has(key)) {
          if (out !== undefined) out[key] = obj[key];
          continue;
        }
        const v = obj[key];
        const p = protector.field(key, v);
        // Keys are scanned too (`{ "13812345678": … }`), as protectLogRecord does.
        const k = protector.text(key);
        if ((p !== v || k !== key) && out === undefined) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
        }
        if (out !== undefined) out[k] = p;
      }
      return out ?? obj;
    },
    bindings(bindings: Bindings): Bindings {
      const b = userBindings === undefined ? bindings : userBindings(bindings);
      return protector.protect(b) as Bindings;
    },
  };

  const onChild = (child: Logger): void => {
    if (userOnChild !== undefined) (userOnChild as unknown as (child: Logger) => void)(child);
    const record = child as unknown as Record<symbol, unknown>;
    const own = record[pino.symbols.serializersSym] as Serializers | undefined;
    if (own !== undefined) {
      for (const key of Object.keys(own)) {
        const fn = own[key];
        if (typeof fn === 'function' && !wrapped.has(fn)) {
          own[key] = key === messageKey ? messageSerializer(protector, messageKey, fn) : wrapSerializer(protector, key, fn);
        }
      }
    }
    const chindings = record[pino.symbols.chindingsSym];
    if (typeof chindings === 'string') record[pino.symbols.chindingsSym] = protectChindings(protector, chindings);
    // `child.setBindings(...)` serializes bindings again, past the formatter pino resets for
    // children: its result is protected the way child() bindings are.
    const setBindings = (child as unknown as { setBindings: (b: Bindings) => void }).setBindings;
    if (!wrappedSetBindings.has(setBindings)) {
      const fn = function (this: Record<symbol, unknown>, bindings: Bindings): void {
        setBindings.call(this, bindings);
        const c = this[pino.symbols.chindingsSym];
        if (typeof c === 'string') this[pino.symbols.chindingsSym] = protectChindings(protector, c);
      };
      wrappedSetBindings.add(fn);
      (child as unknown as { setBindings: typeof fn }).setBindings = fn;
    }
  };

  // Objects interpolated into the message (`logger.info('login %j', { password })`) are
  // protected by their field names before pino formats them; the message is then scanned by
  // content as before.
  const userHooks = base.hooks ?? {};
  const userLogMethod = userHooks.logMethod;
  const hooks = {
    ...userHooks,
    logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void, level: number): void {
      let a = args;
      const first = typeof args[0] === 'string' ? 1 : 2;
      for (let i = first; i < args.length; i++) {
        const v = args[i];
        if (typeof v !== 'object' || v === null) continue;
        const p = protector.protect(v);
        if (p !== v) {
          if (a === args) a = args.slice();
          a[i] = p;
        }
      }
      if (userLogMethod !== undefined) return (userLogMethod as unknown as (this: Logger, a: unknown[], m: unknown, l: number) => void).call(this, a, method, level);
      method.apply(this, a);
    },
  };

  return { ...base, serializers, formatters, onChild, hooks } as O;
}

/** A pino logger with {@link protectPinoOptions} applied: `protectedPino({ level: 'info' }, undefined, dest)`. */
export function protectedPino(pinoOptions?: AnyLoggerOptions, options?: ProtectOptions, destination?: pino.DestinationStream): Logger {
  const opts = protectPinoOptions(pinoOptions, options);
  return (destination === undefined ? pino(opts) : pino(opts, destination)) as unknown as Logger;
}
