/**
 * Issue 5: the classifier's throughput. `classifyDataset` over a 30-column synthetic customer
 * table (values from the kinds' own generators) with the default sampling — a uniform
 * reservoir of 200 values per column, each cut to 256 characters — and `classifyField` on a
 * column name plus 200 samples. There is no peer library to compare with; the target is
 * absolute (>= 100,000 rows/s), so the dataset case reports rows/s in its row label.
 */
import { classifyDataset, classifyField, classifySchema } from '../../src/classify/index.js';
import { getKind, seededRng } from '../../src/kinds/index.js';
import type { Rng } from '../../src/kinds/types.js';
import type { BenchSuite } from '../harness.js';

/** Rows per dataset operation. */
export const DATASET_ROWS = 50_000;
/** Distinct rows generated (the dataset repeats them: sampling cost does not depend on repeats). */
const DISTINCT_ROWS = 5_000;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.nextUint32() % xs.length];
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.nextUint32() % 16];
  return s;
}

/** A 30-column customer table: 19 columns of kinds, 11 operational columns. */
export function customerRows(count: number, seed = 'fieldshield-bench'): Record<string, unknown>[] {
  const rng = seededRng(new TextEncoder().encode(seed));
  const g = (kind: string) => getKind(kind).generate(rng);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      cust_no: g('customer-number'),
      cust_name: g('person-name'),
      id_type: '01',
      id_no: g('cn-id-card'),
      id_expiry: `20${30 + (rng.nextUint32() % 10)}-0${1 + (rng.nextUint32() % 9)}-1${rng.nextUint32() % 10}`,
      gender: pick(rng, ['1', '2']),
      birth_date: g('date-of-birth'),
      nationality: 'CHN',
      mobile: g('cn-mobile'),
      home_tel: g('cn-landline'),
      email: g('email'),
      home_addr: g('address'),
      postcode: String(100000 + (rng.nextUint32() % 800000)),
      occupation: pick(rng, ['10000', '20000', '30000', '40000']),
      employer: pick(rng, ['北京某某科技有限公司', '上海某某贸易有限公司', '个体经营']),
      annual_income: g('amount'),
      card_no: g('bank-card'),
      acct_no: g('bank-card'),
      acct_bal: g('amount'),
      open_date: g('account-opening'),
      open_branch: pick(rng, ['北京朝阳支行', '上海浦东支行', '深圳南山支行']),
      login_name: g('login-name'),
      login_pwd_hash: hex(rng, 64),
      last_login_ip: g('ip-address'),
      device_id: `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`,
      risk_level: pick(rng, ['R1', 'R2', 'R3', 'R4', 'R5']),
      cust_level: pick(rng, ['普通', '金卡', '白金', '钻石']),
      status: pick(rng, ['0', '1']),
      create_time: `2024-0${1 + (rng.nextUint32() % 9)}-1${rng.nextUint32() % 10} 1${rng.nextUint32() % 10}:2${rng.nextUint32() % 10}:00`,
      remark: pick(rng, ['', null, '客户要求寄送纸质账单', '已核实']),
    });
  }
  return rows;
}

const DDL = `CREATE TABLE t_grkhxx (
  khh VARCHAR(20) COMMENT '客户号', khxm VARCHAR(60) COMMENT '客户姓名', zjhm VARCHAR(32) COMMENT '证件号码',
  sjhm VARCHAR(20) COMMENT '手机号码', jtdz VARCHAR(200) COMMENT '家庭地址', ysr DECIMAL(18,2) COMMENT '月收入',
  zt CHAR(1) COMMENT '状态', cjsj DATETIME COMMENT '创建时间'
) COMMENT='个人客户基本信息表';`;

export function classifySuites(): BenchSuite[] {
  const distinct = customerRows(DISTINCT_ROWS);
  const rows = Array.from({ length: DATASET_ROWS }, (_, i) => distinct[i % DISTINCT_ROWS]);
  const seed = new TextEncoder().encode('bench');
  const idSamples = customerRows(200, 'samples').map((r) => r.id_no);
  return [
    {
      id: 'classify-dataset',
      title: `classifyDataset: ${DATASET_ROWS.toLocaleString('en')} rows × 30 columns per op (rows/s = ops/s × ${DATASET_ROWS.toLocaleString('en')})`,
      items: DATASET_ROWS,
      minPerSec: { min: 100_000, unit: 'rows/s' },
      cases: [
        {
          name: `fieldshield classifyDataset, default sampling (200 values/column), ${DATASET_ROWS} rows`,
          ours: true,
          how: 'array of row objects; reservoir sampling (Algorithm L), then validators over the samples',
          fn: () => classifyDataset(rows, { seed }),
        },
      ],
    },
    {
      id: 'classify-field-samples',
      title: 'classifyField: a column name and 200 samples (ops/s = columns/s)',
      cases: [
        {
          name: 'fieldshield classifyField("CUST_ID_NO", 200 ID-number samples)',
          ours: true,
          how: 'name read (cached after the first call) + 200 samples through the validators',
          fn: () => classifyField('CUST_ID_NO', idSamples, { table: 't_customer' }),
        },
      ],
    },
    {
      id: 'classify-field-name',
      title: 'classifyField: name only (ops/s = columns/s)',
      cases: [
        {
          name: 'fieldshield classifyField("jkrsfzh"), name only',
          ours: true,
          how: 'pinyin segmentation and lexicon match, cached after the first call (records and datasets repeat names)',
          fn: () => classifyField('jkrsfzh'),
        },
      ],
    },
    {
      id: 'classify-schema',
      title: 'classifySchema: an 8-column MySQL CREATE TABLE (ops/s = tables/s)',
      cases: [
        {
          name: 'fieldshield classifySchema(DDL)',
          ours: true,
          how: 'DDL scan + 8 columns by name, comment and table + combination rules',
          fn: () => classifySchema(DDL),
        },
      ],
    },
  ];
}
