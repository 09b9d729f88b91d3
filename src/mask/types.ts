/**
 * Mask rules are plain, JSON-serializable objects so policies can hold them. Positions and
 * counts are in Unicode code points of the *significant* characters (separators such as
 * spaces and hyphens in `6222 0212 3456 7890` are kept in place and not counted, unless a
 * rule says otherwise).
 */

/** Where a value is going (使用场景). */
export type Scene = 'storage' | 'display' | 'analytics' | 'log' | 'devtest' | 'share';
/** The scenes a mask preset exists for. */
export type MaskScene = 'display' | 'analytics' | 'log' | 'share';

export interface MaskCommon {
  /** Replacement character (default `*`). Must be a single code point. */
  readonly maskChar?: string;
  /**
   * Keep whitespace and hyphens in place and out of the count (default true). With `false`
   * every character is significant and masked like any other (Hutool's behaviour).
   */
  readonly keepSeparators?: boolean;
}

/** Keep the first `first` and last `last` significant characters, mask the rest. */
export interface KeepRule extends MaskCommon {
  readonly type: 'keep';
  readonly first?: number;
  readonly last?: number;
  /** Minimum number of characters that must be masked; shorter values are masked entirely. */
  readonly minMasked?: number;
}

/** Mask significant characters [start, end) (negative numbers count from the end). */
export interface MaskRangeRule extends MaskCommon {
  readonly type: 'range';
  readonly start: number;
  readonly end?: number;
  /** The value must have at least this many significant characters, else it is masked entirely. */
  readonly minLength?: number;
}

/** Mask the part before (or after) the first `char`, keeping `keep` characters of it. */
export interface MaskAroundRule extends MaskCommon {
  readonly type: 'before' | 'after';
  readonly char: string;
  readonly keep?: number;
}

/** Replace with a fixed number of mask characters: length is not leaked. */
export interface FixedRule extends MaskCommon {
  readonly type: 'fixed';
  readonly width?: number;
}

/** Replace with a label such as `[REDACTED:cn-id-card]`. */
export interface LabelRule {
  readonly type: 'label';
  readonly label?: string;
}

/**
 * Generalize: dates to year / year-month, amounts to buckets, ages to ranges. Values that do
 * not parse (not a date, not a number) are masked entirely, hence `MaskCommon`.
 */
export interface GeneralizeRule extends MaskCommon {
  readonly type: 'generalize';
  readonly to: 'year' | 'year-month' | 'amount-bucket' | 'age-range';
  /** Bucket edges for `amount-bucket` / `age-range` (ascending). */
  readonly edges?: readonly number[];
}

/**
 * Keep the first `length` code points (graphemes kept whole), nothing after. A value the cut
 * would leave nearly whole is masked entirely, hence `MaskCommon`.
 */
export interface TruncateRule extends MaskCommon {
  readonly type: 'truncate';
  readonly length: number;
}

/** Keyed hash (HMAC-SM3) of the normalized value, hex, truncated to `bits`. */
export interface HashRule {
  readonly type: 'hash';
  readonly bits?: number;
}

/** Remove the value (returns `null`). */
export interface DropRule {
  readonly type: 'drop';
}

/** Kind-specific structured masks (address keeps province/city/district, name keeps surname ...). */
export interface KindRule extends MaskCommon {
  readonly type: 'kind';
  /** A mask the kind itself implements, e.g. `name-surname`, `address-region`. */
  readonly name: string;
}

export type MaskRule =
  | KeepRule
  | MaskRangeRule
  | MaskAroundRule
  | FixedRule
  | LabelRule
  | GeneralizeRule
  | TruncateRule
  | HashRule
  | DropRule
  | KindRule;
