/**
 * A generated 30-column customer table (个人客户信息表) for the policy tests and benchmarks:
 * 8 sensitive columns (7 C2, 1 C3), 3 C1 columns of known kinds and 19 ordinary business
 * columns. Values come from the kinds' own generators under a seeded random source, so a seed
 * always gives the same rows.
 */
import { getKind, seededRng, type Rng } from '../../src/kinds/index.js';
import { intBetween, pick, randomDigits } from '../../src/kinds/rng.js';

export interface CustomerRow {
  readonly [column: string]: string | number | boolean | null;
}

/** The columns holding a kind, with it (sensitive first). */
export const KIND_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  cust_name: 'person-name',
  id_no: 'cn-id-card',
  mobile: 'cn-mobile',
  email: 'email',
  home_addr: 'address',
  card_no: 'bank-card',
  trade_pwd: 'password',
  balance: 'amount',
  cust_no: 'customer-number',
  open_date: 'account-opening',
  last_login_ip: 'ip-address',
});

/** The 8 sensitive (C2/C3) columns. */
export const SENSITIVE_COLUMNS = Object.freeze(['cust_name', 'id_no', 'mobile', 'email', 'home_addr', 'card_no', 'trade_pwd', 'balance']);

/** Every column, in table order. */
export const COLUMNS = Object.freeze([
  'cust_no', 'cust_name', 'gender', 'id_type', 'id_no', 'nationality', 'mobile', 'email', 'home_addr', 'occupation',
  'card_no', 'trade_pwd', 'balance', 'currency', 'open_date', 'open_branch', 'cust_type', 'risk_level', 'vip_flag', 'status',
  'last_login_ip', 'last_login_time', 'channel', 'manager_no', 'marketing_consent', 'kyc_status', 'created_at', 'updated_at',
  'row_version', 'remark',
]);

/** The business columns that are not personal financial information by themselves. */
export const PLAIN_COLUMNS = Object.freeze(COLUMNS.filter((c) => !(c in KIND_COLUMNS)));

function gen(column: string, rng: Rng): string {
  return getKind(KIND_COLUMNS[column]).generate(rng);
}

function timestamp(rng: Rng, year: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(intBetween(rng, 1, 12))}-${p(intBetween(rng, 1, 28))} ${p(intBetween(rng, 0, 23))}:${p(intBetween(rng, 0, 59))}:${p(intBetween(rng, 0, 59))}`;
}

/** One row; the same `rng` state gives the same row. */
export function customerRow(rng: Rng): Record<string, string | number | boolean | null> {
  const balance = gen('balance', rng);
  return {
    cust_no: gen('cust_no', rng),
    cust_name: gen('cust_name', rng),
    gender: pick(rng, ['M', 'F']),
    id_type: '01',
    id_no: gen('id_no', rng),
    nationality: 'CHN',
    mobile: gen('mobile', rng),
    email: gen('email', rng),
    home_addr: gen('home_addr', rng),
    occupation: pick(rng, ['教师', '工程师', '医生', '个体经营', '公务员', '学生', '退休']),
    card_no: gen('card_no', rng),
    trade_pwd: randomDigits(rng, 6),
    balance,
    currency: 'CNY',
    open_date: `20${intBetween(rng, 10, 23)}-0${intBetween(rng, 1, 9)}-1${intBetween(rng, 0, 9)}`,
    open_branch: `0${randomDigits(rng, 8)}`,
    cust_type: pick(rng, ['RETAIL', 'PRIVATE_BANKING']),
    risk_level: pick(rng, ['R1', 'R2', 'R3', 'R4', 'R5']),
    vip_flag: pick(rng, [true, false]),
    status: pick(rng, ['ACTIVE', 'DORMANT', 'FROZEN']),
    last_login_ip: gen('last_login_ip', rng),
    last_login_time: timestamp(rng, 2024),
    channel: pick(rng, ['MOBILE', 'COUNTER', 'WEB', 'ATM']),
    manager_no: `E${randomDigits(rng, 5)}`,
    marketing_consent: pick(rng, [true, false]),
    kyc_status: pick(rng, ['PASSED', 'PENDING', null]),
    created_at: timestamp(rng, 2019),
    updated_at: timestamp(rng, 2024),
    row_version: intBetween(rng, 1, 40),
    remark: pick(rng, ['', '老客户', '代发工资客户', null]),
  };
}

/** `n` rows from a seed. */
export function customerTable(seed: number, n: number): Record<string, string | number | boolean | null>[] {
  const rng = seededRng(Uint8Array.of(seed & 0xff, (seed >>> 8) & 0xff, 0x5a));
  return Array.from({ length: n }, () => customerRow(rng));
}

/**
 * The bank's policy for this table, as a reviewer would write it: every column declared (so
 * `unknownFields: reject` catches a column added without review), storage with a blind index
 * on the ID number and the mobile, everything else from the built-in scene table.
 */
export const CUSTOMER_POLICY_YAML = `
version: 1
context: t_customer
unknownFields: reject
rules:
  - path: cust_name
    kind: person-name
  - path: id_no
    kind: cn-id-card
    storage: { action: encrypt, blindIndex: { into: "{key}_bidx", bits: 32 } }
  - path: mobile
    kind: cn-mobile
    storage: { action: encrypt, blindIndex: { into: "{key}_bidx", bits: 32 } }
  - path: email
    kind: email
  - path: home_addr
    kind: address
  - path: card_no
    kind: bank-card
  - path: trade_pwd
    kind: password
  - path: balance
    kind: amount
  - path: cust_no
    kind: customer-number
  - path: open_date
    kind: account-opening
  - path: last_login_ip
    kind: ip-address
  - path: [${PLAIN_COLUMNS.join(', ')}]
    class: C1
`;
