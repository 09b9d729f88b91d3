/**
 * Argument checks shared by the primitives and the rule compiler. Messages name the argument
 * and the expected shape, never the value: a caller who swaps `(value, rule)` must not get the
 * value echoed back into a log.
 */
import { InvalidArgumentError } from '../errors.js';
import { isSelfContainedCharacter, isSeparatorCode } from './text.js';

/** Throws unless `value` is a string; names only its type. */
export function assertString(value: unknown, name = 'value'): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${name} must be a string, got ${describeType(value)}`);
  }
}

/** `typeof`, refined so arrays and null are named as such. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function assertCount(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a non-negative integer`);
  }
}

export function assertPosition(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError(`${name} must be an integer`);
  }
}

/** Combining marks, controls, format characters (ZWJ, variation selectors' kin), unassigned, spaces. */
const NOT_A_VISIBLE_CHARACTER = /[\p{M}\p{C}\p{Z}]/u;

/**
 * A mask character must be one visible code point that cannot merge with its neighbours (no
 * combining mark, joiner, emoji modifier or regional indicator) and cannot be mistaken for
 * formatting (no whitespace or hyphen), so a masked value has exactly one mask character per
 * hidden character. Checked once per rule, not per value.
 */
export function checkMaskChar(maskChar: unknown): string {
  if (maskChar === undefined) return '*';
  if (typeof maskChar === 'string' && acceptedMaskChars.has(maskChar)) return maskChar;
  if (typeof maskChar !== 'string' || maskChar.length === 0 || maskChar.length > 2) {
    throw new InvalidArgumentError('maskChar must be a single character');
  }
  const cp = maskChar.codePointAt(0)!;
  const single = cp > 0xffff ? maskChar.length === 2 : maskChar.length === 1;
  if (!single || NOT_A_VISIBLE_CHARACTER.test(maskChar) || isSeparatorCode(cp) || !isSelfContainedCharacter(maskChar)) {
    throw new InvalidArgumentError('maskChar must be a single visible character that is not a separator or combining mark');
  }
  // A digit would make masked numbers look real (`13855555678`); letters (`x`) stay allowed.
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0xff10 && cp <= 0xff19)) {
    throw new InvalidArgumentError('maskChar must not be a digit: masked numbers would look real');
  }
  // The segmenter check costs microseconds; primitives called with a maskChar per value would
  // pay it every time. The set is bounded: past the cap, characters are simply rechecked.
  if (acceptedMaskChars.size < 256) acceptedMaskChars.add(maskChar);
  return maskChar;
}

const acceptedMaskChars = new Set<string>(['*']);

export function checkKeepSeparators(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw new InvalidArgumentError('keepSeparators must be a boolean');
  return value;
}

/** At least one character must stay hidden, or a rule could return its input unchanged. */
export function checkMinMasked(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('minMasked must be an integer >= 1');
  }
  return value;
}

/** The delimiter of a before/after rule: exactly one code point. */
export function checkDelimiter(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2) {
    throw new InvalidArgumentError('char must be a single character');
  }
  const cp = value.codePointAt(0)!;
  if ((cp > 0xffff ? 2 : 1) !== value.length || (cp >= 0xd800 && cp <= 0xdfff)) {
    throw new InvalidArgumentError('char must be a single character');
  }
  return value;
}
