/**
 * Electronic Codebook (NIST SP 800-38A §6.1) with PKCS#7 padding. ECB leaks equal blocks and
 * has no integrity: it exists only to read (and, for tests and interop, write) the legacy
 * SM4-ECB field formats produced by sm-crypto's default mode and many bank systems.
 */
import { InvalidArgumentError } from '../errors.js';
import { pkcs7PadLength, pkcs7PaddedLength, writePkcs7Padding } from './padding.js';
import { assertBytes, type BlockCipher128 } from './utils.js';

export class Ecb {
  private readonly cipher: BlockCipher128;
  /** Last plaintext block on decryption, held until its padding is known; zeroed after use. */
  private readonly last = new Uint8Array(16);

  constructor(cipher: BlockCipher128) {
    this.cipher = cipher;
  }

  /** PKCS#7-pads and encrypts each block independently. */
  encrypt(plaintext: Uint8Array): Uint8Array {
    assertBytes(plaintext, 'plaintext');
    const n = plaintext.length;
    const out = new Uint8Array(pkcs7PaddedLength(n));
    out.set(plaintext);
    writePkcs7Padding(out, n - (n % 16), n);
    const cipher = this.cipher;
    for (let o = 0; o < out.length; o += 16) cipher.encryptBlock(out, o, out, o);
    return out;
  }

  /** Decrypts and strips PKCS#7 padding; throws PaddingError when the padding is malformed. */
  decrypt(ciphertext: Uint8Array): Uint8Array {
    assertBytes(ciphertext, 'ciphertext');
    const n = ciphertext.length;
    if (n === 0 || n % 16 !== 0) {
      throw new InvalidArgumentError(`ECB ciphertext must be a non-zero multiple of 16 bytes, got ${n}`);
    }
    const cipher = this.cipher;
    const last = this.last;
    const lastOff = n - 16;
    // The final block first, so the output is allocated at its exact length.
    cipher.decryptBlock(ciphertext, lastOff, last, 0);
    let pad: number;
    try {
      pad = pkcs7PadLength(last, 0);
    } catch (error) {
      last.fill(0);
      throw error;
    }
    const out = new Uint8Array(n - pad);
    for (let o = 0; o < lastOff; o += 16) cipher.decryptBlock(ciphertext, o, out, o);
    for (let i = 0; i < 16 - pad; i++) out[lastOff + i] = last[i];
    last.fill(0);
    return out;
  }
}
