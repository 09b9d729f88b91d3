/**
 * Public types of the classifier: what a field, record, dataset and schema classification
 * returns, and the options that steer it.
 */
import type { Category, Level } from '../kinds/types.js';

/** Tiered schemes the seed documents use besides JR/T 0171 (see {@link tierOf}). */
export type TierScheme = 'two-tier' | 'three-tier' | 'four-tier';

/** Seed 000 art. 13: 客户敏感信息 / 客户一般信息. */
export type TwoTier = 'sensitive' | 'general';
/** Seed 003: 核心敏感资料 / 一般敏感资料 / 基本业务资料. */
export type ThreeTier = 'core-sensitive' | 'general-sensitive' | 'basic';
/** Seed 002: 核心敏感信息 / 敏感信息 / 一般信息 / 公开信息. */
export type FourTier = 'core-sensitive' | 'sensitive' | 'general' | 'public';
export type Tier = TwoTier | ThreeTier | FourTier;

/** JR/T 0197-2020 security level (1 lowest .. 5 highest) per JR/T 0171 class. */
export type Jrt0197Map = Readonly<Record<Level, 1 | 2 | 3 | 4 | 5>>;

/**
 * Who a column describes. Only people's data is personal financial information: a branch's
 * address, a server's IP or a company's credit code in a corporate-customer table are not.
 */
export type Subject = 'person' | 'staff' | 'institution' | 'corporate' | 'product' | 'system';

/**
 * Per-scene or per-institution changes to a class (seed 004: "the same field can sit in a
 * different class in a different scene"). Keys of `fields` are `table.column` or `column`
 * (case-insensitive); `kinds` and `concepts` are ids. `null` declares "not personal financial
 * information". The most specific key wins: field, then concept, then kind.
 */
export interface LevelOverrides {
  readonly fields?: Readonly<Record<string, Level | null>>;
  readonly kinds?: Readonly<Record<string, Level | null>>;
  readonly concepts?: Readonly<Record<string, Level | null>>;
}

export interface ClassifyOptions {
  /** Table (or entity) the column belongs to: `t_customer`, `个人客户信息表`, `t_qykh`. */
  readonly table?: string;
  /** Column comment / remarks from the DDL or data dictionary: `证件号码`, `Customer ID number`. */
  readonly comment?: string;
  /** Also report the column in one of the seeds' tiered schemes. */
  readonly scheme?: TierScheme;
  /** JR/T 0197-2020 level per class; default C3 → 4, C2 → 3, C1 → 2. */
  readonly jrt0197?: Partial<Jrt0197Map>;
  /** Scene or institution overrides, applied last. */
  readonly overrides?: LevelOverrides;
  /** Most samples inspected per column (default 200). */
  readonly maxSamples?: number;
  /** Longest prefix of a value inspected, in UTF-16 units (default 256). */
  readonly maxValueLength?: number;
}

/** What content showed about a column. Counts only: never a value. */
export interface ContentSummary {
  /** Samples looked at (non-empty, after the caps). */
  readonly inspected: number;
  /** Samples that were empty, null or not inspectable (objects, arrays). */
  readonly skipped: number;
  /** Kind whose validator most samples pass, if any. */
  readonly kind: string | null;
  /** Share of inspected samples that pass that kind's validator. */
  readonly share: number;
  /** Share that pass its check digit (kinds with one). */
  readonly checksumShare?: number;
  /** Share of samples that are fieldshield envelopes or cipher-length blobs. */
  readonly encryptedShare: number;
}

export interface FieldClassification {
  /** The column name as given. */
  readonly field: string;
  readonly table?: string;
  /** Kind id (`cn-id-card`, `bank-card` ...) or null when no kind fits. */
  readonly kind: string | null;
  /**
   * Concept id: the kind id for kinds, or a concept without a kind (`loan-info`,
   * `kyc-media`, `personal-basic`, `timestamp` ...), or null when nothing was recognised.
   */
  readonly concept: string | null;
  readonly category: Category | null;
  /** JR/T 0171-2020 class, or null when the column is not personal financial information. */
  readonly level: Level | null;
  /** JR/T 0197-2020 level (1-5), or null with `level`. */
  readonly jrt0197Level: number | null;
  /** The column in `options.scheme`, when one was asked for. */
  readonly tier?: Tier | null;
  /** 0..1. */
  readonly confidence: number;
  /**
   * At least 80% of the samples are fieldshield envelopes or hex / base64 blobs of whole 16-byte
   * blocks (SM4/AES ciphertext, or a hash of that length): protected, not plain. The class is
   * still the name's: the column holds that data, encrypted.
   */
  readonly encrypted: boolean;
  /** Who the column describes, as far as the table, comment and name tell. */
  readonly subject: Subject;
  /** Why: names, shares and rules. Never a sample value. */
  readonly reasons: readonly string[];
  /** Present when samples were inspected. */
  readonly content?: ContentSummary;
}

/** Selects fields in combination rules: a kind or concept id, `category:<category>`, `authHelper`. */
export type FieldSelector = string;

/**
 * A combination rule (JR/T 0171: combined lower-class fields can form a higher class). When a
 * record has, for every group in `requires`, at least one field matching one of its
 * selectors, the rule fires: the record is raised to `recordLevel`, and the fields matching
 * `raise.targets` to `raise.level`.
 */
export interface CombinationRule {
  readonly id: string;
  readonly description: string;
  readonly requires: readonly (readonly FieldSelector[])[];
  readonly recordLevel?: Level;
  readonly raise?: { readonly targets: readonly FieldSelector[]; readonly level: Level };
}

export interface Escalation {
  readonly rule: string;
  readonly description: string;
  /** Fields whose presence fired the rule. */
  readonly because: readonly string[];
  /** Fields raised by it (empty when only the record level rose). */
  readonly raised: readonly string[];
  readonly to: Level;
}

export interface RecordOptions extends Omit<ClassifyOptions, 'comment'> {
  /** Column comments by field name. */
  readonly comments?: Readonly<Record<string, string>>;
  /** Combination rules; default {@link DEFAULT_RULES}. Pass `[]` to apply none. */
  readonly rules?: readonly CombinationRule[];
  /** Nested objects are flattened to `a.b.c` paths down to this depth (default 3). */
  readonly maxDepth?: number;
  /** Most fields looked at in one record (default 512); the rest are counted, not classified. */
  readonly maxFields?: number;
}

export interface RecordClassification {
  readonly fields: readonly FieldClassification[];
  /** The highest class of any field after escalations, or null. */
  readonly level: Level | null;
  readonly jrt0197Level: number | null;
  readonly tier?: Tier | null;
  readonly escalations: readonly Escalation[];
  /** Fields beyond `maxFields` (not classified). */
  readonly fieldsOmitted: number;
}

export interface DatasetOptions extends RecordOptions {
  /** Reservoir size per column (default 200). */
  readonly sampleSize?: number;
  /** Most columns tracked (default 1024); later new columns are counted, not sampled. */
  readonly maxColumns?: number;
  /** Seed for reproducible sampling; default: samples drawn with the platform CSPRNG. */
  readonly seed?: Uint8Array;
}

export interface LevelCounts {
  readonly C3: number;
  readonly C2: number;
  readonly C1: number;
  /** Columns that are not personal financial information. */
  readonly none: number;
}

export interface ColumnStats {
  /** Rows in which the column had a value (not null / undefined / ''). */
  readonly present: number;
  /** Rows in which it was missing, null, undefined or ''. */
  readonly missing: number;
}

export interface DatasetClassification {
  readonly rows: number;
  /** Rows that were not objects (null, numbers, arrays ...): skipped. */
  readonly badRows: number;
  readonly columns: readonly (FieldClassification & { readonly stats: ColumnStats })[];
  /** Columns first seen after `maxColumns` were full. */
  readonly columnsOmitted: number;
  readonly summary: LevelCounts;
  /** Highest class after the combination rules applied to the columns as one record shape. */
  readonly level: Level | null;
  readonly jrt0197Level: number | null;
  readonly escalations: readonly Escalation[];
}

export interface SchemaColumn {
  readonly table?: string;
  readonly name: string;
  readonly comment?: string;
  readonly type?: string;
}

export interface SchemaTableClassification {
  readonly table: string;
  readonly comment?: string;
  readonly columns: readonly (FieldClassification & { readonly type?: string })[];
  readonly level: Level | null;
  readonly escalations: readonly Escalation[];
}

export interface SchemaClassification {
  readonly tables: readonly SchemaTableClassification[];
  readonly summary: LevelCounts;
}
