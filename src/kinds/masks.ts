/**
 * Mask presets shared by several kinds, and the code-point-safe building block of the kinds'
 * structured masks. Presets are plain rule objects (src/mask/types.ts) interpreted by the mask
 * engine; they follow the scene table of DESIGN.md.
 */
import type { MaskRule, MaskScene } from '../mask/types.js';

export type ScenePresets = Readonly<Partial<Record<MaskScene, MaskRule>>>;

/**
 * C3 authentication data (passwords, CVN, expiry, track data, biometric templates): never
 * shown (fixed width, so the length is not leaked), dropped from analytics and from anything
 * shared with third parties, a label in logs. Seed 004 分类 (1), 使用 ⑪; seed 000 art. 43.
 */
export const AUTHENTICATION_MASKS: ScenePresets = Object.freeze({
  display: Object.freeze({ type: 'fixed' }),
  analytics: Object.freeze({ type: 'drop' }),
  log: Object.freeze({ type: 'label' }),
  share: Object.freeze({ type: 'drop' }),
});

/** One rule for every mask scene: identifiers whose display form is also safe to log and share. */
export function everyScene(rule: MaskRule): ScenePresets {
  const r = Object.freeze({ ...rule });
  return Object.freeze({ display: r, analytics: r, log: r, share: r });
}

/**
 * C2 authentication helpers (SMS code, security answer): treated like C3 because, next to the
 * account, they complete an authentication; never entrusted to third parties (seed 004 使用 ⑪).
 */
export const AUTH_HELPER_MASKS: ScenePresets = AUTHENTICATION_MASKS;

/** True for code points that masks keep in place (they carry no information about the value). */
function isLayoutSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x3000 || cp === 0x09 || cp === 0xa0;
}

/**
 * Keeps `value` up to UTF-16 index `keepUntil` (which must fall on a code point boundary) and
 * replaces every later code point except spaces by `maskChar`. Returns null when nothing would
 * be masked, so the caller masks the value entirely rather than showing it whole.
 */
export function maskFrom(value: string, keepUntil: number, maskChar: string): string | null {
  let out = value.slice(0, keepUntil);
  let masked = 0;
  for (const ch of value.slice(keepUntil)) {
    const cp = ch.codePointAt(0) as number;
    if (isLayoutSpace(cp)) {
      out += ch;
    } else {
      out += maskChar;
      masked++;
    }
  }
  return masked === 0 ? null : out;
}
