/**
 * Generalization: replace a precise value by a coarser one that is still useful for analysis
 * (seed 002: data for analysis and modelling is masked). Dates become a year or a year-month,
 * amounts and ages become buckets. Input is read leniently (full-width digits and punctuation
 * via NFKC, surrounding whitespace, currency signs, thousands separators, `岁`); anything that
 * does not parse as the expected kind of value is masked entirely, never passed through.
 */
import { InvalidArgumentError } from '../errors.js';
import { assertString, checkKeepSeparators, checkMaskChar } from './checks.js';
import { maskAllUnchecked, type MaskTextOptions } from './primitives.js';

export type DateGranularity = 'year' | 'year-month';

/** Amount buckets (CNY): <0, [0,1000), [1000,10000), ... , >=10000000. */
export const DEFAULT_AMOUNT_EDGES: readonly number[] = Object.freeze([0, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]);
/** Age buckets: <18, [18,30), [30,40), ... , >=70. */
export const DEFAULT_AGE_EDGES: readonly number[] = Object.freeze([18, 30, 40, 50, 60, 70]);

// --- Dates -----------------------------------------------------------------------------------

// Compiled once: the accepted spellings of a calendar date, optionally with a time of day.
const TIME = '(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const DATE_SEPARATED = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`);
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
const DATE_CHINESE = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?$/;
const YEAR_MONTH = /^(\d{4})(?:[-/.](\d{1,2})|(\d{2}))$/;
const YEAR_ONLY = /^(\d{4})年?$/;

interface CalendarDate {
  readonly year: number;
  /** 0 when the value only carries a year. */
  readonly month: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(y: number, m: number, d: number | undefined, time?: readonly (string | undefined)[]): CalendarDate | null {
  if (y < 1 || m < 1 || m > 12) return null;
  if (d !== undefined && (d < 1 || d > daysInMonth(y, m))) return null;
  if (time !== undefined && time[0] !== undefined) {
    const hh = Number(time[0]);
    const mm = Number(time[1]);
    const ss = time[2] === undefined ? 0 : Number(time[2]);
    if (hh > 23 || mm > 59 || ss > 59) return null;
  }
  return { year: y, month: m };
}

/** Parses the calendar date as written (no time-zone conversion); null when it is not one. */
export function parseCalendarDate(value: string): CalendarDate | null {
  const v = value.normalize('NFKC').trim();
  let m = DATE_SEPARATED.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5], m[6]]);
  m = DATE_COMPACT.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5], m[6]]);
  m = DATE_CHINESE.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = YEAR_MONTH.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2] ?? m[3]), undefined);
  m = YEAR_ONLY.exec(v);
  if (m) {
    const y = Number(m[1]);
    return y < 1 ? null : { year: y, month: 0 };
  }
  return null;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

export function generalizeDateUnchecked(value: string, to: DateGranularity, maskChar: string, keepSeparators: boolean): string {
  if (value === '') return '';
  const d = parseCalendarDate(value);
  if (d === null) return maskAllUnchecked(value, maskChar, keepSeparators);
  // A value that only carries a year yields the year even for `year-month`: it reveals less.
  if (to === 'year' || d.month === 0) return pad(d.year, 4);
  return `${pad(d.year, 4)}-${pad(d.month, 2)}`;
}

/**
 * A date (`1949-12-31`, `19491231`, `1949/12/31 08:00:00`, `1949年12月31日`, ISO 8601 with time)
 * generalized to `1949` or `1949-12`. Not a real date → masked entirely.
 */
export function generalizeDate(value: string, to: DateGranularity, options: MaskTextOptions = {}): string {
  assertString(value);
  checkGranularity(to);
  return generalizeDateUnchecked(value, to, checkMaskChar(options.maskChar), checkKeepSeparators(options.keepSeparators));
}

function checkGranularity(to: unknown): asserts to is DateGranularity {
  if (to !== 'year' && to !== 'year-month') throw new InvalidArgumentError("to must be 'year' or 'year-month'");
}

// --- Buckets ---------------------------------------------------------------------------------

/** Edges must be finite, strictly ascending and not too many; checked once per rule. */
export function checkEdges(edges: unknown): readonly number[] {
  if (!Array.isArray(edges) || edges.length === 0 || edges.length > 64) {
    throw new InvalidArgumentError('edges must be an array of 1 to 64 numbers');
  }
  for (let i = 0; i < edges.length; i++) {
    const e: unknown = edges[i];
    if (typeof e !== 'number' || !Number.isFinite(e) || (i > 0 && e <= edges[i - 1])) {
      throw new InvalidArgumentError('edges must be finite numbers in strictly ascending order');
    }
  }
  return Object.freeze(edges.slice()) as readonly number[];
}

/** `<e0`, `[e_i,e_{i+1})` or `>=e_last`: half-open intervals, so every number has one bucket. */
export function bucketLabel(x: number, edges: readonly number[]): string {
  if (x < edges[0]) return `<${edges[0]}`;
  for (let i = 1; i < edges.length; i++) {
    if (x < edges[i]) return `[${edges[i - 1]},${edges[i]})`;
  }
  return `>=${edges[edges.length - 1]}`;
}

const CURRENCY_PREFIX = /^(?:[¥$]|CNY|RMB)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|CNY|RMB)$/i;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const AGE_SUFFIX = /\s*周?岁$/;

/** Parses an amount (`¥1,234.50`, `１２３４元`, `-20`); NaN when it is not one. */
export function parseAmount(value: string): number {
  const v = value.normalize('NFKC').trim().replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '').replaceAll(',', '');
  return DECIMAL.test(v) ? Number(v) : NaN;
}

/** Parses an age in years (`35`, `35岁`, `35.5`), 0 to 150; NaN otherwise. */
export function parseAge(value: string): number {
  const v = value.normalize('NFKC').trim().replace(AGE_SUFFIX, '');
  if (!DECIMAL.test(v)) return NaN;
  const age = Number(v);
  return age >= 0 && age <= 150 ? age : NaN;
}

export function generalizeNumberUnchecked(
  value: string,
  parse: (v: string) => number,
  edges: readonly number[],
  maskChar: string,
  keepSeparators: boolean,
): string {
  if (value === '') return '';
  const x = parse(value);
  return Number.isFinite(x) ? bucketLabel(x, edges) : maskAllUnchecked(value, maskChar, keepSeparators);
}

/** An amount generalized to its bucket: `generalizeAmount('¥23,456.78')` → `[10000,100000)`. */
export function generalizeAmount(value: string, edges: readonly number[] = DEFAULT_AMOUNT_EDGES, options: MaskTextOptions = {}): string {
  assertString(value);
  return generalizeNumberUnchecked(
    value,
    parseAmount,
    checkEdges(edges),
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}

/** An age generalized to its range: `generalizeAge('35岁')` → `[30,40)`. */
export function generalizeAge(value: string, edges: readonly number[] = DEFAULT_AGE_EDGES, options: MaskTextOptions = {}): string {
  assertString(value);
  return generalizeNumberUnchecked(
    value,
    parseAge,
    checkEdges(edges),
    checkMaskChar(options.maskChar),
    checkKeepSeparators(options.keepSeparators),
  );
}
