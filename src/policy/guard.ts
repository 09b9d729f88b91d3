/**
 * What a policy may not say, whatever its author wants (the seed rules the engine enforces):
 *
 * - C3 authentication data (passwords, CVN, expiry, track data, biometric templates) is stored
 *   only encrypted (seed 000 art. 41; 002 四(一)) and is never kept, shown in part, generalized,
 *   pseudonymized or indexed in any other scene: it may only be encrypted, redacted or dropped;
 * - C3 data and C2 authentication helpers are never entrusted to third parties (seed 004 使用 ⑪):
 *   in `share` they can only be dropped.
 *
 * A mask without a rule is allowed for C3: the scene presets already enforce the C3 column.
 */
import type { Level } from '../kinds/types.js';
import type { Scene } from '../mask/types.js';
import type { ActionObject } from './schema.js';

const C3_SAFE_MASK_RULES = new Set(['fixed', 'label', 'drop']);

/** Why `action` is not allowed for such a field in `scene`, or undefined when it is. */
export function forbiddenReason(level: Level, authHelper: boolean, scene: Scene, action: ActionObject): string | undefined {
  if (scene === 'share' && action.action !== 'drop') {
    if (level === 'C3') return 'C3 data is never entrusted to third parties (seed 004): the only share action is drop';
    if (authHelper) return 'authentication helpers are never entrusted to third parties (seed 004): the only share action is drop';
  }
  if (level !== 'C3') return undefined;
  switch (action.action) {
    case 'drop':
    case 'redact':
      return undefined;
    case 'encrypt':
      return action.blindIndex === undefined
        ? undefined
        : 'C3 data gets no blind index (an index of a PIN or CVN is a guessable verifier)';
    case 'mask':
      if (scene === 'storage') return 'C3 data is stored only encrypted (seed 000 art. 41)';
      return action.rule === undefined || C3_SAFE_MASK_RULES.has(action.rule.type)
        ? undefined
        : 'C3 data is never shown in part: only fixed, label or drop masks apply';
    case 'keep':
      return scene === 'storage'
        ? 'C3 data is stored only encrypted (seed 000 art. 41)'
        : `C3 data may not be kept in the ${scene} scene`;
    default:
      return `the ${action.action} action does not apply to C3 data (only encrypt, redact or drop)`;
  }
}
