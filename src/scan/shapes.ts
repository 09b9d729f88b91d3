/**
 * How people group the digits of the numbers the scanner looks for. A number written in groups
 * (`6222 0212 3456 7890`, `138-1234-5678`, `110105 19491231 002X`) is recognised only in the
 * groupings people actually use; any other grouping of digits (`2024 0101 1381 23`) is a list
 * of numbers, each of which is looked at on its own. Arguments are the lengths of groups
 * `from..to` (inclusive) in characters (a final `X` of an ID number counts).
 */

/** All groups have four characters except the last, which has one to four (`6222 0212 3456 7890 123`). */
function groupsOfFour(lens: ArrayLike<number>, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (lens[k] !== 4) return false;
  return lens[to] >= 1 && lens[to] <= 4;
}

/** The group boundaries (running sums) all fall on `allowed` positions. */
function splitsWithin(lens: ArrayLike<number>, from: number, to: number, allowed: readonly number[]): boolean {
  let at = 0;
  for (let k = from; k < to; k++) {
    at += lens[k];
    if (!allowed.includes(at)) return false;
  }
  return true;
}

/** 3-4-4 (`138 1234 5678`) or 3-8. */
export function isMobileGrouping(lens: ArrayLike<number>, from: number, to: number): boolean {
  if (to - from === 2) return lens[from] === 3 && lens[from + 1] === 4 && lens[to] === 4;
  return to - from === 1 && lens[from] === 3 && lens[to] === 8;
}

/** 4-4-4-4(-1..4), as printed on cards, or BIN + rest (6-10..13). */
export function isCardGrouping(lens: ArrayLike<number>, from: number, to: number, total: number): boolean {
  if (total < 16 || total > 19) return false;
  if (to - from >= 3 && groupsOfFour(lens, from, to)) return true;
  return to - from === 1 && lens[from] === 6;
}

/** Region | birth year | month-day | sequence and check: boundaries of an 18-character ID number. */
const ID18_BOUNDARIES = [6, 10, 14];
/** Region | yymmdd | sequence: boundaries of a 15-digit legacy ID number. */
const ID15_BOUNDARIES = [6, 12];

/** An ID number grouped at its field boundaries (`110105 19491231 002X`) or in fours. */
export function isIdGrouping(lens: ArrayLike<number>, from: number, to: number, total: number): boolean {
  if (total === 18) return (to - from >= 3 && groupsOfFour(lens, from, to)) || splitsWithin(lens, from, to, ID18_BOUNDARIES);
  if (total === 15) return splitsWithin(lens, from, to, ID15_BOUNDARIES);
  return false;
}

/** The local part of a landline after its area code: 7 or 8 digits, or 3/4 + 4. */
export function isLandlineLocalGrouping(lens: ArrayLike<number>, from: number, to: number): boolean {
  if (to === from) return lens[from] === 7 || lens[from] === 8;
  return to - from === 1 && (lens[from] === 3 || lens[from] === 4) && lens[to] === 4;
}
