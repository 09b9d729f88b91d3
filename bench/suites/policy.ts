/**
 * Issue 6: the Protector on a 30-column customer record with 8 sensitive fields (7 C2, 1 C3),
 * per scene, against the sum of the per-field costs — the same work each action does to its
 * value, done by calling FieldCipher, the mask helpers, and the kinds' validity checks with the
 * Pseudonymizer directly on those fields, without walking, copying or planning anything.
 * `fieldshield ÷ it` ≥ 0.8 means the engine's own overhead is under 25%.
 * Absolute targets: storage ≥ 150,000 records/s, display ≥ 500,000 records/s.
 */
import { FieldCipher } from '../../src/envelope/index.js';
import { Keyring, LocalKeyProvider } from '../../src/keys/index.js';
import { getKind } from '../../src/kinds/index.js';
import { compileMask, mask, presetFor, type CompiledMask, type MaskContext } from '../../src/mask/index.js';
import { createProtector } from '../../src/policy/index.js';
import { Pseudonymizer } from '../../src/pseudonym/index.js';
import { customerTable, CUSTOMER_POLICY_YAML, KIND_COLUMNS, SENSITIVE_COLUMNS } from '../../test/policy/customer-table.js';
import type { BenchSuite } from '../harness.js';

const ROWS = 64;

export async function policySuites(): Promise<BenchSuite[]> {
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
  const pseudonymKey = new Uint8Array(32).fill(0x42);
  const protector = createProtector({ keyring, policy: CUSTOMER_POLICY_YAML, pseudonymKey, onAudit: () => {} });
  const rows = customerTable(2025, ROWS);
  const stored = rows.map((r) => protector.protect(r, 'storage'));
  const who = { actor: 'bench', purpose: 'throughput' };

  // The sensitive fields of each row as the direct calls see them.
  const fields = SENSITIVE_COLUMNS.map((c) => ({ column: c, kind: getKind(KIND_COLUMNS[c]) }));
  const values = rows.map((r) => fields.map((f) => r[f.column] as string));
  const envelopes = stored.map((r) => fields.map((f) => r[f.column] as string));
  const cipher = new FieldCipher(keyring);
  const contexts = fields.map((f) => ({ context: `t_customer.${f.column}` }));
  const idIndex = { column: 't_customer.id_no', bits: 32, normalize: getKind('cn-id-card').normalize };
  const mobileIndex = { column: 't_customer.mobile', bits: 32, normalize: getKind('cn-mobile').normalize };
  const idAt = SENSITIVE_COLUMNS.indexOf('id_no');
  const mobileAt = SENSITIVE_COLUMNS.indexOf('mobile');
  const helpers = [mask.name, mask.idCard, mask.mobile, mask.email, mask.address, mask.bankCard, mask.password, mask.amount];
  const compiled: { fn: CompiledMask; ctx: MaskContext }[] = fields.map((f) => ({
    fn: compileMask(presetFor(f.kind, 'display')!),
    ctx: { kind: f.kind },
  }));
  const pseudonymizer = new Pseudonymizer(pseudonymKey);

  let i = 0;
  const next = () => (i = (i + 1) & (ROWS - 1));

  const suite = (
    id: string,
    title: string,
    ours: () => unknown,
    sumName: string,
    sum: () => unknown,
    extra: BenchSuite['cases'] = [],
    minPerSec?: BenchSuite['minPerSec'],
  ): BenchSuite => ({
    id,
    title,
    minPerSec,
    cases: [
      { name: `protector (${id.replace('policy-', '')})`, ours: true, fn: ours },
      { name: sumName, how: 'the same fields, direct calls, no record walk or copy', fn: sum, target: 0.8 },
      ...extra,
    ],
  });

  return [
    suite(
      'policy-storage',
      'protect(record, "storage"): 30 columns, 8 encrypted + 2 blind indexes — records/s',
      () => protector.protect(rows[next()], 'storage'),
      'sum: 8 × FieldCipher.encrypt + 2 × blindIndex',
      () => {
        const v = values[next()];
        const out: string[] = [];
        for (let j = 0; j < v.length; j++) out.push(cipher.encrypt(v[j], contexts[j]));
        out.push(cipher.blindIndex(v[idAt], idIndex), cipher.blindIndex(v[mobileAt], mobileIndex));
        return out;
      },
      [],
      { min: 150_000, unit: 'records/s' },
    ),
    suite(
      'policy-display',
      'protect(record, "display"): 30 columns, 8 masked — records/s',
      () => protector.protect(rows[next()], 'display'),
      'sum: 8 × mask.<kind> helpers',
      () => {
        const v = values[next()];
        const out: (string | null)[] = [];
        for (let j = 0; j < v.length; j++) out.push(helpers[j](v[j]));
        return out;
      },
      [
        {
          name: 'hand-written: { ...record } + 8 mask helpers',
          how: 'what a developer writes without a policy: copy, then mask the 8 fields',
          fn: () => {
            const r = rows[next()];
            return {
              ...r,
              cust_name: mask.name(r.cust_name as string),
              id_no: mask.idCard(r.id_no as string),
              mobile: mask.mobile(r.mobile as string),
              email: mask.email(r.email as string),
              home_addr: mask.address(r.home_addr as string),
              card_no: mask.bankCard(r.card_no as string),
              trade_pwd: mask.password(r.trade_pwd as string),
              balance: mask.amount(r.balance as string),
            };
          },
        },
        {
          name: 'floor: 8 × compiled preset rule',
          how: 'compileMask(presetFor(kind, "display")) called directly',
          fn: () => {
            const v = values[next()];
            const out: (string | null)[] = [];
            for (let j = 0; j < v.length; j++) out.push(compiled[j].fn(v[j], compiled[j].ctx));
            return out;
          },
        },
      ],
      { min: 500_000, unit: 'records/s' },
    ),
    suite(
      'policy-devtest',
      'protect(record, "devtest"): 30 columns, 7 pseudonyms + 1 fixed dummy — records/s',
      () => protector.protect(rows[next()], 'devtest'),
      'sum: 7 × (kind.detect + Pseudonymizer.pseudonymize)',
      () => {
        const v = values[next()];
        const out: string[] = [];
        for (let j = 0; j < v.length; j++) {
          const kind = fields[j].kind;
          // The action's own work: the validity check that makes it fail closed (a value that is
          // not of its kind is refused, not given a pseudonym of garbage), then the pseudonym.
          if (kind.level === 'C2' && kind.detect(v[j]).valid) out.push(pseudonymizer.pseudonymize(v[j], kind));
        }
        return out;
      },
      [
        {
          name: 'sum: 7 × Pseudonymizer.pseudonymize alone',
          how: 'without the validity check (the baseline until 2026-12-05)',
          fn: () => {
            const v = values[next()];
            const out: string[] = [];
            for (let j = 0; j < v.length; j++) if (fields[j].kind.level === 'C2') out.push(pseudonymizer.pseudonymize(v[j], fields[j].kind));
            return out;
          },
        },
      ],
    ),
    suite(
      'policy-reveal',
      'reveal(record): 30 columns, 8 decrypted, 8 audit events — records/s',
      () => protector.reveal(stored[next()], who),
      'sum: 8 × FieldCipher.decrypt',
      () => {
        const e = envelopes[next()];
        const out: unknown[] = [];
        for (let j = 0; j < e.length; j++) out.push(cipher.decrypt(e[j], contexts[j]));
        return out;
      },
    ),
  ];
}
