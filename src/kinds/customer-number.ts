/**
 * Customer number (客户号 / 客户编号 / ECIF 号): the identifier a bank assigns to a customer in
 * its customer information file. Internal codes of 8-20 letters and digits; their format is
 * each bank's own, so content detection is weak and the field name carries the evidence.
 */
import { randomChars, randomDigits, uniformInt } from './rng.js';
import { NOT_DETECTED, normalizeNumberLike, prepare } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

const CUSTOMER_NUMBER = /^[A-Za-z0-9]{8,20}$/;

function normalize(value: string): string {
  return normalizeNumberLike(value);
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const n = normalize(s);
  if (!CUSTOMER_NUMBER.test(n) || n.replace(/[^0-9]/g, '').length < 6) return NOT_DETECTED;
  return { valid: true, confidence: 0.1 };
}

/**
 * A customer number of the same shape as `like` (same length, letters where it has letters,
 * digits where it has digits, so internal format checks keep passing); without `like`, 12
 * digits not starting with 0.
 */
function generate(rng: Rng, like?: string): string {
  const n = like === undefined ? '' : normalize(like);
  if (!CUSTOMER_NUMBER.test(n) || n.replace(/[^0-9]/g, '').length < 6) {
    return String(1 + uniformInt(rng, 9)) + randomDigits(rng, 11);
  }
  let out = '';
  for (const c of n) {
    if (c >= '0' && c <= '9') out += randomDigits(rng, 1);
    else out += randomChars(rng, c >= 'a' ? 'abcdefghijklmnopqrstuvwxyz' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1);
  }
  return out;
}

/**
 * Customer number.
 *
 * JR/T 0171-2020 class **C1** (account). REQUIREMENTS.md "Classification" puts in C2 "payment
 * account numbers and equivalents" and "account login user names": identifiers with which a
 * customer pays or signs in. A customer number is neither — the customer cannot pay or
 * authenticate with it, and outside the bank it identifies no one — so it falls under C1 as
 * "other personal financial information not in C2/C3" (seed 004 分类 (3)), like the opening
 * branch. Next to a name or ID number it links records to a person; the record classifier's
 * combination rules raise such records, not this kind.
 */
export const customerNumber: Kind = {
  id: 'customer-number',
  title: { en: 'Customer number', zh: '客户号' },
  category: 'account',
  level: 'C1',
  evidence: {
    names: [
      'custno', 'custnbr', 'custnum', 'custid', 'custcode', 'customerno', 'customernumber', 'customerid',
      'customercode', 'clientno', 'clientid', 'cifno', 'cifid', 'cifnum', 'ecifno', 'ecifid', 'ecifnum',
      'partyid', 'partyno', 'khbh', 'khdm', 'khid', 'kehuhao',
      '客户号', '客户编号', '客户代码', '客户编码', '客户id', 'ecif号', '客户内码', '客户标识',
    ],
    ambiguous: [
      { token: 'khh', note: '客户号 (customer number) or 开户行 (opening bank)' },
      { token: 'kh', note: '客户 (customer) or 卡号 (card number)' },
      { token: 'cust', note: 'a prefix: cust_no, cust_name, cust_id_no ... name the field, not this token' },
    ],
  },
  detect,
  normalize,
  masks: {},
  generate,
};
