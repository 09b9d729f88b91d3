/**
 * Lookup tables keyed by text from outside — field-name tokens, file extensions, codes read from
 * input. An object literal would answer `table['constructor']` (or `toString`, `valueOf`, ...)
 * with a function inherited from Object.prototype, and the caller would take it for an entry
 * (a column named `constructor` once crashed the name classifier this way). A table made here
 * has no prototype, so only its own entries are found; it is frozen, as every such table is a
 * constant.
 */
export function dictionary<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
