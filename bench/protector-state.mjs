/**
 * The hot paths in one plain-node process, with V8's ArrayBuffer-detaching protector intact or,
 * with `--detach`, invalidated the way one fetch() or worker transfer does (docs/ARCHITECTURE.md,
 * "V8's ArrayBuffer-detaching protector"). `npm run bench` runs under tsx, whose loader detaches
 * a buffer at startup, so it always measures the second state; this script shows the first.
 *
 *   npm run build && node bench/protector-state.mjs && node bench/protector-state.mjs --detach
 *
 * Prints ns per operation (median of 5 interleaved mitata rounds) and the ratios to the peers.
 */
import { createCipheriv, randomBytes as nodeRandom } from 'node:crypto';
import { measure } from 'mitata';
import smCryptoPkg from 'sm-crypto';
import { Cbc, FieldCipher, Keyring, LocalKeyProvider, Sm4, Sm4Gcm } from '../dist/index.js';
const detach = process.argv.includes('--detach');
if (detach) { const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] }); }
const { sm4: smc } = smCryptoPkg;
const key = new Uint8Array(nodeRandom(16)); const keyArr = Array.from(key);
const iv16 = new Uint8Array(nodeRandom(16)); const iv16Arr = Array.from(iv16);
const pt = new TextEncoder().encode('11010519491231002X'); const ptArr = Array.from(pt);
const gcm = new Sm4Gcm(key); const cbc = new Cbc(new Sm4(key));
const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
const cipher = new FieldCipher(keyring); const ctx = { context: 'customer.id_no' };
const env = cipher.encrypt('11010519491231002X', ctx);
const smcEnc = smc.encrypt(ptArr, keyArr, { mode: 'cbc', iv: iv16Arr, output: 'array' });
let sink;
const cases = {
  gcmSeal: () => gcm.sealWithRandomIv(pt),
  cbc: () => cbc.encrypt(iv16, pt),
  envEnc: () => cipher.encrypt('11010519491231002X', ctx),
  envDec: () => cipher.decrypt(env, ctx),
  smCbc: () => smc.encrypt(ptArr, keyArr, { mode: 'cbc', iv: iv16Arr, output: 'array' }),
  smCbcDec: () => smc.decrypt(smcEnc, keyArr, { mode: 'cbc', iv: iv16Arr, output: 'array' }),
  nodeCbc: () => { const c = createCipheriv('sm4-cbc', key, iv16); return [c.update(pt), c.final()]; },
};
const names = Object.keys(cases); const samples = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < 5; r++) for (let k = 0; k < names.length; k++) { const n = names[(k + r) % names.length]; const f = cases[n]; samples[n].push((await measure(() => { sink = f(); }, { min_cpu_time: 200e6 })).avg); }
const med = (a) => a.sort((x, y) => x - y)[2];
const m = Object.fromEntries(names.map((n) => [n, med(samples[n])]));
console.log(detach ? 'protector invalidated' : 'protector intact', Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(0)}ns`).join(' '));
console.log(`  gcm/smCbc ${(m.smCbc / m.gcmSeal).toFixed(2)}x  gcm/node ${(m.nodeCbc / m.gcmSeal).toFixed(2)}x  cbc/smCbc ${(m.smCbc / m.cbc).toFixed(2)}x  envEnc/smCbc ${(m.smCbc / m.envEnc).toFixed(2)}x  envDec/smCbcDec ${(m.smCbcDec / m.envDec).toFixed(2)}x`);
