/**
 * Calendar helpers for birth dates (in ID numbers and date-of-birth fields) and other dates
 * the kinds recognise. Proleptic Gregorian calendar, no time zones: a birth date is a date.
 */
import type { Rng } from './types.js';
import { uniformInt } from './rng.js';
import { digitsAt } from './text.js';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True if year/month/day is a date of the calendar (month 1-12, day within the month). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** A date as a comparable integer yyyymmdd. */
export function dateKey(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

let cachedToday = 0;
let cachedUntil = 0;

/**
 * Today's date (local time of the runtime) as yyyymmdd. Cached until the next local midnight:
 * validators ask on every birth date, and building a Date each time dominated their cost.
 */
export function todayKey(): number {
  const now = Date.now();
  if (now < cachedUntil) return cachedToday;
  const d = new Date(now);
  cachedToday = dateKey(d.getFullYear(), d.getMonth() + 1, d.getDate());
  cachedUntil = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  return cachedToday;
}

/** The earliest birth year accepted: no living customer was born before it. */
export const MIN_BIRTH_YEAR = 1900;

/**
 * True if the date is a plausible birth date: a real date, not before {@link MIN_BIRTH_YEAR}
 * and not in the future.
 */
export function isPlausibleBirthDate(year: number, month: number, day: number): boolean {
  return year >= MIN_BIRTH_YEAR && isRealDate(year, month, day) && dateKey(year, month, day) <= todayKey();
}

/** Zero-pads to two digits. */
export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** A uniform date within the year, as [year, month, day]. */
export function randomDateInYear(rng: Rng, year: number): [number, number, number] {
  let dayOfYear = uniformInt(rng, isLeapYear(year) ? 366 : 365);
  let month = 1;
  while (dayOfYear >= daysInMonth(year, month)) {
    dayOfYear -= daysInMonth(year, month);
    month++;
  }
  return [year, month, dayOfYear + 1];
}

/**
 * A birth date for a synthetic value: uniform within `year`, or, when that would lie in the
 * future (a child born this year), uniform between 1 January and `notAfter` (yyyymmdd, a real
 * value's own birth date, which is never in the future).
 */
export function randomBirthDate(rng: Rng, year: number, notAfter?: number): [number, number, number] {
  const date = randomDateInYear(rng, year);
  if (dateKey(...date) <= todayKey()) return date;
  const bound = notAfter !== undefined && Math.floor(notAfter / 10000) === year ? notAfter : todayKey();
  const boundMonth = Math.floor(bound / 100) % 100;
  const boundDay = bound % 100;
  let span = boundDay;
  for (let m = 1; m < boundMonth; m++) span += daysInMonth(year, m);
  let dayOfYear = uniformInt(rng, Math.max(1, span));
  let month = 1;
  while (dayOfYear >= daysInMonth(year, month)) {
    dayOfYear -= daysInMonth(year, month);
    month++;
  }
  return [year, month, dayOfYear + 1];
}

export interface ParsedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `HH:MM:SS` when the value carried a time of day, else ''. */
  readonly time: string;
}

// yyyy-mm-dd, yyyy/m/d, yyyy.mm.dd, yyyy年m月d日, yyyymmdd; optionally a time (ISO `T` or a space).
const SEPARATED_DATE = /^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;
const CHINESE_DATE = /^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]$/u;
const COMPACT_DATE = /^([0-9]{4})([0-9]{2})([0-9]{2})$/;

/** A calendar date written in one of the usual forms (already half-width and trimmed), or null. */
export function parseDate(s: string): ParsedDate | null {
  // Fast path for the shape nearly every export uses, yyyy-mm-dd (or / or .): the same result
  // as SEPARATED_DATE without running it. Anything else goes through the patterns below.
  if (s.length === 10) {
    const sep = s.charCodeAt(4);
    if ((sep === 0x2d || sep === 0x2f || sep === 0x2e) && s.charCodeAt(7) === sep) {
      const year = digitsAt(s, 0, 4);
      const month = digitsAt(s, 5, 2);
      const day = digitsAt(s, 8, 2);
      if (year >= 0 && month >= 0 && day >= 0) return isRealDate(year, month, day) ? { year, month, day, time: '' } : null;
    }
  }
  let year: number;
  let month: number;
  let day: number;
  let time = '';
  let m = SEPARATED_DATE.exec(s);
  if (m !== null) {
    [year, month, day] = [+m[1], +m[3], +m[4]];
    if (m[5] !== undefined) {
      const [h, min, sec] = [+m[5], +m[6], m[7] === undefined ? 0 : +m[7]];
      if (h > 23 || min > 59 || sec > 59) return null;
      time = `${pad2(h)}:${pad2(min)}:${pad2(sec)}`;
    }
  } else if ((m = CHINESE_DATE.exec(s)) !== null || (m = COMPACT_DATE.exec(s)) !== null) {
    [year, month, day] = [+m[1], +m[2], +m[3]];
  } else {
    return null;
  }
  return isRealDate(year, month, day) ? { year, month, day, time } : null;
}

/** `yyyy-mm-dd`, then ` HH:MM:SS` if the date carried a time. */
export function formatDate(d: ParsedDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}` + (d.time === '' ? '' : ' ' + d.time);
}
