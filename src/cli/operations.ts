/**
 * The per-record operations of the CLI commands, as they run inside a worker thread (or the
 * main thread with `--threads 0`):
 *
 * - `protect`: the policy's action for each field in one scene (createProtector);
 * - `reveal`: decrypts what the policy encrypts, one audit event per field;
 * - `rewrap`: moves every envelope to the keyring's primary key (`keys rewrap`);
 * - `classify`: gives each row its sampling key and returns the rows that can still enter the
 *   classifier's sample (sampling.ts);
 * - `passthrough`: parse and serialize only (the benchmark's ceiling).
 *
 * A field whose action fails makes its row a reject (by default) instead of a redacted row:
 * either way no plaintext of a protected field is written.
 */
import { FieldCipher } from '../envelope/field-cipher.js';
import { isEnvelope } from '../envelope/format.js';
import { FieldActionError, FieldShieldError, PolicyError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { Scene } from '../mask/types.js';
import { createProtector, type FieldErrorEvent, type Protector, type RevealAuditEvent } from '../policy/index.js';
import { CliError, ExitCode } from './exit-codes.js';
import { loadKeyringText } from './keyring-file.js';
import type { Reject, Row } from './io/records.js';
import type { TaskInput } from './job.js';
import { chunkCandidates, sampleKey, type KeyedRow } from './sampling.js';
import { dictionary } from '../dictionary.js';

export type FieldErrorMode = 'reject' | 'redact';

export interface KeyConfig {
  /** Keyring document text (already budgeted for this worker, see budgetKeyringText). */
  readonly keyringText?: string;
  readonly keyringName?: string;
  readonly masterKey?: Uint8Array;
  readonly pseudonymKey?: Uint8Array;
}

export type OperationConfig =
  | { readonly kind: 'passthrough' }
  | ({
      readonly kind: 'protect';
      readonly scene: Scene;
      readonly policyText?: string;
      readonly onFieldError: FieldErrorMode;
      /** CSV: treat empty cells as missing values (they stay empty). */
      readonly emptyIsNull: boolean;
    } & KeyConfig)
  | ({
      readonly kind: 'reveal';
      readonly policyText?: string;
      readonly actor: string;
      readonly purpose: string;
      readonly source: string;
      readonly inputName: string;
      readonly onFieldError: FieldErrorMode;
      readonly emptyIsNull: boolean;
    } & KeyConfig)
  | ({ readonly kind: 'rewrap'; readonly policyText?: string } & KeyConfig)
  | { readonly kind: 'classify'; readonly sampleRows: number; readonly seed: Uint8Array };

export type RowResult = { readonly row: Row | undefined } | { readonly reject: Omit<Reject, 'line'> };

export interface RowOperation {
  /** CSV/TSV output columns for the input's columns. */
  outputColumns?(columns: readonly string[]): string[];
  /** False for operations that only observe (classify). */
  readonly writesOutput?: boolean;
  beginChunk?(task: TaskInput): void;
  apply(row: Row, line: number): RowResult;
  /** Data for the main thread about the chunk just processed. */
  endChunk?(): unknown;
}

/** What protect/reveal/rewrap chunks report besides rows. */
export interface KeyedChunkExtra {
  /** Random encryptions per key ID in this chunk (the keyring's usage counters). */
  readonly usage?: Record<string, number>;
  /** Audit events (reveal), one JSON line each, in row order. */
  readonly audit?: string;
  /** Fields whose action failed and that were redacted (`--on-field-error redact`). */
  readonly redactedFields?: number;
  /** rewrap: envelopes moved to the primary key. */
  readonly rewrapped?: number;
}

export interface ClassifyChunkExtra {
  /** Rows in the chunk. */
  readonly population: number;
  /** The chunk's rows that can still enter the sample, with their keys. */
  readonly candidates: KeyedRow[];
}

export async function createOperation(config: OperationConfig, columns: readonly string[]): Promise<RowOperation> {
  switch (config.kind) {
    case 'passthrough':
      return { outputColumns: (c) => [...c], apply: (row) => ({ row }) };
    case 'protect':
    case 'reveal':
      return policyOperation(config, await keyringOf(config));
    case 'rewrap':
      return rewrapOperation(config, await keyringOf(config), columns);
    case 'classify':
      return classifySampler(config);
  }
}

async function keyringOf(config: KeyConfig): Promise<Keyring | undefined> {
  if (config.keyringText === undefined) return undefined;
  if (config.masterKey === undefined) throw new CliError(ExitCode.KEY, 'no master key for the keyring');
  return loadKeyringText(config.keyringText, config.masterKey, config.keyringName ?? 'keyring');
}

/** Counts random encryptions per key between two calls. */
class UsageMeter {
  private before = new Map<string, number>();
  constructor(private readonly keyring: Keyring | undefined) {}
  mark(): void {
    if (this.keyring === undefined) return;
    for (const k of this.keyring.keys()) this.before.set(k.id, k.usage);
  }
  delta(): Record<string, number> | undefined {
    if (this.keyring === undefined) return undefined;
    let out: Record<string, number> | undefined;
    for (const k of this.keyring.keys()) {
      const d = k.usage - (this.before.get(k.id) ?? 0);
      if (d > 0) (out ??= {})[k.id] = d;
    }
    return out;
  }
}

/**
 * Failures of a field action that every later row would hit too: they stop the run instead of
 * rejecting row after row.
 */
const RUN_WIDE: Readonly<Record<string, string>> = dictionary({
  KEY_USAGE_LIMIT: 'the primary key reached its usage limit: rotate the keyring (fieldshield keys rotate) and run again',
  KEY_STATE: 'the keyring has no active primary key: rotate it (fieldshield keys rotate)',
  NO_KEYRING: 'the policy encrypts, indexes or decrypts a field but no --keyring was given',
  NO_KEY: 'the policy needs a pseudonym or hash key: set FIELDSHIELD_PSEUDONYM_KEY, pass --pseudonym-key-file, or pass a --keyring that has a primary key (one is derived from it)',
});

function checkRunWide(reason: string, field: string): void {
  const why = RUN_WIDE[reason];
  if (why !== undefined) throw new CliError(reason === 'NO_KEYRING' || reason === 'NO_KEY' ? ExitCode.USAGE : ExitCode.KEY_STATE, `field ${field}: ${why}`);
}

/**
 * Sorts an exception from protect/reveal: a problem of the row becomes a reject (the message of
 * our own errors never holds a value); a problem of the configuration stops the run.
 */
function rowFailure(e: unknown): RowResult {
  if (e instanceof FieldActionError) {
    checkRunWide(e.reason, e.path ?? '');
    return { reject: { reason: `${e.action} failed (${e.reason})`, field: e.path } };
  }
  if (e instanceof PolicyError) {
    // A PolicyError that names a rule is a policy that cannot apply (the C3 guard): every row
    // would fail the same way. Without one it is about this record (unknownFields: reject).
    if (e.documentPath !== undefined) throw new CliError(ExitCode.POLICY, `policy: ${e.message}`);
    return { reject: { reason: e.message, ...(e.path === undefined ? {} : { field: e.path }) } };
  }
  if (e instanceof FieldShieldError) return { reject: { reason: e.message, ...(e.path === undefined ? {} : { field: e.path }) } };
  throw e;
}

function emptyToNull(row: Row): Row {
  for (const k in row) if (row[k] === '') row[k] = null;
  return row;
}

function policyOperation(config: Extract<OperationConfig, { kind: 'protect' | 'reveal' }>, keyring: Keyring | undefined): RowOperation {
  let fieldErrors: FieldErrorEvent[] = [];
  let audit = '';
  let redacted = 0;
  let line = 0;
  const onAudit =
    config.kind === 'reveal'
      ? (event: RevealAuditEvent) => {
          audit += JSON.stringify({ ...event, input: config.inputName, line }) + '\n';
        }
      : undefined;
  let protector: Protector;
  try {
    protector = createProtector({
      ...(config.policyText === undefined ? {} : { policy: config.policyText }),
      ...(keyring === undefined ? {} : { keyring }),
      ...(config.pseudonymKey === undefined ? {} : { pseudonymKey: config.pseudonymKey }),
      ...(onAudit === undefined ? {} : { onAudit }),
      onFieldError: (event) => fieldErrors.push(event),
    });
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(ExitCode.POLICY, `policy: ${e.message}`);
    throw e;
  }
  const meter = new UsageMeter(keyring);
  const scene = config.kind === 'protect' ? config.scene : undefined;
  const reveal = config.kind === 'reveal' ? { actor: config.actor, purpose: config.purpose, source: config.source } : undefined;

  return {
    outputColumns: (columns) => (scene === undefined ? [...columns] : planColumns(protector, columns, scene).output),
    beginChunk() {
      audit = '';
      redacted = 0;
      meter.mark();
    },
    apply(row, rowLine) {
      line = rowLine;
      fieldErrors = [];
      const input = config.emptyIsNull ? emptyToNull(row) : row;
      let out: Row;
      try {
        out = scene !== undefined ? protector.protect(input, scene) : protector.reveal(input, reveal!);
      } catch (e) {
        return rowFailure(e);
      }
      if (fieldErrors.length > 0) {
        for (const f of fieldErrors) checkRunWide(f.reason, f.path);
        if (config.onFieldError === 'reject') {
          const first = fieldErrors[0];
          const more = fieldErrors.length > 1 ? ` and ${fieldErrors.length - 1} more field(s)` : '';
          return { reject: { reason: `${first.action} failed (${first.reason})${more}`, field: first.path } };
        }
        redacted += fieldErrors.length;
      }
      return { row: out };
    },
    endChunk(): KeyedChunkExtra {
      const usage = meter.delta();
      return {
        ...(usage === undefined ? {} : { usage }),
        ...(audit === '' ? {} : { audit }),
        ...(redacted === 0 ? {} : { redactedFields: redacted }),
      };
    },
  };
}

/** A column name as a policy path (`["a.b"]` selects a key that holds a dot). */
export function columnPath(column: string): string {
  return `[${JSON.stringify(column)}]`;
}

export interface ColumnPlan {
  readonly column: string;
  readonly kind: string | undefined;
  readonly level: string;
  readonly action: string;
  /** The sibling column an encrypt action writes a blind index into. */
  readonly indexInto?: string;
  /** The combination rule that raised the column's class among the other columns. */
  readonly raisedBy?: string;
}

/**
 * What a scene does to each CSV column, and the output columns that follow: dropped columns
 * leave, blind-index columns the policy adds come after the input's columns.
 */
export function planColumns(protector: Protector, columns: readonly string[], scene: Scene): { plan: ColumnPlan[]; output: string[] } {
  const plan: ColumnPlan[] = [];
  const output: string[] = [];
  const added: string[] = [];
  for (const column of columns) {
    let e;
    try {
      e = protector.explain(columnPath(column), { siblings: columns });
    } catch (err) {
      if (err instanceof PolicyError) {
        // unknownFields: reject — every row will be rejected for this column.
        plan.push({ column, kind: undefined, level: 'C1', action: 'reject' });
        output.push(column);
        continue;
      }
      throw err;
    }
    const action = e.scenes[scene].action;
    const into = action.action === 'encrypt' && action.blindIndex !== undefined ? action.blindIndex.into.split('{key}').join(column) : undefined;
    plan.push({
      column,
      kind: e.kind,
      level: e.level,
      action: action.action,
      ...(into === undefined ? {} : { indexInto: into }),
      ...(e.raisedBy === undefined ? {} : { raisedBy: e.raisedBy }),
    });
    if (action.action !== 'drop') output.push(column);
    if (into !== undefined && !columns.includes(into) && !added.includes(into)) added.push(into);
  }
  return { plan, output: [...output, ...added] };
}

function rewrapOperation(config: Extract<OperationConfig, { kind: 'rewrap' }>, keyring: Keyring | undefined, columns: readonly string[]): RowOperation {
  if (keyring === undefined) throw new CliError(ExitCode.USAGE, 'rewrap needs --keyring');
  let protector: Protector;
  try {
    protector = createProtector({ ...(config.policyText === undefined ? {} : { policy: config.policyText }) });
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(ExitCode.POLICY, `policy: ${e.message}`);
    throw e;
  }
  const cipher = new FieldCipher(keyring);
  const prefix = protector.policy.context === undefined ? '' : `${protector.policy.context}.`;
  // Encryption context per generalized path and sibling keys (the same rule as the protector's:
  // an encrypt action's own context, else `<policy context>.<path>`; the siblings matter because
  // a combination rule can raise a field into a class the policy encrypts); null = the policy
  // does not encrypt it.
  // Cached per object shape (its key list, serialized once per object, not per value), then per path.
  const contexts = new Map<string, Map<string, string | null>>();
  const contextOf = (pattern: string, siblings: Siblings): string | null => {
    let byPattern = contexts.get(siblings.id);
    if (byPattern === undefined) {
      if (contexts.size >= 1_000) contexts.clear();
      byPattern = new Map();
      contexts.set(siblings.id, byPattern);
    }
    let c = byPattern.get(pattern);
    if (c === undefined) {
      try {
        const e = protector.explain(pattern, { siblings: siblings.keys });
        const a = e.scenes.storage.action;
        c = a.action === 'encrypt' ? (a.context ?? prefix + e.path) : null;
      } catch {
        c = null;
      }
      byPattern.set(pattern, c);
    }
    return c;
  };
  const meter = new UsageMeter(keyring);
  let moved = 0;

  const walk = (value: unknown, pattern: string, shown: string, siblings: Siblings): unknown => {
    if (typeof value === 'string') {
      if (!isEnvelope(value)) return value;
      const context = contextOf(pattern, siblings);
      if (context === null) throw new RewrapReject(`an envelope in a field the policy does not encrypt`, shown);
      if (!cipher.needsRewrap(value)) return value;
      try {
        const out = cipher.rewrap(value, { context });
        moved++;
        return out;
      } catch (e) {
        throw new RewrapReject(e instanceof FieldShieldError ? `rewrap failed (${e.code})` : 'rewrap failed', shown);
      }
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${pattern}[*]`, `${shown}[${i}]`, NO_SIBLINGS));
    if (value !== null && typeof value === 'object') {
      const out: Row = {};
      const keys = Object.keys(value);
      const siblings: Siblings = { keys, id: JSON.stringify(keys) };
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, { value: walk(v, pattern + columnPath(k), shown === '' ? k : `${shown}.${k}`, siblings), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };

  return {
    outputColumns: () => [...columns],
    beginChunk() {
      moved = 0;
      meter.mark();
    },
    apply(row) {
      try {
        return { row: walk(row, '', '', NO_SIBLINGS) as Row };
      } catch (e) {
        if (e instanceof RewrapReject) return { reject: { reason: e.message, field: e.field } };
        throw e;
      }
    },
    endChunk(): KeyedChunkExtra {
      const usage = meter.delta();
      return { ...(usage === undefined ? {} : { usage }), rewrapped: moved };
    },
  };
}

/** The keys of the object a value sits in, and that list as JSON (the cache key of their plans). */
interface Siblings {
  readonly keys: readonly string[];
  readonly id: string;
}

const NO_SIBLINGS: Siblings = Object.freeze({ keys: Object.freeze([]), id: '[]' });

class RewrapReject extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * Classification samples rows, it does not need them all: each row gets its bottom-k sampling
 * key and the chunk returns the rows that can still enter the sample (see sampling.ts).
 */
function classifySampler(config: Extract<OperationConfig, { kind: 'classify' }>): RowOperation {
  let rows: KeyedRow[] = [];
  let below = Number.POSITIVE_INFINITY;
  let population = 0;
  return {
    writesOutput: false,
    beginChunk(task) {
      rows = [];
      population = 0;
      below = task.sampleBelow ?? Number.POSITIVE_INFINITY;
    },
    apply(row, line) {
      population++;
      const key = sampleKey(config.seed, line);
      if (key < below) rows.push({ key, line, row });
      return { row: undefined };
    },
    endChunk(): ClassifyChunkExtra {
      return { population, candidates: chunkCandidates(rows, config.sampleRows, below) };
    },
  };
}
