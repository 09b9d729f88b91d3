/**
 * Kinds of sensitive data: the registry, every built-in kind, the random sources their
 * generators draw from, and the check-character functions they are built on.
 */
export type { Category, Detection, Kind, Level, NameEvidence, Rng } from './types.js';
export {
  kinds,
  getKind,
  findKind,
  allKinds,
  defineKind,
  findKindsByName,
  canonicalFieldName,
  type NameMatch,
} from './registry.js';
export { cryptoRng, seededRng } from './rng.js';
export {
  luhnCheckDigit,
  isLuhnValid,
  idCardCheckChar,
  usccCheckChar,
  orgCodeCheckChar,
  hkidCheckChar,
  taiwanIdCheckDigit,
} from './checksums.js';
export { parseRegionPrefix, type RegionPrefix } from './address-parser.js';
export { cnIdCard } from './cn-id-card.js';
export { bankCard } from './bank-card.js';
export { cnMobile } from './cn-mobile.js';
export { cnLandline } from './cn-landline.js';
export { personName } from './person-name.js';
export { address } from './address.js';
export { email } from './email.js';
export { passport } from './passport.js';
export { hkMacauId } from './hk-macau-id.js';
export { taiwanId } from './taiwan-id.js';
export { travelPermit } from './travel-permit.js';
export { uscc } from './uscc.js';
export { licencePlate } from './licence-plate.js';
export { ipAddress } from './ip-address.js';
export { dateOfBirth } from './date-of-birth.js';
export { amount } from './amount.js';
export { transaction } from './transaction.js';
export { password } from './password.js';
export { cvn } from './cvn.js';
export { cardExpiry } from './card-expiry.js';
export { cardTrack } from './card-track.js';
export { smsCode } from './sms-code.js';
export { securityAnswer } from './security-answer.js';
export { biometric } from './biometric.js';
export { loginName } from './login-name.js';
export { accountOpening } from './account-opening.js';
export { customerNumber } from './customer-number.js';
