export { FieldCipher } from './field-cipher.js';
export type { BlindIndexOptions, CipherStats, ContextOptions, DecryptOptions, EncryptOptions } from './field-cipher.js';
export { isEnvelope, parseEnvelope, TEXT_PREFIX as ENVELOPE_TEXT_PREFIX } from './format.js';
export type { Algorithm, EnvelopeHeader, ValueType } from './format.js';
export { decryptLegacySm4 } from './legacy.js';
export type { LegacySm4Options } from './legacy.js';
export type { FieldValue, JsonValue } from './value-codec.js';
