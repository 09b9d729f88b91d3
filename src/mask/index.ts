/**
 * The masking API.
 *
 * ```ts
 * mask('11010519491231002X', 'cn-id-card')                        // '110105********002X'
 * mask('11010519491231002X', 'cn-id-card', { scene: 'analytics' }) // '110105******31002X'
 * mask.mobile('13812345678')                                      // '138****5678'
 * mask('6222021234567890', { type: 'keep', first: 6, last: 4 })  // '622202******7890'
 * maskForScene('123456', 'password', 'log')                       // '[REDACTED:password]'
 * ```
 *
 * Input: `null` and `undefined` pass through unchanged; finite numbers and bigints are
 * converted with `String()` (`13812345678` → `'13812345678'`, note that `1e21` becomes
 * `'1e+21'`: keep long identifiers as strings); anything else is rejected with an
 * `InvalidArgumentError` that names only the value's type.
 */
import { InvalidArgumentError } from '../errors.js';
import type { Kind } from '../kinds/types.js';
import { findKind } from '../kinds/registry.js';
import type { MaskRule, MaskScene } from './types.js';
import { compileMask, type CompiledMask, type MaskContext } from './compile.js';
import { checkScene, presetFor } from './scenes.js';
import { describeType } from './checks.js';

export type { MaskContext, CompiledMask } from './compile.js';
export { compileMask } from './compile.js';
export { MASK_SCENES, presetFor } from './scenes.js';
export {
  defaultMinMasked,
  dropValue,
  keepEnds,
  maskAfter,
  maskAll,
  maskBefore,
  maskRange,
  redactFixed,
  redactLabel,
  truncateText,
  type KeepEndsOptions,
  type MaskRangeOptions,
  type MaskTextOptions,
} from './primitives.js';
export {
  bucketLabel,
  DEFAULT_AGE_EDGES,
  DEFAULT_AMOUNT_EDGES,
  generalizeAge,
  generalizeAmount,
  generalizeDate,
  type DateGranularity,
} from './generalize.js';
export { DEFAULT_HASH_BITS, keyedHash, MIN_HASH_KEY_BYTES } from './hash.js';
export { hutool, HUTOOL_TYPES, type HutoolType } from './profiles/hutool.js';
export type * from './types.js';

export interface MaskOptions {
  /** Where the value is going (default `display`). Only used with a kind. */
  readonly scene?: MaskScene;
  /** Replaces the rule's mask character. */
  readonly maskChar?: string;
  /** Key for `hash` rules (at least 16 bytes); without it a hash rule throws. */
  readonly hashKey?: Uint8Array;
  /**
   * The kind a bare rule is applied to: names the `[REDACTED:<id>]` label, normalizes before
   * hashing, and implements `{ type: 'kind' }` rules.
   */
  readonly kind?: string | Kind;
}

/** Accepted inputs; see the module comment for the conversion of numbers. */
export type Maskable = string | number | bigint;

const NO_CONTEXT: MaskContext = Object.freeze({});
// One context object per kind, so masking with a kind allocates nothing per value.
const kindContexts = new WeakMap<Kind, MaskContext>();

function contextFor(kind: Kind | undefined, hashKey: Uint8Array | undefined): MaskContext {
  if (hashKey !== undefined) return { kind, hashKey };
  if (kind === undefined) return NO_CONTEXT;
  let ctx = kindContexts.get(kind);
  if (ctx === undefined) {
    ctx = Object.freeze({ kind });
    kindContexts.set(kind, ctx);
  }
  return ctx;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidArgumentError('cannot mask a non-finite number');
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  throw new InvalidArgumentError(`cannot mask a value of type ${describeType(value)}`);
}

function isKind(x: object): x is Kind {
  const k = x as Partial<Kind>;
  return typeof k.id === 'string' && typeof k.normalize === 'function' && typeof k.masks === 'object' && k.masks !== null;
}

/** A kind by id or object. The message never repeats the id: it may be a misplaced value. */
function resolveKind(kind: unknown): Kind {
  if (typeof kind === 'string') {
    const k = findKind(kind);
    if (k === undefined) throw new InvalidArgumentError('unknown kind id (see `kinds` for the registered ones)');
    return k;
  }
  if (typeof kind === 'object' && kind !== null && isKind(kind)) return kind;
  throw new InvalidArgumentError(`a kind must be a kind id or a kind object, got ${describeType(kind)}`);
}

function applyRule(text: string, rule: MaskRule | null, kind: Kind | undefined, options: MaskOptions | undefined): string | null {
  if (rule === null) return text; // C1 without a preset: kept, by policy
  const fn: CompiledMask = compileMask(rule, options?.maskChar);
  return fn(text, contextFor(kind, options?.hashKey));
}

/** Rules that show no part of the value: a fixed text, a label, a keyed hash, nothing. */
const WHOLE_RULES: ReadonlySet<string> = new Set(['fixed', 'label', 'hash', 'drop']);

/**
 * C3 data is never shown in part, and authentication helpers (an SMS code) are not given to
 * third parties (MASKING.md §1): an explicit rule that would show part of such a value is a
 * mistake, refused here as the policy engine refuses it in a policy.
 */
function checkWhole(rule: MaskRule, kind: Kind, scene: MaskScene): void {
  const type = (rule as { type?: unknown }).type;
  if (typeof type === 'string' && WHOLE_RULES.has(type)) return;
  if (kind.level === 'C3') {
    throw new InvalidArgumentError(`${kind.id} is C3 data, never shown in part: use a fixed, label, hash or drop rule`);
  }
  if (kind.authHelper === true && scene === 'share') {
    throw new InvalidArgumentError(`${kind.id} authenticates an account and is not shared with third parties: use a drop, fixed or label rule`);
  }
}

function maskImpl(value: unknown, kindOrRule: unknown, options: MaskOptions | undefined): string | null | undefined {
  // The scene is checked even for null values, so a misconfigured caller fails on its first row.
  const scene = options?.scene === undefined ? 'display' : checkScene(options.scene);
  if (value === null || value === undefined) return value;
  const text = toText(value);
  if (typeof kindOrRule === 'object' && kindOrRule !== null && !isKind(kindOrRule)) {
    const kind = options?.kind === undefined ? undefined : resolveKind(options.kind);
    if (kind !== undefined) checkWhole(kindOrRule as MaskRule, kind, scene);
    return applyRule(text, kindOrRule as MaskRule, kind, options);
  }
  const kind = resolveKind(kindOrRule);
  return applyRule(text, presetFor(kind, scene), kind, options);
}

/** Masks one value of a kind in a scene (`maskForScene(v, 'bank-card', 'analytics')`). */
/** Options of {@link maskForScene}: the scene and kind are its arguments. */
export type SceneMaskOptions = Omit<MaskOptions, 'scene' | 'kind'>;

/**
 * Masks one value of a kind for a scene: `maskForScene(v, 'bank-card', 'analytics')`.
 * `storage` and `devtest` throw: encryption and pseudonyms apply there, not masks.
 */
export function maskForScene(value: Maskable, kind: string | Kind, scene: MaskScene, options?: SceneMaskOptions): string | null;
export function maskForScene(value: null, kind: string | Kind, scene: MaskScene, options?: SceneMaskOptions): null;
export function maskForScene(value: undefined, kind: string | Kind, scene: MaskScene, options?: SceneMaskOptions): undefined;
export function maskForScene(
  value: Maskable | null | undefined,
  kind: string | Kind,
  scene: MaskScene,
  options?: SceneMaskOptions,
): string | null | undefined;
export function maskForScene(
  value: Maskable | null | undefined,
  kind: string | Kind,
  scene: MaskScene,
  options?: SceneMaskOptions,
): string | null | undefined {
  const checkedScene = checkScene(scene);
  if (value === null || value === undefined) return value;
  const k = resolveKind(kind);
  return applyRule(toText(value), presetFor(k, checkedScene), k, options);
}

/** `mask.<kind>(value, options?)`: one kind, `display` scene unless `options.scene` says otherwise. */
export interface KindMasker {
  (value: Maskable, options?: MaskOptions): string | null;
  (value: null, options?: MaskOptions): null;
  (value: undefined, options?: MaskOptions): undefined;
  (value: Maskable | null | undefined, options?: MaskOptions): string | null | undefined;
  /** The kind id this helper masks. */
  readonly kindId: string;
}

/**
 * A helper for one built-in kind. The kind and its compiled display rule are looked up on the
 * first call (the registry may still be loading when this module is), then reused, so
 * `mask.mobile(v)` costs the primitive plus a few checks.
 */
function kindMasker(kindId: string): KindMasker {
  let kind: Kind | undefined;
  let display: CompiledMask | null | undefined;
  let ctx: MaskContext = NO_CONTEXT;
  const helper = (value: Maskable | null | undefined, options?: MaskOptions): string | null | undefined => {
    if (value === null || value === undefined) return value;
    if (options !== undefined) return maskImpl(value, kind ?? kindId, options);
    if (display === undefined) {
      kind = resolveKind(kindId);
      const rule = presetFor(kind, 'display');
      ctx = contextFor(kind, undefined);
      display = rule === null ? null : compileMask(rule);
    }
    const text = typeof value === 'string' ? value : toText(value);
    return display === null ? text : display(text, ctx);
  };
  Object.defineProperty(helper, 'kindId', { value: kindId, enumerable: true });
  return helper as KindMasker;
}

/** Kind ids behind the `mask.<name>` helpers. */
export const MASK_HELPER_KINDS = Object.freeze({
  idCard: 'cn-id-card',
  bankCard: 'bank-card',
  mobile: 'cn-mobile',
  landline: 'cn-landline',
  name: 'person-name',
  email: 'email',
  address: 'address',
  passport: 'passport',
  hkMacauId: 'hk-macau-id',
  taiwanId: 'taiwan-id',
  travelPermit: 'travel-permit',
  uscc: 'uscc',
  licencePlate: 'licence-plate',
  ip: 'ip-address',
  birthDate: 'date-of-birth',
  amount: 'amount',
  loginName: 'login-name',
  password: 'password',
  cvn: 'cvn',
  cardExpiry: 'card-expiry',
} as const);

type HelperName = keyof typeof MASK_HELPER_KINDS;

export interface MaskFunction {
  /**
   * Masks `value` as `kindOrRule` says: a kind id or kind object (its preset for
   * `options.scene`, default `display`), or a rule. Returns `null` when the rule drops the value.
   */
  (value: Maskable, kindOrRule: string | Kind | MaskRule, options?: MaskOptions): string | null;
  (value: null, kindOrRule: string | Kind | MaskRule, options?: MaskOptions): null;
  (value: undefined, kindOrRule: string | Kind | MaskRule, options?: MaskOptions): undefined;
  (value: Maskable | null | undefined, kindOrRule: string | Kind | MaskRule, options?: MaskOptions): string | null | undefined;
}

export type MaskApi = MaskFunction & { readonly [K in HelperName]: KindMasker } & { readonly personName: KindMasker };

function maskEntry(value: Maskable | null | undefined, kindOrRule: string | Kind | MaskRule, options?: MaskOptions): string | null | undefined {
  return maskImpl(value, kindOrRule, options);
}

for (const [helperName, kindId] of Object.entries(MASK_HELPER_KINDS)) {
  // defineProperty, not assignment: a function's own `name` property is read-only.
  Object.defineProperty(maskEntry, helperName, { value: kindMasker(kindId), enumerable: true });
}
Object.defineProperty(maskEntry, 'personName', { value: (maskEntry as unknown as MaskApi).name, enumerable: true });

export const mask = maskEntry as unknown as MaskApi;
