/**
 * `npx tsx bench/hsm.ts [--quick]`: what an HSM costs. Keyring load time with 1, 10 and 100
 * wrapped DEKs through a real SoftHSM2 token (AES-GCM and AES-KWP wrapping) against
 * LocalKeyProvider, then field encrypt / decrypt ops/s after load for both: the token is
 * touched only while a keyring loads, never on the field path. Writes bench/results/hsm.json.
 *
 * Needs softhsm2-util and libsofthsm2.so (apt-get install softhsm2) and the pkcs11js binding.
 * The token lives in a temporary directory that is removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FieldCipher } from '../src/envelope/index.js';
import { Keyring, type KeyProvider, type KeyringDocument, LocalKeyProvider } from '../src/keys/index.js';
import { type MechanismOption, Pkcs11KeyProvider } from '../src/pkcs11/index.js';
import { keep } from './harness.js';

const quick = process.argv.includes('--quick');
const SIZES = [1, 10, 100] as const;
const LIBRARIES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so'];
const TOKEN = 'fs-bench';
const PIN_VAR = 'FS_BENCH_PIN';
const PIN = 'bench-pin-0000';

const library = process.env.FIELDSHIELD_SOFTHSM_LIBRARY ?? LIBRARIES.find((p) => existsSync(p));
if (library === undefined) {
  console.error('libsofthsm2.so not found: apt-get install softhsm2');
  process.exit(1);
}

// A throw-away token store: SoftHSM2 reads SOFTHSM2_CONF when the library initializes.
const dir = mkdtempSync(join(tmpdir(), 'fieldshield-bench-hsm-'));
mkdirSync(join(dir, 'tokens'));
const conf = join(dir, 'softhsm2.conf');
writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
process.env.SOFTHSM2_CONF = conf;
execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--so-pin', 'so-bench', '--pin', PIN], { stdio: 'pipe' });

interface LoadRow {
  provider: string;
  keys: number;
  runs: number;
  medianMs: number;
  meanMs: number;
  perKeyUs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

interface PairRow {
  operation: string;
  rounds: number;
  batch: number;
  hsmOpsPerSec: number;
  localOpsPerSec: number;
  /** Median over rounds of (HSM-loaded ops/s ÷ local-loaded ops/s) from adjacent batches. */
  ratio: number;
}

function timeBatch(fn: () => unknown, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) keep(fn());
  return Number(process.hrtime.bigint() - t0);
}

/**
 * Both keyrings' field operations in alternating batches (A B, B A, ...): on a shared, busy
 * machine the load hits both sides of each pair alike, so the paired ratio is the honest figure.
 */
function pair(operation: string, hsm: () => unknown, local: () => unknown): PairRow {
  timeBatch(hsm, 20_000);
  timeBatch(local, 20_000);
  const perOpNs = timeBatch(local, 5_000) / 5_000;
  const batch = Math.max(1_000, Math.round(25e6 / perOpNs)); // about 25 ms per batch
  const rounds = quick ? 6 : 20;
  const h: number[] = [];
  const l: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let hsmNs: number;
    let localNs: number;
    if (r % 2 === 0) {
      hsmNs = timeBatch(hsm, batch);
      localNs = timeBatch(local, batch);
    } else {
      localNs = timeBatch(local, batch);
      hsmNs = timeBatch(hsm, batch);
    }
    h.push((batch * 1e9) / hsmNs);
    l.push((batch * 1e9) / localNs);
    ratios.push(localNs / hsmNs);
  }
  return { operation, rounds, batch, hsmOpsPerSec: median(h), localOpsPerSec: median(l), ratio: median(ratios) };
}

function fmtOps(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(1)} k`;
}

async function documentWith(provider: KeyProvider, keys: number): Promise<KeyringDocument> {
  const ring = await Keyring.create({ provider });
  for (let i = 1; i < keys; i++) await ring.rotate();
  return ring.toJSON();
}

async function timeLoads(name: string, provider: KeyProvider, keys: number): Promise<LoadRow> {
  const doc = await documentWith(provider, keys);
  const runs = quick ? 5 : keys === 100 ? 15 : 40;
  for (let i = 0; i < 3; i++) keep(await Keyring.load(doc, { provider })); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    keep(await Keyring.load(doc, { provider }));
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const med = median(ms);
  return { provider: name, keys, runs, medianMs: med, meanMs: ms.reduce((a, b) => a + b, 0) / runs, perKeyUs: (med * 1000) / keys };
}

async function openHsm(label: string, mechanism: MechanismOption): Promise<Pkcs11KeyProvider> {
  return Pkcs11KeyProvider.generateKek({ library: library as string, token: { label: TOKEN }, pin: { env: PIN_VAR }, kek: { label }, mechanism, env: { [PIN_VAR]: PIN } });
}

const providers: { name: string; provider: KeyProvider }[] = [];
const hsmGcm = await openHsm('bench-kek-gcm', 'aes-gcm');
const hsmKwp = await openHsm('bench-kek-kwp', 'aes-kwp');
providers.push(
  { name: 'SoftHSM2, AES-GCM wrap', provider: hsmGcm },
  { name: 'SoftHSM2, AES-KWP wrap', provider: hsmKwp },
  { name: 'LocalKeyProvider (SM4-GCM in process)', provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) },
);

const env = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, library };
console.log(`fieldshield HSM benchmark — ${env.node} on ${env.cpu} (${env.cores} cores), ${library}\n`);

try {
  const loads: LoadRow[] = [];
  for (const keys of SIZES) for (const { name, provider } of providers) loads.push(await timeLoads(name, provider, keys));
  console.log('### Keyring.load: unwrap every DEK through the provider\n');
  console.log('| provider | wrapped DEKs | median ms | mean ms | µs per DEK |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of loads) console.log(`| ${r.provider} | ${r.keys} | ${r.medianMs.toFixed(3)} | ${r.meanMs.toFixed(3)} | ${r.perKeyUs.toFixed(1)} |`);
  console.log('');

  // The field path after load: same keyring size (10 keys) under each provider.
  const value = '11010519491231002X';
  const ctx = { context: 'customer.id_no' };
  const ciphers = await Promise.all(
    [providers[0], providers[2]].map(async (p) => {
      const { name, provider } = p as (typeof providers)[number];
      const keyring = await Keyring.load(await documentWith(provider, 10), { provider });
      const cipher = new FieldCipher(keyring);
      return { name, cipher, env: cipher.encrypt(value, ctx) };
    }),
  );
  const [hsmCipher, localCipher] = ciphers as [(typeof ciphers)[number], (typeof ciphers)[number]];
  const fieldOps: PairRow[] = [
    pair('FieldCipher.encrypt, 18-byte ID (SM4-GCM)', () => hsmCipher.cipher.encrypt(value, ctx), () => localCipher.cipher.encrypt(value, ctx)),
    pair('FieldCipher.decrypt, 18-byte ID (SM4-GCM)', () => hsmCipher.cipher.decrypt(hsmCipher.env, ctx), () => localCipher.cipher.decrypt(localCipher.env, ctx)),
  ];
  console.log('### Field operations after Keyring.load (10 keys), interleaved batches\n');
  console.log(`| operation | keyring via ${hsmCipher.name} | keyring via ${localCipher.name} | paired ratio (median) |`);
  console.log('|---|---:|---:|---:|');
  for (const r of fieldOps) console.log(`| ${r.operation} | ${fmtOps(r.hsmOpsPerSec)} ops/s | ${fmtOps(r.localOpsPerSec)} ops/s | ${r.ratio.toFixed(2)}x |`);
  console.log('\nA ratio near 1.00x: after load, where the KEK lives does not change the field path.');

  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'hsm.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ env: { ...env, quick }, keyringLoad: loads, fieldOps }, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
} finally {
  await hsmGcm.close();
  await hsmKwp.close();
  rmSync(dir, { recursive: true, force: true });
}
