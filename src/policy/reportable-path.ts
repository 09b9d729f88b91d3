/**
 * Field paths as errors, field-error events and audit events show them. A record used as a map
 * can have personal values for keys (`{ "11010519491231002X": { ... } }`), and a path names its
 * keys: each key in which the text scanner finds a value (an ID, card or phone number, an email
 * ...) is shown as `<kind>` instead, so no report carries it. Paths used for anything else —
 * encryption contexts above all — are the plain ones (formatPath), unchanged.
 */
import { scanText } from '../scan/index.js';
import { formatPath } from './paths.js';

// Keys repeat from record to record: each is scanned once (bounded, cleared when full).
const MAX_CACHED = 4096;
const shown = new Map<string, string>();

function shownKey(key: string): string {
  let s = shown.get(key);
  if (s === undefined) {
    const found = key === '' ? [] : scanText(key, { context: false });
    s = found.length === 0 ? key : `<${found[0].kind}>`;
    if (shown.size >= MAX_CACHED) shown.clear();
    shown.set(key, s);
  }
  return s;
}

/** {@link formatPath} with every key that holds a personal value replaced by `<kind>`. */
export function reportablePath(segments: readonly (string | number)[]): string {
  return formatPath(segments.map((s) => (typeof s === 'string' ? shownKey(s) : s)));
}
