/**
 * Runs the customer service against an in-process PostgreSQL (PGlite):
 *
 *   npx tsx examples/customer-service/main.ts
 *
 * The master key here is generated per run (development only); production keyrings are
 * wrapped by a KMS or HSM through CallbackKeyProvider and loaded with Keyring.load.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { pathToFileURL } from 'node:url';
import { FieldCipher } from '../../src/envelope/index.js';
import { Keyring, LocalKeyProvider } from '../../src/keys/index.js';
import { CUSTOMER_DDL } from './schema.js';
import { CustomerService } from './service.js';

/** `client`: an existing PGlite to use (tests pass one); by default a fresh in-memory one. */
export async function run(log: (line: string) => void, client?: PGlite): Promise<void> {
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
  const cipher = new FieldCipher(keyring);
  client ??= await PGlite.create();
  try {
    await client.exec(CUSTOMER_DDL);
    const service = new CustomerService(drizzle(client), client, keyring, cipher);

    const zhang = await service.register({ name: '张三', idNo: '11010519491231002X', mobile: '13912345678', cardNo: '6222021234567890123', branch: '北京分行' });
    await service.register({ name: '李四', idNo: '440524188001010014', mobile: '13800138000', cardNo: '6217001234567890', branch: '广州分行' });
    log(`registered 2 customers (key ${keyring.primaryKeyId})`);

    const stored = await client.query<{ id_no: string; id_no_bidx: string }>('SELECT id_no, id_no_bidx FROM customer WHERE id = $1', [zhang]);
    log(`stored id_no: ${stored.rows[0].id_no.slice(0, 24)}… (${stored.rows[0].id_no.length} chars), index ${stored.rows[0].id_no_bidx}`);

    // Lower-case x and spaces: the cn-id-card kind normalizes before the blind index.
    const byId = await service.findByIdNo('110105 19491231 002x');
    log(`find by ID number: ${JSON.stringify(byId.map(({ name, idNo, mobile, cardNo, branch }) => ({ name, idNo, mobile, cardNo, branch })))}`);

    await service.changeMobile(zhang, '13700001111');
    log(`find by old mobile: ${(await service.findByMobile('13912345678')).length} rows; by new mobile: ${(await service.findByMobile('13700001111')).length} row`);

    const { before, after, retired } = await service.rotateKeys();
    log(`rows per key before rotation: ${JSON.stringify(before.keys)}`);
    log(`rows per key after rewrap:    ${JSON.stringify(after.keys)}; retired ${retired.join(', ')}`);
    log(`find by ID number after rotation: ${(await service.findByIdNo('11010519491231002X')).map((c) => c.name).join(', ')}`);
  } finally {
    await client.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run((line) => process.stdout.write(`${line}\n`));
}
