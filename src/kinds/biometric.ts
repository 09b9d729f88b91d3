/**
 * Biometric template used for authentication (生物识别信息): fingerprint minutiae, face or iris
 * templates, stored as base64 or hex. Standard records announce themselves with a four-byte
 * format identifier — ISO/IEC 19794-2 / ANSI INCITS 378 `FMR\0`, ISO/IEC 19794-5 `FAC\0`,
 * ISO/IEC 19794-6 `IIR\0` — so only the start of a value is inspected, however long it is.
 * Vendor-proprietary templates are opaque blobs: only the field name can classify them.
 */
import { toBase64 } from '../encoding.js';
import { AUTHENTICATION_MASKS } from './masks.js';
import { intBetween, uniformInt } from './rng.js';
import { NOT_DETECTED } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

/**
 * Base64 and hex spellings of the format identifiers (`FMR\0` -> `Rk1SA`, `464d5200`); the
 * fifth base64 character is `A` because the fourth byte is 0.
 */
const TEMPLATE_PREFIXES = [/^Rk1SA/, /^RkFDA/, /^SUlSA/, /^464d5200/i, /^46414300/i, /^49495200/i];
const BLOB = /^[A-Za-z0-9+/_=-]{16,}$/;

function detect(value: string): Detection {
  if (typeof value !== 'string') return NOT_DETECTED;
  // Templates are hundreds of bytes: look at the first characters only.
  const head = value.slice(0, 96).trimStart();
  if (!TEMPLATE_PREFIXES.some((p) => p.test(head)) || !BLOB.test(head.slice(0, 32))) return NOT_DETECTED;
  return { valid: true, confidence: 0.85 };
}

/** Trimmed only: a template's encoding is its content. */
function normalize(value: string): string {
  return String(value).trim();
}

/**
 * A base64 ISO/IEC 19794-2:2005 finger minutiae record with random minutiae: header
 * (`FMR\0`, version ` 20\0`, record length, capture device, image size and resolution, one
 * finger view), 20-40 minutiae of 6 bytes each, no extended data. `like` is ignored.
 */
function generate(rng: Rng, _like?: string): string {
  const minutiae = intBetween(rng, 20, 40);
  const length = 24 + 4 + 6 * minutiae + 2;
  const record = new Uint8Array(length);
  const view = new DataView(record.buffer);
  record.set([0x46, 0x4d, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00]); // "FMR\0", " 20\0"
  view.setUint32(8, length);
  view.setUint16(14, 500); // image width (pixels)
  view.setUint16(16, 500); // image height
  view.setUint16(18, 197); // 500 dpi = 197 pixels per cm, horizontally
  view.setUint16(20, 197); // and vertically
  record[22] = 1; // one finger view
  record[24] = intBetween(rng, 1, 10); // finger position (1 = right thumb ... 10 = left little)
  record[26] = intBetween(rng, 40, 100); // finger quality
  record[27] = minutiae;
  for (let i = 0, o = 28; i < minutiae; i++, o += 6) {
    // Type (2 bits) and x (14 bits), reserved (2 bits) and y (14 bits), angle, quality.
    view.setUint16(o, ((1 + uniformInt(rng, 2)) << 14) | uniformInt(rng, 500));
    view.setUint16(o + 2, uniformInt(rng, 500));
    record[o + 4] = uniformInt(rng, 256);
    record[o + 5] = intBetween(rng, 1, 100);
  }
  return toBase64(record);
}

/**
 * Biometric template used for authentication.
 *
 * JR/T 0171-2020 class **C3** (biometric): "biometrics used for authentication" —
 * REQUIREMENTS.md "Classification", seed 004 分类 (1). KYC photos, audio and video that are
 * not used to authenticate are C2 (seed 004 分类 (2)): a different kind of field.
 */
export const biometric: Kind = {
  id: 'biometric',
  title: { en: 'Biometric template (authentication)', zh: '生物识别信息（用于鉴别）' },
  category: 'biometric',
  level: 'C3',
  evidence: {
    names: [
      'biometric', 'biometrics', 'biotemplate', 'biometrictemplate', 'fingerprint', 'fingerprinttemplate',
      'fingerfeature', 'fingerdata', 'facetemplate', 'facefeature', 'faceembedding', 'facevector',
      'irisdata', 'iristemplate', 'voiceprint', 'voiceprinttemplate', 'palmprint', 'palmvein',
      'fingervein', 'zwtz', 'zwmb', 'zwxx', 'rltz', 'rlmb', 'rltzm', 'hmtz', 'swtz', 'swsb',
      '指纹', '指纹特征', '指纹模板', '人脸特征', '人脸模板', '人脸特征值', '虹膜', '虹膜特征', '声纹',
      '声纹特征', '掌纹', '掌静脉', '指静脉', '生物特征', '生物识别信息',
    ],
    ambiguous: [
      { token: 'zw', note: '指纹 (fingerprint) or 职务 / 中文' },
      { token: 'face', note: 'a face template (C3) or a KYC face photo (C2)' },
    ],
  },
  detect,
  normalize,
  masks: AUTHENTICATION_MASKS,
  generate,
};
