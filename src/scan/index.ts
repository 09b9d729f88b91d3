/**
 * Sensitive values in free text and logs: find them (`scanText`), mask them (`redactText`),
 * and protect whole log records by content and field name (`protectLogRecord`). Portable: runs
 * in browsers, Deno and Bun as well as Node.
 */
export type { Finding, ScanKind, ScanOptions } from './types.js';
export { SCAN_KINDS } from './types.js';
export { DEFAULT_MIN_CONFIDENCE, redactText, scanText, type RedactOptions, type Replacement } from './scan.js';
export { LogProtector, protectLogRecord, redactJsonText, type ProtectOptions } from './record.js';
