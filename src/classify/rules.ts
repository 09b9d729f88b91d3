/**
 * Combination rules: JR/T 0171-2020 says combining lower-class information can produce a
 * higher class, and names one case outright (seed 004 分类 (2) ③): an authentication helper
 * (SMS code, dynamic password, security answer) is C2, "but if combined with the account it
 * completes authentication by itself, it is C3". The defaults below are fieldshield's reading
 * of that principle; pass your own `rules` to change them, or `[]` to apply none.
 */
import { findKind } from '../kinds/registry.js';
import type { Level } from '../kinds/types.js';
import { above, jrt0197Level, maxLevel, tierOf } from './schemes.js';
import type { ClassifyOptions, CombinationRule, Escalation, FieldClassification, FieldSelector } from './types.js';

/** Identity documents: any one of them with a name identifies the person beyond doubt. */
const ID_DOCUMENTS = ['cn-id-card', 'passport', 'hk-macau-id', 'taiwan-id', 'travel-permit'];

export const DEFAULT_RULES: readonly CombinationRule[] = Object.freeze([
  {
    id: 'auth-helper-with-account',
    description:
      'JR/T 0171-2020 C2 ③: an authentication helper (SMS code, dynamic password, security answer) stored with the account it authenticates — card or account number, login name, or the mobile number SMS codes go to — completes authentication by itself: C3',
    requires: [['authHelper'], ['bank-card', 'login-name', 'cn-mobile', 'other-account']],
    recordLevel: 'C3',
    raise: { targets: ['authHelper'], level: 'C3' },
  },
  {
    id: 'four-elements',
    description:
      'name + ID document number + bank card number + mobile number (银行卡四要素) are what card binding and quick payment verify; together they let a third party bind the card: the record is C3',
    requires: [['person-name'], ID_DOCUMENTS, ['bank-card'], ['cn-mobile']],
    recordLevel: 'C3',
  },
  {
    id: 'activity-trail',
    description:
      "an IP address or device identifier with a time and the customer's identity is a trace of where and when the customer acted: the IP / device fields and the record are C2",
    requires: [['ip-address', 'device'], ['timestamp', 'account-event', 'account-opening'], ['customer-number', 'login-name', 'bank-card', 'person-name', 'cn-mobile', ...ID_DOCUMENTS]],
    recordLevel: 'C2',
    raise: { targets: ['ip-address', 'device'], level: 'C2' },
  },
] satisfies CombinationRule[]);

function matches(field: FieldClassification, selector: FieldSelector): boolean {
  if (selector === field.kind || selector === field.concept) return true;
  if (selector.startsWith('category:')) return field.category !== null && field.category === selector.slice('category:'.length);
  if (selector === 'authHelper') return field.kind !== null && findKind(field.kind)?.authHelper === true;
  return false;
}

/**
 * Whether a field can take part in a rule: it describes a customer (a branch's address or a
 * company's code does not), and its values are readable — ciphertext reveals nothing without
 * its key, so an encrypted ID-number column does not complete a combination.
 */
function eligible(field: FieldClassification): boolean {
  return field.subject === 'person' && field.concept !== null && !field.encrypted;
}

export interface RuleOutcome {
  readonly fields: FieldClassification[];
  readonly escalations: Escalation[];
  readonly level: Level | null;
}

function validRule(r: unknown): r is CombinationRule {
  if (typeof r !== 'object' || r === null) return false;
  const rule = r as CombinationRule;
  return (
    typeof rule.id === 'string' &&
    Array.isArray(rule.requires) &&
    rule.requires.every((g) => Array.isArray(g) && g.every((s) => typeof s === 'string'))
  );
}

/** Applies the rules to the fields of one record (or one table's columns). Rules only raise. */
export function applyRules(
  input: readonly FieldClassification[],
  rules: readonly CombinationRule[],
  options: Pick<ClassifyOptions, 'jrt0197' | 'scheme'> = {},
): RuleOutcome {
  const fields = [...input];
  const escalations: Escalation[] = [];
  let level: Level | null = null;
  for (const f of fields) level = maxLevel(level, f.level);
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!validRule(rule) || rule.requires.length === 0) continue;
    const because: string[] = [];
    let fired = true;
    for (const group of rule.requires) {
      const hit = fields.find((f) => eligible(f) && group.some((s) => matches(f, s)));
      if (hit === undefined) {
        fired = false;
        break;
      }
      because.push(hit.field);
    }
    if (!fired) continue;
    const raised: string[] = [];
    let to: Level | null = rule.recordLevel ?? null;
    if (rule.raise !== undefined && Array.isArray(rule.raise.targets)) {
      const target = rule.raise.level;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        if (!eligible(f) || !rule.raise.targets.some((s) => matches(f, s)) || !above(target, f.level)) continue;
        fields[i] = {
          ...f,
          level: target,
          jrt0197Level: jrt0197Level(target, options.jrt0197),
          ...(options.scheme === undefined ? {} : { tier: tierOf(options.scheme, target, f.concept) }),
          reasons: [...f.reasons, `raised from ${f.level ?? 'none'} to ${target} by rule "${rule.id}"`],
        };
        raised.push(f.field);
      }
      to = maxLevel(to, target);
    }
    if (to === null) continue;
    if (raised.length === 0 && !above(to, level)) continue;
    level = maxLevel(level, to);
    escalations.push({ rule: rule.id, description: typeof rule.description === 'string' ? rule.description : rule.id, because, raised, to });
  }
  return { fields, escalations, level };
}
