/**
 * Findings in free text. A finding says where a value is and what kind it is, never what it is:
 * a list of findings can itself be logged or sent to a dashboard without leaking anything.
 */

/** Ids of the kinds the scanner recognises in running text. */
export type ScanKind =
  | 'cn-id-card'
  | 'bank-card'
  | 'cn-mobile'
  | 'cn-landline'
  | 'email'
  | 'passport'
  | 'uscc'
  | 'hk-macau-id'
  | 'taiwan-id'
  | 'travel-permit'
  | 'ip-address'
  | 'licence-plate';

/** Every kind {@link ScanKind} names, in the order the documentation lists them. */
export const SCAN_KINDS: readonly ScanKind[] = Object.freeze([
  'cn-id-card',
  'bank-card',
  'cn-mobile',
  'cn-landline',
  'email',
  'passport',
  'uscc',
  'hk-macau-id',
  'taiwan-id',
  'travel-permit',
  'ip-address',
  'licence-plate',
] as const);

export interface Finding {
  /** Kind id (`cn-id-card`, `bank-card` ...). */
  readonly kind: ScanKind;
  /** UTF-16 offsets: `text.slice(start, end)` is the value as written (separators included). */
  readonly start: number;
  readonly end: number;
  /** The same span in Unicode code points (a surrogate pair counts once), for non-JS consumers. */
  readonly cpStart: number;
  readonly cpEnd: number;
  /** 0..1: the kind's own validator confidence, adjusted by the words around the value. */
  readonly confidence: number;
}

export interface ScanOptions {
  /** Findings below this confidence are not reported (default 0.5). */
  readonly minConfidence?: number;
  /** Only these kinds are reported (default: all of {@link SCAN_KINDS}). */
  readonly kinds?: readonly string[];
  /** These kinds are never reported. */
  readonly exclude?: readonly string[];
  /**
   * Use the words before a value (身份证, 卡号, 订单号 ...) to raise or lower its confidence
   * (default true).
   */
  readonly context?: boolean;
}
