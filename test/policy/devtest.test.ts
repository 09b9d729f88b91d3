/**
 * Dev/test data through the protector: irreversible, consistent, validity-preserving pseudonyms
 * (seed 000 art. 44) for every pseudonymizable kind, fixed dummies for C3 data and helpers.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Keyring } from '../../src/keys/index.js';
import { getKind, kinds, seededRng } from '../../src/kinds/index.js';
import { createProtector, type PolicyDocument } from '../../src/policy/index.js';
import { testKeyring } from '../helpers/keyring.js';
import { customerRow, CUSTOMER_POLICY_YAML, KIND_COLUMNS, SENSITIVE_COLUMNS } from './customer-table.js';

let keyring: Keyring;
beforeAll(async () => {
  ({ keyring } = await testKeyring());
});

const KEY_A = new Uint8Array(32).fill(0xa1);
const KEY_B = new Uint8Array(32).fill(0xb2);

/** The kinds the built-in policy pseudonymizes: C2 and not an authentication helper. */
const PSEUDONYMIZED = kinds.filter((k) => k.level === 'C2' && k.authHelper !== true);

/** One column per kind, named after it. */
const ALL_KINDS_POLICY: PolicyDocument = { rules: kinds.map((k) => ({ path: k.id, kind: k.id })) };

describe('devtest scene', () => {
  it('pseudonymizes every C2 kind into a value its own validator accepts, never the input', () => {
    const p = createProtector({ keyring, pseudonymKey: KEY_A, policy: ALL_KINDS_POLICY });
    expect(PSEUDONYMIZED.map((k) => k.id)).toEqual([
      'cn-id-card', 'bank-card', 'cn-mobile', 'cn-landline', 'person-name', 'address', 'email', 'passport', 'hk-macau-id',
      'taiwan-id', 'travel-permit', 'uscc', 'licence-plate', 'date-of-birth', 'amount', 'transaction', 'login-name',
    ]);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (seed) => {
        const rng = seededRng(seed);
        const record = Object.fromEntries(kinds.map((k) => [k.id, k.generate(rng)]));
        const out = p.protect(record, 'devtest');
        for (const k of PSEUDONYMIZED) {
          const v = out[k.id] as string;
          expect(k.detect(v).valid, `${k.id} pseudonym must pass its validator`).toBe(true);
          expect(v).not.toBe(k.normalize(record[k.id]));
        }
        // C3 data and authentication helpers get a fixed dummy; C1 data is kept.
        for (const k of kinds) {
          if (k.level === 'C3' || k.authHelper === true) expect(out[k.id], k.id).toBe('******');
          if (k.level === 'C1') expect(out[k.id], k.id).toBe(record[k.id]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is consistent for equal normalized inputs: across spellings, columns, tables and protectors', () => {
    const p = createProtector({ keyring, pseudonymKey: KEY_A, policy: CUSTOMER_POLICY_YAML });
    const other = createProtector({
      keyring,
      pseudonymKey: KEY_A,
      policy: { context: 't_loan', rules: [{ path: 'borrower.id', kind: 'cn-id-card' }, { path: 'borrower.phones[*]', kind: 'cn-mobile' }] },
    });
    const base = { ...customerRow(seededRng(Uint8Array.of(7))), id_no: '11010519491231002X', mobile: '13812345678', card_no: '6222021234567890128' };
    const a = p.protect(base, 'devtest');
    const b = p.protect({ ...base, id_no: '11010519491231002x', mobile: '+86 138-1234-5678', card_no: '6222 0212 3456 7890 128' }, 'devtest');
    for (const c of ['id_no', 'mobile', 'card_no']) expect(b[c], c).toBe(a[c]);
    const loan = other.protect({ borrower: { id: '11010519491231002X', phones: ['138 1234 5678'] } }, 'devtest') as { borrower: { id: string; phones: string[] } };
    expect(loan.borrower.id).toBe(a.id_no);
    expect(loan.borrower.phones[0]).toBe(a.mobile);
    // A new protector with the same key: same pseudonyms (runs and files stay joinable).
    expect(createProtector({ keyring, pseudonymKey: KEY_A, policy: CUSTOMER_POLICY_YAML }).protect(base, 'devtest')).toEqual(a);
    // Kept parts: the ID's region and birth year, the card's BIN, the mobile's carrier prefix.
    expect((a.id_no as string).slice(0, 10)).toBe('1101051949');
    expect((a.card_no as string).slice(0, 6)).toBe('622202');
    expect((a.mobile as string).slice(0, 3)).toBe('138');
  });

  it('differs under different keys', () => {
    const a = createProtector({ keyring, pseudonymKey: KEY_A, policy: CUSTOMER_POLICY_YAML });
    const b = createProtector({ keyring, pseudonymKey: KEY_B, policy: CUSTOMER_POLICY_YAML });
    const rng = seededRng(Uint8Array.of(1, 2, 3));
    const pseudonymized = SENSITIVE_COLUMNS.filter((c) => getKind(KIND_COLUMNS[c]).level === 'C2');
    const same = Object.fromEntries(pseudonymized.map((c) => [c, 0]));
    const rows = 300;
    for (let i = 0; i < rows; i++) {
      const row = customerRow(rng);
      const x = a.protect(row, 'devtest');
      const y = b.protect(row, 'devtest');
      for (const c of pseudonymized) if (x[c] === y[c]) same[c]++;
    }
    // Chance agreement only: a balance of 0.47 has 100 same-shaped candidates, hence the margin.
    for (const c of pseudonymized) expect(same[c], c).toBeLessThan(rows * 0.03);
  });
});
