/**
 * Plain-text tables for the terminal. Chinese column names are common in bank extracts, and a
 * Han character takes two terminal cells, so widths are counted in cells, not code units.
 */

/** Terminal cells a code point takes: 2 for East Asian wide and full-width characters, 0 for combining marks. */
function cellsOf(cp: number): number {
  if (cp < 0x1100) return cp >= 0x300 && cp <= 0x36f ? 0 : 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B..
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += cellsOf(ch.codePointAt(0) as number);
  return w;
}

/** Cuts `text` to at most `width` cells, marking the cut with `…`. */
export function truncateCells(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const c = cellsOf(ch.codePointAt(0) as number);
    if (w + c > width - 1) break;
    out += ch;
    w += c;
  }
  return out + '…';
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

// Control characters (an ESC starts a terminal escape sequence) and the bidirectional controls
// (U+202E shows `mobile‮gnp.exe` as `mobileexe.png`) in cells that come from the data — column
// names above all — are shown as \u escapes, never sent to the terminal as they are.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with control and bidi characters written as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Renders rows under a header, columns separated by two spaces. Columns listed in `maxWidths`
 * are truncated to that many cells; the last column is never padded.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidths: Readonly<Record<number, number>> = {}): string {
  const cells = [header, ...rows].map((r) =>
    r.map((raw, i) => {
      const c = printable(raw);
      return maxWidths[i] === undefined ? c : truncateCells(c, maxWidths[i]);
    }),
  );
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd())
    .join('\n');
}
