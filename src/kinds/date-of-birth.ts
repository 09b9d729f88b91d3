/**
 * Date of birth (出生日期), written `1990-01-02`, `1990/1/2`, `1990.01.02`, `19900102` or
 * `1990年1月2日` (a midnight time, as date columns export, is tolerated).
 */
import { dateKey, formatDate, isPlausibleBirthDate, parseDate, randomBirthDate, todayKey } from './dates.js';
import { intBetween } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

/** `yyyy-mm-dd` for a date (a time of day is dropped: a birth date is a date); else half-width, trimmed. */
function normalize(value: string): string {
  const s = toHalfWidth(String(value)).trim();
  const d = parseDate(s);
  return d === null ? s : formatDate({ ...d, time: '' });
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const d = parseDate(s);
  if (d === null) return NOT_DETECTED;
  if (!isPlausibleBirthDate(d.year, d.month, d.day)) return { valid: false, confidence: 0.05 };
  // Every past date has this shape (transaction dates, opening dates): only the name tells.
  return { valid: true, confidence: d.time === '' || d.time === '00:00:00' ? 0.4 : 0.2 };
}

/**
 * A real date of birth between 1940 and 2006. With `like`, keeps the year (age statistics
 * survive) and draws month and day anew.
 */
function generate(rng: Rng, like?: string): string {
  const d = like === undefined ? null : parseDate(normalize(like));
  const thisYear = Math.floor(todayKey() / 10000);
  const keep = d !== null && d.year >= 1900 && d.year <= thisYear;
  const year = keep ? d.year : intBetween(rng, 1940, 2006);
  const [y, m, day] = randomBirthDate(rng, year, keep ? dateKey(d.year, d.month, d.day) : undefined);
  return formatDate({ year: y, month: m, day, time: '' });
}

/**
 * Date of birth.
 *
 * JR/T 0171-2020 class **C2** (identity): identifying data — one of the fields an ID document
 * carries ("ID document type+number" and what it states) — REQUIREMENTS.md "Classification",
 * seed 004 分类 (2).
 *
 * Masks: display, logs and sharing keep the year only (`1990-**-**`); analytics generalizes to
 * the year, as DESIGN.md's scene table asks for dates.
 */
export const dateOfBirth: Kind = {
  id: 'date-of-birth',
  title: { en: 'Date of birth', zh: '出生日期' },
  category: 'identity',
  level: 'C2',
  evidence: {
    names: [
      'dob', 'birthday', 'birthdate', 'dateofbirth', 'birthdt', 'borndate', 'bornday',
      'custbirthday', 'custbirthdate', 'csrq', 'csny', 'csnyr', 'chushengriqi', 'shengri',
      '出生日期', '生日', '出生年月', '出生年月日', '出生时间',
    ],
    ambiguous: [
      { token: 'birth', note: 'a date of birth, or a place of birth (出生地)' },
      { token: 'sr', note: '生日 (birthday) or 收入 (income)' },
    ],
  },
  detect,
  normalize,
  masks: {
    display: { type: 'keep', first: 4, minMasked: 4 },
    analytics: { type: 'generalize', to: 'year' },
    log: { type: 'keep', first: 4, minMasked: 4 },
    share: { type: 'keep', first: 4, minMasked: 4 },
  },
  generate,
};
