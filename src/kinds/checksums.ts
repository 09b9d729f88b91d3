/**
 * Check characters of the identifiers banks handle. Each function takes an already normalized
 * value (half-width, upper-case, no separators) and never throws: a character outside the
 * scheme's alphabet simply makes the check fail.
 */

/**
 * Luhn (ISO/IEC 7812-1 Annex B) check digit for a string of digits (the payload without the
 * check digit). Returns -1 if the payload holds a non-digit.
 */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // The rightmost payload digit is doubled, since the check digit will sit to its right.
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** True if the last digit is the Luhn check digit of the others. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  const check = digits.charCodeAt(digits.length - 1) - 48;
  return check >= 0 && check <= 9 && luhnCheckDigit(digits.slice(0, -1)) === check;
}

// GB 11643-1999: weights 2^(17-i) mod 11 for the 17 leading digits, ISO 7064 MOD 11-2.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character of a resident ID number (GB 11643-1999) for its first 17
 * digits: `0`-`9` or `X`. Returns '' if the payload is not 17 digits.
 */
export function idCardCheckChar(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = first17.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return '';
    sum += d * ID_WEIGHTS[i];
  }
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * GB 32100-2015 alphabet of the unified social credit code: digits and upper-case letters
 * without I, O, Z, S, V (31 characters; the value of a character is its index).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Weights 3^i mod 31 for the 17 leading characters.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character for the first 17 characters, or '' if one is outside the alphabet. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) return '';
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

// GB 11714-1997 organization code: letters count as 10 + their position in A-Z.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714-1997 check character (`0`-`9` or `X`) of an 8-character organization code body. */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) return '';
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else return '';
    sum += v * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Hong Kong identity card check character for the 1-2 letter prefix and 6 digits: weights
 * 9..2 from the left, a missing first letter counts as a space (value 36), letters are 10-35;
 * the check makes the weighted sum divisible by 11, with 10 written `A`.
 */
export function hkidCheckChar(prefix: string, digits6: string): string {
  if (prefix.length < 1 || prefix.length > 2 || digits6.length !== 6) return '';
  const letters = prefix.length === 1 ? ' ' + prefix : prefix;
  let sum = 0;
  for (let i = 0; i < 2; i++) {
    const c = letters.charCodeAt(i);
    let v: number;
    if (c === 32) v = 36;
    else if (c >= 65 && c <= 90) v = c - 55;
    else return '';
    sum += v * (9 - i);
  }
  for (let i = 0; i < 6; i++) {
    const d = digits6.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return '';
    sum += d * (7 - i);
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

/**
 * Taiwan national ID letter codes: the letter at index i stands for the number 10 + i (the order
 * is historical: W, Z, I, O were added after the others).
 */
const TAIWAN_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/**
 * Check digit of a Taiwan national ID for the letter and the 8 following digits: the letter's
 * code contributes tens x1 + units x9, the digits weights 8..1, and the check digit makes the
 * sum divisible by 10. Returns -1 on a malformed payload.
 */
export function taiwanIdCheckDigit(letter: string, digits8: string): number {
  const index = letter.length === 1 ? TAIWAN_LETTERS.indexOf(letter) : -1;
  if (index < 0 || digits8.length !== 8) return -1;
  const code = 10 + index;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) {
    const d = digits8.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * (8 - i);
  }
  return (10 - (sum % 10)) % 10;
}
