/**
 * JSON numbers that JavaScript cannot hold. JSON.parse reads every number into a double, so
 * `12345678901234567891` becomes 12345678901234567000 and `1e400` becomes Infinity (written back
 * as `null`), silently. For a data tool that is data loss — and for storage, a different value
 * encrypted — so a record holding such a number is rejected instead (write the value as a
 * string). The check runs only on records that hold a number at all, and looks at the source text:
 * the double alone cannot tell `0.1` from `0.1000000000000000000001`.
 */
import { readsBackExactly } from '../../decimal.js';

/** True when some value in `value` (nested objects and arrays included) is a number. */
export function holdsNumber(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (holdsNumber(v)) return true;
    return false;
  }
  for (const k in value) if (holdsNumber((value as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * True when a number literal in the JSON `text` does not come back as the same decimal value
 * once read into a double and written out again. Literals of up to 15 significant digits always
 * do (IEEE 754 doubles keep 15 decimal digits), unless an exponent takes them out of range, so
 * only longer ones and ones with an exponent are compared. `text` must be valid JSON.
 */
export function hasInexactNumber(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote (escapes take two characters).
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let significant = 0;
      let pendingZeros = 0;
      let exponent = false;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) {
          if (exponent) continue;
          // Leading zeros do not count; trailing zeros count only once a digit follows them.
          if (d === 0x30) {
            if (significant > 0) pendingZeros++;
          } else {
            significant += pendingZeros + 1;
            pendingZeros = 0;
          }
        } else if (d === 0x65 || d === 0x45) exponent = true;
        else if (d !== 0x2e && d !== 0x2d && d !== 0x2b) break;
      }
      if ((significant > 15 || exponent) && !readsBackExactly(text.slice(start, i))) return true;
      continue;
    }
    i++;
  }
  return false;
}
