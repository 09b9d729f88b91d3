/**
 * The kinds registry: every built-in kind, the kinds callers define, lookup by id and by field
 * name. Registered kinds are frozen copies, so nobody can swap a validator or a mask preset
 * after the fact, and callers' validators are wrapped to keep the registry's promise that
 * `detect` never throws.
 */
import { InvalidArgumentError } from '../errors.js';
import type { MaskRule, MaskScene } from '../mask/types.js';
import { accountOpening } from './account-opening.js';
import { address } from './address.js';
import { amount } from './amount.js';
import { bankCard } from './bank-card.js';
import { biometric } from './biometric.js';
import { cardExpiry } from './card-expiry.js';
import { cardTrack } from './card-track.js';
import { cnIdCard } from './cn-id-card.js';
import { cnLandline } from './cn-landline.js';
import { cnMobile } from './cn-mobile.js';
import { customerNumber } from './customer-number.js';
import { cvn } from './cvn.js';
import { dateOfBirth } from './date-of-birth.js';
import { email } from './email.js';
import { hkMacauId } from './hk-macau-id.js';
import { ipAddress } from './ip-address.js';
import { licencePlate } from './licence-plate.js';
import { loginName } from './login-name.js';
import { passport } from './passport.js';
import { password } from './password.js';
import { personName } from './person-name.js';
import { securityAnswer } from './security-answer.js';
import { smsCode } from './sms-code.js';
import { taiwanId } from './taiwan-id.js';
import { NOT_DETECTED, toHalfWidth } from './text.js';
import { transaction } from './transaction.js';
import { travelPermit } from './travel-permit.js';
import type { Category, Detection, Kind, Level } from './types.js';
import { uscc } from './uscc.js';

const CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'authentication', 'identity', 'biometric', 'property', 'account', 'credit', 'loan', 'transaction', 'derived', 'other',
]);
const LEVELS: ReadonlySet<Level> = new Set<Level>(['C3', 'C2', 'C1']);
const MASK_SCENES: ReadonlySet<MaskScene> = new Set<MaskScene>(['display', 'analytics', 'log', 'share']);
const RULE_TYPES: ReadonlySet<MaskRule['type']> = new Set<MaskRule['type']>([
  'keep', 'range', 'before', 'after', 'fixed', 'label', 'generalize', 'truncate', 'hash', 'drop', 'kind',
]);
const KIND_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Freezes a kind and everything it holds except its functions, in place. */
function deepFreeze<T extends Kind>(kind: T): T {
  Object.freeze(kind.title);
  for (const a of kind.evidence.ambiguous ?? []) Object.freeze(a);
  if (kind.evidence.ambiguous !== undefined) Object.freeze(kind.evidence.ambiguous);
  Object.freeze(kind.evidence.names);
  Object.freeze(kind.evidence);
  for (const rule of Object.values(kind.masks)) Object.freeze(rule);
  Object.freeze(kind.masks);
  return Object.freeze(kind);
}

/** A frozen copy of a caller's kind: later changes to the caller's object do not reach the registry. */
function frozenCopy(kind: Kind): Kind {
  const masks: Record<string, MaskRule> = {};
  for (const [scene, rule] of Object.entries(kind.masks)) masks[scene] = { ...rule } as MaskRule;
  return deepFreeze({
    ...kind,
    title: { en: kind.title.en, zh: kind.title.zh },
    evidence: {
      names: [...kind.evidence.names],
      ...(kind.evidence.ambiguous === undefined
        ? {}
        : { ambiguous: kind.evidence.ambiguous.map((a) => ({ token: a.token, note: a.note })) }),
    },
    masks,
  });
}

/** Every built-in kind, in a stable order (C2 identifiers first, then C3, then C1). */
export const kinds: readonly Kind[] = Object.freeze(
  [
    cnIdCard, bankCard, cnMobile, cnLandline, personName, address, email, passport, hkMacauId, taiwanId,
    travelPermit, uscc, licencePlate, dateOfBirth, amount, transaction, loginName, smsCode,
    securityAnswer, password, cvn, cardExpiry, cardTrack, biometric, ipAddress, accountOpening,
    customerNumber,
  ].map(deepFreeze),
);

const byId = new Map<string, Kind>(kinds.map((k) => [k.id, k]));
const custom: Kind[] = [];
let nameIndex: Map<string, NameMatch[]> | undefined;

/**
 * An id as it may appear in a message. Kind ids are kebab-case names (`cn-id-card`), but a
 * caller may pass a value by mistake (`13812345678`, `zhangsan`): only kebab-case with at
 * least one hyphen is quoted, anything else is described by its length.
 */
function describeId(id: unknown): string {
  return typeof id === 'string' && /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id) && id.length <= 64
    ? `'${id}'`
    : `(${typeof id === 'string' ? `a string of ${id.length} characters` : typeof id})`;
}

/** The kind with this id (built-in or defined); throws InvalidArgumentError naming the id. */
export function getKind(id: string): Kind {
  const kind = typeof id === 'string' ? byId.get(id) : undefined;
  if (kind === undefined) throw new InvalidArgumentError(`unknown kind ${describeId(id)}`);
  return kind;
}

/** The kind with this id, or undefined. */
export function findKind(id: string): Kind | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}

/** Built-in kinds followed by the kinds defined with {@link defineKind}, in definition order. */
export function allKinds(): readonly Kind[] {
  return custom.length === 0 ? kinds : [...kinds, ...custom];
}

function fail(message: string): never {
  throw new InvalidArgumentError(`defineKind: ${message}`);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function validateShape(kind: Kind): void {
  if (typeof kind !== 'object' || kind === null) fail('kind must be an object');
  if (typeof kind.id !== 'string' || kind.id.length > 64 || !KIND_ID.test(kind.id)) {
    fail('id must be lower-case words joined by hyphens (e.g. "employee-no"), at most 64 characters');
  }
  if (byId.has(kind.id)) fail(`a kind with id '${kind.id}' is already defined`);
  if (typeof kind.title !== 'object' || kind.title === null || !isNonEmptyString(kind.title.en) || !isNonEmptyString(kind.title.zh)) {
    fail('title must have non-empty en and zh strings');
  }
  if (!CATEGORIES.has(kind.category)) fail(`category must be one of ${[...CATEGORIES].join(', ')}`);
  if (!LEVELS.has(kind.level)) fail('level must be C3, C2 or C1');
  if (kind.authHelper !== undefined && typeof kind.authHelper !== 'boolean') fail('authHelper must be a boolean');
  const evidence = kind.evidence;
  if (typeof evidence !== 'object' || evidence === null || !Array.isArray(evidence.names) || !evidence.names.every(isNonEmptyString)) {
    fail('evidence.names must be an array of non-empty strings');
  }
  if (evidence.ambiguous !== undefined) {
    const ok = Array.isArray(evidence.ambiguous) && evidence.ambiguous.every((a) => typeof a === 'object' && a !== null && isNonEmptyString(a.token) && typeof a.note === 'string');
    if (!ok) fail('evidence.ambiguous must be an array of { token, note } strings');
  }
  for (const fn of ['detect', 'normalize', 'generate'] as const) {
    if (typeof kind[fn] !== 'function') fail(`${fn} must be a function`);
  }
  if (kind.structuredMask !== undefined && typeof kind.structuredMask !== 'function') fail('structuredMask must be a function');
  if (typeof kind.masks !== 'object' || kind.masks === null) fail('masks must be an object');
  for (const [scene, rule] of Object.entries(kind.masks)) {
    if (!MASK_SCENES.has(scene as MaskScene)) fail(`masks has an unknown scene '${scene.slice(0, 32)}'`);
    if (typeof rule !== 'object' || rule === null || !RULE_TYPES.has((rule as MaskRule).type)) {
      fail(`masks.${scene} must be a mask rule`);
    }
  }
}

/**
 * A caller's detect wrapped so it keeps the registry's contract: it never throws (an error,
 * whose message might quote the value, is swallowed) and always returns a well-formed result.
 */
function guardedDetect(detect: Kind['detect']): Kind['detect'] {
  return (value: string): Detection => {
    try {
      const r = detect(value);
      if (typeof r !== 'object' || r === null || typeof r.valid !== 'boolean') return NOT_DETECTED;
      const c = Number(r.confidence);
      const confidence = Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
      return typeof r.checksum === 'boolean' ? { valid: r.valid, confidence, checksum: r.checksum } : { valid: r.valid, confidence };
    } catch {
      return NOT_DETECTED;
    }
  };
}

/**
 * Registers a caller's own kind (e.g. an employee number or a loyalty-card number) so the
 * classifier, masks and policies can use it like a built-in one. Validates the shape, rejects a
 * duplicate id, and returns the registered, frozen kind.
 */
export function defineKind(kind: Kind): Kind {
  validateShape(kind);
  const registered = frozenCopy({ ...kind, detect: guardedDetect(kind.detect.bind(kind)) });
  byId.set(registered.id, registered);
  custom.push(registered);
  nameIndex = undefined;
  return registered;
}

/**
 * The canonical spelling of a field name for name evidence: half-width, lower case, without
 * separators (`CUST_ID_NO`, `custIdNo`, `cust-id-no` all become `custidno`). Chinese is kept.
 */
export function canonicalFieldName(name: string): string {
  return toHalfWidth(String(name)).toLowerCase().replace(/[\s_\-./\\:()[\]{}·]+/gu, '');
}

export interface NameMatch {
  readonly kind: Kind;
  /** The name is an ambiguous token of this kind: content must decide. */
  readonly ambiguous: boolean;
  /** What else the token may mean (for ambiguous matches). */
  readonly note?: string;
}

function buildNameIndex(): Map<string, NameMatch[]> {
  const index = new Map<string, NameMatch[]>();
  const add = (token: string, match: NameMatch): void => {
    const key = canonicalFieldName(token);
    const list = index.get(key);
    if (list === undefined) index.set(key, [match]);
    else if (!list.some((m) => m.kind === match.kind)) list.push(match);
  };
  for (const kind of allKinds()) {
    for (const name of kind.evidence.names) add(name, { kind, ambiguous: false });
    for (const a of kind.evidence.ambiguous ?? []) add(a.token, { kind, ambiguous: true, note: a.note });
  }
  return index;
}

/**
 * Kinds whose name evidence contains this field name exactly (after
 * {@link canonicalFieldName}); unambiguous matches first. A classifier tokenizes longer names
 * (`t_cust.cust_id_no_enc`) and looks its tokens up here.
 */
export function findKindsByName(name: string): readonly NameMatch[] {
  nameIndex ??= buildNameIndex();
  const matches = nameIndex.get(canonicalFieldName(name));
  if (matches === undefined) return [];
  return [...matches].sort((a, b) => Number(a.ambiguous) - Number(b.ambiguous));
}
