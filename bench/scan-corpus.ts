/**
 * A realistic application log corpus for the scanning benchmarks (issue 9): Java-style and pino
 * JSON lines, Chinese and English, with the numbers logs are full of (timestamps, order and
 * batch numbers, amounts, trace ids, UUIDs, durations, stack frames) and, on about 5% of the
 * lines, a planted sensitive value written the ways people write them (plain, grouped with
 * spaces or hyphens, with +86, full-width), with or without a context word. Every planted value
 * is recorded with its position, so recall can be measured. Deterministic for a seed.
 */
import { getKind, seededRng, type Rng } from '../src/kinds/index.js';
import { intBetween, pick, randomChars, randomDigits, uniformInt } from '../src/kinds/rng.js';
import type { ScanKind } from '../src/scan/types.js';

export interface PlantedValue {
  readonly kind: ScanKind;
  /** Offsets in the corpus text. */
  readonly start: number;
  readonly end: number;
  /** The value as written in the corpus. */
  readonly written: string;
  /** Whether a context word (身份证, 卡号, phone ...) stands before it. */
  readonly announced: boolean;
}

export interface LogCorpus {
  readonly text: string;
  readonly lines: readonly string[];
  /** Line index of each planted value, parallel to `planted`. */
  readonly plantedLines: readonly number[];
  readonly planted: readonly PlantedValue[];
}

const HEX = '0123456789abcdef';
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const THREADS = ['http-nio-8080-exec-', 'pool-3-thread-', 'scheduling-', 'kafka-consumer-'];
const CLASSES = [
  'c.b.p.TransferController', 'c.b.a.AccountService', 'c.b.c.CardQueryFacade', 'c.b.r.RiskEngine', 'c.b.n.SmsNotifier',
  'c.b.l.LoanApprovalJob', 'o.s.w.s.DispatcherServlet', 'c.b.g.GatewayFilter',
];

function timestamp(rng: Rng): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `2024-${p(intBetween(rng, 1, 12))}-${p(intBetween(rng, 1, 28))} ${p(uniformInt(rng, 24))}:${p(uniformInt(rng, 60))}:${p(uniformInt(rng, 60))}.${String(uniformInt(rng, 1000)).padStart(3, '0')}`;
}

function head(rng: Rng): string {
  return `${timestamp(rng)} ${pick(rng, LEVELS).padEnd(5)} [${pick(rng, THREADS)}${intBetween(rng, 1, 64)}] ${pick(rng, CLASSES)} - `;
}

function uuid(rng: Rng): string {
  return `${randomChars(rng, HEX, 8)}-${randomChars(rng, HEX, 4)}-4${randomChars(rng, HEX, 3)}-${randomChars(rng, HEX, 4)}-${randomChars(rng, HEX, 12)}`;
}

function amount(rng: Rng): string {
  return `${intBetween(rng, 1, 99999)}.${randomDigits(rng, 2)}`;
}

/** Lines without any personal value: what 95% of a bank's application log looks like. */
const CLEAN: readonly ((rng: Rng) => string)[] = [
  (r) => `${head(r)}transfer accepted, traceId=${randomChars(r, HEX, 32)}, orderNo=2024${randomDigits(r, 16)}, amount=${amount(r)}, costMs=${intBetween(r, 2, 900)}`,
  (r) => `${head(r)}批量代扣任务完成，批次号 B2024${randomDigits(r, 8)}，成功 ${intBetween(r, 100, 9999)} 笔，失败 ${uniformInt(r, 20)} 笔，耗时 ${amount(r)} 秒`,
  (r) => `{"level":30,"time":17${randomDigits(r, 11)},"pid":${intBetween(r, 1000, 65000)},"hostname":"app-${intBetween(r, 1, 40)}","reqId":"req-${randomChars(r, HEX, 5)}","msg":"request completed","res":{"statusCode":200},"responseTime":${amount(r)}}`,
  (r) => `${head(r)}cache hit key=acct:summary:${randomDigits(r, 6)} ttl=${intBetween(r, 60, 3600)}`,
  (r) => `${head(r)}GET /api/v1/accounts/${randomDigits(r, 6)}/transactions?page=${intBetween(r, 1, 30)}&size=50 200 ${intBetween(r, 3, 400)}ms`,
  (r) => `${head(r)}客户来电咨询信用卡年费问题，已解释并记录，工单号 GD2024${randomDigits(r, 8)}`,
  (r) => `${head(r)}交易成功：转账 ${amount(r)} 元，手续费 0.00 元，余额 ${intBetween(r, 1, 99)},${randomDigits(r, 3)}.${randomDigits(r, 2)} 元`,
  (r) => `${head(r)}用户登录成功 userId=${randomDigits(r, 7)} channel=APP version=5.${uniformInt(r, 10)}.${uniformInt(r, 10)} device=iPhone14,2`,
  (r) => `    at com.bank.pay.service.TransferService.execute(TransferService.java:${intBetween(r, 20, 900)})`,
  (r) => `${head(r)}java.lang.IllegalStateException: 账户状态异常 code=E${randomDigits(r, 4)} requestId=${uuid(r)}`,
  (r) => `${head(r)}Kafka offset committed partition=${uniformInt(r, 12)} offset=${randomDigits(r, 9)} lag=${uniformInt(r, 50)}`,
  (r) => `${head(r)}风控规则 R${randomDigits(r, 3)} 命中，评分 ${intBetween(r, 1, 100)}，决策 PASS，耗时 ${intBetween(r, 1, 80)}ms`,
  (r) => `${head(r)}scheduled job LoanApprovalJob finished in ${amount(r)}s, processed=${intBetween(r, 0, 5000)}, next run at ${timestamp(r)}`,
  (r) => `${head(r)}对账文件 RECON_${randomDigits(r, 8)}_${randomDigits(r, 6)}.txt 已生成，共 ${intBetween(r, 1000, 99999)} 条记录，校验和 ${randomChars(r, HEX, 16)}`,
];

/** How a value of a kind is written: plain, grouped, with +86, full-width ... */
function written(rng: Rng, kind: ScanKind, value: string): string {
  const sep = pick(rng, [' ', '-', ' ']);
  switch (kind) {
    case 'bank-card': {
      const style = uniformInt(rng, 3);
      if (style === 0) return value;
      return value.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
    }
    case 'cn-mobile': {
      const style = uniformInt(rng, 5);
      if (style === 0) return `${COUNTRY_CODE}${value}`;
      if (style === 1) return `${value.slice(0, 3)}${sep}${value.slice(3, 7)}${sep}${value.slice(7)}`;
      if (style === 2) return fullWidth(value);
      return value;
    }
    case 'cn-id-card':
      return uniformInt(rng, 6) === 0 ? fullWidth(value) : value;
    case 'cn-landline':
      return uniformInt(rng, 2) === 0 ? value : `${value.slice(0, value[1] === '1' || value[1] === '2' ? 3 : 4)}-${value.slice(value[1] === '1' || value[1] === '2' ? 3 : 4)}`;
    default:
      return value;
  }
}

/** Written before a mobile number; not part of the value (the scanner reports the national number). */
const COUNTRY_CODE = '+86 ';

function fullWidth(value: string): string {
  return value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

interface Template {
  readonly kind: ScanKind;
  readonly announced: boolean;
  readonly before: (rng: Rng) => string;
  readonly after: string;
}

/** Lines with a personal value: service notes, KYC and notification logs, JSON fields, bare values. */
const SENSITIVE: readonly Template[] = [
  { kind: 'cn-id-card', announced: true, before: (r) => `${head(r)}客户身份证号 `, after: ' 实名核验通过' },
  { kind: 'cn-id-card', announced: true, before: (r) => `${head(r)}KYC check passed for idNo=`, after: ', channel=APP' },
  { kind: 'cn-id-card', announced: false, before: (r) => `${head(r)}开户申请已受理：`, after: '，待复核' },
  { kind: 'bank-card', announced: true, before: (r) => `${head(r)}绑定银行卡 `, after: ' 成功' },
  { kind: 'bank-card', announced: true, before: (r) => `{"level":30,"time":17${randomDigits(r, 11)},"msg":"pay","cardNo":"`, after: '","amount":100}' },
  { kind: 'bank-card', announced: false, before: (r) => `${head(r)}代扣失败 `, after: ` 余额不足` },
  { kind: 'cn-mobile', announced: true, before: (r) => `${head(r)}短信验证码已发送至手机 `, after: '' },
  { kind: 'cn-mobile', announced: true, before: (r) => `${head(r)}SMS sent, phone=`, after: ' template=T102' },
  { kind: 'cn-mobile', announced: false, before: (r) => `${head(r)}备注：请联系 `, after: ' 王经理 谢谢' },
  { kind: 'cn-landline', announced: true, before: (r) => `${head(r)}客户联系电话 `, after: '，工作日可联系' },
  { kind: 'email', announced: true, before: (r) => `${head(r)}对账单已发送至邮箱 `, after: '' },
  { kind: 'email', announced: false, before: (r) => `${head(r)}notify `, after: ' ok' },
  { kind: 'passport', announced: true, before: (r) => `${head(r)}境外客户护照号码 `, after: ' 已登记' },
  { kind: 'uscc', announced: true, before: (r) => `${head(r)}企业统一社会信用代码 `, after: ' 工商核验通过' },
  { kind: 'hk-macau-id', announced: true, before: (r) => `${head(r)}香港身份证 `, after: ' 已上传' },
  { kind: 'taiwan-id', announced: true, before: (r) => `${head(r)}台湾身份证 `, after: ' 已核验' },
  { kind: 'licence-plate', announced: true, before: (r) => `${head(r)}ETC 签约车牌 `, after: ' 绑定成功' },
];

/** A value of the kind as generated by the kind itself (never a real person's). */
function generate(rng: Rng, kind: ScanKind): string {
  if (kind === 'passport') return 'E' + randomDigits(rng, 8);
  if (kind === 'hk-macau-id') {
    // The HK form (the kind also generates Macau numbers when asked, which carry no check digit).
    return getKind('hk-macau-id').generate(rng);
  }
  return getKind(kind).generate(rng);
}

/**
 * `lines` log lines, `sensitiveRate` of them with one planted value. Lines end with `\n`.
 */
export function generateLogCorpus(lines: number, seed = 1, sensitiveRate = 0.05): LogCorpus {
  const rng = seededRng(Uint8Array.of(seed & 0xff, (seed >>> 8) & 0xff, 0x5c, 0xa9));
  const out: string[] = [];
  const planted: PlantedValue[] = [];
  const plantedLines: number[] = [];
  let offset = 0;
  const threshold = Math.round(sensitiveRate * 10000);
  for (let i = 0; i < lines; i++) {
    let line: string;
    if (uniformInt(rng, 10000) < threshold) {
      const t = pick(rng, SENSITIVE);
      const before = t.before(rng);
      let w = written(rng, t.kind, generate(rng, t.kind));
      let lead = '';
      if (w.startsWith(COUNTRY_CODE)) {
        lead = COUNTRY_CODE;
        w = w.slice(COUNTRY_CODE.length);
      }
      line = before + lead + w + t.after;
      const at = offset + before.length + lead.length;
      planted.push({ kind: t.kind, start: at, end: at + w.length, written: w, announced: t.announced });
      plantedLines.push(i);
    } else {
      line = pick(rng, CLEAN)(rng);
    }
    out.push(line);
    offset += line.length + 1;
  }
  return { text: out.join('\n') + '\n', lines: out, planted, plantedLines };
}
