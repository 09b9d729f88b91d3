/**
 * A *kind* of sensitive data knows everything about itself: how fields holding it are named,
 * how to recognise and normalize its values, how to mask it per scene, and how to generate
 * valid synthetic values (which pseudonyms reuse with a keyed random source).
 */
import type { MaskRule, MaskScene } from '../mask/types.js';

/** JR/T 0171-2020 classes: C3 authentication, C2 identifying/financial, C1 internal. */
export type Level = 'C3' | 'C2' | 'C1';

/** Categories of customer data (seed 000 arts. 6-12; seed 004 定义). */
export type Category =
  | 'authentication'
  | 'identity'
  | 'biometric'
  | 'property'
  | 'account'
  | 'credit'
  | 'loan'
  | 'transaction'
  | 'derived'
  | 'other';

export interface Detection {
  /** The value passes the kind's structural checks (check digits, dates, ranges). */
  readonly valid: boolean;
  /** 0..1: how sure the value is of this kind (a check digit is strong evidence). */
  readonly confidence: number;
  /**
   * For kinds with a check character (ID number, card Luhn digit, USCC ...): whether it
   * matched. Absent when the kind has none or the value is too malformed to carry one, so a
   * classifier can report "97% of samples pass the check digit".
   */
  readonly checksum?: boolean;
}

/** A source of uniform 32-bit integers: CSPRNG for samples, HMAC-SM3 stream for pseudonyms. */
export interface Rng {
  nextUint32(): number;
}

export interface NameEvidence {
  /** English, Chinese and pinyin-initial spellings matched after normalization. */
  readonly names: readonly string[];
  /** Tokens that also mean something else (`khh` 客户号/开户行, `mm` 密码/month): need content evidence. */
  readonly ambiguous?: readonly { readonly token: string; readonly note: string }[];
}

export interface Kind {
  /** Stable id, e.g. `cn-id-card`, `bank-card`, `cn-mobile`. */
  readonly id: string;
  readonly title: { readonly en: string; readonly zh: string };
  readonly category: Category;
  /** Default JR/T 0171 class. */
  readonly level: Level;
  /** An authentication helper (SMS code, security answer): C2, but C3 alongside the account it authenticates. */
  readonly authHelper?: boolean;
  readonly evidence: NameEvidence;
  /** Never throws, never echoes the value. Content-free kinds (password) return confidence 0. */
  detect(value: string): Detection;
  /** Canonical form (half-width digits, no spaces/hyphens, upper-case X ...). */
  normalize(value: string): string;
  /** Mask presets per scene (display, analytics, log, share). */
  readonly masks: Readonly<Partial<Record<MaskScene, MaskRule>>>;
  /**
   * A valid synthetic value. With `like` (a normalized real value), keep what the kind
   * documents as safe to keep (region code of an ID, BIN of a card, carrier prefix ...).
   */
  generate(rng: Rng, like?: string): string;
  /**
   * Structured masks named by `{ type: 'kind', name }` rules (e.g. `name-surname`,
   * `address-region`). Returns null when the value does not fit, so the caller masks it entirely.
   */
  structuredMask?(name: string, value: string, maskChar: string): string | null;
}
