/**
 * Finds where CSV/TSV records end, on raw bytes, without parsing fields.
 *
 * RFC 4180: a field is quoted only when it *starts* with `"`; inside a quoted field `""` is a
 * literal quote and line breaks are data; the field ends at a `"` not followed by another `"`.
 * A record ends at a line feed outside quotes (CRLF and LF both end in LF). A `"` in the middle
 * of an unquoted field is malformed; it is treated as a literal here, so one bad row cannot
 * shift every later boundary (the parser then rejects just that row).
 *
 * The scan jumps between quotes and line feeds with Buffer#indexOf (memchr), so it costs
 * little more than a pass over memory. `"`, `,`, TAB, CR and LF never occur inside a
 * multi-byte UTF-8 sequence, so scanning bytes is exact for UTF-8 input (other encodings are
 * converted to UTF-8 before they get here).
 */
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface ScanState {
  /** Inside a quoted field at `pos`. */
  inQuote: boolean;
  /** Where scanning resumes. */
  pos: number;
}

/**
 * Scans `data` from `state.pos` and returns the offset just after the *last* record-ending
 * line feed found in the scanned part (or -1). With `onBoundary`, every boundary is reported
 * in order instead, and the scan stops after a boundary for which it returns false. Updates
 * `state`, stopping early at a quote that ends the buffer (whether it is `""` or a closing
 * quote depends on the next byte).
 */
export function scanCsv(data: Buffer, delimiter: number, state: ScanState, onBoundary?: (end: number) => boolean): number {
  let last = -1;
  let i = state.pos;
  let inQuote = state.inQuote;
  const n = data.length;
  while (i < n) {
    const q = data.indexOf(QUOTE, i);
    if (!inQuote) {
      const spanEnd = q < 0 ? n : q;
      if (onBoundary === undefined) {
        if (spanEnd > i) {
          const lf = data.lastIndexOf(LF, spanEnd - 1);
          if (lf >= i) last = lf + 1;
        }
      } else {
        for (let lf = data.indexOf(LF, i); lf >= 0 && lf < spanEnd; lf = data.indexOf(LF, lf + 1)) {
          last = lf + 1;
          if (!onBoundary(last)) {
            state.pos = last;
            state.inQuote = false;
            return last;
          }
        }
      }
      if (q < 0) {
        i = n;
        break;
      }
      const prev = q === 0 ? LF : data[q - 1];
      if (prev === delimiter || prev === LF || prev === CR) inQuote = true;
      i = q + 1;
    } else {
      if (q < 0) {
        i = n;
        break;
      }
      if (q + 1 >= n) {
        // `"` is the last byte: resume from it once more data has arrived.
        i = q;
        break;
      }
      if (data[q + 1] === QUOTE) {
        i = q + 2;
      } else {
        inQuote = false;
        i = q + 1;
      }
    }
  }
  state.pos = i;
  state.inQuote = inQuote;
  return last;
}

/** The end of the first record (just after its line feed), or -1 if `data` holds none yet. */
export function firstRecordEnd(data: Buffer, delimiter: number): number {
  return scanCsv(data, delimiter, { inQuote: false, pos: 0 }, () => false);
}

/** Number of line feeds in `data[from, to)`. */
export function countLines(data: Buffer, from = 0, to = data.length): number {
  let count = 0;
  for (let i = data.indexOf(LF, from); i >= 0 && i < to; i = data.indexOf(LF, i + 1)) count++;
  return count;
}
