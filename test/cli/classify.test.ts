/**
 * `fieldshield classify` (table, JSON and HTML reports) and `fieldshield demo`, run as child
 * processes. The HTML report is parsed with a real HTML parser (parse5) and, when Chromium is
 * installed at /usr/bin/chromium, rendered headless to a screenshot; without it that one test
 * is skipped with a message (CI does not download a browser).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/policy/index.js';
import type { ClassificationReport } from '../../src/cli/report/report.js';
import { cliReady, customersCsv, runCli, tempDir } from './helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// .ci/run installs Chromium and sets FIELDSHIELD_REQUIRE_CHROMIUM=1: there the check must run, never skip.
if (!hasChromium && process.env.FIELDSHIELD_REQUIRE_CHROMIUM === '1') {
  throw new Error(`${CHROMIUM} is required (FIELDSHIELD_REQUIRE_CHROMIUM=1) but missing`);
}
if (!hasChromium) {
  console.warn(`[classify.test] ${CHROMIUM} not found: the headless-Chromium rendering check of the HTML report is skipped (apt-get install -y chromium to run it)`);
}

let dir: string;
let cleanup: () => void;
let original: string[][];

beforeAll(async () => {
  await cliReady();
  ({ dir, cleanup } = tempDir());
  const { text, table } = customersCsv(300, 'classify');
  original = table;
  writeFileSync(join(dir, 'customers.csv'), text);
});
afterAll(async () => {
  cleanup();
});

function elements(node: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    if ('tagName' in n) out.push(n);
    const kids = 'childNodes' in n ? n.childNodes : [];
    for (const k of kids) walk(k);
    if ('content' in n && n.content !== undefined) walk(n.content as Node);
  };
  walk(node);
  return out;
}
const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
function text(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? n.childNodes.map(text).join('') : '';
}

describe('classify', () => {
  it('prints a table of columns with class, kind, confidence and reasons, and writes JSON and HTML reports', async () => {
    const r = await runCli(['classify', 'customers.csv', '--json', 'report.json', '--html', 'report.html', '--threads', '2', '--chunk-bytes', '16384'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^COLUMN\s+CLASS\s+KIND\s+CONF\s+REASONS$/);
    expect(lines.find((l) => l.startsWith('id_no '))).toMatch(/^id_no\s+C2\s+cn-id-card\s+\d+%\s+name "id_no"/);
    expect(lines.find((l) => l.startsWith('cvv2 '))).toMatch(/^cvv2\s+C3\s+cvn\s/);
    expect(r.stdout).toMatch(/customers\.csv: 300 rows \(300 sampled\), 30 columns — C3 \d+, C2 \d+, C1 \d+, not PFI \d+/);

    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ClassificationReport;
    expect(report.rows).toBe(300);
    expect(report.classification.columns.map((c) => c.field)).toEqual(original[0]);
    const byField = new Map(report.classification.columns.map((c) => [c.field, c]));
    expect(byField.get('card_no')).toMatchObject({ level: 'C2', kind: 'bank-card' });
    expect(byField.get('login_pwd')).toMatchObject({ level: 'C3', kind: 'password' });
    const s = report.classification.summary;
    expect(s.C3 + s.C2 + s.C1 + s.none).toBe(30);
    // The report holds names and counts, never a value.
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    for (const v of original.slice(1, 20).flatMap((row) => [row[4], row[6], row[13]])) expect(json).not.toContain(v);

    // The HTML page, read with a real parser.
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const doc = parseHtml(html);
    const all = elements(doc);
    const rows = all.filter((e) => e.tagName === 'tr' && attr(e, 'data-class') !== undefined);
    expect(rows).toHaveLength(30);
    const classOf = (field: string): string | undefined => attr(rows.find((row) => text(row).includes(field)) as Element, 'data-class');
    expect(classOf('id_no')).toBe('C2');
    expect(classOf('cvv2')).toBe('C3');
    expect(classOf('customer_no')).toBe('C1');
    const counts = all.filter((e) => e.tagName === 'li' && attr(e, 'data-class') !== undefined);
    expect(counts.map((e) => [attr(e, 'data-class'), Number(text(e.childNodes[0]))])).toEqual([
      ['C3', s.C3],
      ['C2', s.C2],
      ['C1', s.C1],
      ['none', s.none],
    ]);
    // Self-contained: no script, no stylesheet link, nothing loaded by src/href, no url() in CSS.
    expect(all.filter((e) => e.tagName === 'script' || e.tagName === 'link' || e.tagName === 'img' || e.tagName === 'iframe')).toEqual([]);
    expect(all.filter((e) => attr(e, 'src') !== undefined || attr(e, 'href') !== undefined)).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/);
    for (const v of original.slice(1, 20).flatMap((row) => [row[4], row[6]])) expect(html).not.toContain(v);
  });

  it.skipIf(!hasChromium)('the HTML report renders in headless Chromium (no network)', async () => {
    const png = join(dir, 'report.png');
    const { stdout } = await promisify(execFile)(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Any attempt to reach the network would fail: the page must not need it.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--window-size=1280,1600',
        '--dump-dom',
        pathToFileURL(join(dir, 'report.html')).href,
      ],
      { timeout: 30_000, maxBuffer: 16 << 20 },
    );
    // The DOM Chromium built after loading the page has the whole table.
    expect(elements(parseHtml(stdout)).filter((e) => e.tagName === 'tr' && attr(e, 'data-class') !== undefined)).toHaveLength(30);
    await promisify(execFile)(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--host-resolver-rules=MAP * ~NOTFOUND', '--window-size=1280,1600', `--screenshot=${png}`, pathToFileURL(join(dir, 'report.html')).href], { timeout: 30_000 });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1280); // IHDR width
    // A page of coloured rows and text compresses far worse than a blank one (a few KB).
    expect(statSync(png).size).toBeGreaterThan(50_000);
  }, 60_000);

  it('classifies GBK input from stdin by its Chinese column names', async () => {
    const utf8 = '客户姓名,身份证号,手机号码,交易密码\n张三,11010519491231002X,13812345678,123456\n李四,440524188001010014,13912345678,654321\n';
    const r = await runCli(['classify', '-', '--format', 'csv', '--encoding', 'gb18030', '--threads', '0', '--json', 'gbk.json'], { cwd: dir, stdin: iconv.encode(utf8, 'gb18030') });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'gbk.json'), 'utf8')) as ClassificationReport;
    expect(report.input).toBe('stdin');
    expect(report.classification.columns.map((c) => [c.field, c.level, c.kind])).toEqual([
      ['客户姓名', 'C2', 'person-name'],
      ['身份证号', 'C2', 'cn-id-card'],
      ['手机号码', 'C2', 'cn-mobile'],
      ['交易密码', 'C3', 'password'],
    ]);
  });
});

describe('demo', () => {
  it('generates the table, classifies it, protects it for every scene and reveals it back', async () => {
    const demoDir = join(dir, 'demo');
    const r = await runCli(['demo', '--rows', '60', '--dir', demoDir], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('60 customers × 30 columns');
    expect(r.stdout).toMatch(/classify \(JR\/T 0171-2020\): C3 \d+, C2 \d+/);
    expect(r.stdout).toContain('decrypted file identical to customers.csv: yes');
    for (const scene of SCENES) expect(existsSync(join(demoDir, `customers.${scene}.csv`))).toBe(true);
    expect(existsSync(join(demoDir, 'classification.html'))).toBe(true);
    // The master key is written to its file and nowhere in the printed summary.
    const master = readFileSync(join(demoDir, 'master.key'), 'utf8').trim();
    expect(r.stdout).not.toContain(master);
  });
});
