/**
 * The Protector: one compiled policy applied to whole records.
 *
 *   const protector = createProtector({ keyring });              // the built-in policy
 *   const row = protector.protect(customer, 'storage');          // before the INSERT
 *   const view = protector.protect(customer, 'display');         // before a screen
 *   const plain = protector.reveal(row, { actor: 'u1024', purpose: 'ticket 8812' });
 *
 * Like pino's redaction (fast-redact), the policy is compiled once and the hot path does no
 * parsing and builds no closures. Plans live on a tree that mirrors the records: one node per
 * object location (array positions share one), one slot per key holding the field's resolved
 * kind and one FieldOp per scene, and per node the *shapes* (key sequences) seen so far. A record
 * of a known shape costs one pass over its keys (confirming the shape as it goes), one object
 * copy (`{ ...record }`, which keeps the field order) and one call per field the scene changes.
 *
 * protect never mutates its input; nested objects and arrays are copied, everything else is
 * shared. Missing fields stay missing, `null` and `undefined` stay as they are (`drop` removes
 * the key either way). A field whose action fails is redacted, or the call throws a
 * FieldActionError naming the field path, as the policy's `onError` says: the plaintext never
 * passes through.
 */
import { applyRules, DEFAULT_RULES } from '../classify/rules.js';
import { above } from '../classify/schemes.js';
import type { CombinationRule, FieldClassification } from '../classify/types.js';
import { FieldCipher } from '../envelope/field-cipher.js';
import { FieldActionError, FieldShieldError, InvalidArgumentError } from '../errors.js';
import { hkdfSm3 } from '../gm/kdf.js';
import type { Keyring } from '../keys/keyring.js';
import type { Level } from '../kinds/types.js';
import { labelText } from '../mask/primitives.js';
import type { Scene } from '../mask/types.js';
import { Pseudonymizer } from '../pseudonym/index.js';
import { utf8Encode } from '../encoding.js';
import { nameClassifier } from './classifier.js';
import { defaultPolicy } from './defaults.js';
import { loadPolicy } from './load.js';
import { ActionFailure, KEEP, KeepOp, type AuditSink, type CallState, type FieldOp, type RevealAuditEvent } from './ops.js';
import { ANY_INDEX, formatPath, parsePattern, type PathSegment } from './paths.js';
import { reportablePath } from './reportable-path.js';
import {
  buildOp,
  CompiledPolicy,
  REVEAL,
  SCENE_COUNT,
  SCENE_INDEX,
  type FieldClassifier,
  type FieldInfo,
  type OpServices,
} from './plan.js';
import { SCENES, type ActionObject, type Policy, type PolicyDocument } from './schema.js';

export type { RevealAuditEvent } from './ops.js';
export type { FieldClassifierResult, FieldClassifier } from './plan.js';

/** Reported (never with the value) for each field whose action failed. */
export interface FieldErrorEvent {
  readonly type: 'field-error';
  readonly scene: Scene | 'reveal';
  readonly path: string;
  readonly action: string;
  readonly kind?: string;
  /** `NO_KEYRING`, `MALFORMED_VALUE`, `KEY_STATE`, `INTEGRITY`, `UNSUPPORTED_TYPE` ... */
  readonly reason: string;
  /** What the engine did: replaced the value by a label, or threw. */
  readonly handling: 'redacted' | 'thrown';
}

export interface ProtectorOptions {
  /** A policy (from loadPolicy), a policy document, or its JSON/YAML text. Default: the built-in policy. */
  readonly policy?: Policy | PolicyDocument | string;
  /** Encrypts, decrypts and indexes. Without one, those actions fail closed. */
  readonly keyring?: Keyring;
  /**
   * Key for pseudonyms (at least 16 bytes; 32 recommended). Default: the pseudonym subkey of the
   * keyring's primary key at the time the protector is created, so pseudonyms change when the
   * keyring rotates. Pass a dedicated, long-lived key to keep dev/test data joinable across
   * rotations and runs.
   */
  readonly pseudonymKey?: Uint8Array;
  /** Key for `hash` masks (at least 16 bytes). Default: derived from the pseudonym key. */
  readonly hashKey?: Uint8Array;
  /** Receives one event per revealed field. Required for `reveal`. */
  readonly onAudit?: (event: RevealAuditEvent) => void;
  /** Told about every field whose action failed (after which it is redacted or the call throws). */
  readonly onFieldError?: (event: FieldErrorEvent) => void;
  /** How unknown fields are classified (default: the name classifier of src/classify). */
  readonly classifier?: FieldClassifier;
  /**
   * Combination rules applied over the classified fields of each object (default: the
   * classifier's DEFAULT_RULES; `[]` applies none). A rule that fires raises fields the way
   * `classifyRecord` does — an IP address next to a time and the customer's identity becomes C2 —
   * and the raised class's action applies to them in that object. Only fields whose class came
   * from the classifier take part (a path rule that declares a kind or class is the policy's
   * word), and only classifiers that return `classification` (the default one does).
   */
  readonly combinationRules?: readonly CombinationRule[];
  /** Clock for audit events (tests). */
  readonly now?: () => Date;
}

export interface RevealOptions {
  /** Who is asking: a user or service ID. */
  readonly actor: string;
  /** Why: a ticket number or a business purpose. */
  readonly purpose: string;
  /** Where from (IP address, terminal), recorded when given. */
  readonly source?: string;
}

/** What the policy does with one field path (for reviews and docs). */
export interface FieldExplanation {
  readonly path: string;
  readonly kind: string | undefined;
  readonly level: Level;
  readonly scenes: Readonly<Record<Scene, { readonly action: ActionObject; readonly at: string }>>;
  /** The combination rule that raised the class among the given siblings (explain's `siblings`). */
  readonly raisedBy?: string;
}

export interface Protector {
  readonly policy: Policy;
  /** A protected copy of `record` for `scene`. */
  protect(record: object, scene: Scene): Record<string, unknown>;
  /** A copy of a stored record with what the policy encrypts decrypted; one audit event per field. */
  reveal(record: object, options: RevealOptions): Record<string, unknown>;
  /**
   * The plan for one field path (`id_no`, `contacts[*].mobile`). With `siblings` (the keys of
   * the object the field is in, e.g. a table's columns), the combination rules apply as they do
   * in protect for a record with those keys.
   */
  explain(path: string, options?: { readonly siblings?: readonly string[] }): FieldExplanation;
}

/** An audit sink refused an event: the reveal stops with the sink's own error. */
class AuditAbort {
  constructor(readonly error: unknown) {}
}

const MAX_SHAPES = 64;
const MAX_CHILDREN = 10_000;
const DROPPED = Symbol('dropped');
const HASH_INFO = 'fieldshield/v1/policy/mask-hash';

class Slot {
  readonly ops: (FieldOp | undefined)[] = new Array<FieldOp | undefined>(SCENE_COUNT).fill(undefined);
  field: FieldInfo | undefined = undefined;
  object: ObjectNode | undefined = undefined;
  element: Slot | undefined = undefined;
  constructor(
    readonly segments: readonly PathSegment[],
    readonly name: string,
    /** A path rule selects this path: a container here is protected as one value. */
    readonly whole: boolean,
  ) {}
}

/** The output layout of one shape in one scene when keys are dropped or added (see finishRecord). */
interface OutputTemplate {
  readonly dropped: readonly string[];
  readonly added: readonly string[];
  readonly template: Record<string, unknown>;
}

/** Blind indexes to add to a record: keys and values side by side. */
interface Additions {
  readonly keys: string[];
  readonly values: unknown[];
}

/** A field's class as a combination rule raised it, and the rule's id. */
interface Raise {
  readonly level: Level;
  readonly rule: string;
}

/** Per position of a shape: null (a scalar kept as it is), AN_OBJECT, or the scalar's op. */
type PositionPlan = (FieldOp | null)[];
/** The plan of a position holding an object: walked, or (a Date ...) given to its op. */
const AN_OBJECT: FieldOp = new KeepOp(undefined);

/**
 * A key sequence seen at one object location, with which keys held objects (non-null) — the
 * only values that may need walking. Per scene it has a plan of what each position needs; a
 * record of this shape passes over the positions whose plan is null.
 */
class Shape {
  readonly layouts: (OutputTemplate | undefined)[] = new Array<OutputTemplate | undefined>(SCENE_COUNT).fill(undefined);
  /** Per scene, what each position needs (see Protector.planOf). */
  readonly plans: (PositionPlan | undefined)[] = new Array<PositionPlan | undefined>(SCENE_COUNT).fill(undefined);
  /** Per scene, the ops of the positions a combination rule raised (built on first use). */
  readonly raisedOps: ((FieldOp | undefined)[] | undefined)[] = new Array<(FieldOp | undefined)[] | undefined>(SCENE_COUNT).fill(undefined);
  constructor(
    readonly keys: readonly string[],
    readonly objects: readonly boolean[],
    readonly slots: readonly Slot[],
    /** What a combination rule raised each position to, or undefined; undefined when no rule fired. */
    readonly raised: readonly (Raise | undefined)[] | undefined,
  ) {}
}

class ObjectNode {
  readonly children = new Map<string, Slot>();
  readonly shapes = new Map<string, Shape>();
  last: Shape | undefined = undefined;
  constructor(readonly segments: readonly PathSegment[]) {}
}

/** Nesting deeper than this (or a cycle, which is endless nesting) is refused. */
const MAX_DEPTH = 64;

function tooDeep(call: CallState): never {
  throw new InvalidArgumentError(`the record is nested more than ${MAX_DEPTH} levels deep (or refers to itself) at ${reportablePath(call.stack)}`);
}

/**
 * Objects that are one value, not fields: dates, binary data, and anything that says how it is
 * written as JSON (a Decimal, a MongoDB ObjectId). Their field's own action applies to them.
 */
function isLeafObject(v: object): boolean {
  return v instanceof Date || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Writes a field; `__proto__` as a key is defined, not assigned (which would set the prototype). */
function setField(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function sceneIndexOf(scene: unknown): number {
  const i = typeof scene === 'string' && Object.prototype.hasOwnProperty.call(SCENE_INDEX, scene) ? SCENE_INDEX[scene as Scene] : undefined;
  if (i === undefined) throw new InvalidArgumentError(`scene must be one of ${SCENES.map((s) => `'${s}'`).join(', ')}`);
  return i;
}

/** The path of a field as reports show it (keys that hold values replaced: reportablePath). */
function concretePath(stack: readonly (string | number)[], key: string | number): string {
  return reportablePath([...stack, key]);
}

function checkText(v: unknown, name: string): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 512) {
    throw new InvalidArgumentError(`reveal needs ${name}: a non-empty string of at most 512 characters`);
  }
  return v;
}

function defaultPseudonymKey(keyring: Keyring | undefined): Uint8Array | undefined {
  if (keyring === undefined) return undefined;
  try {
    return keyring.primaryForDeterministic().material?.pseudonymKey();
  } catch {
    // No active primary key: pseudonym actions fail closed (FailOp) instead of failing here.
    return undefined;
  }
}

class PolicyProtector implements Protector {
  readonly policy: Policy;
  private readonly compiled: CompiledPolicy;
  private readonly services: OpServices;
  private readonly classifier: FieldClassifier;
  private readonly combinationRules: readonly CombinationRule[];
  private readonly root = new ObjectNode([]);
  private readonly onAudit: ((event: RevealAuditEvent) => void) | undefined;
  private readonly onFieldError: ((event: FieldErrorEvent) => void) | undefined;
  private readonly now: () => Date;
  private lastTime = Number.NaN;
  private lastIso = '';
  private readonly emit = (event: RevealAuditEvent): void => {
    try {
      (this.onAudit as (event: RevealAuditEvent) => void)(event);
    } catch (e) {
      throw new AuditAbort(e);
    }
  };

  constructor(options: ProtectorOptions) {
    this.policy = options.policy === undefined ? defaultPolicy : loadPolicy(options.policy);
    this.compiled = new CompiledPolicy(this.policy);
    const cipher = options.keyring === undefined ? undefined : new FieldCipher(options.keyring);
    const pKey = options.pseudonymKey ?? defaultPseudonymKey(options.keyring);
    const pseudonymizer = pKey === undefined ? undefined : new Pseudonymizer(pKey);
    if (options.hashKey !== undefined && (!(options.hashKey instanceof Uint8Array) || options.hashKey.length < 16)) {
      throw new InvalidArgumentError('hashKey must be a Uint8Array of at least 16 bytes');
    }
    const hashKey = options.hashKey ?? (pKey === undefined ? undefined : hkdfSm3(pKey, { salt: utf8Encode('fieldshield/v1'), info: HASH_INFO, length: 32 }));
    if (options.pseudonymKey === undefined) pKey?.fill(0);
    this.services = { cipher, pseudonymizer, hashKey };
    this.classifier = options.classifier ?? nameClassifier(this.policy.context);
    if (options.combinationRules !== undefined && !Array.isArray(options.combinationRules)) {
      throw new InvalidArgumentError('combinationRules must be an array of rules');
    }
    this.combinationRules = options.combinationRules ?? DEFAULT_RULES;
    if (options.onAudit !== undefined && typeof options.onAudit !== 'function') throw new InvalidArgumentError('onAudit must be a function');
    this.onAudit = options.onAudit;
    this.onFieldError = options.onFieldError;
    this.now = options.now ?? (() => new Date());
  }

  protect(record: object, scene: Scene): Record<string, unknown> {
    const s = sceneIndexOf(scene);
    if (typeof record !== 'object' || record === null || Array.isArray(record) || !isPlainObject(record)) {
      throw new InvalidArgumentError('protect needs a record: a plain object');
    }
    const call: CallState = { scene: s, stack: [], audit: undefined };
    return this.walkObject(record as Record<string, unknown>, this.root, call);
  }

  reveal(record: object, options: RevealOptions): Record<string, unknown> {
    if (this.onAudit === undefined) throw new InvalidArgumentError('reveal needs an onAudit sink: every revealed field is recorded');
    if (typeof record !== 'object' || record === null || Array.isArray(record) || !isPlainObject(record)) {
      throw new InvalidArgumentError('reveal needs a record: a plain object');
    }
    const audit: AuditSink = {
      actor: checkText(options?.actor, 'an actor'),
      purpose: checkText(options?.purpose, 'a purpose'),
      source: options.source === undefined ? undefined : checkText(options.source, 'a source, when given,'),
      time: this.isoNow(),
      emit: this.emit,
      pathOf: concretePath,
    };
    const call: CallState = { scene: REVEAL, stack: [], audit };
    try {
      return this.walkObject(record as Record<string, unknown>, this.root, call);
    } catch (e) {
      if (e instanceof AuditAbort) throw e.error;
      throw e;
    }
  }

  /** The time for audit events; the ISO text is reused within one millisecond. */
  private isoNow(): string {
    const t = this.now().getTime();
    if (t !== this.lastTime) {
      this.lastTime = t;
      this.lastIso = new Date(t).toISOString();
    }
    return this.lastIso;
  }

  explain(path: string, options?: { readonly siblings?: readonly string[] }): FieldExplanation {
    const segments: PathSegment[] = parsePattern(path).map((p) => {
      if (p.t === 'key') return p.name;
      if (p.t === 'index') return ANY_INDEX;
      throw new InvalidArgumentError('explain takes a field path: keys and [*] only');
    });
    const name = [...segments].reverse().find((s): s is string => typeof s === 'string') ?? '';
    let field = this.compiled.resolve(segments, name, this.classifier);
    let raisedBy: string | undefined;
    const siblings = options?.siblings;
    const own = segments[segments.length - 1];
    if (siblings !== undefined && typeof own === 'string') {
      if (!Array.isArray(siblings) || !siblings.every((k) => typeof k === 'string')) throw new InvalidArgumentError('explain: siblings must be an array of key names');
      const parent = segments.slice(0, -1);
      const keys = siblings.includes(own) ? siblings : [...siblings, own];
      const fields = keys.map((k) => (k === own ? field : this.resolveQuietly([...parent, k], k)));
      const raise = this.raisesOf(fields)?.[keys.indexOf(own)];
      if (raise !== undefined) {
        field = { ...field, level: raise.level };
        raisedBy = raise.rule;
      }
    }
    const scenes = {} as Record<Scene, { action: ActionObject; at: string }>;
    SCENES.forEach((s, i) => {
      scenes[s] = this.compiled.actionFor(field, i);
    });
    return { path: field.path, kind: field.kind?.id, level: field.level, scenes, ...(raisedBy === undefined ? {} : { raisedBy }) };
  }

  // --- the walk ----------------------------------------------------------------------------

  /**
   * One pass over the record's keys, against the shape last seen at this node: while keys and
   * their object-ness match, position i has the shape's slot and plan; at the first difference
   * the record's own shape is looked up (its first i positions are the same keys, so the work
   * done so far stands) and the pass goes on with it. Values come from the for-in itself.
   */
  private walkObject(rec: Record<string, unknown>, node: ObjectNode, call: CallState): Record<string, unknown> {
    if (call.stack.length >= MAX_DEPTH) tooDeep(call);
    const s = call.scene;
    let shape = node.last;
    let plan = shape === undefined ? undefined : (shape.plans[s] ?? this.planOf(shape, s));
    // The spread also copies symbol-keyed properties, which no plan sees. They are not data (JSON,
    // drivers and loggers leave them out), and looking for them costs ~12% of a display record
    // (Object.getOwnPropertySymbols), so they are passed on as they are (POLICY.md §5).
    const out: Record<string, unknown> = { ...rec };
    let dropped: string[] | undefined;
    let added: Additions | undefined;
    let i = -1;
    for (const key in rec) {
      i++;
      const v = rec[key];
      const isObject = typeof v === 'object' && v !== null;
      if (shape === undefined || shape.keys[i] !== key || shape.objects[i] !== isObject) {
        shape = this.shapeOf(rec, node);
        plan = shape.plans[s] ?? this.planOf(shape, s);
      }
      let op = (plan as PositionPlan)[i];
      if (op === null) continue;
      if (op === AN_OBJECT) {
        const slot = shape.slots[i];
        if (!slot.whole) {
          if (Array.isArray(v)) {
            call.stack.push(key);
            setField(out, key, this.walkArray(v, slot, call));
            call.stack.pop();
            continue;
          }
          if (isPlainObject(v as object)) {
            call.stack.push(key);
            setField(out, key, this.walkObject(v as Record<string, unknown>, (slot.object ??= new ObjectNode(slot.segments)), call));
            call.stack.pop();
            continue;
          }
        }
        // A Date, a typed array, or a container a path rule protects as one value.
        op = this.opAt(shape, i, s);
        if (!slot.whole && !isLeafObject(v as object) && slot.field?.untouched !== true) {
          this.unwalkable(out, key, op, call);
          continue;
        }
        if (op === KEEP) continue;
      }
      if (op.drop) {
        (dropped ??= []).push(key);
        continue;
      }
      if (v === null || v === undefined) continue;
      if (op.indexInto !== undefined) {
        const index = this.indexOf(v, op, call, key);
        if (index === undefined) {
          // The action (encrypt with an index) cannot be applied as a whole: fail closed.
          setField(out, key, labelText(op.kindId));
          continue;
        }
        added ??= { keys: [], values: [] };
        added.keys.push(op.indexInto);
        added.values.push(index);
      }
      this.applyLeaf(out, key, v, op, call);
    }
    // A record that is a prefix of the last shape (or empty) has a shape of its own: the output
    // layout below and the next record's comparison need it.
    if (shape === undefined || i + 1 !== shape.keys.length) shape = this.shapeOf(rec, node);
    return dropped === undefined && added === undefined ? out : finishRecord(out, dropped ?? NONE, added, shape, s);
  }

  /**
   * What each position of a shape needs in a scene: null for nothing (a scalar kept as it is),
   * AN_OBJECT for a value to walk (or, a Date or a container a path rule protects whole, to
   * hand to its op), else the scalar's op. Resolving the scalars' actions here may throw
   * (unknownFields: reject); nothing is cached then.
   */
  private planOf(shape: Shape, scene: number): PositionPlan {
    const plan: PositionPlan = new Array<FieldOp | null>(shape.slots.length).fill(null);
    for (let i = 0; i < plan.length; i++) {
      if (shape.objects[i]) plan[i] = AN_OBJECT;
      else {
        const op = this.opAt(shape, i, scene);
        if (op !== KEEP) plan[i] = op;
      }
    }
    shape.plans[scene] = plan;
    return plan;
  }

  /**
   * The blind index of a value, or undefined when it cannot be computed (reported, or thrown
   * per onError). Indexes are kept aside rather than written into the copied record: adding keys
   * one by one would cost a slow-path store each, so finishRecord lays them out from a template.
   */
  private indexOf(v: unknown, op: FieldOp, call: CallState, key: string): string | undefined {
    try {
      return op.index(v);
    } catch (e) {
      this.reportFailure(e, call, key, op);
      return undefined;
    }
  }

  private walkArray(arr: readonly unknown[], parent: Slot, call: CallState): unknown[] {
    if (call.stack.length >= MAX_DEPTH) tooDeep(call);
    const slot = (parent.element ??= this.elementSlot(parent));
    const s = call.scene;
    const out = new Array<unknown>(arr.length);
    let dropped = false;
    for (let j = 0; j < arr.length; j++) {
      const v = arr[j];
      out[j] = v;
      if (typeof v === 'object' && v !== null && !slot.whole) {
        if (Array.isArray(v)) {
          call.stack.push(j);
          out[j] = this.walkArray(v, slot, call);
          call.stack.pop();
          continue;
        }
        if (isPlainObject(v)) {
          call.stack.push(j);
          out[j] = this.walkObject(v as Record<string, unknown>, (slot.object ??= new ObjectNode(slot.segments)), call);
          call.stack.pop();
          continue;
        }
      }
      const op = slot.ops[s] ?? this.opFor(slot, s);
      if (typeof v === 'object' && v !== null && !slot.whole && !isLeafObject(v) && slot.field?.untouched !== true) {
        this.unwalkable(out as unknown as Record<number, unknown>, j, op, call);
        continue;
      }
      if (op === KEEP) continue;
      if (op.drop) {
        out[j] = DROPPED;
        dropped = true;
        continue;
      }
      if (v === null || v === undefined) continue;
      this.applyLeaf(out as unknown as Record<number, unknown>, j, v, op, call);
    }
    return dropped ? out.filter((x) => x !== DROPPED) : out;
  }

  /**
   * A Map, a Set or a class instance where fields were expected: its contents cannot be read as
   * fields, so nothing in it can be judged; passing it on could pass anything on. Fail closed: the
   * field is redacted (or the call throws, per onError). Leave it untouched with a path rule's
   * keep, or `unknownFields: keep`; or pass plain objects.
   */
  private unwalkable(out: Record<string | number, unknown>, key: string | number, op: FieldOp, call: CallState): void {
    this.reportFailure(
      new ActionFailure('UNSUPPORTED_TYPE', 'a Map, Set or class instance cannot be protected field by field: pass plain objects'),
      call,
      key,
      op,
    );
    setField(out, key, labelText(op.kindId));
  }

  private applyLeaf(out: Record<string | number, unknown>, key: string | number, v: unknown, op: FieldOp, call: CallState): void {
    try {
      setField(out, key, op.apply(v, call, key));
    } catch (e) {
      this.reportFailure(e, call, key, op);
      // Fail closed: the plaintext copied into `out` is overwritten.
      setField(out, key, labelText(op.kindId));
    }
  }

  /** Reports a failed action, and throws when the policy says so (`onError: throw`). */
  private reportFailure(e: unknown, call: CallState, key: string | number, op: FieldOp): void {
    if (e instanceof AuditAbort) throw e;
    let reason = 'UNEXPECTED';
    let message = 'the action failed';
    let cause: FieldShieldError | undefined;
    if (e instanceof ActionFailure) {
      reason = e.reason;
      message = e.message;
      cause = e.cause;
    } else if (e instanceof FieldShieldError) {
      // Our own errors carry no values (src/errors.ts); anything else might, so it is not kept.
      reason = e.code;
      message = e.message;
      cause = e;
    }
    const scene = call.scene === REVEAL ? 'reveal' : SCENES[call.scene];
    const path = concretePath(call.stack, key);
    const mode = this.compiled.onError[call.scene];
    this.onFieldError?.({
      type: 'field-error',
      scene,
      path,
      action: op.action,
      ...(op.kindId === undefined ? {} : { kind: op.kindId }),
      reason,
      handling: mode === 'throw' ? 'thrown' : 'redacted',
    });
    if (mode === 'throw') {
      throw new FieldActionError(`cannot ${op.action === 'reveal' ? 'reveal' : op.action === 'keep' ? 'protect' : `apply ${op.action} to`} field ${path} in the ${scene} scene: ${message}`, {
        path,
        scene,
        action: op.action,
        reason,
        cause,
      });
    }
  }

  private opFor(slot: Slot, scene: number): FieldOp {
    // Resolution throws PolicyError under `unknownFields: reject`; nothing is cached then, so
    // every record with that field fails the same way.
    const field = (slot.field ??= this.compiled.resolve(slot.segments, slot.name, this.classifier));
    const op = buildOp(this.compiled, field, scene, this.services);
    slot.ops[scene] = op;
    return op;
  }

  /**
   * The op of position `i` of a shape: the slot's own (shared by every shape with the key), or,
   * where a combination rule raised the field in this shape, the raised class's (per shape).
   */
  private opAt(shape: Shape, i: number, scene: number): FieldOp {
    const raise = shape.raised?.[i];
    if (raise === undefined) {
      const slot = shape.slots[i];
      return slot.ops[scene] ?? this.opFor(slot, scene);
    }
    const ops = (shape.raisedOps[scene] ??= new Array<FieldOp | undefined>(shape.slots.length).fill(undefined));
    const cached = ops[i];
    if (cached !== undefined) return cached;
    const field = shape.slots[i].field as FieldInfo;
    const op = buildOp(this.compiled, { ...field, level: raise.level }, scene, this.services);
    ops[i] = op;
    return op;
  }

  /** resolve(), or undefined where resolving throws (unknownFields: reject; reported when the field is used). */
  private resolveQuietly(segments: readonly PathSegment[], name: string): FieldInfo | undefined {
    try {
      return this.compiled.resolve(segments, name, this.classifier);
    } catch {
      return undefined;
    }
  }

  /**
   * The combination rules over sibling fields: for each position, the class a rule raised it
   * to and the rule, or undefined; undefined when none was raised. Only fields the classifier
   * classified (with a full classification) take part.
   */
  private raisesOf(fields: readonly (FieldInfo | undefined)[]): (Raise | undefined)[] | undefined {
    if (this.combinationRules.length === 0) return undefined;
    const at: number[] = [];
    const input: FieldClassification[] = [];
    fields.forEach((f, i) => {
      if (f?.classification !== undefined && !f.untouched) {
        at.push(i);
        input.push(f.classification);
      }
    });
    if (input.length < 2) return undefined;
    let raised: (Raise | undefined)[] | undefined;
    const outcome = applyRules(input, this.combinationRules);
    outcome.fields.forEach((f, j) => {
      if (f.level === null || !above(f.level, (fields[at[j]] as FieldInfo).level)) return;
      const rule = outcome.escalations.find((e) => e.raised.includes(f.field))?.rule ?? 'combination';
      (raised ??= new Array<Raise | undefined>(fields.length).fill(undefined))[at[j]] = { level: f.level, rule };
    });
    return raised;
  }

  /** The shape of `rec`, from the node's map or new; it becomes the node's last shape. */
  private shapeOf(rec: Record<string, unknown>, node: ObjectNode): Shape {
    const keys: string[] = [];
    const objects: boolean[] = [];
    for (const k in rec) {
      const v = rec[k];
      keys.push(k);
      objects.push(typeof v === 'object' && v !== null);
    }
    const id = JSON.stringify(keys) + objects.map((o) => (o ? '1' : '0')).join('');
    let shape = node.shapes.get(id);
    if (shape === undefined) {
      const slots = keys.map((k) => this.slotFor(node, k));
      // Scalars only: an object is walked, its own keys are its record.
      const fields = slots.map((slot, i) => (objects[i] ? undefined : (slot.field ??= this.resolveQuietly(slot.segments, slot.name))));
      shape = new Shape(keys, objects, slots, this.raisesOf(fields));
      if (node.shapes.size >= MAX_SHAPES) node.shapes.clear();
      node.shapes.set(id, shape);
    }
    node.last = shape;
    return shape;
  }

  /** The slot shared by every element of an array (named after the array, for classification). */
  private elementSlot(parent: Slot): Slot {
    const segments: PathSegment[] = [...parent.segments, ANY_INDEX];
    return new Slot(segments, parent.name, this.compiled.selectsWhole(segments));
  }

  private slotFor(node: ObjectNode, key: string): Slot {
    let slot = node.children.get(key);
    if (slot === undefined) {
      const segments = [...node.segments, key];
      slot = new Slot(segments, key, this.compiled.selectsWhole(segments));
      // Records used as maps (keys are IDs) would grow the tree without bound: past the cap,
      // slots live only in their shape.
      if (node.children.size < MAX_CHILDREN) node.children.set(key, slot);
    }
    return slot;
  }
}

const NONE: readonly string[] = Object.freeze([]);

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `out`'s keys without `dropped`, then the added keys it does not have yet, values null. Built
 * with Object.fromEntries: an object grown by dozens of keyed stores turns into a slow
 * dictionary-mode object, and so would every clone of it.
 */
function layout(out: Record<string, unknown>, dropped: readonly string[], added: readonly string[]): Record<string, unknown> {
  const keys: string[] = [];
  for (const k in out) if (!dropped.includes(k)) keys.push(k);
  for (const k of added) if (!keys.includes(k)) keys.push(k);
  return Object.fromEntries(keys.map((k) => [k, null]));
}

/**
 * The output record when the scene drops keys or adds blind indexes. Adding or removing keys on
 * the copied record costs a slow-path store or a dictionary-mode object per key; instead the
 * final layout is built once per shape and scene as a template, cloned (one fast copy) and filled
 * in place.
 */
function finishRecord(out: Record<string, unknown>, dropped: readonly string[], additions: Additions | undefined, shape: Shape, scene: number): Record<string, unknown> {
  const added = additions?.keys ?? NONE;
  let t = shape.layouts[scene];
  if (t === undefined || !sameList(t.dropped, dropped) || !sameList(t.added, added)) {
    t = { dropped: dropped.slice(), added: added.slice(), template: layout(out, dropped, added) };
    shape.layouts[scene] = t;
  }
  const res: Record<string, unknown> = { ...t.template };
  // Keys the template adds are not in `out` (they read as undefined here) and are set below.
  for (const k in res) setField(res, k, out[k]);
  if (additions !== undefined) for (let j = 0; j < added.length; j++) setField(res, added[j], additions.values[j]);
  return res;
}

/**
 * A protector for `options.policy` (default: the built-in policy). The policy is validated and
 * compiled here; field plans are built the first time each field path is seen.
 */
export function createProtector(options: ProtectorOptions = {}): Protector {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('createProtector needs an options object');
  return new PolicyProtector(options);
}
