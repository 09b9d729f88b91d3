/**
 * Which rule applies to a kind in a scene (使用场景), following the default profile of
 * DESIGN.md "Scenes":
 *
 * | scene     | C3 (authentication)        | C2                              | C1   |
 * |-----------|----------------------------|---------------------------------|------|
 * | display   | `******` (fixed width)     | the kind's display mask         | keep |
 * | analytics | dropped                    | the kind's analytics mask       | keep |
 * | log       | `[REDACTED:<kind id>]`     | the kind's log mask             | keep |
 * | share     | dropped                    | the kind's share mask; auth helpers dropped | keep |
 *
 * C3 data is never shown in part, whatever a kind's presets say: the C3 column is enforced
 * here. A C2 kind without a preset for a scene falls back to its display preset, and without
 * that to the fixed-width mask (fail closed). A C1 kind without a preset is returned as is:
 * internal data is not masked by default. `storage` and `devtest` are not masking scenes
 * (encryption and pseudonyms apply there), so asking for them is an error.
 */
import { InvalidArgumentError } from '../errors.js';
import type { Kind } from '../kinds/types.js';
import type { MaskRule, MaskScene } from './types.js';

export const MASK_SCENES: readonly MaskScene[] = Object.freeze(['display', 'analytics', 'log', 'share'] as const);

const FIXED: MaskRule = Object.freeze({ type: 'fixed' });
const REDACTED_LABEL: MaskRule = Object.freeze({ type: 'label' });
const DROP: MaskRule = Object.freeze({ type: 'drop' });

const C3_RULES: Readonly<Record<MaskScene, MaskRule>> = Object.freeze({
  display: FIXED,
  analytics: DROP,
  log: REDACTED_LABEL,
  share: DROP,
});

/** Throws unless `scene` is a masking scene; names storage/devtest, echoes nothing else. */
export function checkScene(scene: unknown): MaskScene {
  switch (scene) {
    case 'display':
    case 'analytics':
    case 'log':
    case 'share':
      return scene;
    case 'storage':
    case 'devtest':
      throw new InvalidArgumentError(
        `masks do not apply to the '${scene}' scene: values are encrypted for storage and pseudonymized for devtest`,
      );
    default:
      throw new InvalidArgumentError("scene must be one of 'display', 'analytics', 'log', 'share'");
  }
}

/**
 * The rule for `kind` in `scene`, or `null` when the value is kept as is (a C1 kind without a
 * preset). Returns the same rule object every time, so compiled rules stay cached.
 */
export function presetFor(kind: Kind, scene: MaskScene): MaskRule | null {
  if (kind.level === 'C3') return C3_RULES[scene];
  if (scene === 'share' && kind.authHelper === true) return DROP;
  const masks = kind.masks;
  const own = masks[scene];
  if (own !== undefined) return own;
  if (kind.level === 'C1') return null;
  return masks.display ?? FIXED;
}
