/**
 * Decimal number text against the doubles JavaScript reads it into: `Number('12345678901234567891')`
 * is 12345678901234567000 and `Number('1e400')` is Infinity, silently. Readers of outside data
 * (JSON rows, database text) use this to refuse a number rather than change it.
 */

/**
 * Does the decimal `literal` (JSON or JavaScript number syntax) come back as the same decimal
 * value once read into a double and written out again? False for NaN and out-of-range values.
 */
export function readsBackExactly(literal: string): boolean {
  const n = Number(literal);
  if (!Number.isFinite(n)) return false;
  return decimalKey(literal) === decimalKey(String(n));
}

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A canonical spelling of a decimal value: sign, digits without outer zeros, exponent. */
function decimalKey(text: string): string {
  const m = DECIMAL.exec(text);
  if (m === null) return text;
  const fraction = m[3] ?? '';
  let digits = (m[2] + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  let exponent = Number(m[4] ?? '0') - fraction.length;
  const kept = digits.replace(/0+$/, '');
  exponent += digits.length - kept.length;
  digits = kept;
  return `${m[1]}${digits}e${exponent}`;
}
