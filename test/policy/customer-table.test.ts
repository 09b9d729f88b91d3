/**
 * End to end: a generated 30-column customer table protected for every scene. Three rows are
 * asserted exactly; their expected outputs were reviewed by hand and are reproduced in
 * docs/POLICY.md ("Hand-checked rows"): ID check digits (ISO 7064 MOD 11-2) and card Luhn
 * digits of the pseudonyms were recomputed independently, kept parts (region and birth year,
 * BIN, carrier prefix, e-mail domain, province and city) compared character by character.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isEnvelope } from '../../src/envelope/index.js';
import type { Keyring } from '../../src/keys/index.js';
import { getKind } from '../../src/kinds/index.js';
import { createProtector, type Protector } from '../../src/policy/index.js';
import { testKeyring } from '../helpers/keyring.js';
import { COLUMNS, customerTable, CUSTOMER_POLICY_YAML, KIND_COLUMNS, PLAIN_COLUMNS, SENSITIVE_COLUMNS } from './customer-table.js';

let keyring: Keyring;
let protector: Protector;
const PSEUDONYM_KEY = new Uint8Array(32).fill(0x42);
const SCENES = ['storage', 'display', 'analytics', 'log', 'devtest', 'share'] as const;

beforeAll(async () => {
  ({ keyring } = await testKeyring());
  protector = createProtector({ keyring, policy: CUSTOMER_POLICY_YAML, pseudonymKey: PSEUDONYM_KEY, onAudit: () => {} });
});

/** [original, display, analytics, log, devtest, share]; undefined = the column is absent. */
type Expected = Record<string, readonly (string | undefined)[]>;

const HAND_CHECKED: readonly Expected[] = [
  {
    cust_name: ['高雨鑫', '高**', '高**', '高**', '韦军', '高**'],
    id_no: ['460322197606298924', '460322********8924', '460322******298924', '460322********8924', '460322197607170367', '460322********8924'],
    mobile: ['13330453776', '133****3776', '133****3776', '133****3776', '13371324840', '133****3776'],
    email: ['luoxia@gmail.com', 'l*****@gmail.com', 'l*****@gmail.com', 'l*****@gmail.com', 't1gdh8v6u@gmail.com', 'l*****@gmail.com'],
    home_addr: [
      '重庆市大渡口区环城街154号阳光府10栋3单元1203室',
      '重庆市大渡口区*********************',
      '重庆市大渡口区*********************',
      '重庆市大渡口区*********************',
      '重庆市铜梁区创业街225号金色华庭7栋3单元1305室',
      '重庆市大渡口区*********************',
    ],
    card_no: ['6216625892932437545', '621662*********7545', '621662589293243****', '621662*********7545', '6216620414790578081', '621662*********7545'],
    trade_pwd: ['355161', '******', undefined, '[REDACTED:password]', '******', undefined],
    balance: ['6.03', '******', '[0,1000)', '******', '2.67', '******'],
    last_login_ip: ['36.227.26.51', '36.227.26.51', '36.227.26.51', '36.227.26.51', '36.227.26.51', '36.227.*.*'],
  },
  {
    cust_name: ['邓娟宏', '邓**', '邓**', '邓**', '董思荣', '邓**'],
    id_no: ['430102197509080577', '430102********0577', '430102******080577', '430102********0577', '430102197504128391', '430102********0577'],
    mobile: ['15951023756', '159****3756', '159****3756', '159****3756', '15906583185', '159****3756'],
    email: ['er45eoj0kx1@hotmail.com', 'e**********@hotmail.com', 'e**********@hotmail.com', 'e**********@hotmail.com', 'zw86di@hotmail.com', 'e**********@hotmail.com'],
    card_no: ['6226301712974572', '622630******4572', '622630171297****', '622630******4572', '6226307058939848', '622630******4572'],
    balance: ['75.43', '******', '[0,1000)', '******', '41.41', '******'],
    last_login_ip: [
      '2408:a470:ff24:4903:9f47:7db6:1a12:bfff',
      '2408:a470:ff24:4903:9f47:7db6:1a12:bfff',
      '2408:a470:ff24:4903:9f47:7db6:1a12:bfff',
      '2408:a470:ff24:4903:9f47:7db6:1a12:bfff',
      '2408:a470:ff24:4903:9f47:7db6:1a12:bfff',
      '2408:a470:ff24:*:*:*:*:*',
    ],
  },
  {
    cust_name: ['陈睿子', '陈**', '陈**', '陈**', '郭伟立', '陈**'],
    id_no: ['310112200506203869', '310112********3869', '310112******203869', '310112********3869', '310112200511165019', '310112********3869'],
    home_addr: [
      '陕西省宝鸡市金台区幸福南路484号锦绣花园26栋2单元1406室',
      '陕西省宝鸡市金台区***********************',
      '陕西省宝鸡市金台区***********************',
      '陕西省宝鸡市金台区***********************',
      '陕西省宝鸡市金台区新华东路317号御景府11栋3单元2505室',
      '陕西省宝鸡市金台区***********************',
    ],
    card_no: ['6222084445151189594', '622208*********9594', '622208444515118****', '622208*********9594', '6222085350170157722', '622208*********9594'],
    balance: ['116777.07', '******', '[100000,1000000)', '******', '655887.35', '******'],
  },
];

describe('30-column customer table', () => {
  it('has 30 columns, 8 of them sensitive', () => {
    const [row] = customerTable(1, 1);
    expect(Object.keys(row)).toEqual(COLUMNS);
    expect(COLUMNS).toHaveLength(30);
    expect(SENSITIVE_COLUMNS).toHaveLength(8);
  });

  it('hand-checked rows come out as reviewed in every scene', () => {
    const rows = customerTable(2025, 3);
    HAND_CHECKED.forEach((expected, i) => {
      const row = rows[i];
      const outs = (['display', 'analytics', 'log', 'devtest', 'share'] as const).map((s) => protector.protect(row, s));
      for (const [column, [original, ...perScene]] of Object.entries(expected)) {
        expect(row[column], `row ${i} ${column}`).toBe(original);
        perScene.forEach((want, s) => {
          if (want === undefined) expect(column in outs[s], `row ${i} ${column} scene ${s}`).toBe(false);
          else expect(outs[s][column], `row ${i} ${column} scene ${s}`).toBe(want);
        });
      }
    });
  });

  it('every scene treats every column as the policy says (200 rows)', () => {
    const rows = customerTable(7, 200);
    const kind = (c: string) => getKind(KIND_COLUMNS[c]);
    for (const row of rows) {
      const out = Object.fromEntries(SCENES.map((s) => [s, protector.protect(row, s)]));

      // Ordinary business columns and C1 kinds pass every scene unchanged (but the IP when shared).
      for (const s of SCENES) {
        for (const c of [...PLAIN_COLUMNS, 'cust_no', 'open_date', 'last_login_ip']) {
          if (s === 'share' && c === 'last_login_ip') continue;
          expect(out[s][c], `${s} ${c}`).toBe(row[c]);
        }
      }

      // storage: all 8 encrypted, two blind indexes appended, revealed back exactly.
      for (const c of SENSITIVE_COLUMNS) expect(isEnvelope(out.storage[c]), c).toBe(true);
      expect(Object.keys(out.storage)).toEqual([...COLUMNS, 'id_no_bidx', 'mobile_bidx']);
      expect(out.storage.id_no_bidx).toMatch(/^[0-9a-f]{8}$/);
      const { id_no_bidx, mobile_bidx, ...revealed } = protector.reveal(out.storage, { actor: 'etl', purpose: 'e2e test' });
      expect(revealed).toEqual(row);

      // display / log / share: the kinds' masks; the password fixed, labelled, dropped.
      expect(out.display.id_no).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(out.display.card_no).toMatch(/^\d{6}\*+\d{4}$/);
      expect(out.display.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(out.display.trade_pwd).toBe('******');
      expect(out.display.balance).toBe('******');
      expect(out.log.trade_pwd).toBe('[REDACTED:password]');
      for (const c of ['cust_name', 'id_no', 'mobile', 'email', 'home_addr', 'card_no']) {
        expect(out.log[c]).toBe(out.display[c]);
        expect(out.share[c]).toBe(out.display[c]);
      }
      expect('trade_pwd' in out.share).toBe(false);
      expect(out.share.last_login_ip).toMatch(/\*/);

      // analytics: seed 002's example — ID middle 6 hidden, card last 4 hidden; amounts bucketed.
      expect(out.analytics.id_no).toBe(`${(row.id_no as string).slice(0, 6)}******${(row.id_no as string).slice(12)}`);
      expect(out.analytics.card_no).toBe(`${(row.card_no as string).slice(0, -4)}****`);
      expect(out.analytics.balance).toMatch(/^(\[\d+,\d+\)|>=\d+|<0)$/);
      expect('trade_pwd' in out.analytics).toBe(false);

      // devtest: valid pseudonyms of the same kind, the password a fixed dummy.
      for (const c of SENSITIVE_COLUMNS.filter((x) => x !== 'trade_pwd')) {
        expect(kind(c).detect(out.devtest[c] as string).valid, `devtest ${c}`).toBe(true);
        expect(out.devtest[c]).not.toBe(row[c]);
      }
      expect(out.devtest.trade_pwd).toBe('******');
    }
  });

  it('the built-in policy, classifying the columns by name, protects the same 8 columns', () => {
    const builtIn = createProtector({ keyring, pseudonymKey: PSEUDONYM_KEY });
    for (const row of customerTable(11, 50)) {
      for (const scene of ['display', 'analytics', 'log', 'share'] as const) {
        const mine = protector.protect(row, scene);
        const theirs = builtIn.protect(row, scene);
        for (const c of SENSITIVE_COLUMNS) expect(theirs[c], `${scene} ${c}`).toBe(mine[c]);
      }
      const stored = builtIn.protect(row, 'storage');
      for (const c of SENSITIVE_COLUMNS) expect(isEnvelope(stored[c]), c).toBe(true);
    }
  });
});
