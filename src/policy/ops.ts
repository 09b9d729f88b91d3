/**
 * Field operations: what a compiled plan does to one value. Each is an object built once per
 * (field path, scene) when the plan is compiled, holding everything it needs (compiled mask,
 * cipher options, kind, pseudonymizer), so applying it does no lookups, parsing or allocation
 * beyond its output.
 *
 * An operation that cannot be applied throws an ActionFailure (a reason code and a fixed-text
 * message, never the value); the walker then redacts the field or throws a FieldActionError, as
 * the policy says.
 */
import { isEnvelope } from '../envelope/format.js';
import type { FieldCipher } from '../envelope/field-cipher.js';
import type { FieldValue } from '../envelope/value-codec.js';
import { FieldShieldError } from '../errors.js';
import type { Kind } from '../kinds/types.js';
import type { CompiledMask, MaskContext } from '../mask/compile.js';
import type { Pseudonymizer } from '../pseudonym/index.js';
import type { ActionName } from './schema.js';

/** Why an action could not be applied: a code and fixed text, never the value. */
export class ActionFailure {
  constructor(
    readonly reason: string,
    readonly message: string,
    readonly cause?: FieldShieldError,
  ) {}
}

/** An audit record of one revealed (or failed) field. Never holds the value. */
export interface RevealAuditEvent {
  readonly type: 'reveal';
  readonly outcome: 'revealed' | 'failed';
  /** Who asked (user or service ID). */
  readonly actor: string;
  /** Why (ticket, business purpose). */
  readonly purpose: string;
  /** Where the request came from (IP, terminal), when the caller says. */
  readonly source: string | undefined;
  /** The field, with array positions (`contacts[1].mobile`). */
  readonly path: string;
  /** The field's kind, when known. */
  readonly kind: string | undefined;
  /** The data key that had encrypted the value (undefined when the envelope did not parse). */
  readonly keyId: string | undefined;
  readonly algorithm: 'SM4-GCM' | 'SM4-SIV' | undefined;
  /** ISO 8601 time of the reveal call. */
  readonly time: string;
  /** Why it failed (`INTEGRITY`, `UNKNOWN_KEY`, `KEY_DESTROYED` ...); undefined when revealed. */
  readonly reason: string | undefined;
}

/** What one protect/reveal call carries down the record. */
export interface CallState {
  readonly scene: number;
  /** Keys and positions from the root to the current object. */
  readonly stack: (string | number)[];
  readonly audit: AuditSink | undefined;
}

export interface AuditSink {
  readonly actor: string;
  readonly purpose: string;
  readonly source: string | undefined;
  readonly time: string;
  readonly emit: (event: RevealAuditEvent) => void;
  readonly pathOf: (stack: readonly (string | number)[], key: string | number) => string;
}

export abstract class FieldOp {
  abstract readonly action: ActionName | 'reveal';
  /** The field is removed from the output. */
  readonly drop: boolean = false;
  /** A sibling field that receives a blind index of the plaintext (encrypt with blindIndex). */
  readonly indexInto: string | undefined = undefined;
  /** The field's kind id, for redaction labels and events. */
  constructor(readonly kindId: string | undefined) {}
  abstract apply(value: unknown, call: CallState, key: string | number): unknown;
  /** The blind index of `value` (only when indexInto is set). */
  index(_value: unknown): string {
    throw new ActionFailure('NO_INDEX', 'this action writes no blind index');
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'Date';
  if (v instanceof Uint8Array) return 'Uint8Array';
  return typeof v;
}

/** Text form of a scalar for masks and pseudonyms; other types cannot be masked. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new ActionFailure('UNSUPPORTED_TYPE', `a value of type ${typeName(value)} cannot be masked or pseudonymized`);
}

export class KeepOp extends FieldOp {
  readonly action = 'keep' as const;
  apply(value: unknown): unknown {
    return value;
  }
}

export class DropOp extends FieldOp {
  readonly action = 'drop' as const;
  override readonly drop = true;
  apply(): unknown {
    return undefined;
  }
}

/** A constant in place of any non-empty value (`******`, `[REDACTED:cvn]`). */
export class RedactOp extends FieldOp {
  readonly action = 'redact' as const;
  constructor(
    kindId: string | undefined,
    private readonly text: string,
  ) {
    super(kindId);
  }
  apply(value: unknown): unknown {
    // An empty string stays empty, as with masks: there is nothing to hide, and a constant
    // would claim a value exists.
    return value === '' ? '' : this.text;
  }
}

/** A compiled mask rule (also generalization, which is a mask rule). */
export class MaskOp extends FieldOp {
  constructor(
    kindId: string | undefined,
    readonly action: 'mask' | 'generalize',
    private readonly fn: CompiledMask,
    private readonly ctx: MaskContext,
  ) {
    super(kindId);
  }
  apply(value: unknown): unknown {
    return this.fn(textOf(value), this.ctx);
  }
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export class PseudonymOp extends FieldOp {
  readonly action = 'pseudonymize' as const;
  constructor(
    private readonly kind: Kind,
    private readonly pseudonymizer: Pseudonymizer,
  ) {
    super(kind.id);
  }
  apply(value: unknown): unknown {
    const text = textOf(value);
    if (text === '') return '';
    // A value that is not of its kind cannot get a valid pseudonym; the generator would keep
    // parts of garbage. Fail closed instead.
    if (!this.kind.detect(text).valid) throw new ActionFailure('MALFORMED_VALUE', `the value is not a valid ${this.kind.id}`);
    const out = this.pseudonymizer.pseudonymize(text, this.kind);
    // Numbers stay numbers (an amount column), when the pseudonym is a plain decimal.
    return typeof value === 'number' && DECIMAL.test(out) ? Number(out) : out;
  }
}

export interface BlindIndexSpec {
  readonly column: string;
  readonly bits: number;
  readonly normalize: ((value: string) => string) | undefined;
}

function indexText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  throw new ActionFailure('UNSUPPORTED_TYPE', `a value of type ${typeName(value)} cannot be indexed`);
}

export class EncryptOp extends FieldOp {
  readonly action = 'encrypt' as const;
  override readonly indexInto: string | undefined;
  private readonly options: { readonly context: string; readonly deterministic: boolean };
  constructor(
    kindId: string | undefined,
    private readonly cipher: FieldCipher,
    readonly context: string,
    deterministic: boolean,
    private readonly blind: BlindIndexSpec | undefined,
    into: string | undefined,
  ) {
    super(kindId);
    this.options = { context, deterministic };
    this.indexInto = into;
  }

  apply(value: unknown): unknown {
    if (isEnvelope(value)) {
      // Already protected: keep it, but only if it really is this field's envelope. Anything
      // else that merely starts like one (`fs1.` typed by a user, an envelope copied from
      // another column) must not pass through as if it were encrypted.
      this.plaintextOfEnvelope(value as string | Uint8Array);
      return value;
    }
    return this.cipher.encrypt(value as FieldValue, this.options);
  }

  /** The blind index of the plaintext (of the decrypted value when it is already an envelope). */
  override index(value: unknown): string {
    const blind = this.blind as BlindIndexSpec;
    const plain = isEnvelope(value) ? this.plaintextOfEnvelope(value as string | Uint8Array) : value;
    return this.cipher.blindIndex(indexText(plain), blind);
  }

  private plaintextOfEnvelope(envelope: string | Uint8Array): unknown {
    try {
      return this.cipher.decrypt(envelope, this.options);
    } catch (e) {
      throw new ActionFailure(
        'FOREIGN_ENVELOPE',
        'the value looks like an envelope but does not decrypt for this field',
        e instanceof FieldShieldError ? e : undefined,
      );
    }
  }
}

/** Replaces the value by its blind index (a lookup column without the ciphertext). */
export class BlindIndexOp extends FieldOp {
  readonly action = 'blind-index' as const;
  constructor(
    kindId: string | undefined,
    private readonly cipher: FieldCipher,
    private readonly blind: BlindIndexSpec,
  ) {
    super(kindId);
  }
  apply(value: unknown): unknown {
    return this.cipher.blindIndex(indexText(value), this.blind);
  }
}

/** An action that can never be applied here (no key, no kind): every value fails closed. */
export class FailOp extends FieldOp {
  constructor(
    kindId: string | undefined,
    readonly action: ActionName,
    private readonly reason: string,
    private readonly message: string,
  ) {
    super(kindId);
  }
  apply(): unknown {
    throw new ActionFailure(this.reason, this.message);
  }
}

/** reveal: decrypts an envelope the policy made for this field and records who saw it. */
export class DecryptOp extends FieldOp {
  readonly action = 'reveal' as const;
  private readonly options: { readonly context: string };
  constructor(
    kindId: string | undefined,
    private readonly cipher: FieldCipher,
    context: string,
    /** The field's path when it holds no array position (then it is the same for every record). */
    private readonly fixedPath: string | undefined,
  ) {
    super(kindId);
    this.options = { context };
  }

  apply(value: unknown, call: CallState, key: string | number): unknown {
    // Not an envelope: nothing was encrypted (a migration leftover, or already plaintext), so
    // nothing is revealed and nothing is recorded.
    if (!isEnvelope(value)) return value;
    const audit = call.audit as AuditSink;
    const envelope = value as string | Uint8Array;
    let plain: unknown;
    try {
      plain = this.cipher.decrypt(envelope, this.options);
    } catch (e) {
      const reason = e instanceof FieldShieldError ? e.code : 'UNEXPECTED';
      audit.emit(this.event(audit, this.fixedPath ?? audit.pathOf(call.stack, key), envelope, 'failed', reason));
      throw new ActionFailure(reason, 'the envelope could not be decrypted', e instanceof FieldShieldError ? e : undefined);
    }
    // The event is recorded before the plaintext is handed out: a sink that throws stops the reveal.
    audit.emit(this.event(audit, this.fixedPath ?? audit.pathOf(call.stack, key), envelope, 'revealed', undefined));
    return plain;
  }

  private event(audit: AuditSink, path: string, envelope: string | Uint8Array, outcome: 'revealed' | 'failed', reason: string | undefined): RevealAuditEvent {
    const header = envelopeKey(envelope);
    // One fixed shape (absent facts are undefined, which JSON.stringify leaves out).
    return {
      type: 'reveal',
      outcome,
      actor: audit.actor,
      purpose: audit.purpose,
      source: audit.source,
      path,
      kind: this.kindId,
      keyId: header?.keyId,
      algorithm: header?.algorithm,
      time: audit.time,
      reason,
    };
  }
}

const ALGORITHMS = [undefined, 'SM4-GCM', 'SM4-SIV'] as const;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** base64url digit values (RFC 4648 §5), -1 for anything else. */
const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;

/**
 * Byte `3 + j` of the binary form, read from the text form `fs1.<base64url of bytes 3..>`
 * without decoding the rest: it spans two base64url digits. -1 when they are not there.
 */
function textHeaderByte(text: string, j: number): number {
  const bit = 8 * j;
  const at = 4 + ((bit / 6) | 0);
  if (at + 1 >= text.length) return -1;
  const c0 = text.charCodeAt(at);
  const c1 = text.charCodeAt(at + 1);
  const hi = c0 < 128 ? B64[c0] : -1;
  const lo = c1 < 128 ? B64[c1] : -1;
  if (hi < 0 || lo < 0) return -1;
  return (((hi << 6) | lo) >> (4 - (bit % 6))) & 0xff;
}

/**
 * The key ID and algorithm from an envelope's header (docs/ENVELOPE.md: byte 3 = algorithm ‖
 * type, byte 4 = key ID length k, bytes 5..5+k = key ID), read straight from the header's
 * characters: decryption has already parsed the envelope, and the audit event only needs these.
 * Undefined when the header does not parse (a failed reveal of garbage).
 */
export function envelopeKey(envelope: string | Uint8Array): EnvelopeKey | undefined {
  if (typeof envelope !== 'string') return readEnvelopeKey(envelope);
  // Every envelope under one key has the same header characters (when the header ends on a
  // character boundary, as with the keyring's 4-byte IDs): remember the last few.
  const k = headerByte(envelope, 1);
  if (!(k >= 1 && k <= 16)) return undefined;
  const head = envelope.slice(0, 4 + Math.ceil(((2 + k) * 8) / 6));
  let found = headerCache.get(head);
  if (found === undefined) {
    found = readEnvelopeKey(envelope);
    if (found === undefined) return undefined;
    if (headerCache.size >= 64) headerCache.clear();
    headerCache.set(head, found);
  }
  return found;
}

interface EnvelopeKey {
  readonly keyId: string;
  readonly algorithm: 'SM4-GCM' | 'SM4-SIV' | undefined;
}

const headerCache = new Map<string, EnvelopeKey>();

function readEnvelopeKey(envelope: string | Uint8Array): EnvelopeKey | undefined {
  const k = headerByte(envelope, 1);
  if (!(k >= 1 && k <= 16)) return undefined;
  let keyId = '';
  for (let j = 2; j < 2 + k; j++) {
    const b = headerByte(envelope, j);
    if (b < 0) return undefined;
    keyId += HEX[b];
  }
  return { keyId, algorithm: ALGORITHMS[headerByte(envelope, 0) >> 4] };
}

function headerByte(envelope: string | Uint8Array, j: number): number {
  if (typeof envelope === 'string') return textHeaderByte(envelope, j);
  return j + 3 < envelope.length ? envelope[j + 3] : -1;
}

/** Singletons for the two actions that hold nothing. */
export const KEEP: FieldOp = new KeepOp(undefined);
export const DROP: FieldOp = new DropOp(undefined);
