/**
 * Field names as evidence in log records: `{ mobile: … }`, `{ custIdNo: … }`, `{ 密码: … }`
 * say what a value is even when its content cannot (a password, a CVN, an amount). Names are
 * classified by the field classifier (src/classify) and cached, since a logger sees the same
 * few hundred keys over and over.
 */
import { classifyField } from '../classify/index.js';
import { InvalidArgumentError } from '../errors.js';
import { findKind } from '../kinds/registry.js';
import type { Kind } from '../kinds/types.js';

/** Below this the classifier is guessing; content scanning still applies to the value. */
const MIN_NAME_CONFIDENCE = 0.8;
/** Keys are usually a small fixed set; a logger fed dynamic keys must not grow without bound. */
const CACHE_LIMIT = 4096;

const cache = new Map<string, Kind | null>();

/**
 * The kind a field name announces, or null: the classifier must name a kind, give it a class
 * (not a column that is not personal data, such as a branch's address) and be sure of it.
 */
export function kindOfFieldName(name: string): Kind | null {
  let kind = cache.get(name);
  if (kind !== undefined) return kind;
  kind = null;
  try {
    const c = classifyField(name);
    if (c.kind !== null && c.level !== null && c.confidence >= MIN_NAME_CONFIDENCE) kind = findKind(c.kind) ?? null;
  } catch {
    // A classifier failure must not stop logging: the value is still scanned by content.
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, kind);
  return kind;
}

/**
 * Caller overrides: field name → kind id, or null for "never mask by name" (`{ orderNo: null }`
 * keeps order numbers readable even if the classifier calls them transaction data).
 */
export function compileFieldOverrides(overrides: Readonly<Record<string, string | null>> | undefined): ReadonlyMap<string, Kind | null> {
  const map = new Map<string, Kind | null>();
  if (overrides === undefined) return map;
  if (typeof overrides !== 'object' || overrides === null) throw new InvalidArgumentError('fieldKinds must be an object of field name → kind id or null');
  for (const [name, id] of Object.entries(overrides)) {
    if (id === null) {
      map.set(name, null);
      continue;
    }
    const kind = typeof id === 'string' ? findKind(id) : undefined;
    // Neither the name nor the id is echoed: either may be a value put there by mistake.
    if (kind === undefined) throw new InvalidArgumentError('fieldKinds maps a field to something that is not a kind id');
    map.set(name, kind);
  }
  return map;
}
