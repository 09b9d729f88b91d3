/**
 * The PKCS#11 numbers this entry uses, from the OASIS PKCS#11 Cryptographic Token Interface
 * Base Specification v2.40 header `pkcs11t.h` (unchanged in v3.0 / v3.1). Spelled out here
 * rather than read from the binding so that the logic does not depend on which binding is
 * installed; test/pkcs11/constants.test.ts checks every value against pkcs11js.
 */

/** Object classes (CKO_*). */
export const CKO_SECRET_KEY = 0x4;

/** Key types (CKK_*). */
export const CKK_GENERIC_SECRET = 0x10;
export const CKK_AES = 0x1f;

/** Attributes (CKA_*). */
export const CKA_CLASS = 0x0;
export const CKA_TOKEN = 0x1;
export const CKA_PRIVATE = 0x2;
export const CKA_LABEL = 0x3;
export const CKA_VALUE = 0x11;
export const CKA_KEY_TYPE = 0x100;
export const CKA_ID = 0x102;
export const CKA_SENSITIVE = 0x103;
export const CKA_ENCRYPT = 0x104;
export const CKA_DECRYPT = 0x105;
export const CKA_WRAP = 0x106;
export const CKA_UNWRAP = 0x107;
export const CKA_SIGN = 0x108;
export const CKA_VERIFY = 0x10a;
export const CKA_DERIVE = 0x10c;
export const CKA_VALUE_LEN = 0x161;
export const CKA_EXTRACTABLE = 0x162;

/** Mechanisms (CKM_*). */
export const CKM_AES_KEY_GEN = 0x1080;
export const CKM_AES_CBC = 0x1082;
export const CKM_AES_GCM = 0x1087;
export const CKM_AES_KEY_WRAP_PAD = 0x210a;
export const CKM_VENDOR_DEFINED = 0x80000000;

/** Mechanism info flags (CKF_* in CK_MECHANISM_INFO). */
export const CKF_ENCRYPT = 0x100;
export const CKF_DECRYPT = 0x200;
export const CKF_GENERATE = 0x8000;
export const CKF_WRAP = 0x20000;
export const CKF_UNWRAP = 0x40000;

/** Token info flags (CKF_* in CK_TOKEN_INFO). */
export const CKF_USER_PIN_INITIALIZED = 0x8;
export const CKF_TOKEN_INITIALIZED = 0x400;

/** Session flags and C_Initialize flags. */
export const CKF_RW_SESSION = 0x2;
export const CKF_SERIAL_SESSION = 0x4;
export const CKF_OS_LOCKING_OK = 0x2;

/** User types. */
export const CKU_USER = 1;

/** Return values (CKR_*) that change what the provider does. */
export const CKR_GENERAL_ERROR = 0x5;
export const CKR_DEVICE_ERROR = 0x30;
export const CKR_DEVICE_REMOVED = 0x32;
export const CKR_ENCRYPTED_DATA_INVALID = 0x40;
export const CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
export const CKR_KEY_HANDLE_INVALID = 0x60;
export const CKR_KEY_TYPE_INCONSISTENT = 0x63;
export const CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
export const CKR_MECHANISM_INVALID = 0x70;
export const CKR_MECHANISM_PARAM_INVALID = 0x71;
export const CKR_OBJECT_HANDLE_INVALID = 0x82;
export const CKR_PIN_INCORRECT = 0xa0;
export const CKR_PIN_INVALID = 0xa1;
export const CKR_PIN_LEN_RANGE = 0xa2;
export const CKR_PIN_EXPIRED = 0xa3;
export const CKR_PIN_LOCKED = 0xa4;
export const CKR_SESSION_CLOSED = 0xb0;
export const CKR_SESSION_HANDLE_INVALID = 0xb3;
export const CKR_TOKEN_NOT_PRESENT = 0xe0;
export const CKR_TOKEN_NOT_RECOGNIZED = 0xe1;
export const CKR_USER_ALREADY_LOGGED_IN = 0x100;
export const CKR_USER_NOT_LOGGED_IN = 0x101;
export const CKR_USER_PIN_NOT_INITIALIZED = 0x102;
export const CKR_WRAPPED_KEY_INVALID = 0x110;
export const CKR_WRAPPED_KEY_LEN_RANGE = 0x112;
export const CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
export const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

/**
 * Return values after which the sessions, the login or the object handles may be gone: the
 * token was reset, removed and re-inserted, or the library was finalized under us. The
 * provider then reopens a session, logs in again, finds the KEK again and retries once.
 */
export const RECONNECT_CODES: ReadonlySet<number> = new Set([
  CKR_DEVICE_ERROR,
  CKR_DEVICE_REMOVED,
  CKR_KEY_HANDLE_INVALID,
  CKR_OBJECT_HANDLE_INVALID,
  CKR_SESSION_CLOSED,
  CKR_SESSION_HANDLE_INVALID,
  CKR_TOKEN_NOT_PRESENT,
  CKR_TOKEN_NOT_RECOGNIZED,
  CKR_USER_NOT_LOGGED_IN,
  CKR_CRYPTOKI_NOT_INITIALIZED,
]);

export const PIN_CODES: ReadonlySet<number> = new Set([
  CKR_PIN_INCORRECT,
  CKR_PIN_INVALID,
  CKR_PIN_LEN_RANGE,
  CKR_PIN_EXPIRED,
  CKR_PIN_LOCKED,
  CKR_USER_PIN_NOT_INITIALIZED,
]);

export const MECHANISM_CODES: ReadonlySet<number> = new Set([
  CKR_MECHANISM_INVALID,
  CKR_MECHANISM_PARAM_INVALID,
  CKR_KEY_TYPE_INCONSISTENT,
  CKR_KEY_FUNCTION_NOT_PERMITTED,
]);
