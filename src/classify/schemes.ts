/**
 * Other classification schemes mapped onto a JR/T 0171 result (REQUIREMENTS.md
 * "Classification": "Other schemes the banks also use, and that a user must be able to map
 * onto").
 *
 * - JR/T 0197-2020 security levels 1-5: C3 → 4, C2 → 3, C1 → 2 by default (configurable).
 * - Seed 000 art. 13, two tiers: 客户敏感信息 (authentication, identity, and anything that
 *   identifies a customer directly or indirectly) vs 客户一般信息 (everything else):
 *   C3 and C2 are `sensitive`, C1 is `general`.
 * - Seed 002, four tiers: 核心敏感 (biometrics, credit approval records), 敏感 (ID numbers,
 *   account passwords, transaction records), 一般 (mobile number, opening bank), 公开 (public
 *   contact data). fieldshield maps C3 → `core-sensitive`, C2 → `sensitive`, C1 → `general`,
 *   plus the seed's explicit examples: biometrics and credit information are core-sensitive.
 *   This is stricter than the seed's examples for passwords (C3, so core-sensitive) and mobile
 *   numbers (C2, so sensitive): classes are never lowered by a mapping.
 * - Seed 003, three tiers: 核心敏感资料 (ID documents, bank accounts, transaction passwords),
 *   一般敏感资料 (phone, email, detailed address, consumption habits), 基本业务资料 (other
 *   business data): C3 → `core-sensitive`; C2 → `core-sensitive`, except contact and habit
 *   data (mobile, landline, email, address, transaction details, names) → `general-sensitive`;
 *   C1 → `basic`.
 *
 * A column that is not personal financial information has no tier (null).
 */
import type { Level } from '../kinds/types.js';
import type { Jrt0197Map, Tier, TierScheme } from './types.js';

export const DEFAULT_JRT0197: Jrt0197Map = Object.freeze({ C3: 4, C2: 3, C1: 2 });

/** JR/T 0197 level of a class, with the caller's map over the default. */
export function jrt0197Level(level: Level | null, map?: Partial<Jrt0197Map>): number | null {
  if (level === null) return null;
  const v = map?.[level] ?? DEFAULT_JRT0197[level];
  return Number.isInteger(v) && v >= 1 && v <= 5 ? v : DEFAULT_JRT0197[level];
}

/** Seed 003's 一般敏感资料: contact data, addresses, names and consumption (transaction) habits. */
const THREE_TIER_GENERAL_SENSITIVE: ReadonlySet<string> = new Set([
  'cn-mobile', 'cn-landline', 'email', 'address', 'transaction', 'person-name',
]);

/** Seed 002's 核心敏感信息 examples beyond C3: biometrics and credit records. */
const FOUR_TIER_CORE: ReadonlySet<string> = new Set(['biometric', 'credit-info', 'loan-info']);

/** The column's tier in a seed scheme, from its class and concept. */
export function tierOf(scheme: TierScheme, level: Level | null, concept: string | null): Tier | null {
  if (level === null) return null;
  switch (scheme) {
    case 'two-tier':
      return level === 'C1' ? 'general' : 'sensitive';
    case 'four-tier':
      if (level === 'C3' || (concept !== null && FOUR_TIER_CORE.has(concept))) return 'core-sensitive';
      return level === 'C2' ? 'sensitive' : 'general';
    case 'three-tier':
      if (level === 'C3') return 'core-sensitive';
      if (level === 'C2') return concept !== null && THREE_TIER_GENERAL_SENSITIVE.has(concept) ? 'general-sensitive' : 'core-sensitive';
      return 'basic';
    default:
      return null;
  }
}

const ORDER: Readonly<Record<Level, number>> = { C1: 1, C2: 2, C3: 3 };

/** The higher of two classes (null is below C1). */
export function maxLevel(a: Level | null, b: Level | null): Level | null {
  if (a === null) return b;
  if (b === null) return a;
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** True when `a` is strictly above `b` (null is below C1). */
export function above(a: Level | null, b: Level | null): boolean {
  return (a === null ? 0 : ORDER[a]) > (b === null ? 0 : ORDER[b]);
}
