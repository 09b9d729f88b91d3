/**
 * One table lookup per UTF-16 code unit tells the scanner what a character can be part of. The
 * table covers the whole BMP (64 KiB, built once), so the hot loop has no range tests: Chinese
 * text, where almost every character is "nothing", costs one load and one branch per character.
 */
import { PROVINCE_ABBREVIATIONS } from '../kinds/licence-plate.js';

/** ASCII `0`-`9` and full-width `０`-`９`. */
export const DIGIT = 1;
/** ASCII and full-width Latin letters. */
export const ALPHA = 2;
/** Separators allowed between the groups of one number: spaces and hyphens/dashes. */
export const SEP = 4;
/** Characters of an email local part besides letters and digits (`._%+-`, ASCII and full-width). */
export const LOCAL = 8;
/** Characters that start something other than a word: `(` (area code), `:` (IPv6) and province abbreviations (plates). */
export const TRIGGER = 16;
/** ASCII hexadecimal digits (IPv6 groups). */
export const HEX = 32;
/** Line breaks: context never reaches across them. */
export const NEWLINE = 64;

/** High surrogates: the main loop counts surrogate pairs as it passes them, for code point offsets. */
export const HIGH_SURROGATE = 128;

export const WORD = DIGIT | ALPHA;

function build(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const set = (code: number, flag: number): void => {
    t[code] |= flag;
  };
  for (let c = 0x30; c <= 0x39; c++) set(c, DIGIT | HEX);
  for (let c = 0xff10; c <= 0xff19; c++) set(c, DIGIT);
  for (let c = 0x41; c <= 0x5a; c++) set(c, ALPHA);
  for (let c = 0x61; c <= 0x7a; c++) set(c, ALPHA);
  for (let c = 0x41; c <= 0x46; c++) set(c, HEX);
  for (let c = 0x61; c <= 0x66; c++) set(c, HEX);
  for (let c = 0xff21; c <= 0xff3a; c++) set(c, ALPHA);
  for (let c = 0xff41; c <= 0xff5a; c++) set(c, ALPHA);
  // Spaces (ASCII, no-break, ideographic) and the hyphens and dashes people type inside numbers.
  for (const c of [0x20, 0xa0, 0x3000, 0x2d, 0xff0d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63]) set(c, SEP);
  for (const ch of '._%+-．＿％＋－') set(ch.charCodeAt(0), LOCAL);
  for (const ch of '(（:') set(ch.charCodeAt(0), TRIGGER);
  for (const ch of PROVINCE_ABBREVIATIONS) set(ch.charCodeAt(0), TRIGGER);
  for (let c = 0xd800; c <= 0xdbff; c++) set(c, HIGH_SURROGATE);
  set(0x0a, NEWLINE);
  set(0x0d, NEWLINE);
  return t;
}

export const CHAR_FLAGS: Uint8Array = build();

/** The ASCII digit value of an ASCII or full-width digit code unit (the caller knows it is one). */
export function digitValue(code: number): number {
  return code >= 0xff10 ? code - 0xff10 : code - 0x30;
}

/** The ASCII form of a full-width letter, digit or punctuation code unit; others unchanged. */
export function halfWidth(code: number): number {
  return code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
}

export function isPlus(code: number): boolean {
  return code === 0x2b || code === 0xff0b;
}

export function isOpenParen(code: number): boolean {
  return code === 0x28 || code === 0xff08;
}

export function isCloseParen(code: number): boolean {
  return code === 0x29 || code === 0xff09;
}
