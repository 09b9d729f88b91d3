/**
 * A policy compiled for matching: path patterns parsed, kinds resolved, defaults merged over the
 * built-in table. It answers two questions, once per distinct field path (the protector caches
 * the answers):
 *
 * 1. what does this field hold? — {@link CompiledPolicy.resolve}: the kind and class declared by
 *    the first path rules that select it, else the classifier's answer (by field name), else
 *    nothing (`unknownFields: keep`) or an error (`unknownFields: reject`);
 * 2. what happens to it in a scene? — {@link CompiledPolicy.actionFor}: the first path rule with
 *    an action for the scene, else the first kind/class rule, else the class default. Specific
 *    beats general, and within a tier the document order decides.
 *
 * The answer is then checked against the guard (C3 and authentication helpers) and turned into
 * a FieldOp by {@link buildOp}.
 */
import type { FieldCipher } from '../envelope/field-cipher.js';
import type { FieldClassification } from '../classify/types.js';
import { PolicyError } from '../errors.js';
import { findKind } from '../kinds/registry.js';
import type { Kind, Level } from '../kinds/types.js';
import { compileMask } from '../mask/compile.js';
import { labelText, redactFixed } from '../mask/primitives.js';
import { presetFor } from '../mask/scenes.js';
import type { GeneralizeRule, MaskRule, MaskScene, Scene } from '../mask/types.js';
import type { Pseudonymizer } from '../pseudonym/index.js';
import { defaultPolicy } from './defaults.js';
import { forbiddenReason } from './guard.js';
import { actionObject } from './load.js';
import {
  BlindIndexOp,
  DecryptOp,
  DROP,
  EncryptOp,
  FailOp,
  KEEP,
  MaskOp,
  PseudonymOp,
  RedactOp,
  type FieldOp,
} from './ops.js';
import { ANY_INDEX, formatPath, matchPattern, parsePattern, type PathSegment, type PatternSegment } from './paths.js';
import { reportablePath } from './reportable-path.js';
import { SCENES, type ActionObject, type OnErrorMode, type Policy, type UnknownFieldsMode } from './schema.js';

/** Scene indexes used by the plans; REVEAL is the pseudo-scene of `reveal`. */
export const SCENE_INDEX: Readonly<Record<Scene, number>> = Object.freeze({
  storage: 0,
  display: 1,
  analytics: 2,
  log: 3,
  devtest: 4,
  share: 5,
});
export const REVEAL = 6;
export const SCENE_COUNT = 7;

/**
 * What a classifier says about a field name: its kind (id or object), and its class, where
 * `null` means "not personal financial information" (treated as C1) and a missing class means
 * the kind's own.
 */
export interface FieldClassifierResult {
  readonly kind?: Kind | string | null;
  readonly level?: Level | null;
  /**
   * The classifier's full result (concept, subject, ...), when it has one: the protector then
   * applies the combination rules over the fields of each record (see ProtectorOptions.rules).
   */
  readonly classification?: FieldClassification;
}

/**
 * Classifies a field by its name (`cust_id_no`) and generalized path
 * (`customer.contacts[*].mobile`). Called once per distinct path, never per record.
 */
export type FieldClassifier = (name: string, path: string) => FieldClassifierResult | null | undefined;

interface CompiledRule {
  readonly at: string;
  readonly patterns: readonly (readonly PatternSegment[])[];
  readonly kinds: ReadonlySet<string> | undefined;
  readonly classes: ReadonlySet<Level> | undefined;
  readonly declaredKind: Kind | undefined;
  readonly declaredLevel: Level | undefined;
  readonly actions: readonly (ActionObject | undefined)[];
}

/** What the policy knows about one field path. */
export interface FieldInfo {
  /** Generalized path (`contacts[*].mobile`). */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  /** The nearest key name (for classification and `{key}` templates). */
  readonly name: string;
  readonly kind: Kind | undefined;
  readonly level: Level;
  readonly authHelper: boolean;
  /** The path rules that select the field, in document order. */
  readonly rules: readonly CompiledRule[];
  /** Left alone in every scene: a blind-index column, or an unknown field under `keep`. */
  readonly untouched: boolean;
  /** How the classifier saw the field, when its class came from the classifier (no path rule declared it). */
  readonly classification?: FieldClassification;
}

interface ChosenAction {
  readonly action: ActionObject;
  /** Where it came from in the document (`rules[3].display`, `defaults.C2.display`). */
  readonly at: string;
}

type DefaultsRow = 'C3' | 'C2' | 'C1' | 'authHelper';

function asList<T>(v: T | readonly T[] | undefined): readonly T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v as T];
}

/** `{key}_bidx` → a test for key names that template produces. */
function templateMatcher(into: string): (key: string) => boolean {
  const parts = into.split('{key}');
  if (parts.length === 1) return (key) => key === into;
  const [prefix, suffix] = [parts[0], parts[parts.length - 1]];
  const middle = parts.slice(1, -1);
  // Templates with {key} more than once are matched loosely (prefix and suffix): rare, and a
  // false match only means a column is left as the index it is.
  return (key) => key.length > prefix.length + suffix.length && key.startsWith(prefix) && key.endsWith(suffix) && middle.every((m) => key.includes(m));
}

export class CompiledPolicy {
  readonly policy: Policy;
  readonly unknownFields: UnknownFieldsMode;
  /** onError per scene index (REVEAL included). */
  readonly onError: readonly OnErrorMode[];
  private readonly contextPrefix: string;
  private readonly pathRules: CompiledRule[] = [];
  private readonly selectorRules: CompiledRule[] = [];
  private readonly defaults: Record<DefaultsRow, readonly ChosenAction[]>;
  private readonly indexTargets: ((key: string) => boolean)[] = [];

  constructor(policy: Policy) {
    this.policy = policy;
    this.unknownFields = policy.unknownFields ?? 'classify';
    this.contextPrefix = policy.context === undefined ? '' : `${policy.context}.`;
    const onError = policy.onError ?? { default: 'redact', storage: 'throw' };
    const modes: OnErrorMode[] = [];
    for (let i = 0; i < SCENE_COUNT; i++) {
      if (typeof onError === 'string') modes.push(onError);
      else {
        const scene = i === REVEAL ? 'reveal' : SCENES[i];
        modes.push(onError[scene] ?? onError.default ?? 'redact');
      }
    }
    this.onError = modes;

    policy.rules?.forEach((r, i) => {
      const at = `rules[${i}]`;
      const patterns = asList(r.path).map((p) => parsePattern(p));
      const kindIds = asList(r.kind);
      const classes = asList(r.class);
      const actions = SCENES.map((s) => (r[s] === undefined ? undefined : actionObject(r[s])));
      const rule: CompiledRule =
        patterns.length > 0
          ? {
              at,
              patterns,
              kinds: undefined,
              classes: undefined,
              declaredKind: kindIds.length > 0 ? findKind(kindIds[0]) : undefined,
              declaredLevel: classes[0],
              actions,
            }
          : {
              at,
              patterns,
              kinds: kindIds.length > 0 ? new Set(kindIds) : undefined,
              classes: classes.length > 0 ? new Set(classes) : undefined,
              declaredKind: undefined,
              declaredLevel: undefined,
              actions,
            };
      (patterns.length > 0 ? this.pathRules : this.selectorRules).push(rule);
      for (const a of actions) if (a?.action === 'encrypt' && a.blindIndex) this.indexTargets.push(templateMatcher(a.blindIndex.into));
    });

    const own = policy.defaults ?? {};
    const builtIn = defaultPolicy.defaults ?? {};
    const row = (name: DefaultsRow): ChosenAction[] =>
      SCENES.map((s) => {
        const mine = own[name]?.[s];
        if (mine !== undefined) return { action: actionObject(mine), at: `defaults.${name}.${s}` };
        return { action: actionObject(builtIn[name]![s]!), at: `(built-in defaults).${name}.${s}` };
      });
    this.defaults = { C3: row('C3'), C2: row('C2'), C1: row('C1'), authHelper: row('authHelper') };
    for (const r of Object.values(this.defaults)) {
      for (const c of r) if (c.action.action === 'encrypt' && c.action.blindIndex) this.indexTargets.push(templateMatcher(c.action.blindIndex.into));
    }
  }

  /** Does a path rule select this path? (Then a container there is protected as one value.) */
  selectsWhole(segments: readonly PathSegment[]): boolean {
    return this.pathRules.some((r) => r.patterns.some((p) => matchPattern(p, segments)));
  }

  /** What the field holds. Throws PolicyError under `unknownFields: reject` for fields no path rule selects. */
  resolve(segments: readonly PathSegment[], name: string, classifier: FieldClassifier): FieldInfo {
    const path = formatPath(segments);
    const rules = this.pathRules.filter((r) => r.patterns.some((p) => matchPattern(p, segments)));
    const base = { path, segments, name, rules };
    const isElement = segments[segments.length - 1] === ANY_INDEX;
    if (rules.length === 0) {
      if (!isElement && this.indexTargets.some((t) => t(name))) {
        return { ...base, kind: undefined, level: 'C1', authHelper: false, untouched: true };
      }
      if (this.unknownFields === 'keep') return { ...base, kind: undefined, level: 'C1', authHelper: false, untouched: true };
      if (this.unknownFields === 'reject') {
        const shown = reportablePath(segments);
        throw new PolicyError(`field ${shown} is not selected by any path rule (unknownFields: reject)`, { path: shown });
      }
    }
    let kind = rules.find((r) => r.declaredKind !== undefined)?.declaredKind;
    let level = rules.find((r) => r.declaredLevel !== undefined)?.declaredLevel;
    // A path rule that declares a class but no kind says what the field is: not classified.
    let classification: FieldClassification | undefined;
    if (kind === undefined && level === undefined) {
      let c = classifier(name, path);
      // Inside a container, a name that says nothing personal is read with the container's:
      // `card: { number }` is a card_number, `contact: { tel }` a contact_tel.
      const parent = segments.length > 1 && !personal(c) ? nearestKey(segments) : undefined;
      if (parent !== undefined) {
        const qualified = classifier(`${parent}_${name}`, path);
        if (qualified != null && personal(qualified)) c = qualified;
      }
      if (c != null && recognised(c)) {
        kind = kindOf(c);
        // An explicit null class means "not personal financial information": internal (C1).
        if (c.level !== undefined) level = c.level ?? 'C1';
        classification = c.classification;
      } else {
        // A name that says nothing, inside a container whose name does (`id_no: { x: ... }`,
        // `mobile: { home, work }`): the value is what the container is. Fail closed.
        const outer = this.enclosing(segments, classifier);
        if (outer !== undefined) {
          kind = outer.kind;
          level = outer.level;
        } else if (c != null) {
          level = c.level ?? 'C1';
          classification = c.classification;
        }
      }
    }
    level ??= kind?.level ?? 'C1';
    return { ...base, kind, level, authHelper: kind?.authHelper === true, untouched: false, ...(classification === undefined ? {} : { classification }) };
  }

  /**
   * What the nearest enclosing key that the classifier recognises holds, when that is personal
   * (a kind, or a class above C1); undefined when it is not, or no enclosing key is recognised.
   */
  private enclosing(segments: readonly PathSegment[], classifier: FieldClassifier): { kind: Kind | undefined; level: Level } | undefined {
    for (let i = segments.length - 2; i >= 0; i--) {
      const s = segments[i];
      if (typeof s !== 'string') continue;
      const c = classifier(s, formatPath(segments.slice(0, i + 1)));
      if (c == null || !recognised(c)) continue;
      const kind = kindOf(c);
      const level = c.level ?? kind?.level ?? 'C1';
      return kind !== undefined || level !== 'C1' ? { kind, level } : undefined;
    }
    return undefined;
  }

  /** The action for `field` in the scene with index `scene` (0..5). */
  actionFor(field: FieldInfo, scene: number): ChosenAction {
    if (field.untouched) return { action: { action: 'keep' }, at: '(untouched field)' };
    for (const r of field.rules) {
      const a = r.actions[scene];
      if (a !== undefined) return { action: a, at: `${r.at}.${SCENES[scene]}` };
    }
    for (const r of this.selectorRules) {
      const a = r.actions[scene];
      if (a === undefined) continue;
      if (r.kinds !== undefined && (field.kind === undefined || !r.kinds.has(field.kind.id))) continue;
      if (r.classes !== undefined && !r.classes.has(field.level)) continue;
      // A rule for a whole class does not reach the fields the guard protects within it (a
      // `class: C2, share: keep` rule and an SMS code): the next rule or the default applies.
      if (r.kinds === undefined && forbiddenReason(field.level, field.authHelper, SCENES[scene], a) !== undefined) continue;
      return { action: a, at: `${r.at}.${SCENES[scene]}` };
    }
    const row: DefaultsRow = field.level === 'C2' && field.authHelper ? 'authHelper' : field.level;
    return this.defaults[row][scene];
  }

  /** The encryption context (and default blind-index column) of a field. */
  contextOf(field: FieldInfo, action: ActionObject): string {
    return action.action === 'encrypt' && action.context !== undefined ? action.context : this.contextPrefix + field.path;
  }
}

/**
 * Did the classifier recognise the name? A kind or a class says so, and so does a classification
 * with a concept (`order_no`: an internal identifier, not personal information); a result with
 * none of them (src/classify's answer for a name it cannot read) does not.
 */
function recognised(c: FieldClassifierResult | null | undefined): boolean {
  if (c == null) return false;
  return c.kind != null || c.level != null || (c.classification !== undefined && c.classification.concept !== null);
}

/** The kind a classifier result names (by id or object), if any. */
function kindOf(c: FieldClassifierResult): Kind | undefined {
  return typeof c.kind === 'string' ? findKind(c.kind) : (c.kind ?? undefined);
}

/** Does the result say the field is personal: a kind, or a class above C1? */
function personal(c: FieldClassifierResult | null | undefined): boolean {
  if (c == null) return false;
  return c.kind != null || (c.level != null && c.level !== 'C1');
}

/** The nearest key above the last segment (array positions skipped). */
function nearestKey(segments: readonly PathSegment[]): string | undefined {
  for (let i = segments.length - 2; i >= 0; i--) {
    const s = segments[i];
    if (typeof s === 'string') return s;
  }
  return undefined;
}

/** What ops may need besides the policy. */
export interface OpServices {
  readonly cipher: FieldCipher | undefined;
  readonly pseudonymizer: Pseudonymizer | undefined;
  readonly hashKey: Uint8Array | undefined;
}

const C3_RULES: Readonly<Record<MaskScene, MaskRule>> = Object.freeze({
  display: Object.freeze({ type: 'fixed' }),
  analytics: Object.freeze({ type: 'drop' }),
  log: Object.freeze({ type: 'label' }),
  share: Object.freeze({ type: 'drop' }),
});
const FIXED: MaskRule = Object.freeze({ type: 'fixed' });

function maskSceneOf(scene: Scene): MaskScene {
  return scene === 'storage' || scene === 'devtest' ? 'display' : scene;
}

/** The rule a `mask` action without its own rule applies. `null` = kept (C1 without a preset). */
function presetRule(field: FieldInfo, scene: Scene): MaskRule | null {
  const ms = maskSceneOf(scene);
  // The field's class may be above its kind's (a rule or the classifier escalated it): the C3
  // column then applies whatever the kind's presets say.
  if (field.level === 'C3') return C3_RULES[ms];
  if (field.kind === undefined) return field.level === 'C1' ? null : FIXED;
  const rule = presetFor(field.kind, ms);
  return rule === null && field.level !== 'C1' ? FIXED : rule;
}

function maskOp(field: FieldInfo, action: 'mask' | 'generalize', rule: MaskRule | null, maskChar: string | undefined, services: OpServices): FieldOp {
  if (rule === null) return KEEP;
  if (rule.type === 'drop') return DROP;
  const kindId = field.kind?.id;
  if (rule.type === 'hash' && services.hashKey === undefined) {
    return new FailOp(kindId, action, 'NO_KEY', 'a hash mask needs a hash key (pass hashKey, pseudonymKey or a keyring)');
  }
  const fn = compileMask(rule, maskChar);
  return new MaskOp(kindId, action, fn, { kind: field.kind, hashKey: rule.type === 'hash' ? services.hashKey : undefined });
}

/** The kind's own generalization: its analytics preset, when that is a generalize rule. */
function kindGeneralization(kind: Kind | undefined): GeneralizeRule | undefined {
  const r = kind?.masks.analytics;
  return r?.type === 'generalize' ? r : undefined;
}

/**
 * The FieldOp for `field` in scene index `scene` (REVEAL for reveal). Throws PolicyError when the
 * policy asks for something the guard forbids or that cannot exist (a blind index for an array
 * element).
 */
export function buildOp(policy: CompiledPolicy, field: FieldInfo, scene: number, services: OpServices): FieldOp {
  if (scene === REVEAL) {
    const { action } = policy.actionFor(field, SCENE_INDEX.storage);
    if (action.action !== 'encrypt') return KEEP;
    if (services.cipher === undefined) return new FailOp(field.kind?.id, 'encrypt', 'NO_KEYRING', 'no keyring to decrypt with');
    return new DecryptOp(field.kind?.id, services.cipher, policy.contextOf(field, action), field.segments.includes(ANY_INDEX) ? undefined : reportablePath(field.segments));
  }
  const sceneName = SCENES[scene];
  const { action, at } = policy.actionFor(field, scene);
  const reason = forbiddenReason(field.level, field.authHelper, sceneName, action);
  if (reason !== undefined) {
    throw new PolicyError(`${at} cannot apply to field ${field.path} (${field.level}) in the ${sceneName} scene: ${reason}`, {
      path: field.path,
      documentPath: at,
    });
  }
  const kindId = field.kind?.id;
  switch (action.action) {
    case 'keep':
      return KEEP;
    case 'drop':
      return DROP;
    case 'redact':
      return new RedactOp(kindId, action.style === 'fixed' ? redactFixed('x', action.width) : labelText(action.label ?? kindId));
    case 'encrypt': {
      if (services.cipher === undefined) return new FailOp(kindId, 'encrypt', 'NO_KEYRING', 'no keyring to encrypt with');
      const context = policy.contextOf(field, action);
      const bi = action.blindIndex;
      let into: string | undefined;
      if (bi !== undefined) {
        if (field.segments[field.segments.length - 1] === ANY_INDEX) {
          throw new PolicyError(`${at}: field ${field.path} is an array element and has no sibling to hold a blind index`, {
            path: field.path,
            documentPath: `${at}.blindIndex`,
          });
        }
        into = bi.into.split('{key}').join(field.name);
      }
      const blind = bi === undefined ? undefined : { column: bi.column ?? context, bits: bi.bits ?? 32, normalize: field.kind?.normalize };
      return new EncryptOp(kindId, services.cipher, context, action.deterministic === true, blind, into);
    }
    case 'blind-index': {
      if (services.cipher === undefined) return new FailOp(kindId, 'blind-index', 'NO_KEYRING', 'no keyring to index with');
      return new BlindIndexOp(kindId, services.cipher, {
        column: action.column ?? policy.contextOf(field, action),
        bits: action.bits ?? 32,
        normalize: field.kind?.normalize,
      });
    }
    case 'mask':
      return maskOp(field, 'mask', action.rule === undefined ? presetRule(field, sceneName) : (action.rule as MaskRule), action.maskChar, services);
    case 'generalize': {
      const own = kindGeneralization(field.kind);
      const to = action.to ?? own?.to;
      if (to === undefined) {
        // "keep or generalize": internal data without a generalization stays as it is; anything
        // more sensitive must not.
        if (field.level === 'C1') return KEEP;
        return new FailOp(kindId, 'generalize', 'NOT_GENERALIZABLE', `no generalization is defined for ${kindId ?? 'this field'}`);
      }
      const edges = action.to === undefined ? own?.edges : action.edges;
      return maskOp(field, 'generalize', edges === undefined ? { type: 'generalize', to } : { type: 'generalize', to, edges }, undefined, services);
    }
    case 'pseudonymize':
      if (field.kind === undefined) return new FailOp(kindId, 'pseudonymize', 'NO_KIND', 'a pseudonym needs the field kind');
      if (services.pseudonymizer === undefined) {
        return new FailOp(kindId, 'pseudonymize', 'NO_KEY', 'no pseudonym key (pass pseudonymKey or a keyring)');
      }
      return new PseudonymOp(field.kind, services.pseudonymizer);
  }
}
