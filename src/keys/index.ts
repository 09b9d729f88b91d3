export { DEFAULT_USAGE_LIMIT, Keyring } from './keyring.js';
export type { KeyInfo, KeyringDocument, KeyringOptions, KeyState, RetireOptions } from './keyring.js';
export { CallbackKeyProvider, LocalKeyProvider } from './provider.js';
export type { CallbackKeyProviderOptions, KeyProvider, WrapContext } from './provider.js';
