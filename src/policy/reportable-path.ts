/**
 * Field paths as errors, field-error events and audit events show them. A record used as a map
 * can have personal values for keys (`{ "11010519491231002X": { ... } }`), and a path names its
 * keys: each key in which the text scanner finds a value (an ID, card or phone number, an email
 * ...) is shown as `<kind>` instead, so no report carries it. Paths used for anything else —
 * encryption contexts above all — are the plain ones (formatPath), unchanged.
 */
import { scanText } from '../scan/index.js';
import { formatPath } from './paths.js';

// Field names repeat from record to record: a key found to hold nothing is remembered (bounded,
// cleared when full). A key that holds a value is scanned again each time, so that this cache
// never keeps a personal value in memory.
const MAX_CACHED = 4096;
const clean = new Set<string>();

function shownKey(key: string): string {
  if (key === '' || clean.has(key)) return key;
  const found = scanText(key, { context: false });
  if (found.length > 0) return `<${found[0].kind}>`;
  if (clean.size >= MAX_CACHED) clean.clear();
  clean.add(key);
  return key;
}

/** {@link formatPath} with every key that holds a personal value replaced by `<kind>`. */
export function reportablePath(segments: readonly (string | number)[]): string {
  return formatPath(segments.map((s) => (typeof s === 'string' ? shownKey(s) : s)));
}
