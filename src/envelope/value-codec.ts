/**
 * Field values to plaintext bytes and back, with a type tag so types round-trip:
 * string (UTF-8), bytes, number (IEEE-754 float64, big-endian), bigint (decimal ASCII),
 * date (float64 milliseconds since the epoch), JSON (UTF-8 of JSON.stringify), boolean (1 byte).
 */
import { utf8Decode, utf8Encode } from '../encoding.js';
import { EnvelopeFormatError, InvalidArgumentError } from '../errors.js';
import { VALUE_TYPES, type ValueType } from './format.js';

/** JSON-compatible values (objects and arrays are stored as JSON text). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Everything FieldCipher encrypts. */
export type FieldValue = string | number | bigint | boolean | Date | Uint8Array | JsonValue;

export const TYPE_STRING = 0;
export const TYPE_BYTES = 1;
export const TYPE_NUMBER = 2;
export const TYPE_BIGINT = 3;
export const TYPE_DATE = 4;
export const TYPE_JSON = 5;
export const TYPE_BOOLEAN = 6;

function float64Bytes(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, n, false);
  return out;
}

/** Returns [type code, plaintext bytes]. Throws InvalidArgumentError naming only the type. */
export function encodeValue(value: FieldValue): [number, Uint8Array] {
  switch (typeof value) {
    case 'string':
      return [TYPE_STRING, utf8Encode(value)];
    case 'number':
      return [TYPE_NUMBER, float64Bytes(value)];
    case 'bigint':
      return [TYPE_BIGINT, utf8Encode(value.toString(10))];
    case 'boolean':
      return [TYPE_BOOLEAN, Uint8Array.of(value ? 1 : 0)];
    case 'object':
      if (value instanceof Uint8Array) return [TYPE_BYTES, value];
      if (value instanceof Date) {
        const t = value.getTime();
        if (Number.isNaN(t)) throw new InvalidArgumentError('cannot encrypt an invalid Date');
        return [TYPE_DATE, float64Bytes(t)];
      }
      // null, arrays and plain objects
      return [TYPE_JSON, utf8Encode(JSON.stringify(value))];
    default:
      throw new InvalidArgumentError(`cannot encrypt a value of type ${typeof value}`);
  }
}

function bad(type: number): never {
  throw new EnvelopeFormatError(`decrypted payload does not fit its value type ${VALUE_TYPES[type] ?? type}`);
}

/** Inverse of {@link encodeValue}. Only called on authenticated plaintext. */
export function decodeValue(type: number, bytes: Uint8Array): FieldValue {
  switch (type) {
    case TYPE_STRING:
      return utf8Decode(bytes);
    case TYPE_BYTES:
      return bytes;
    case TYPE_NUMBER:
    case TYPE_DATE: {
      if (bytes.length !== 8) bad(type);
      const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, false);
      return type === TYPE_NUMBER ? n : new Date(n);
    }
    case TYPE_BIGINT: {
      const s = utf8Decode(bytes);
      if (!/^-?\d+$/.test(s)) bad(type);
      return BigInt(s);
    }
    case TYPE_JSON:
      try {
        return JSON.parse(utf8Decode(bytes)) as JsonValue;
      } catch {
        return bad(type);
      }
    case TYPE_BOOLEAN:
      if (bytes.length !== 1 || bytes[0] > 1) bad(type);
      return bytes[0] === 1;
    default:
      return bad(type);
  }
}

export type { ValueType };
