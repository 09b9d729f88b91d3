/**
 * Per-purpose subkeys of one data key (DEK), derived with HKDF-SM3 so that one leaked subkey
 * (say a blind-index key handed to a search service) reveals nothing about the others:
 *
 *   subkey = HKDF-SM3(ikm = DEK (32 bytes), salt = "fieldshield/v1", info = purpose, length)
 *
 * purposes: "sm4-gcm" (16 bytes), "sm4-siv" (32 bytes), "blind-index/<column>" (32 bytes),
 * "pseudonym" (32 bytes). The keyed objects (SM4 key schedules, GHASH tables, HMAC states)
 * are built once here and reused by every encryption.
 */
import { utf8Encode } from '../encoding.js';
import { Gcm } from '../gm/gcm.js';
import { HmacSm3 } from '../gm/hmac.js';
import { hkdfSm3 } from '../gm/kdf.js';
import { Siv } from '../gm/siv.js';
import { Sm4 } from '../gm/sm4.js';

const SALT = utf8Encode('fieldshield/v1');

/** Size of a data key in bytes. */
export const DEK_BYTES = 32;

export function deriveSubkey(dek: Uint8Array, purpose: string, length: number): Uint8Array {
  return hkdfSm3(dek, { salt: SALT, info: purpose, length });
}

export class KeyMaterial {
  private dek: Uint8Array;
  private gcmCache: Gcm | undefined;
  private sivCache: Siv | undefined;
  /** The SM4 objects built for gcm and siv, destroyed with the material. */
  private readonly ciphers: Sm4[] = [];
  private readonly indexKeys = new Map<string, HmacSm3>();

  constructor(dek: Uint8Array) {
    this.dek = dek;
  }

  /** SM4-GCM under the "sm4-gcm" subkey (built on first use). */
  get gcm(): Gcm {
    if (this.gcmCache === undefined) {
      const sm4 = new Sm4(this.subkey('sm4-gcm', 16));
      this.ciphers.push(sm4);
      this.gcmCache = new Gcm(sm4);
    }
    return this.gcmCache;
  }

  /** SM4-SIV (RFC 5297 construction) under the 32-byte "sm4-siv" subkey: K1 for S2V, K2 for CTR. */
  get siv(): Siv {
    if (this.sivCache === undefined) {
      const k = this.subkey('sm4-siv', 32);
      const mac = new Sm4(k.subarray(0, 16));
      const ctr = new Sm4(k.subarray(16, 32));
      this.ciphers.push(mac, ctr);
      this.sivCache = new Siv(mac, ctr);
      k.fill(0);
    }
    return this.sivCache;
  }

  /** HMAC-SM3 keyed for one column's blind index. */
  blindIndexMac(column: string): HmacSm3 {
    let mac = this.indexKeys.get(column);
    if (mac === undefined) {
      const k = this.subkey('blind-index/' + column, 32);
      mac = new HmacSm3(k);
      k.fill(0);
      this.indexKeys.set(column, mac);
    }
    return mac;
  }

  /** The pseudonym key (32 bytes) of this data key. */
  pseudonymKey(): Uint8Array {
    return this.subkey('pseudonym', 32);
  }

  /** Overwrites the DEK and drops every derived object (best effort in JS). */
  destroy(): void {
    this.dek.fill(0);
    this.dek = new Uint8Array(0);
    for (const mac of this.indexKeys.values()) mac.destroy();
    this.indexKeys.clear();
    // Round keys, GHASH tables and CMAC subkeys are key material too: wiped, not just dropped.
    this.gcmCache?.destroy();
    this.sivCache?.destroy();
    for (const c of this.ciphers) c.destroy();
    this.ciphers.length = 0;
    this.gcmCache = undefined;
    this.sivCache = undefined;
  }

  private subkey(purpose: string, length: number): Uint8Array {
    return deriveSubkey(this.dek, purpose, length);
  }
}
