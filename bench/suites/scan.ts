/**
 * Issue 9: finding and masking sensitive values in logs.
 * - redactText MB/s on a generated application log (Chinese and English lines, ~5% with a
 *   personal value), side by side with redact-pii on the same text (target >= 10x);
 * - linear scaling: the same scan on 10x the input must take at most 15x the time (the
 *   ratio column of these suites is time(10x) ÷ time(1x): 10 is linear);
 * - pino with and without fieldshield/pino: logs/s and the overhead.
 * Recall of both tools on the planted values is printed by bench/scan-recall.ts.
 */
import pino from 'pino';
import { SyncRedactor } from 'redact-pii';
import { protectPinoOptions } from '../../src/pino/index.js';
import { redactText, scanText } from '../../src/scan/index.js';
import type { BenchSuite } from '../harness.js';
import { generateLogCorpus } from '../scan-corpus.js';

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Inputs built to defeat a naive scanner, at a given size in UTF-16 units. */
export const ADVERSARIAL: Readonly<Record<string, (n: number) => string>> = {
  'long digit run': (n) => '1'.repeat(n),
  'digits and single spaces': (n) => '1 '.repeat(n / 2),
  'groups of four (never-ending card)': (n) => '6222 '.repeat(n / 5),
  'a@a@a@…': (n) => 'a@'.repeat(n / 2),
  'hex and colons': (n) => 'a:'.repeat(n / 2),
};

function scalingSuite(id: string, title: string, make: (n: number) => string): BenchSuite {
  const small = make(100_000);
  const large = make(1_000_000);
  return {
    id,
    title: `Linear scaling, ${title}: ratio column = time(1 MB) ÷ time(100 KB); 10 is linear, the limit is 15`,
    cases: [
      { name: 'scanText on 100 K characters', ours: true, fn: () => scanText(small) },
      { name: 'scanText on 1 M characters', how: 'same input, 10 times longer', fn: () => scanText(large) },
    ],
  };
}

export function scanSuites(): BenchSuite[] {
  const corpus = generateLogCorpus(2000, 1);
  const text = corpus.text;
  const redactor = new SyncRedactor();
  const suites: BenchSuite[] = [
    {
      id: 'scan-redact-log',
      title: `redactText on an application log (${corpus.lines.length} lines, ${corpus.planted.length} personal values, ${(utf8Length(text) / 1024).toFixed(0)} KiB)`,
      bytes: utf8Length(text),
      cases: [
        { name: 'fieldshield redactText (log scene)', ours: true, fn: () => redactText(text) },
        { name: 'fieldshield scanText (findings only)', ours: true, fn: () => scanText(text) },
        { name: 'redact-pii SyncRedactor', how: 'new SyncRedactor() once, default patterns, redact(text)', fn: () => redactor.redact(text), target: 10 },
      ],
    },
  ];

  const realistic = (n: number): string => {
    let s = text;
    while (s.length < n) s += text;
    return s.slice(0, n);
  };
  suites.push(scalingSuite('scan-linear-log', 'the application log', realistic));
  Object.entries(ADVERSARIAL).forEach(([name, make], i) => suites.push(scalingSuite(`scan-linear-adv${i}`, name, make)));

  // pino: one op = one log call. One record in 20 carries a personal value, as in the corpus.
  const sink = { write: (_s: string): void => {} };
  const plain = pino({ base: undefined }, sink);
  const pathRedact = pino({ base: undefined, redact: ['user.mobile', 'user.idNo', 'password'] }, sink);
  const guarded = pino(protectPinoOptions({ base: undefined }), sink);
  const records = Array.from({ length: 20 }, (_, i) =>
    i === 0
      ? { user: { mobile: '13812345678', idNo: '11010519491231002X' }, orderNo: 'SO20240501000123', amountFen: 123456 }
      : { userId: 884213 + i, path: `/api/v1/accounts/${i}/transactions`, status: 200, costMs: 12 + i, traceId: '5f3a9c0e7b1d4e2a9c8b7a6d5e4f3a2b' },
  );
  const messages = ['request completed', '客户身份证11010519491231002X 开户成功', ...Array.from({ length: 18 }, (_, i) => `交易成功 批次 ${i}`)];
  let k = 0;
  const logWith = (logger: pino.Logger) => () => {
    k = (k + 1) % 20;
    logger.info(records[k], messages[k]);
  };
  suites.push({
    id: 'scan-pino',
    title: 'pino: logs/s with fieldshield/pino (content + field names) vs plain pino (ratio < 1 is the overhead)',
    cases: [
      { name: 'pino + fieldshield/pino', ours: true, fn: logWith(guarded) },
      { name: 'pino, no protection', how: 'same records, no-op destination', fn: logWith(plain) },
      { name: 'pino redact paths (fast-redact)', how: "redact: ['user.mobile','user.idNo','password'] — only listed paths", fn: logWith(pathRedact) },
    ],
  });
  return suites;
}
