/**
 * Name evidence: tokenizing, reading English and pinyin into Chinese, the head-final matcher,
 * comments and table context. Names here are written for these tests (the labelled corpus is
 * exercised by evaluation.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyField } from '../../src/classify/index.js';
import { findHead, lexicon } from '../../src/classify/lexicon.js';
import { commentClauses } from '../../src/classify/names.js';
import { dropNoise, splitTokens } from '../../src/classify/reading.js';

const level = (name: string, table?: string, comment?: string) => classifyField(name, undefined, { table, comment }).level;
const concept = (name: string, table?: string, comment?: string) => classifyField(name, undefined, { table, comment }).concept;

describe('tokens', () => {
  it('splits camelCase, snake_case, UPPER_CASE, digits and Chinese', () => {
    const t = (s: string) => splitTokens(s).map((x) => x.text);
    expect(t('custIdNo')).toEqual(['cust', 'id', 'no']);
    expect(t('CUST_ID_NO')).toEqual(['cust', 'id', 'no']);
    expect(t('IDCardNo')).toEqual(['id', 'card', 'no']);
    expect(t('HKIDNo')).toEqual(['hkid', 'no']);
    expect(t('trk3Data')).toEqual(['trk', '3', 'data']);
    expect(t('登录IP地址')).toEqual(['登录', 'ip', '地址']);
    expect(t('ｃｕｓｔ－ｎａｍｅ')).toEqual(['cust', 'name']);
  });

  it('drops naming-convention prefixes but keeps a lone token', () => {
    expect(dropNoise(splitTokens('f_cust_name'), false).map((x) => x.text)).toEqual(['cust', 'name']);
    expect(dropNoise(splitTokens('t_customer'), true).map((x) => x.text)).toEqual(['customer']);
    expect(dropNoise(splitTokens('c'), false).map((x) => x.text)).toEqual(['c']);
  });

  it('never throws and stays bounded on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const r = classifyField(s);
        expect(r.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the head-final matcher', () => {
  const head = (text: string) => findHead(lexicon(), text).head?.alternatives[0].concept;

  it('takes the last concept, past identifier and storage suffixes', () => {
    expect(head('借款人身份证号码')).toBe('cn-id-card');
    expect(head('交易后余额')).toBe('amount');
    expect(head('手机银行登录密码')).toBe('password');
    expect(head('身份证号码密文')).toBe('cn-id-card');
  });

  it('lets a later modifier head win: the time a password changed is a timestamp', () => {
    expect(head('密码修改时间')).toBe('timestamp');
    expect(head('密码错误次数')).toBe('counter');
    expect(head('卡类型')).toBe('code');
  });

  it('prefers the longest entry at the end', () => {
    expect(head('证件有效期')).toBe('personal-basic');
    expect(head('卡片有效期')).toBe('card-expiry');
    expect(head('人脸照片')).toBe('kyc-media');
    expect(head('人脸特征')).toBe('biometric');
  });
});

describe('English names', () => {
  it('matches curated multi-token names, abbreviations folded', () => {
    expect(concept('CUST_ID_NO')).toBe('cn-id-card');
    expect(concept('PSPT_NBR')).toBe('passport');
    expect(concept('mbl_nbr')).toBe('cn-mobile');
    expect(concept('HOME_PHONE_NBR')).toBe('cn-landline');
    expect(concept('trk2Data')).toBe('card-track');
    expect(concept('CRDT_LMT')).toBe('amount');
  });

  it('reads qualifiers and heads it has no curated name for', () => {
    expect(concept('guarantor_cert_no')).toBe('cn-id-card');
    expect(concept('emergency_contact_phone')).toBe('cn-mobile');
    expect(concept('iris_code')).toBe('biometric');
    expect(concept('pwd_upd_time')).toBe('timestamp');
    expect(level('pwd_upd_time')).toBeNull();
    expect(concept('loan_contract_id')).toBe('loan-info');
  });

  it('does not find English words inside pinyin or pinyin inside English words', () => {
    expect(level('page_no')).toBeNull();
    expect(level('card_issue_branch')).toBe('C1');
  });
});

describe('pinyin initials', () => {
  it('segments into morphemes and reads them as Chinese', () => {
    expect(concept('jkrsfzh')).toBe('cn-id-card');
    expect(concept('dbrzjhm')).toBe('cn-id-card');
    expect(concept('yhkmm')).toBe('password');
    expect(concept('skrzh')).toBe('bank-card');
    expect(concept('jyhye')).toBe('amount');
    expect(concept('mmcwcs')).toBe('counter');
  });

  it('mixes English and pinyin tokens', () => {
    expect(concept('cust_xm')).toBe('person-name');
    expect(concept('email_dz')).toBe('email');
    expect(concept('kh_mm')).toBe('password');
    expect(concept('chusheng_rq')).toBe('date-of-birth');
  });

  it('reads digraph-free abbreviations of common words', () => {
    expect(concept('cjsj')).toBe('timestamp');
    expect(concept('gxsj')).toBe('timestamp');
    expect(concept('xh')).toBe('identifier');
  });
});

describe('ambiguous names and context', () => {
  it('uses the table to pick the sense', () => {
    expect(level('mm')).toBe('C3'); // alone, the password reading is the safer default
    expect(level('mm', 't_yjtj')).toBeNull(); // 业绩统计: a month
    expect(concept('yxq', 't_xyk')).toBe('card-expiry');
    expect(concept('yxq', 't_zjxx')).toBe('personal-basic');
    expect(level('yxq', 't_lccp')).toBeNull();
    expect(concept('xm', 't_xmgl')).toBe('label');
    expect(concept('remark', 't_txn_jnl')).toBe('transaction');
    expect(concept('remark', 't_customer')).toBe('free-text');
    expect(concept('name', 't_customer')).toBe('person-name');
    expect(concept('name', 't_product')).toBe('label');
  });

  it('lets the comment decide, and says so', () => {
    const r = classifyField('mm', undefined, { table: 't_yjtj', comment: '月份' });
    expect(r.level).toBeNull();
    expect(r.concept).toBe('timestamp');
    expect(r.reasons.join(' ')).toMatch(/comment "月份"/);
    expect(classifyField('zh', undefined, { comment: '支行' }).level).toBeNull();
    expect(classifyField('col7', undefined, { comment: '客户手机号' }).kind).toBe('cn-mobile');
    expect(classifyField('f1', undefined, { comment: 'Customer ID card number' }).kind).toBe('cn-id-card');
  });

  it('keeps a specific name over a generic comment', () => {
    expect(classifyField('cust_id_no', undefined, { comment: '编号' }).kind).toBe('cn-id-card');
  });

  it('reads the first clause of a comment, then what is in brackets', () => {
    expect(commentClauses('安全码(CVN2)，3位')).toEqual(['安全码', 'CVN2']);
    expect(commentClauses('状态：0-正常 1-冻结')).toEqual(['状态']);
    expect(classifyField('x', undefined, { comment: '(CVN2)' }).kind).toBe('cvn');
  });

  it('names the table part of a dotted name', () => {
    expect(classifyField('t_branch.address').level).toBeNull();
    expect(classifyField('t_customer.address').level).toBe('C2');
  });
});

describe('whom the column describes', () => {
  it('drops personal-only concepts for branches, companies, products and systems', () => {
    expect(classifyField('address', undefined, { table: 't_atm' }).level).toBeNull();
    expect(classifyField('address', undefined, { table: 't_atm' }).kind).toBe('address');
    expect(level('server_ip')).toBeNull();
    expect(level('corp_uscc')).toBeNull();
    expect(level('uscc')).toBe('C2');
    expect(level('khmc', 't_qykh')).toBeNull();
    expect(concept('khmc', 't_qykh')).toBe('label');
    expect(level('khmc', 't_grkhxx')).toBe('C2');
  });

  it('keeps what is always personal, and natural persons in corporate tables', () => {
    expect(level('legal_rep_id_no', 't_corp_cust')).toBe('C2');
    expect(level('legal_rep_name', 't_corp_cust')).toBe('C2');
    expect(level('contact_mobile', 't_corp_cust')).toBe('C2');
    expect(level('password', 't_sys_user')).toBe('C3');
  });
});

describe('reasons', () => {
  it('explain the reading, the kind and the class', () => {
    const r = classifyField('zjhm');
    expect(r.reasons[0]).toBe('name "zjhm" is a known name of Mainland resident ID number (C2)');
    const p = classifyField('jkrsfzh');
    expect(p.reasons[0]).toBe('name "jkrsfzh" reads as 借款人身份证号: Mainland resident ID number (C2)');
    expect(classifyField('borrower_id_no').reasons[0]).toBe('name "borrower_id_no" reads as 借款人[idno]: Mainland resident ID number (C2)');
  });
});

describe('the vocabulary', () => {
  it('refers only to concepts that exist, with a class or none', async () => {
    const { CONCEPT_WORDS, AMBIGUOUS_WORDS } = await import('../../src/classify/vocabulary.js');
    const { getConcept, kindlessConceptIds } = await import('../../src/classify/index.js');
    const ids = new Set([...Object.keys(CONCEPT_WORDS), ...AMBIGUOUS_WORDS.flatMap((a) => a.alternatives.map((x) => x.concept))]);
    for (const id of ids) expect(getConcept(id), id).toBeDefined();
    for (const id of kindlessConceptIds()) expect(ids.has(id), `${id} has words`).toBe(true);
  });

  it('spells every word canonically (half-width, lower case, no separators)', async () => {
    const { CONCEPT_WORDS, QUALIFIERS, SUFFIXES } = await import('../../src/classify/vocabulary.js');
    const { canonicalFieldName } = await import('../../src/kinds/index.js');
    const words = [...Object.values(CONCEPT_WORDS).flat(), ...Object.values(QUALIFIERS).flat(), ...Object.values(SUFFIXES).flat()];
    for (const w of words) expect(canonicalFieldName(w), w).toBe(w);
  });
});

describe('whole-pinyin and English names of C3 and identity data', () => {
  it.each([
    ['zhifumima', 'password'],
    ['denglumima', 'password'],
    ['passphrase', 'password'],
    ['shengwen', 'biometric'],
    ['zhiwen', 'biometric'],
    ['shenfenzhenghao', 'cn-id-card'],
  ])('%s reads as %s', (name, kind) => {
    expect(classifyField(name).kind).toBe(kind);
  });
});

describe('the rest of a reading is context for its ambiguous head', () => {
  it.each([
    ['sfzyxq', 'personal-basic'], // 身份证有效期: the document's validity
    ['hzyxq', 'personal-basic'], // 护照有效期
    ['cpyxq', 'timestamp'], // 产品有效期
    ['card_yxq', 'card-expiry'], // 卡有效期
    ['xykyxq', 'card-expiry'],
  ])('%s reads as %s', (name, concept) => {
    expect(classifyField(name).concept).toBe(concept);
  });
});
