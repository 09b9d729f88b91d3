/**
 * `npm run example:api`: the SDK in one page — a customer record's sensitive fields
 * encrypted into SM4 envelopes bound to their columns, searched by blind index, rotated, and
 * masked for display. Uses a throw-away master key; nothing is written to disk.
 */
import { FieldCipher, Keyring, LocalKeyProvider, Pseudonymizer, maskForScene, parseEnvelope, randomBytes } from '../src/index.js';

const record = {
  customer_no: 'C20240001',
  khmc: '欧阳娜娜',
  zjhm: '11010519491231002X',
  sjhm: '13812345678',
  yhkh: '6222021234567890128',
  balance: 128_000.5,
  opened_at: new Date('2019-03-01T09:30:00+08:00'),
};
const sensitive = ['khmc', 'zjhm', 'sjhm', 'yhkh', 'balance'] as const;

const out = (s = '') => process.stdout.write(s + '\n');

const provider = new LocalKeyProvider(LocalKeyProvider.generateMasterKey());
const keyring = await Keyring.create({ provider });
const cipher = new FieldCipher(keyring);

out('fieldshield API tour — 个人金融信息字段级保护\n');
out(`keyring: primary key ${keyring.primaryKeyId} (wrapped by a ${provider.name} master key, never stored in the clear)\n`);

out('1. storage scene: each sensitive field becomes an SM4-GCM envelope bound to its column');
const stored: Record<string, unknown> = { ...record };
for (const f of sensitive) stored[f] = cipher.encrypt(record[f], { context: `customer.${f}` });
for (const [k, v] of Object.entries(stored)) out(`   ${k.padEnd(12)} ${v instanceof Date ? v.toISOString() : String(v)}`);
const h = parseEnvelope(stored.zjhm as string);
out(`   header of zjhm: ${h.algorithm}, key ${h.keyId}, type ${h.valueType}, ${(stored.zjhm as string).length} characters\n`);

out('2. decrypt with the right context; the same envelope under another column fails');
out(`   customer.zjhm → ${cipher.decrypt(stored.zjhm as string, { context: 'customer.zjhm' })}`);
out(`   customer.balance → ${cipher.decrypt(stored.balance as string, { context: 'customer.balance' })} (type kept: number)`);
try {
  cipher.decrypt(stored.zjhm as string, { context: 'customer.sjhm' });
} catch (e) {
  out(`   customer.sjhm → ${(e as Error).name}: ${(e as Error).message}`);
}
out('');

out('3. lookups without decrypting: deterministic envelopes and blind indexes');
const d1 = cipher.encryptDeterministic(record.sjhm, { context: 'customer.sjhm' });
out(`   SM4-SIV twice, same value → equal: ${d1 === cipher.encryptDeterministic(record.sjhm, { context: 'customer.sjhm' })}`);
out(`   blind index of zjhm (32 bits): ${cipher.blindIndex(record.zjhm, { column: 'customer.zjhm', normalize: (s) => s.toUpperCase() })}\n`);

out('4. rotation and crypto-shredding');
const oldKey = keyring.primaryKeyId;
await keyring.rotate();
const rewrapped = cipher.rewrap(stored.zjhm as string, { context: 'customer.zjhm' });
out(`   rotated to ${keyring.primaryKeyId}; rewrapped zjhm now under ${parseEnvelope(rewrapped).keyId}`);
keyring.destroy(oldKey, { force: true });
try {
  cipher.decrypt(stored.sjhm as string, { context: 'customer.sjhm' });
} catch (e) {
  out(`   sjhm was not rewrapped; after destroying ${oldKey}: ${(e as Error).name}`);
}
out(`   rewrapped zjhm still decrypts: ${cipher.decrypt(rewrapped, { context: 'customer.zjhm' })}\n`);

out('5. masking (脱敏) per scene — fail-closed, Unicode-safe');
const kindOf = { khmc: 'person-name', zjhm: 'cn-id-card', sjhm: 'cn-mobile', yhkh: 'bank-card' } as const;
out(`   ${'field'.padEnd(6)} ${'display'.padEnd(22)} ${'analytics'.padEnd(22)} ${'log'.padEnd(22)} share`);
for (const [field, kind] of Object.entries(kindOf)) {
  const v = record[field as keyof typeof kindOf];
  const cells = (['display', 'analytics', 'log', 'share'] as const).map((scene) => String(maskForScene(v, kind, scene)).padEnd(22));
  out(`   ${field.padEnd(6)} ${cells.join(' ')}`);
}
out(`   password in a log line: ${maskForScene('123456', 'password', 'log')}; on screen: ${maskForScene('123456', 'password', 'display')}\n`);

out('6. dev/test data: irreversible, consistent, valid pseudonyms (HMAC-SM3 keyed)');
const pseudonyms = new Pseudonymizer(randomBytes(32));
for (const [field, kind] of Object.entries(kindOf)) {
  const v = record[field as keyof typeof kindOf];
  out(`   ${field.padEnd(6)} ${v.padEnd(20)} → ${pseudonyms.pseudonymize(v, kind)}`);
}
out(`   same input, same pseudonym (joins keep working): ${pseudonyms.pseudonymize('11010519491231002x', 'cn-id-card') === pseudonyms.pseudonymize(record.zjhm, 'cn-id-card')}`);
