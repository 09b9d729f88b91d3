/**
 * fieldshield: field-level protection of personal financial information (个人金融信息).
 * Public surface only: re-exports.
 */
export * from './errors.js';
export { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toHex, utf8Decode, utf8Encode } from './encoding.js';
export * from './gm/index.js';
export * from './keys/index.js';
export * from './envelope/index.js';
export * from './kinds/index.js';
export * from './mask/index.js';
export * from './pseudonym/index.js';
export * from './classify/index.js';
export * from './scan/index.js';
export * from './policy/index.js';
