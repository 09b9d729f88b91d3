/**
 * A synthetic customer table of 30 columns, the shape of a retail bank's customer extract:
 * identity, contact, card, account, e-banking login and transaction columns under English,
 * pinyin and Chinese names, as such extracts mix them. Every sensitive value comes from its
 * kind's generator (valid check digits, real region codes, Luhn-valid cards), drawn from
 * `seededRng`, so the same seed gives the same table: sample data only, never anything secret.
 *
 * `fieldshield demo` and the benchmarks (bench/gen-customers.ts) use it.
 */
import { pick, seededRng, intBetween } from '../kinds/rng.js';
import {
  accountOpening,
  address,
  amount,
  bankCard,
  cardExpiry,
  cnIdCard,
  cnLandline,
  cnMobile,
  customerNumber,
  cvn,
  dateOfBirth,
  email,
  ipAddress,
  licencePlate,
  loginName,
  passport,
  password,
  personName,
  securityAnswer,
  transaction,
  uscc,
} from '../kinds/index.js';
import type { Rng } from '../kinds/types.js';
import { utf8Encode } from '../encoding.js';

const OCCUPATIONS = ['教师', '工程师', '个体经营', '公务员', '医生', '会计', '销售', '退休', '学生', '自由职业'];
const EMPLOYERS = ['华信科技有限公司', '东方物流集团', '市第一人民医院', '明德中学', '长江建设工程有限公司', '个体', '无'];
const BRANCHES = ['北京分行营业部', '上海浦东支行', '广州天河支行', '成都高新支行', '杭州西湖支行', '武汉光谷支行'];
const REMARKS = ['', '', '', '代发工资客户', '优质客户', '已签约手机银行', '曾挂失补卡'];
const RISK = ['R1', 'R2', 'R3', 'R4', 'R5'];

type Column = readonly [name: string, generate: (rng: Rng) => string];

/** The columns in order: name and generator. */
const COLUMNS: readonly Column[] = [
  ['customer_no', (r) => customerNumber.generate(r)],
  ['cust_name', (r) => personName.generate(r)],
  ['gender', (r) => pick(r, ['男', '女'])],
  ['id_type', () => '01'],
  ['id_no', (r) => cnIdCard.generate(r)],
  ['birth_date', (r) => dateOfBirth.generate(r)],
  ['mobile', (r) => cnMobile.generate(r)],
  ['home_phone', (r) => cnLandline.generate(r)],
  ['email', (r) => email.generate(r)],
  ['home_address', (r) => address.generate(r)],
  ['occupation', (r) => pick(r, OCCUPATIONS)],
  ['employer', (r) => pick(r, EMPLOYERS)],
  ['annual_income', (r) => amount.generate(r)],
  ['card_no', (r) => bankCard.generate(r)],
  ['card_expiry', (r) => cardExpiry.generate(r)],
  ['cvv2', (r) => cvn.generate(r)],
  ['balance', (r) => amount.generate(r)],
  ['open_date', (r) => accountOpening.generate(r)],
  ['开户网点', (r) => pick(r, BRANCHES)],
  ['login_name', (r) => loginName.generate(r)],
  ['login_pwd', (r) => password.generate(r)],
  ['passport_no', (r) => passport.generate(r)],
  ['plate_no', (r) => licencePlate.generate(r)],
  ['last_login_ip', (r) => ipAddress.generate(r)],
  ['last_txn_no', (r) => transaction.generate(r)],
  ['last_txn_amt', (r) => amount.generate(r)],
  ['security_answer', (r) => securityAnswer.generate(r)],
  ['risk_level', (r) => pick(r, RISK)],
  ['employer_uscc', (r) => uscc.generate(r)],
  ['备注', (r) => pick(r, REMARKS)],
];

/** Column names of the customer table. */
export const CUSTOMER_COLUMNS: readonly string[] = COLUMNS.map((c) => c[0]);

/** A reproducible stream of customer rows (values in {@link CUSTOMER_COLUMNS} order). */
export class CustomerGenerator {
  private readonly rng: Rng;

  constructor(seed: string | Uint8Array = 'fieldshield-demo') {
    this.rng = seededRng(typeof seed === 'string' ? utf8Encode(seed) : seed);
  }

  /** The next row. Many customers have no passport or car: those cells are empty, as in real extracts. */
  next(): string[] {
    const row = COLUMNS.map(([, gen]) => gen(this.rng));
    if (intBetween(this.rng, 0, 19) === 0) row[CUSTOMER_COLUMNS.indexOf('passport_no')] = '';
    if (intBetween(this.rng, 0, 9) < 6) row[CUSTOMER_COLUMNS.indexOf('plate_no')] = '';
    return row;
  }
}
