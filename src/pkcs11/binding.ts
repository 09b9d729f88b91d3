/**
 * The native PKCS#11 binding, loaded only when a PKCS#11 provider is opened: `pkcs11js` is an
 * optional peer dependency, so the core package never needs a compiler or a native addon.
 *
 * Only the calls this entry uses are typed here (after pkcs11js 2.x), so the published type
 * declarations do not depend on the binding's own.
 *
 * A vendor library is loaded once per process and path and shared between providers: two
 * providers on the same library must not finalize it under each other, so it is reference
 * counted and finalized when the last provider closes.
 */
import { CKF_OS_LOCKING_OK, CKR_CRYPTOKI_ALREADY_INITIALIZED } from './constants.js';
import { Pkcs11BindingMissingError, Pkcs11LibraryError } from './errors.js';

/** An opaque slot, session or object handle (a Buffer holding a CK_ULONG). */
export type Handle = Buffer;

export interface Attribute {
  readonly type: number;
  readonly value?: number | boolean | string | Buffer;
}

export interface Mechanism {
  readonly mechanism: number;
  readonly parameter?: Buffer | GcmParameter;
}

/** pkcs11js's description of CK_GCM_PARAMS; `type` is one of the binding's CK_PARAMS_* numbers. */
export interface GcmParameter {
  readonly type: number;
  readonly iv: Buffer;
  readonly ivBits?: number;
  readonly aad?: Buffer;
  readonly tagBits: number;
}

export interface TokenInfo {
  readonly label: string;
  readonly flags: number;
}

export interface MechanismInfo {
  readonly flags: number;
}

/** The subset of pkcs11js's `PKCS11` class that the provider calls. */
export interface Pkcs11Module {
  load(path: string): void;
  close(): void;
  C_Initialize(options?: { flags?: number }): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): TokenInfo;
  C_GetMechanismList(slot: Handle): number[];
  C_GetMechanismInfo(slot: Handle, mechanism: number): MechanismInfo;
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_Login(session: Handle, userType: number, pin?: string): void;
  C_FindObjectsInit(session: Handle, template: Attribute[]): void;
  C_FindObjects(session: Handle, maxObjectCount: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(session: Handle, object: Handle, template: Attribute[]): { type: number; value?: Buffer }[];
  C_CreateObject(session: Handle, template: Attribute[]): Handle;
  C_DestroyObject(session: Handle, object: Handle): void;
  C_GenerateKey(session: Handle, mechanism: Mechanism, template: Attribute[]): Handle;
  C_EncryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_EncryptAsync(session: Handle, inData: Buffer, outData: Buffer): Promise<Buffer>;
  C_DecryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_DecryptAsync(session: Handle, inData: Buffer, outData: Buffer): Promise<Buffer>;
  C_WrapKeyAsync(session: Handle, mechanism: Mechanism, wrappingKey: Handle, key: Handle, wrappedKey: Buffer): Promise<Buffer>;
  C_UnwrapKeyAsync(session: Handle, mechanism: Mechanism, unwrappingKey: Handle, wrappedKey: Buffer, template: Attribute[]): Promise<Handle>;
}

/** What the binding module exports that the provider needs. */
export interface Binding {
  readonly PKCS11: new () => Pkcs11Module;
  /** pkcs11js's tag for CK_GCM_PARAMS with ulIvBits (PKCS#11 v2.40 errata, v3.x). */
  readonly CK_PARAMS_GCM: number;
  /** pkcs11js's tag for the older CK_GCM_PARAMS without ulIvBits. */
  readonly CK_PARAMS_AES_GCM: number;
}

const DEFAULT_BINDING = 'pkcs11js';

/**
 * Imports the binding. The specifier is a parameter (not a literal) so bundlers leave the
 * import alone and tests can name a package that is not there.
 */
export async function loadBinding(specifier: string = DEFAULT_BINDING): Promise<Binding> {
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch {
    throw new Pkcs11BindingMissingError(
      `the PKCS#11 binding "${specifier}" is not installed or its native addon did not build: run npm install ${specifier} (it needs a C++ compiler and node-gyp)`,
    );
  }
  // pkcs11js is CommonJS: under ESM its module.exports is `default` (Node's named-export
  // detection finds only some of its names, so the namespace itself is not enough).
  const m = mod as Partial<Binding> & { default?: Partial<Binding> };
  const b = typeof m.default?.PKCS11 === 'function' ? m.default : m;
  if (b === undefined || typeof b.PKCS11 !== 'function' || typeof b.CK_PARAMS_GCM !== 'number' || typeof b.CK_PARAMS_AES_GCM !== 'number') {
    throw new Pkcs11BindingMissingError(`"${specifier}" does not look like the pkcs11js binding (version 2 or later is needed)`);
  }
  return b as Binding;
}

/** One vendor library, loaded and C_Initialize'd once per process. */
export interface LoadedLibrary {
  readonly path: string;
  readonly binding: Binding;
  readonly module: Pkcs11Module;
  refs: number;
  /** True when our C_Initialize did it: only then do we C_Finalize (others may use it too). */
  initializedHere: boolean;
}

const libraries = new Map<string, LoadedLibrary>();
const loading = new Map<string, Promise<LoadedLibrary>>();

/** Loads (or shares) the library at `path` and counts one more user. */
export async function acquireLibrary(path: string, bindingSpecifier?: string): Promise<LoadedLibrary> {
  const key = `${bindingSpecifier ?? DEFAULT_BINDING}\0${path}`;
  const existing = libraries.get(key);
  if (existing) {
    existing.refs++;
    return existing;
  }
  const pending = loading.get(key);
  if (pending === undefined) {
    // Registered before the promise settles, so a caller arriving meanwhile shares this load.
    const load = loadLibrary(path, bindingSpecifier)
      .then((lib) => {
        libraries.set(key, lib);
        return lib;
      })
      .finally(() => loading.delete(key));
    loading.set(key, load);
    return load; // this caller holds the first reference
  }
  const lib = await pending;
  lib.refs++;
  return lib;
}

async function loadLibrary(path: string, bindingSpecifier: string | undefined): Promise<LoadedLibrary> {
  const binding = await loadBinding(bindingSpecifier);
  const module = new binding.PKCS11();
  try {
    module.load(path);
  } catch {
    // The loader's message repeats the path and the OS's reason; the path is configuration,
    // not a secret, so it is named here.
    throw new Pkcs11LibraryError(`cannot load the PKCS#11 library ${path}: no such file, or not a PKCS#11 module for this platform`);
  }
  const lib: LoadedLibrary = { path, binding, module, refs: 1, initializedHere: false };
  try {
    initialize(lib);
  } catch (e) {
    try {
      module.close();
    } catch {
      // Nothing more to release.
    }
    throw e;
  }
  return lib;
}

/**
 * C_Initialize with OS locking: the provider's crypto calls run on libuv's thread pool, so
 * the library must lock for itself. "Already initialized" is success (another user of the
 * same library in this process did it first).
 */
export function initialize(lib: LoadedLibrary): void {
  try {
    lib.module.C_Initialize({ flags: CKF_OS_LOCKING_OK });
    lib.initializedHere = true;
  } catch (e) {
    const code = ckrCode(e);
    if (code === CKR_CRYPTOKI_ALREADY_INITIALIZED) return;
    throw new Pkcs11LibraryError(`C_Initialize of ${lib.path} failed`, ckrName(e));
  }
}

/**
 * Drops one user; the last one finalizes (if this module initialized it: other code in the
 * process may have, and finalizing would end its sessions) and unloads the library. Never throws.
 */
export function releaseLibrary(lib: LoadedLibrary): void {
  lib.refs--;
  if (lib.refs > 0) return;
  for (const [key, l] of libraries) if (l === lib) libraries.delete(key);
  if (lib.initializedHere) {
    try {
      lib.module.C_Finalize();
    } catch {
      // Already finalized (e.g. by another user of the library): nothing to undo.
    }
  }
  try {
    lib.module.close();
  } catch {
    // Unloading is best effort; the process keeps working either way.
  }
}

/** The CK_RV of a binding error, or undefined for anything else (a TypeError, a JS bug). */
export function ckrCode(e: unknown): number | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || !/^CKR_[A-Z0-9_]+$/.test(message)) return undefined;
  return typeof code === 'number' ? code : undefined;
}

/** The CK_RV's name (`CKR_PIN_INCORRECT`): pkcs11js puts exactly that in the message. */
export function ckrName(e: unknown): string | undefined {
  if (ckrCode(e) === undefined) return undefined;
  return (e as { message: string }).message;
}
